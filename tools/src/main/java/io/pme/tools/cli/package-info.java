/**
 * The {@code pme} command line: {@code run} (the engine with the simulation), {@code engine} (the engine alone, from
 * a config file), {@code simulate} (the simulation against a separate engine), {@code replay}, {@code script},
 * {@code stat} (a running engine's liveness and counters), {@code errors} (its distinct error log), {@code metrics}
 * (its counters served to Prometheus), {@code margin} (the offline calculator), {@code dashboard} (the live risk
 * dashboard), {@code audit} (package {@code io.pme.tools.audit}) and {@code stress} (package
 * {@code io.pme.tools.stress}).
 */
package io.pme.tools.cli;
