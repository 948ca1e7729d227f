/**
 * The engine assembled: {@code Engine} wires the pipeline and recovers on start; {@code EngineConfiguration} (system
 * properties and their defaults) and {@code EngineContext} (the settings, validated once by {@code conclude()});
 * {@code EngineCounters} (counters in a file of their own beside the Aeron directory, which {@code pme stat} reads from
 * another process) and {@code EngineErrors} (the distinct error log).
 */
package io.pme.engine;
