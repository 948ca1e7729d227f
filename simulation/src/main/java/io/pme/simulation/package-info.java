/**
 * The seeded market: correlated price paths with jumps and crashes, three oracle sources an asset (one of them
 * glitching now and then), stablecoins near 1, WBTC on BTC's path with a basis and rare de-pegs, option chains with
 * a smile, thousands of accounts of several kinds (some borrowing USDC against their collateral), and the venue's
 * side of liquidations (a desk filling liquidation orders, liquidators bidding in auctions); it reaches an engine
 * only through SBE frames on Aeron, like an external feed, gateway and exchange: its inputs on a publication, the
 * engine's outputs the desk answers on a subscription.
 */
package io.pme.simulation;
