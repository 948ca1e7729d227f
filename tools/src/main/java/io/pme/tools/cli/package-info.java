/**
 * The {@code pme} command line: {@code run} (the engine with the simulation), {@code replay}, {@code script},
 * {@code stat} and {@code margin} (the offline calculator), and registers {@code audit} (package
 * {@code io.pme.tools.audit}).
 */
package io.pme.tools.cli;
