package io.pme.gateway;

import io.pme.codecs.AccountState;
import io.pme.codecs.RejectReason;

/**
 * Answer of a blocking {@link PmeClient#query}: the account's figures now (open orders as filled) and after the
 * hypothetical order, which nothing reserves.
 */
public record QueryResponse(
    Status status, long correlationId, RejectReason reason, boolean wouldAccept, AccountState state,
    double equity, double initialMargin, double maintenanceMargin,
    double afterEquity, double afterInitialMargin, double afterMaintenanceMargin)
{
    static QueryResponse of(final Status status, final long correlationId, final RejectReason reason)
    {
        return new QueryResponse(status, correlationId, reason, false, AccountState.NULL_VAL,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
