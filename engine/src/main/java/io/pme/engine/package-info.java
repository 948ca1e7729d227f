/**
 * The engine assembled: {@code Engine} wires the pipeline and recovers on start; {@code EngineConfiguration} (system
 * properties and their defaults) and {@code EngineContext} (the settings, validated once by {@code conclude()});
 * {@code EngineCounters} (counters in a file of their own beside the Aeron directory, which {@code pme stat} reads from
 * another process), {@code EngineErrors} (the distinct error log), {@code CheckLatencyRecorder} (the pre-trade checks'
 * latency, recorded allocation-free by the business-logic thread in a fixed range) and {@code StrictProperties} (how
 * the sessions and risk-parameter files are read: a key given twice is an error naming both lines).
 */
package io.pme.engine;
