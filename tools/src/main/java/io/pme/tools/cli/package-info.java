/**
 * The {@code pme} command line: {@code run} (the engine with the simulation), {@code replay}, {@code script},
 * {@code stat} and {@code margin} (the offline calculator).
 */
package io.pme.tools.cli;
