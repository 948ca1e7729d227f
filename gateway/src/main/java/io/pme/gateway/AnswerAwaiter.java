package io.pme.gateway;

import io.pme.codecs.AccountState;
import io.pme.codecs.RejectReason;

/**
 * Catches the answer a blocking call of {@link PmeClient} waits for and passes everything else on to the context's
 * listener. Allocates only the response it catches.
 */
final class AnswerAwaiter implements PmeClientListener
{
    private long correlationId;
    private PmeClientListener next;
    private Status status;
    private RejectReason reason;
    private CheckResponse check;
    private QueryResponse query;

    void reset(final long correlationId, final PmeClientListener next)
    {
        this.correlationId = correlationId;
        this.next = next;
        status = null;
        reason = RejectReason.NONE;
        check = null;
        query = null;
    }

    public void onCheckResult(
        final long correlationId, final long accountId, final long clientOrderId, final boolean accepted,
        final RejectReason reason, final AccountState state, final double equity, final double initialMargin,
        final double maintenanceMargin, final double shortfall)
    {
        if (correlationId != this.correlationId)
        {
            next.onCheckResult(correlationId, accountId, clientOrderId, accepted, reason, state, equity,
                initialMargin, maintenanceMargin, shortfall);
            return;
        }
        status = accepted ? Status.ACCEPTED : Status.REJECTED;
        this.reason = reason;
        check = new CheckResponse(
            status, correlationId, reason, state, equity, initialMargin, maintenanceMargin, shortfall);
    }

    public void onQueryResult(
        final long correlationId, final long accountId, final int instrumentId, final RejectReason reason,
        final boolean wouldAccept, final AccountState state, final double equity, final double initialMargin,
        final double maintenanceMargin, final double afterEquity, final double afterInitialMargin,
        final double afterMaintenanceMargin)
    {
        if (correlationId != this.correlationId)
        {
            next.onQueryResult(correlationId, accountId, instrumentId, reason, wouldAccept, state, equity,
                initialMargin, maintenanceMargin, afterEquity, afterInitialMargin, afterMaintenanceMargin);
            return;
        }
        status = RejectReason.NONE == reason ? Status.ANSWERED : Status.REJECTED;
        this.reason = reason;
        query = new QueryResponse(status, correlationId, reason, wouldAccept, state, equity, initialMargin,
            maintenanceMargin, afterEquity, afterInitialMargin, afterMaintenanceMargin);
    }

    public void onMarginUpdate(
        final long timestampNs, final long accountId, final AccountState state, final AccountState previousState,
        final double equity, final double initialMargin, final double maintenanceMargin)
    {
        next.onMarginUpdate(timestampNs, accountId, state, previousState, equity, initialMargin,
            maintenanceMargin);
    }

    public void onLiquidation(
        final long timestampNs, final long accountId, final AccountState state, final double equity,
        final double maintenanceMargin)
    {
        next.onLiquidation(timestampNs, accountId, state, equity, maintenanceMargin);
    }

    public void onReject(final long correlationId, final int templateId, final RejectReason reason)
    {
        if (correlationId != this.correlationId)
        {
            next.onReject(correlationId, templateId, reason);
            return;
        }
        status = Status.REJECTED;
        this.reason = reason;
    }

    public void onAck(final long correlationId, final int templateId)
    {
        if (correlationId != this.correlationId)
        {
            next.onAck(correlationId, templateId);
            return;
        }
        status = Status.ACCEPTED;
    }

    public void onTimeout(final long correlationId)
    {
        if (correlationId != this.correlationId)
        {
            next.onTimeout(correlationId);
            return;
        }
        status = Status.TIMED_OUT;
    }

    Status status()
    {
        return status;
    }

    RejectReason reason()
    {
        return reason;
    }

    CheckResponse check()
    {
        return check;
    }

    QueryResponse query()
    {
        return query;
    }

    void timedOut()
    {
        status = Status.TIMED_OUT;
        reason = RejectReason.NONE;
    }
}
