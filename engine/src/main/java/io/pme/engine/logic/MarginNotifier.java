package io.pme.engine.logic;

import io.pme.engine.EngineCounters;
import io.pme.engine.borrowing.BorrowListener;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.liquidation.AccountRefresh;
import io.pme.engine.liquidation.LiquidationNotice;
import io.pme.engine.liquidation.LiquidationOutput;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.market.OracleOutput;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;

/**
 * Refreshes accounts through the margin model, announces their figures, and keeps the below-IM and below-MM
 * counts current from each state transition.
 */
final class MarginNotifier implements MarginListener, AccountRefresh, LiquidationOutput, OracleOutput, BorrowListener
{
    private static final io.pme.codecs.OracleState[] ORACLE_STATES =
    {
        io.pme.codecs.OracleState.NORMAL, io.pme.codecs.OracleState.PENDING, io.pme.codecs.OracleState.DEGRADED,
    };

    private final EngineState state;
    private final Accounts accounts;
    private final MarginModel model;
    private final Responses responses;
    private final EngineCounters counters;
    private long timestampNs;
    private long correlationId;
    private int clientId;
    private Liquidator liquidator;
    private Lender lender;

    MarginNotifier(
        final EngineState state, final MarginModel model, final Responses responses, final EngineCounters counters)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.model = model;
        this.responses = responses;
        this.counters = counters;
    }

    void liquidator(final Liquidator liquidator)
    {
        this.liquidator = liquidator;
    }

    void lender(final Lender lender)
    {
        this.lender = lender;
    }

    public void borrowRate(
        final int assetId, final double utilization, final double rate, final double index, final double totalDebt,
        final double poolSupply, final double interestIncome)
    {
        responses.borrowRate(timestampNs, correlationId, clientId, assetId, utilization, rate, index, totalDebt,
            poolSupply, interestIncome);
    }

    void input(final long timestampNs, final long correlationId, final int clientId)
    {
        this.timestampNs = timestampNs;
        this.correlationId = correlationId;
        this.clientId = clientId;
    }

    public void accountOpened(final int slot)
    {
        counters.accounts().incrementRelease();
        accountChanged(slot);
    }

    /** The account's own balances or positions changed: recompute and always announce. */
    public void accountChanged(final int slot)
    {
        final byte previous = accounts.state(slot);
        state.advanceClock(timestampNs);
        model.refresh(slot);
        transition(slot, previous, accounts.state(slot));
        if (null != liquidator && previous == accounts.state(slot))
        {
            // exact figures below MM enter liquidation whether or not a read since left the new state stored: the
            // stored state a transition is measured from is not a function of the inputs alone
            liquidator.onStateChange(slot, accounts.state(slot));
        }
        announce(slot, previous);
    }

    public void onStateChange(final int slot, final byte previousState)
    {
        transition(slot, previousState, accounts.state(slot));
        announce(slot, previousState);
    }

    public void order(
        final long liquidationId, final long liquidationOrderId, final long accountId, final int instrumentId,
        final double signedQuantity, final double limitPrice, final long expiresNs)
    {
        responses.liquidationOrder(timestampNs, correlationId, clientId, liquidationId, liquidationOrderId, accountId,
            instrumentId, signedQuantity, limitPrice, expiresNs);
    }

    public void event(final LiquidationNotice notice)
    {
        responses.liquidationEvent(timestampNs, correlationId, clientId, notice);
    }

    public void orderReleased(final long accountId, final long clientOrderId, final long liquidationId)
    {
        responses.orderReleased(timestampNs, correlationId, clientId, accountId, clientOrderId, liquidationId);
    }

    public void insuranceFund(final double balance, final double change, final long liquidationId)
    {
        responses.insuranceFund(timestampNs, correlationId, clientId, balance, change, liquidationId);
    }

    public void adlRank(final long accountId, final int band, final int instrumentId, final double rank)
    {
        responses.adlRank(timestampNs, correlationId, clientId, accountId, band, instrumentId, rank);
    }

    public void oracleStatus(
        final int assetId, final byte status, final byte previousStatus, final int cause, final int sourceId,
        final double index, final double candidate, final int fresh, final int used, final double spread,
        final long oldestAgeNs)
    {
        responses.oracleStatus(timestampNs, correlationId, clientId, assetId, ORACLE_STATES[status],
            ORACLE_STATES[previousStatus], io.pme.codecs.OracleCause.get((short)cause), sourceId, index, candidate,
            fresh, used, spread, oldestAgeNs);
    }

    public void effectiveParameters(
        final int assetId, final double priceRange, final double haircutScale, final long nowNs)
    {
        responses.parameterChange(timestampNs, correlationId, clientId, state.parameterVersion(),
            io.pme.codecs.ParameterChangeStatus.EFFECTIVE, nowNs, io.pme.codecs.ParameterId.PRICE_RANGE.value(),
            assetId, 0, priceRange, haircutScale);
    }

    /** A versioned parameter change, answered to the input being processed and seen by every client. */
    void parameterChange(
        final long version, final io.pme.codecs.ParameterChangeStatus status, final long effectiveNs,
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        responses.parameterChange(timestampNs, correlationId, clientId, version, status, effectiveNs, parameterId,
            assetId, index, value, value2);
    }

    /** Recounts from scratch, after a restore. */
    void recount()
    {
        long belowIm = 0;
        long belowMm = 0;
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            belowIm += AccountStates.isBelowInitialMargin(accounts.state(slot)) ? 1 : 0;
            belowMm += AccountStates.isBelowMaintenanceMargin(accounts.state(slot)) ? 1 : 0;
        }
        counters.belowInitialMargin().setRelease(belowIm);
        counters.belowMaintenanceMargin().setRelease(belowMm);
        counters.accounts().setRelease(accounts.count());
    }

    private void announce(final int slot, final byte previous)
    {
        responses.marginUpdate(
            timestampNs, correlationId, clientId, accounts.accountId(slot), accounts.state(slot), previous,
            accounts.equity(slot), accounts.initialMargin(slot), accounts.maintenanceMargin(slot),
            null == lender ? 0.0 : lender.debtUsd(slot));
    }

    private void transition(final int slot, final byte from, final byte to)
    {
        if (from != to)
        {
            if (null != liquidator)
            {
                liquidator.onStateChange(slot, to);
            }
            counters.belowInitialMargin().getAndAddRelease(
                (AccountStates.isBelowInitialMargin(to) ? 1 : 0) - (AccountStates.isBelowInitialMargin(from) ? 1 : 0));
            counters.belowMaintenanceMargin().getAndAddRelease(
                (AccountStates.isBelowMaintenanceMargin(to) ? 1 : 0) -
                (AccountStates.isBelowMaintenanceMargin(from) ? 1 : 0));
        }
    }
}
