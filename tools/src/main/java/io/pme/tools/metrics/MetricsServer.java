package io.pme.tools.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.File;
import java.io.IOException;

/**
 * An HTTP server, in a process of its own beside the engine, serving the engine's counters as Prometheus text at
 * {@code /metrics}: the Prometheus client's server over an {@link EngineCollector}, in a registry of its own (no JVM
 * metrics of this side process, which would read as the engine's).
 */
public final class MetricsServer implements AutoCloseable
{
    private final HTTPServer server;

    private MetricsServer(final HTTPServer server)
    {
        this.server = server;
    }

    /**
     * Starts serving.
     *
     * @param countersFile the engine's counters file.
     * @param errorsFile   the engine's distinct error log.
     * @param host         the address to listen on.
     * @param port         the port to listen on, 0 for any free one.
     * @return the running server; {@link #close()} stops it.
     * @throws IOException when the port cannot be listened on.
     */
    public static MetricsServer start(final File countersFile, final File errorsFile, final String host,
        final int port) throws IOException
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new EngineCollector(countersFile, errorsFile));
        return new MetricsServer(HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart());
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return server.getPort();
    }

    /**
     * Stops serving.
     */
    public void close()
    {
        server.close();
    }
}
