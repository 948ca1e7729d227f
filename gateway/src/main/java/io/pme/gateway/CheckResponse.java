package io.pme.gateway;

import io.pme.codecs.AccountState;
import io.pme.codecs.RejectReason;

/**
 * Answer of a blocking {@link PmeClient#check}: {@code status} says whether the engine answered at all; figures are
 * NaN unless it answered with a check result.
 */
public record CheckResponse(
    Status status, long correlationId, RejectReason reason, AccountState state,
    double equity, double initialMargin, double maintenanceMargin, double shortfall)
{
    /**
     * @return true when the engine accepted the order.
     */
    public boolean accepted()
    {
        return Status.ACCEPTED == status;
    }

    static CheckResponse of(final Status status, final long correlationId, final RejectReason reason)
    {
        return new CheckResponse(
            status, correlationId, reason, AccountState.NULL_VAL, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
