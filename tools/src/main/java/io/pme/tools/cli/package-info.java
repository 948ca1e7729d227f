/**
 * The {@code pme} command line: {@code run} (the engine with the simulation), {@code replay}, {@code script},
 * {@code stat} (a running engine's liveness and counters), {@code errors} (its distinct error log),
 * {@code metrics} (its counters served to Prometheus), {@code margin} (the offline calculator) and
 * {@code dashboard} (the live risk dashboard).
 */
package io.pme.tools.cli;
