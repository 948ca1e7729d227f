package io.pme.engine.logic;

import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.market.Oracle;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * The one rule that decides an order, shared by the pre-trade check that reserves it ({@link Trading}) and the
 * what-if query that only asks ({@link MarginQueries}), so a what-if answers exactly as the check would: the order's
 * terms, whether it may be placed now, and whether the account's margin takes it. Allocation-free.
 */
final class OrderAcceptance
{
    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final MarginModel model;
    private final Oracle oracle;
    private final Lender lender;

    OrderAcceptance(final EngineState state, final MarginModel model, final Oracle oracle, final Lender lender)
    {
        this.lender = lender;
        this.oracle = oracle;
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.model = model;
    }

    /**
     * @param side     the decoded side, NULL_VAL for a code outside the schema.
     * @param quantity the unsigned quantity on the wire.
     * @return the quantity signed by the side: positive buys, negative sells.
     */
    static double signedQuantity(final Side side, final double quantity)
    {
        return Side.BUY == side ? quantity : -quantity;
    }

    /**
     * The order's own terms, whatever the account: a defined instrument, a side, a quantity and a limit price.
     *
     * @return {@link RejectReason#NONE} when the terms are valid, else the first one that is not.
     */
    RejectReason terms(final int instrumentId, final Side side, final double quantity, final double limitPrice)
    {
        if (!instruments.isDefined(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (Side.BUY != side && Side.SELL != side)
        {
            return RejectReason.INVALID_ENUM;
        }
        if (!Checks.isPositiveBounded(quantity))
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (!isValidTradePrice(instrumentId, limitPrice))
        {
            return RejectReason.INVALID_PRICE;
        }
        return RejectReason.NONE;
    }

    /**
     * Whether an order on a defined instrument may be placed for the account now: the instrument has not expired by
     * the engine's clock or the input's timestamp, and the account has room for a position in it.
     *
     * @return {@link RejectReason#NONE} when it may, else why not.
     */
    RejectReason placement(final int slot, final int instrumentId, final long timestampNs)
    {
        final long expiryNs = instruments.expiryNs(instrumentId);
        if (expiryNs > 0 && expiryNs <= Math.max(state.nowNs(), timestampNs))
        {
            return RejectReason.INSTRUMENT_EXPIRED;
        }
        if (!accounts.hasPositionRoom(slot, instrumentId))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        return RejectReason.NONE;
    }

    /**
     * Decides a valid order by margin: the account's figures with its open orders seen as filled, then with the
     * order filled at its limit too, and {@link #margin(int, MarginFigures, MarginFigures)} on the two; an order
     * that raises IM on an instrument whose underlying's oracle is DEGRADED (or would be by {@code nowNs}) is refused
     * {@code PRICE_DEGRADED}; an option buy whose premium at the limit would create or raise a USD debt past its
     * limits is refused with the borrowing rule's reason ({@link Lender#checkBorrow(int, int, double)}).
     *
     * @param nowNs  the later of the engine clock and the message's time.
     * @param before filled with the figures without the order.
     * @param after  filled with the figures with the order.
     * @return {@link RejectReason#NONE} when accepted, else why not.
     */
    RejectReason decide(
        final int slot,
        final int instrumentId,
        final double signedQuantity,
        final double limitPrice,
        final long nowNs,
        final MarginFigures before,
        final MarginFigures after)
    {
        if (!model.isLoaded())
        {
            return RejectReason.MARGIN_MODEL_NOT_LOADED;
        }
        final RejectReason borrowProblem = premiumBorrow(slot, instrumentId, signedQuantity, limitPrice);
        if (RejectReason.NONE != borrowProblem)
        {
            return borrowProblem;
        }
        model.check(slot, instrumentId, signedQuantity, limitPrice, before, after);
        if (before.isMargined() && after.isMargined() && after.initialMargin > before.initialMargin &&
            oracle.isDegraded(instruments.underlying(instrumentId), nowNs))
        {
            // the last good index with a wider range still margins what is held; it does not open new risk
            return RejectReason.PRICE_DEGRADED;
        }
        return margin(slot, before, after);
    }

    private RejectReason premiumBorrow(
        final int slot, final int instrumentId, final double signedQuantity, final double limitPrice)
    {
        final int usd = state.assets().usdAssetId();
        if (usd < 0 || signedQuantity <= 0.0 || !instruments.isOption(instrumentId))
        {
            return RejectReason.NONE;
        }
        return lender.checkBorrow(slot, usd, signedQuantity * limitPrice * instruments.multiplier(instrumentId));
    }

    /**
     * The acceptance rule: accept when equity covers IM after the order or when the order lowers IM; an account in
     * RESTRICTED, LIQUIDATION or BANKRUPT, or being liquidated, may only lower it; no decision without both sets of
     * figures.
     *
     * @return {@link RejectReason#NONE}, {@link RejectReason#PRICE_UNAVAILABLE},
     * {@link RejectReason#RISK_REDUCING_ONLY} or {@link RejectReason#INSUFFICIENT_MARGIN}.
     */
    RejectReason margin(final int slot, final MarginFigures before, final MarginFigures after)
    {
        if (!after.isMargined() || !before.isMargined())
        {
            return RejectReason.PRICE_UNAVAILABLE;
        }
        final boolean reducesRisk = after.initialMargin <= before.initialMargin;
        if ((AccountStates.isBelowInitialMargin(accounts.state(slot)) || accounts.liquidation(slot) >= 0) &&
            !reducesRisk)
        {
            return RejectReason.RISK_REDUCING_ONLY;
        }
        if (after.equity >= after.initialMargin || reducesRisk)
        {
            return RejectReason.NONE;
        }
        return RejectReason.INSUFFICIENT_MARGIN;
    }

    /**
     * @return true when the price is a valid trade or limit price for the instrument: an option's premium may be
     * zero, any other price must be positive; all bounded.
     */
    boolean isValidTradePrice(final int instrumentId, final double price)
    {
        return instruments.isOption(instrumentId) ?
            Checks.isNonNegativeBounded(price) : Checks.isPositiveBounded(price);
    }
}
