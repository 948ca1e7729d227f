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
     * Answer to one of this client's checks, with the account's figures after the order.
     *
     * @param correlationId     of the check.
     * @param accountId         the order's account.
     * @param clientOrderId     the client's id of the order.
     * @param accepted          true when the order may go through; it then reserves margin until OrderDone or its
     *                          fills.
     * @param reason            NONE when accepted, else why not.
     * @param state             the account's state.
     * @param equity            the account's equity.
     * @param initialMargin     the account's initial margin with the order.
     * @param maintenanceMargin the account's maintenance margin with the order.
     * @param shortfall         how much equity the order lacks, 0 when accepted.
     */
    default void onCheckResult(
        final long correlationId, final long accountId, final long clientOrderId, final boolean accepted,
        final RejectReason reason, final AccountState state, final double equity, final double initialMargin,
        final double maintenanceMargin, final double shortfall)
    {
    }

    /**
     * Answer to one of this client's what-if queries: figures now (open orders as filled) and after the order.
     *
     * @param correlationId          of the query.
     * @param accountId              the account asked about.
     * @param instrumentId           the hypothetical order's instrument, or -1.
     * @param reason                 NONE when answered, else why not.
     * @param wouldAccept            whether a check of the order would be accepted.
     * @param state                  the account's state.
     * @param equity                 the account's equity now.
     * @param initialMargin          its initial margin now.
     * @param maintenanceMargin      its maintenance margin now.
     * @param afterEquity            its equity after the order.
     * @param afterInitialMargin     its initial margin after the order.
     * @param afterMaintenanceMargin its maintenance margin after the order.
     */
    default void onQueryResult(
        final long correlationId, final long accountId, final int instrumentId, final RejectReason reason,
        final boolean wouldAccept, final AccountState state, final double equity, final double initialMargin,
        final double maintenanceMargin, final double afterEquity, final double afterInitialMargin,
        final double afterMaintenanceMargin)
    {
    }

    /**
     * Margin figures of one of the accounts this client follows ({@link PmeClient.Context#accounts(long...)}).
     *
     * @param timestampNs       the engine clock of the change.
     * @param accountId         the account.
     * @param state             its state now.
     * @param previousState     its state before.
     * @param equity            its equity.
     * @param initialMargin     its initial margin.
     * @param maintenanceMargin its maintenance margin.
     */
    default void onMarginUpdate(
        final long timestampNs, final long accountId, final AccountState state, final AccountState previousState,
        final double equity, final double initialMargin, final double maintenanceMargin)
    {
    }

    /**
     * A followed account entered LIQUIDATION or BANKRUPT (also reported by {@link #onMarginUpdate}).
     *
     * @param timestampNs       the engine clock of the change.
     * @param accountId         the account.
     * @param state             LIQUIDATION or BANKRUPT.
     * @param equity            its equity.
     * @param maintenanceMargin its maintenance margin.
     */
    default void onLiquidation(
        final long timestampNs, final long accountId, final AccountState state, final double equity,
        final double maintenanceMargin)
    {
    }

    /**
     * One of this client's inputs was refused, by the engine or by its session boundary (NOT_AUTHORISED).
     *
     * @param correlationId of the input.
     * @param templateId    of the input.
     * @param reason        why.
     */
    default void onReject(final long correlationId, final int templateId, final RejectReason reason)
    {
    }

    /**
     * One of this client's inputs was applied (OrderDone, prices, ...).
     *
     * @param correlationId of the input.
     * @param templateId    of the input.
     */
    default void onAck(final long correlationId, final int templateId)
    {
    }

    /**
     * No answer to one of this client's inputs within the request timeout; it no longer counts as in flight.
     *
     * @param correlationId of the input.
     */
    default void onTimeout(final long correlationId)
    {
    }
}
