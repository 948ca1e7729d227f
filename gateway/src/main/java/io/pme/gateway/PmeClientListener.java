package io.pme.gateway;

import io.pme.codecs.AccountState;
import io.pme.codecs.RejectReason;

/**
 * Callbacks of {@link PmeClient#poll(PmeClientListener, int)}, on the polling thread. Arguments are primitives or
 * shared enum constants, so a listener that keeps what it needs in its own fields allocates nothing. Every method
 * has an empty default: implement what you use.
 */
public interface PmeClientListener
{
    /**
     * Answer to one of this client's checks.
     *
     * @param accepted true when the order may go through; it then reserves margin until OrderDone or its fills.
     * @param reason   NONE when accepted, else why not.
     */
    default void onCheckResult(
        long correlationId, long accountId, long clientOrderId, boolean accepted, RejectReason reason,
        AccountState state, double equity, double initialMargin, double maintenanceMargin, double shortfall)
    {
    }

    /**
     * Answer to one of this client's what-if queries: figures now (open orders as filled) and after the order.
     */
    default void onQueryResult(
        long correlationId, long accountId, int instrumentId, RejectReason reason, boolean wouldAccept,
        AccountState state, double equity, double initialMargin, double maintenanceMargin,
        double afterEquity, double afterInitialMargin, double afterMaintenanceMargin)
    {
    }

    /**
     * Margin figures of one of the accounts this client follows ({@link PmeClient.Context#accounts(long...)}).
     */
    default void onMarginUpdate(
        long timestampNs, long accountId, AccountState state, AccountState previousState,
        double equity, double initialMargin, double maintenanceMargin)
    {
    }

    /**
     * A followed account entered LIQUIDATION or BANKRUPT (also reported by {@link #onMarginUpdate}).
     */
    default void onLiquidation(long timestampNs, long accountId, AccountState state, double equity,
        double maintenanceMargin)
    {
    }

    /**
     * One of this client's inputs was refused, by the engine or by its session boundary (NOT_AUTHORISED).
     */
    default void onReject(long correlationId, int templateId, RejectReason reason)
    {
    }

    /**
     * One of this client's inputs was applied (OrderDone, prices, ...).
     */
    default void onAck(long correlationId, int templateId)
    {
    }

    /**
     * No answer to one of this client's inputs within the request timeout; it no longer counts as in flight.
     */
    default void onTimeout(long correlationId)
    {
    }
}
