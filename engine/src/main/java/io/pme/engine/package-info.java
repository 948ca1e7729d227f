/**
 * The engine assembled: {@code Engine} wires the pipeline and recovers on start; {@code EngineConfiguration} (system
 * properties and their defaults) and {@code EngineContext} (the settings, validated once by {@code conclude()});
 * {@code EngineThreadingMode} (a thread per stage, or one for all); {@code EngineCounters} (counters in a file of
 * their own beside the Aeron directory, headed by the engine's pid and heartbeat, which {@code pme stat} and
 * {@code pme metrics} read from another process; {@code LatencyBuckets} are its latency histograms),
 * {@code EngineErrors} (the distinct error log, in a file beside the counters which {@code pme errors} reads),
 * {@code LatencyRecorder} (latencies the business-logic thread records allocation-free in
 * a fixed range: each pre-trade check's arrival to decision, each input's hold of the thread) and
 * {@code StrictProperties} (how the sessions and risk-parameter files are read: a key given twice is an error naming
 * both lines).
 */
package io.pme.engine;
