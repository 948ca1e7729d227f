package io.pme.simulation;

/**
 * Behaviour of a simulated account: what it holds, what it trades.
 */
enum AccountKind
{
    /** Delta-hedged option books, large stablecoin and crypto collateral. */
    MARKET_MAKER,
    /** Leveraged perpetual and future positions, some close to their margin. */
    DIRECTIONAL,
    /** BTC or ETH balance with short out-of-the-money calls against it. */
    COVERED_CALL,
    /** Collateral only, no positions. */
    COLLATERAL_ONLY
}
