/**
 * The {@code pme} command line: {@code run} (the engine with the simulation), {@code replay}, {@code script},
 * {@code stat}, {@code margin} (the offline calculator) and {@code dashboard} (the live risk dashboard).
 */
package io.pme.tools.cli;
