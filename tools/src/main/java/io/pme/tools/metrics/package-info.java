/**
 * {@code pme metrics}: a side process serving the engine's counters file as Prometheus text over HTTP with the
 * Prometheus Java client; {@code CountersSnapshot} (one read of the counters file, its header's liveness and the
 * counters, which {@code pme stat} prints too), {@code EngineCollector} (the counters as metrics in Prometheus's
 * naming, the latency buckets as histograms) and {@code MetricsServer} (the HTTP server at {@code /metrics}).
 */
package io.pme.tools.metrics;
