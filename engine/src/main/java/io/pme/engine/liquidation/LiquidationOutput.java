package io.pme.engine.liquidation;

/**
 * Where the waterfall announces what it does: on the wire live, nowhere in replay. Every call is within the input
 * that caused it, so the frames carry that input's time, correlation id and client.
 */
public interface LiquidationOutput
{
    /** A liquidation order for the venue to execute. */
    void order(
        long liquidationId, long liquidationOrderId, long accountId, int instrumentId, double signedQuantity,
        double limitPrice, long expiresNs);

    /** One stage of a liquidation; the notice is only valid during the call. */
    void event(LiquidationNotice notice);

    /** An open order's reservation was released: the venue cancels the order. */
    void orderReleased(long accountId, long clientOrderId, long liquidationId);

    /** The insurance fund's value changed. */
    void insuranceFund(double balance, double change, long liquidationId);

    /** An account's auto-deleveraging rank band changed. */
    void adlRank(long accountId, int band, int instrumentId, double rank);
}
