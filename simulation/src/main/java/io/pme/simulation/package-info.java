/**
 * The seeded market: correlated price paths with jumps, stablecoins near 1, option chains with a smile, thousands of
 * accounts of several kinds; it reaches an engine only through SBE frames on Aeron publications, like an external feed
 * and gateway.
 */
package io.pme.simulation;
