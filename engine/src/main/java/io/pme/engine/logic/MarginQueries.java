package io.pme.engine.logic;

import io.pme.codecs.MarginQueryDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * What-if margin queries: an account's figures with its open orders seen as filled, and with a hypothetical order
 * added, answered the way a check would decide it, but nothing is reserved and no state changes. Journaled like any
 * input (its answer is a pure function of the state), so replay answers the same.
 */
final class MarginQueries
{
    static final int NO_INSTRUMENT = -1;

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final MarginModel model;
    private final Responses responses;
    private final MarginFigures now = new MarginFigures();
    private final MarginFigures after = new MarginFigures();

    MarginQueries(final EngineState state, final MarginModel model, final Responses responses)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.model = model;
        this.responses = responses;
    }

    /**
     * Answers the query with a margin query result, whatever it asks.
     */
    void onMarginQuery(final MarginQueryDecoder message)
    {
        final int slot = accounts.slot(message.accountId());
        now.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
        after.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
        RejectReason reason = validate(message, slot);
        boolean wouldAccept = false;
        if (RejectReason.NONE == reason)
        {
            model.withOpenOrders(slot, now);
            final int instrumentId = message.instrumentId();
            if (NO_INSTRUMENT == instrumentId)
            {
                after.set(now.equity, now.initialMargin, now.maintenanceMargin, now.state);
            }
            else
            {
                final double signedQuantity =
                    Side.BUY == Enums.side(message.sideRaw()) ? message.quantity() : -message.quantity();
                model.whatIf(slot, instrumentId, signedQuantity, message.limitPrice(), -1, 0.0, after);
            }
            if (!now.isMargined() || !after.isMargined())
            {
                reason = RejectReason.PRICE_UNAVAILABLE;
            }
            else
            {
                // the check's rule (Trading.decide): healthy after the order, or the order lowers IM
                final boolean reducesRisk = after.initialMargin <= now.initialMargin;
                wouldAccept = NO_INSTRUMENT != instrumentId &&
                    (AccountStates.mayOnlyReduceRisk(accounts.state(slot)) ? reducesRisk :
                    after.equity >= after.initialMargin || reducesRisk);
            }
        }
        responses.marginQueryResult(
            message.timestampNs(), message.correlationId(), message.clientId(), message.accountId(),
            message.instrumentId(), reason, wouldAccept, slot >= 0 ? accounts.state(slot) : AccountStates.UNMARGINED,
            now, after);
    }

    private RejectReason validate(final MarginQueryDecoder message, final int slot)
    {
        if (slot < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (!model.isLoaded())
        {
            return RejectReason.MARGIN_MODEL_NOT_LOADED;
        }
        final int instrumentId = message.instrumentId();
        if (NO_INSTRUMENT == instrumentId)
        {
            return RejectReason.NONE;
        }
        if (!instruments.isDefined(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final Side side = Enums.side(message.sideRaw());
        if (Side.BUY != side && Side.SELL != side)
        {
            return RejectReason.INVALID_ENUM;
        }
        if (!Checks.isPositiveBounded(message.quantity()))
        {
            return RejectReason.INVALID_QUANTITY;
        }
        final double price = message.limitPrice();
        if (instruments.isOption(instrumentId) ? !Checks.isNonNegativeBounded(price) : !Checks.isPositiveBounded(price))
        {
            return RejectReason.INVALID_PRICE;
        }
        final long expiryNs = instruments.expiryNs(instrumentId);
        if (expiryNs > 0 && expiryNs <= Math.max(state.nowNs(), message.timestampNs()))
        {
            return RejectReason.INSTRUMENT_EXPIRED;
        }
        if (!accounts.hasPositionRoom(slot, instrumentId))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        return RejectReason.NONE;
    }
}
