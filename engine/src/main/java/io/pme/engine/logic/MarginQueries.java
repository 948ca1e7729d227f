package io.pme.engine.logic;

import io.pme.codecs.MarginQueryDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.market.Oracle;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;

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
    private final MarginModel model;
    private final OrderAcceptance acceptance;
    private final Responses responses;
    private final MarginFigures now = new MarginFigures();
    private final MarginFigures after = new MarginFigures();

    MarginQueries(
        final EngineState state,
        final MarginModel model,
        final Responses responses,
        final Oracle oracle,
        final Lender lender)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.model = model;
        this.acceptance = new OrderAcceptance(state, model, oracle, lender);
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
            final int instrumentId = message.instrumentId();
            final RejectReason decision;
            if (NO_INSTRUMENT == instrumentId)
            {
                model.withOpenOrders(slot, now);
                after.set(now.equity, now.initialMargin, now.maintenanceMargin, now.state);
                decision = acceptance.margin(slot, now, after);
            }
            else
            {
                final double signedQuantity =
                    OrderAcceptance.signedQuantity(Enums.side(message.sideRaw()), message.quantity());
                decision = acceptance.decide(slot, instrumentId, signedQuantity, message.limitPrice(),
                    Math.max(state.nowNs(), message.timestampNs()), now, after);
            }
            // missing figures are the query's answer; any other refusal is only what a check would answer
            if (RejectReason.PRICE_UNAVAILABLE == decision)
            {
                reason = decision;
            }
            else
            {
                wouldAccept = NO_INSTRUMENT != instrumentId && RejectReason.NONE == decision;
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
        // without a model a what-if has no figures to answer with, whatever it asks; a check refuses the order first
        if (!model.isLoaded())
        {
            return RejectReason.MARGIN_MODEL_NOT_LOADED;
        }
        final int instrumentId = message.instrumentId();
        if (NO_INSTRUMENT == instrumentId)
        {
            return RejectReason.NONE;
        }
        final RejectReason terms = acceptance.terms(
            instrumentId, Enums.side(message.sideRaw()), message.quantity(), message.limitPrice());
        if (RejectReason.NONE != terms)
        {
            return terms;
        }
        return acceptance.placement(slot, instrumentId, message.timestampNs());
    }
}
