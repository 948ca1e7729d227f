package io.pme.engine.liquidation;

import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.RejectReason;
import io.pme.engine.logic.Booking;
import io.pme.engine.logic.Checks;
import io.pme.engine.logic.MarginExplanation;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.logic.MarginModel;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.Liquidations;
import io.pme.engine.state.OpenOrders;

/**
 * The liquidation waterfall, driven by message time inside the business logic: an account whose equity falls below
 * MM enters liquidation at the end of the input that caused it (its open orders released), then partial steps send
 * orders for slices of the position that relieves MM most per dollar of execution cost, until equity reaches
 * MM × (1 + buffer); if they do not, the whole portfolio goes to a descending auction among the liquidators; with no
 * valid bid, the insurance fund takes it at the bankruptcy value and unwinds it with orders of its own; a fund that
 * cannot cover the loss deleverages profitable accounts ({@link Deleveraging}) by exactly the deficit.
 * <p>
 * Every step is due at a message time; at most {@link LiquidationParameters#STEPS_PER_INPUT} due liquidations move
 * on per input, earliest first, so an input's work stays bounded however many accounts a crash puts in liquidation.
 */
public final class Liquidator
{
    /** The insurance fund is an account of its own, with this id (no AccountOpen may take it). */
    public static final long INSURANCE_FUND_ACCOUNT_ID = 0;

    private static final double COST_FLOOR = 1.0e-9;
    /** USD below which a negative fund equity is rounding, not a deficit. */
    static final double DEFICIT_FLOOR = 1.0e-6;
    private static final long NO_DEFICIT = -1;

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final OpenOrders orders;
    private final Liquidations liquidations;
    private final MarginModel model;
    private final Booking booking;
    private final AccountRefresh refresh;
    private final LiquidationOutput out;
    private final LiquidationParameters parameters = new LiquidationParameters();
    private LiquidationGate gate = LiquidationGate.OPEN;
    private final Deleveraging deleveraging;
    private final RankSweep rankSweep;
    private final DueQueue due;
    private final int[] entering;
    private final boolean[] queued;
    private final MarginFigures after = new MarginFigures();
    private final MarginExplanation explanation = new MarginExplanation();
    private final LiquidationNotice notice = new LiquidationNotice();
    private int enteringCount;
    private boolean fundInDeficit;
    private long deficitLiquidationId = NO_DEFICIT;
    private int chosenIndex;
    private double chosenSlice;
    private double chosenMark;
    private double chosenRelief;

    /**
     * @param state   the engine state the waterfall changes.
     * @param model   the margin model it decides with.
     * @param refresh recomputes and announces an account it changed.
     * @param out     where it announces what it does.
     */
    public Liquidator(
        final EngineState state, final MarginModel model, final AccountRefresh refresh, final LiquidationOutput out)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.orders = state.openOrders();
        this.liquidations = state.liquidations();
        this.model = model;
        this.booking = new Booking(state);
        this.refresh = refresh;
        this.out = out;
        deleveraging = new Deleveraging(state, model, booking, refresh, out, parameters);
        rankSweep = new RankSweep(state, model, parameters, out);
        due = new DueQueue(liquidations.capacity());
        entering = new int[accounts.capacity()];
        queued = new boolean[accounts.capacity()];
    }

    /** Sets what may hold a liquidation (the oracle); {@link LiquidationGate#OPEN} until then. */
    public void gate(final LiquidationGate gate)
    {
        this.gate = gate;
    }

    /**
     * What held liquidations is gone (an index trusted again, a de-peg pause over): every account below MM that is
     * not in liquidation is queued to enter at the end of the input, and every live liquidation is due again at its
     * own time. A pass over the accounts, on a rare event.
     */
    public void resume()
    {
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (accounts.liquidation(slot) < 0 && !queued[slot] &&
                AccountStates.isBelowMaintenanceMargin(accounts.state(slot)) &&
                INSURANCE_FUND_ACCOUNT_ID != accounts.accountId(slot) &&
                0 != parameters.whole(LiquidationParameters.ENABLED))
            {
                queued[slot] = true;
                entering[enteringCount++] = slot;
            }
        }
        for (int record = 0; record < liquidations.highWater(); record++)
        {
            if (liquidations.isLive(record) && liquidations.dueNs(record) == Long.MAX_VALUE)
            {
                schedule(record);
            }
        }
    }

    /** @return the liquidation rules in force. */
    public LiquidationParameters parameters()
    {
        return parameters;
    }

    /** @return true when the account is being liquidated. */
    public boolean isInLiquidation(final int slot)
    {
        return accounts.liquidation(slot) >= 0;
    }

    /**
     * The account's state changed: below MM it is queued to enter liquidation at the end of the input; an account in
     * partial liquidation that rose above MM is looked at again at once, so it stops as soon as it can.
     */
    public void onStateChange(final int slot, final byte newState)
    {
        if (INSURANCE_FUND_ACCOUNT_ID == accounts.accountId(slot))
        {
            // a market move took the fund below zero: deleveraging pays it at the end of the input
            fundInDeficit |= AccountStates.BANKRUPT == newState;
            return;
        }
        final int record = accounts.liquidation(slot);
        if (record >= 0)
        {
            if (Liquidations.PARTIAL == liquidations.stage(record) && !AccountStates.isBelowMaintenanceMargin(newState))
            {
                scheduleAt(record, state.nowNs());
            }
            return;
        }
        if (AccountStates.isBelowMaintenanceMargin(newState) && !queued[slot] &&
            0 != parameters.whole(LiquidationParameters.ENABLED))
        {
            queued[slot] = true;
            entering[enteringCount++] = slot;
        }
    }

    /**
     * At the end of every input that was applied: accounts that fell below MM during it enter liquidation, then the
     * earliest due liquidations move on.
     */
    public void onInputEnd()
    {
        // in account order: the order a tick reached them in is the margin model's, which no snapshot keeps
        java.util.Arrays.sort(entering, 0, enteringCount);
        for (int i = 0; i < enteringCount; i++)
        {
            final int slot = entering[i];
            queued[slot] = false;
            // held by the oracle: it stays below MM and enters when resume() finds it
            if (AccountStates.isBelowMaintenanceMargin(accounts.state(slot)) && accounts.liquidation(slot) < 0 &&
                gate.heldUntilNs(slot, state.nowNs()) <= state.nowNs())
            {
                enter(slot);
            }
        }
        enteringCount = 0;
        coverDeficitLeft();
        final long nowNs = state.nowNs();
        rankSweep.onInputEnd(nowNs);
        for (long budget = parameters.whole(LiquidationParameters.STEPS_PER_INPUT);
            budget > 0 && !due.isEmpty() && due.peekDueNs() <= nowNs; budget--)
        {
            advance(due.peek(), nowNs);
        }
        coverDeficitLeft();
    }

    // Deficits an input leaves (takeovers, the fund's fills, a paid bidder, a market move) are paid together: one
    // deleveraging for what they add up to, not one per bankruptcy, each a pass over the instrument's holders; at the
    // latest before the fund's own step, after the entering phase and after the due steps.
    private void deficitLeft(final long liquidationId)
    {
        if (NO_DEFICIT == deficitLiquidationId)
        {
            deficitLiquidationId = liquidationId;
        }
    }

    private void coverDeficitLeft()
    {
        if (fundInDeficit || NO_DEFICIT != deficitLiquidationId)
        {
            final long liquidationId = NO_DEFICIT == deficitLiquidationId ? 0 : deficitLiquidationId;
            deficitLiquidationId = NO_DEFICIT;
            coverFundDeficit(liquidationId);
            // the fund's own refresh in it reports the fund again: a deficit nobody could pay (UNCOVERED) waits
            // for the fund's next change, so no input ends with the flag set and a restore has nothing to rebuild
            fundInDeficit = false;
        }
    }

    /** Rebuilds what is derived from the liquidations in a restored state. */
    public void onRestore()
    {
        due.clear();
        enteringCount = 0;
        fundInDeficit = false;
        deficitLiquidationId = NO_DEFICIT;
        java.util.Arrays.fill(queued, false);
        for (int record = 0; record < liquidations.highWater(); record++)
        {
            if (liquidations.isLive(record))
            {
                due.schedule(record, liquidations.dueNs(record), liquidations.id(record));
            }
        }
    }

    private long dueNs(final int record)
    {
        if (Liquidations.AUCTION == liquidations.stage(record))
        {
            return liquidations.auctionEndNs(record);
        }
        return 0 != liquidations.orderId(record) ?
            liquidations.orderExpiresNs(record) : liquidations.nextStepNs(record);
    }

    private void schedule(final int record)
    {
        scheduleAt(record, dueNs(record));
    }

    private void scheduleAt(final int record, final long atNs)
    {
        liquidations.dueNs(record, atNs);
        due.schedule(record, atNs, liquidations.id(record));
    }

    private void enter(final int slot)
    {
        final long nowNs = state.nowNs();
        final int record = liquidations.start(slot, Liquidations.PARTIAL, nowNs);
        if (record < 0)
        {
            // every record in use: it stays below MM and is taken the next time its state is looked at
            return;
        }
        accounts.liquidation(slot, record);
        releaseOrders(slot, liquidations.id(record));
        model.explain(slot, -1, 0.0, explanation);
        announce(explained(start(LiquidationEventType.STARTED, record)));
        scheduleAt(record, nowNs);
    }

    // the venue cancels them: an account being liquidated keeps no reservation, nor does one just taken over
    private void releaseOrders(final int slot, final long liquidationId)
    {
        final long accountId = accounts.accountId(slot);
        for (int o = orders.first(slot); o != OpenOrders.NONE; )
        {
            final int next = orders.next(o);
            out.orderReleased(accountId, orders.clientOrderId(o), liquidationId);
            orders.remove(o);
            o = next;
        }
    }

    private void advance(final int record, final long nowNs)
    {
        final byte stage = liquidations.stage(record);
        final int slot = liquidations.slot(record);
        final long heldUntilNs = gate.heldUntilNs(slot, nowNs);
        if (heldUntilNs > nowNs)
        {
            // an order already at the venue may still fill; the next step, an auction's end or an expiry waits
            scheduleAt(record, heldUntilNs);
            return;
        }
        if (Liquidations.AUCTION == stage)
        {
            if (nowNs >= liquidations.auctionEndNs(record))
            {
                takeByFund(record);
            }
            else
            {
                schedule(record);
            }
            return;
        }
        if (Liquidations.UNWIND == stage)
        {
            // the fund plans its order on what deleveraging leaves it
            coverDeficitLeft();
        }
        // every decision below is on exact figures, so it comes out alike however the model skips work
        refresh.accountChanged(slot);
        if (Liquidations.PARTIAL == stage && isRecovered(slot))
        {
            recover(record);
            return;
        }
        if (0 != liquidations.orderId(record))
        {
            if (nowNs < liquidations.orderExpiresNs(record))
            {
                schedule(record);
                return;
            }
            withdrawOrder(record);
        }
        if (nowNs < liquidations.nextStepNs(record))
        {
            schedule(record);
            return;
        }
        if (Liquidations.PARTIAL == stage)
        {
            if (isRecovered(slot))
            {
                recover(record);
                return;
            }
            if (isAuctionDue(record, nowNs) || !plan(slot, false))
            {
                startAuction(record);
                return;
            }
        }
        else if (0 == accounts.positionCount(slot))
        {
            close(record);
            return;
        }
        else if (!plan(slot, true))
        {
            // nothing the fund holds can be priced now: it tries again a step later
            liquidations.stepTaken(record, after(nowNs, LiquidationParameters.STEP_INTERVAL_NS));
            schedule(record);
            return;
        }
        placeStep(record, slot, nowNs);
    }

    private long after(final long nowNs, final int rule)
    {
        return LiquidationParameters.after(nowNs, parameters.whole(rule));
    }

    private boolean isRecovered(final int slot)
    {
        final double equity = accounts.equity(slot);
        final double mm = accounts.maintenanceMargin(slot);
        return AccountStates.UNMARGINED != accounts.state(slot) &&
            equity >= mm * (1.0 + parameters.value(LiquidationParameters.RECOVERY_BUFFER)) &&
            (mm > 0.0 || equity > 0.0 || 0 == accounts.positionCount(slot) && equity >= 0.0);
    }

    private boolean isAuctionDue(final int record, final long nowNs)
    {
        final int slot = liquidations.slot(record);
        return liquidations.steps(record) >= parameters.whole(LiquidationParameters.MAX_PARTIAL_STEPS) ||
            nowNs - liquidations.startedNs(record) >= parameters.whole(LiquidationParameters.MAX_PARTIAL_NS) ||
            accounts.equity(slot) <=
                parameters.value(LiquidationParameters.AUCTION_EQUITY_FRACTION) * accounts.maintenanceMargin(slot);
    }

    /**
     * Chooses the position a step reduces: the one whose slice lowers MM most per USD of worst-case execution cost
     * (the limit band and the fee on the slice's value at the mark). The fund, which must go flat, takes the largest
     * slice by notional when no slice lowers its MM.
     *
     * @return false when no position qualifies.
     */
    private boolean plan(final int slot, final boolean unwind)
    {
        chosenIndex = -1;
        double bestScore = 0.0;
        double bestNotional = 0.0;
        int largest = -1;
        double largestSlice = 0.0;
        double largestMark = 0.0;
        final double mm = accounts.maintenanceMargin(slot);
        final double band = parameters.value(LiquidationParameters.LIMIT_BAND);
        final double fee = parameters.value(LiquidationParameters.FEE_RATE);
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final int instrumentId = accounts.positionInstrument(slot, i);
            final double quantity = accounts.positionQuantity(slot, i);
            final double mark = model.markPrice(instrumentId);
            final long expiryNs = instruments.expiryNs(instrumentId);
            if (!(mark >= 0.0) || (expiryNs > 0 && expiryNs <= state.nowNs()))
            {
                continue;
            }
            final double multiplier = instruments.multiplier(instrumentId);
            final double spot = state.assets().price(instruments.underlying(instrumentId));
            final double slice = slice(Math.abs(quantity), multiplier * spot, unwind);
            final double notional = slice * multiplier * spot;
            if (notional > bestNotional || largest < 0)
            {
                bestNotional = notional;
                largest = i;
                largestSlice = slice;
                largestMark = mark;
            }
            model.whatIfExact(slot, instrumentId, -Math.signum(quantity) * slice, mark, after);
            if (!after.isMargined())
            {
                continue;
            }
            final double relief = mm - after.maintenanceMargin;
            final double cost = slice * multiplier * (mark * (band + fee) + COST_FLOOR * spot);
            final double score = relief / cost;
            if (relief > 0.0 && score > bestScore)
            {
                bestScore = score;
                chosenIndex = i;
                chosenSlice = slice;
                chosenMark = mark;
                chosenRelief = relief;
            }
        }
        if (chosenIndex < 0 && unwind && largest >= 0)
        {
            chosenIndex = largest;
            chosenSlice = largestSlice;
            chosenMark = largestMark;
            chosenRelief = 0.0;
        }
        return chosenIndex >= 0;
    }

    // the fund wants out, not back above MM: it sells whole positions, cut only by the per-step cap
    private double slice(final double held, final double notionalPerContract, final boolean unwind)
    {
        double slice = unwind ? held : held * parameters.value(LiquidationParameters.SLICE_FRACTION);
        if (notionalPerContract > 0.0)
        {
            slice = Math.max(slice, parameters.value(LiquidationParameters.MIN_SLICE_NOTIONAL) / notionalPerContract);
            slice = Math.min(slice, parameters.value(LiquidationParameters.MAX_STEP_NOTIONAL) / notionalPerContract);
        }
        return Math.min(slice, held);
    }

    private void placeStep(final int record, final int slot, final long nowNs)
    {
        final int instrumentId = accounts.positionInstrument(slot, chosenIndex);
        final double held = accounts.positionQuantity(slot, chosenIndex);
        final double signed = -Math.signum(held) * chosenSlice;
        final double band = parameters.value(LiquidationParameters.LIMIT_BAND);
        final double limit = chosenMark * (signed > 0.0 ? 1.0 + band : 1.0 - band);
        final long expiresNs = after(nowNs, LiquidationParameters.ORDER_TTL_NS);
        final long orderId = liquidations.placeOrder(record, instrumentId, signed, limit, expiresNs);
        liquidations.stepTaken(record, after(nowNs, LiquidationParameters.STEP_INTERVAL_NS));
        out.order(liquidations.id(record), orderId, accounts.accountId(slot), instrumentId, signed, limit, expiresNs);
        model.explain(slot, instrumentId, held, explanation);
        final LiquidationNotice n = explained(start(LiquidationEventType.STEP, record));
        n.instrumentId = instrumentId;
        n.quantity = signed;
        n.price = chosenMark;
        n.amount = chosenRelief;
        n.liquidationOrderId = orderId;
        n.untilNs = expiresNs;
        announce(n);
        schedule(record);
    }

    private void withdrawOrder(final int record)
    {
        final LiquidationNotice n = start(LiquidationEventType.ORDER_EXPIRED, record);
        n.instrumentId = liquidations.orderInstrument(record);
        n.quantity = liquidations.orderRemaining(record);
        n.price = liquidations.orderLimit(record);
        n.liquidationOrderId = liquidations.orderId(record);
        n.untilNs = liquidations.orderExpiresNs(record);
        announce(n);
        liquidations.orderDone(record);
    }

    private void recover(final int record)
    {
        if (0 != liquidations.orderId(record))
        {
            withdrawOrder(record);
        }
        announce(start(LiquidationEventType.RECOVERED, record));
        end(record);
    }

    private void close(final int record)
    {
        announce(start(LiquidationEventType.CLOSED, record));
        end(record);
    }

    private void end(final int record)
    {
        accounts.liquidation(liquidations.slot(record), -1);
        due.remove(record);
        liquidations.end(record);
    }

    /**
     * An execution of a liquidation order: booked at its price, a fee to the insurance fund (never more than the
     * equity left after the fill), then the liquidation stops if the account has recovered.
     *
     * @return {@link RejectReason#NONE} when booked, else why nothing changed.
     */
    public RejectReason onFill(final long liquidationOrderId, final double quantity, final double price)
    {
        final int record = liquidations.byOrderId(liquidationOrderId);
        if (record < 0)
        {
            return RejectReason.UNKNOWN_LIQUIDATION;
        }
        final double remaining = liquidations.orderRemaining(record);
        if (!Checks.isPositiveBounded(quantity))
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (quantity > Math.abs(remaining))
        {
            return RejectReason.EXCEEDS_ORDER;
        }
        final int instrumentId = liquidations.orderInstrument(record);
        final double limit = liquidations.orderLimit(record);
        final boolean validPrice = instruments.isOption(instrumentId) ?
            Checks.isNonNegativeBounded(price) : Checks.isPositiveBounded(price);
        if (!validPrice || (remaining > 0.0 ? price > limit : price < limit))
        {
            return RejectReason.INVALID_PRICE;
        }
        final int slot = liquidations.slot(record);
        final double signed = Math.signum(remaining) * quantity;
        booking.trade(slot, instrumentId, signed, price);
        final double fee = Liquidations.UNWIND == liquidations.stage(record) ?
            0.0 : fee(slot, quantity, price, instrumentId);
        if (fee > 0.0)
        {
            booking.transfer(slot, fundSlot(), state.assets().usdAssetId(), fee);
        }
        final long orderId = liquidations.orderId(record);
        if (Booking.isDust(Math.abs(remaining) - quantity, quantity))
        {
            liquidations.orderDone(record);
        }
        else
        {
            liquidations.orderRemaining(record, remaining - signed);
        }
        refresh.accountChanged(slot);
        final LiquidationNotice n = start(LiquidationEventType.FILLED, record);
        n.instrumentId = instrumentId;
        n.quantity = signed;
        n.price = price;
        n.amount = fee;
        n.liquidationOrderId = orderId;
        announce(n);
        if (fee > 0.0)
        {
            fundChanged(fee, liquidations.id(record));
        }
        afterFill(record, slot);
        return RejectReason.NONE;
    }

    private double fee(final int slot, final double quantity, final double price, final int instrumentId)
    {
        // the equity after the fill, exactly (the booking changed what the stored figures were computed from)
        model.whatIfExact(slot, -1, 0.0, 0.0, after);
        if (!after.isMargined() || fundSlot() < 0)
        {
            return 0.0;
        }
        final double fee = parameters.value(LiquidationParameters.FEE_RATE) * quantity *
            instruments.multiplier(instrumentId) * price;
        return Math.min(fee, Math.max(0.0, after.equity));
    }

    private void afterFill(final int record, final int slot)
    {
        final byte stage = liquidations.stage(record);
        if (Liquidations.PARTIAL == stage && isRecovered(slot))
        {
            recover(record);
            return;
        }
        if (Liquidations.UNWIND == stage)
        {
            if (0 == accounts.positionCount(slot))
            {
                if (0 != liquidations.orderId(record))
                {
                    withdrawOrder(record);
                }
                close(record);
                deficitLeft(liquidations.id(record));
                return;
            }
            deficitLeft(liquidations.id(record));
        }
        if (0 == liquidations.orderId(record))
        {
            schedule(record);
        }
    }

    private void startAuction(final int record)
    {
        if (0 != liquidations.orderId(record))
        {
            withdrawOrder(record);
        }
        final int slot = liquidations.slot(record);
        if (!(accounts.equity(slot) >= -fundAvailable()))
        {
            // the fund could not pay anyone to take it: no auction can clear
            takeByFund(record);
            return;
        }
        openAuction(record);
    }

    private void openAuction(final int record)
    {
        final int slot = liquidations.slot(record);
        final double equity = accounts.equity(slot);
        final double mm = accounts.maintenanceMargin(slot);
        final double floor = equity - parameters.value(LiquidationParameters.AUCTION_DISCOUNT) * mm;
        final long nowNs = state.nowNs();
        final long endNs = after(nowNs, LiquidationParameters.AUCTION_DURATION_NS);
        liquidations.auction(record, nowNs, endNs, equity, floor);
        model.explain(slot, -1, 0.0, explanation);
        final LiquidationNotice n = explained(start(LiquidationEventType.AUCTION_STARTED, record));
        n.price = equity;
        n.amount = floor;
        n.untilNs = endNs;
        announce(n);
        schedule(record);
    }

    /** @return the auction's price now: linear from its start price to its floor, never below what the fund has. */
    private double auctionPrice(final int record, final long nowNs)
    {
        final double start = liquidations.auctionStartPrice(record);
        final double floor = liquidations.auctionFloorPrice(record);
        final long startNs = liquidations.auctionStartNs(record);
        final long length = liquidations.auctionEndNs(record) - startNs;
        final double elapsed = length > 0 ? Math.min(1.0, (double)(nowNs - startNs) / length) : 1.0;
        return Math.max(start - (start - floor) * elapsed, -fundAvailable());
    }

    private double fundAvailable()
    {
        final int fund = accounts.slot(INSURANCE_FUND_ACCOUNT_ID);
        final int usd = state.assets().usdAssetId();
        return fund >= 0 && usd >= 0 ? Math.max(0.0, accounts.balance(fund, usd)) : 0.0;
    }

    /**
     * A liquidator's bid: the first bid at or above the auction's current price, from an account that passes its own
     * margin check with the portfolio, takes it over at that price.
     *
     * @return {@link RejectReason#NONE} when the bid won, else why nothing changed.
     */
    public RejectReason onBid(
        final long liquidationId, final long bidderAccountId, final double maxPrice, final long timestampNs)
    {
        final int record = liquidations.byId(liquidationId);
        if (record < 0)
        {
            return RejectReason.UNKNOWN_LIQUIDATION;
        }
        final long nowNs = Math.max(state.nowNs(), timestampNs);
        if (Liquidations.AUCTION != liquidations.stage(record) || nowNs > liquidations.auctionEndNs(record))
        {
            return RejectReason.AUCTION_CLOSED;
        }
        final int bidder = accounts.slot(bidderAccountId);
        final int slot = liquidations.slot(record);
        if (bidder < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (bidder == slot || INSURANCE_FUND_ACCOUNT_ID == bidderAccountId)
        {
            return RejectReason.INVALID_VALUE;
        }
        if (accounts.liquidation(bidder) >= 0)
        {
            return RejectReason.IN_LIQUIDATION;
        }
        if (!Checks.isBounded(maxPrice))
        {
            return RejectReason.INVALID_PRICE;
        }
        final double price = auctionPrice(record, nowNs);
        if (maxPrice < price)
        {
            return RejectReason.BID_BELOW_PRICE;
        }
        if (!hasRoomFor(bidder, slot))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        model.whatIfTakeover(bidder, slot, price, after);
        if (!after.isMargined())
        {
            return RejectReason.PRICE_UNAVAILABLE;
        }
        if (after.equity < after.initialMargin)
        {
            return RejectReason.INSUFFICIENT_MARGIN;
        }
        state.advanceClock(timestampNs);
        final int usd = state.assets().usdAssetId();
        moveEverything(slot, bidder, liquidationId);
        booking.transfer(bidder, slot, usd, price);
        refresh.accountChanged(bidder);
        final LiquidationNotice n = start(LiquidationEventType.AUCTION_WON, record);
        n.price = price;
        n.amount = price;
        n.counterpartyAccountId = bidderAccountId;
        announce(n);
        if (price < 0.0)
        {
            // the account was paid to be taken: the fund pays its negative balance
            coverAccount(record, slot, -price);
        }
        refresh.accountChanged(slot);
        close(record);
        deficitLeft(liquidationId);
        return RejectReason.NONE;
    }

    private boolean hasRoomFor(final int to, final int from)
    {
        int needed = accounts.positionCount(to);
        for (int i = 0, n = accounts.positionCount(from); i < n; i++)
        {
            needed += accounts.findPosition(to, accounts.positionInstrument(from, i)) < 0 ? 1 : 0;
        }
        return needed <= accounts.maxPositions();
    }

    // every position at its entry price (the P&L comes with it) and every balance, from one account to another
    private void moveEverything(final int from, final int to, final long liquidationId)
    {
        releaseOrders(from, liquidationId);
        while (accounts.positionCount(from) > 0)
        {
            final int last = accounts.positionCount(from) - 1;
            final int instrumentId = accounts.positionInstrument(from, last);
            final double quantity = accounts.positionQuantity(from, last);
            final double entry = accounts.positionEntryPrice(from, last);
            booking.trade(to, instrumentId, quantity, entry);
            booking.trade(from, instrumentId, -quantity, entry);
        }
        for (int a = 0, n = accounts.maxAssets(); a < n; a++)
        {
            final double balance = accounts.balance(from, a);
            if (0.0 != balance)
            {
                booking.transfer(from, to, a, balance);
            }
        }
    }

    private void takeByFund(final int record)
    {
        final int slot = liquidations.slot(record);
        final int fund = fundSlot();
        if (fund < 0 || !hasRoomFor(fund, slot))
        {
            final LiquidationNotice n = start(LiquidationEventType.UNCOVERED, record);
            n.amount = Math.max(0.0, -accounts.equity(slot));
            announce(n);
            // the fund has no room for it yet (its unwinding makes room): the liquidators are asked again
            openAuction(record);
            return;
        }
        refresh.accountChanged(slot);
        final double equity = accounts.equity(slot);
        moveEverything(slot, fund, liquidations.id(record));
        refresh.accountChanged(slot);
        final long id = liquidations.id(record);
        final LiquidationNotice n = start(LiquidationEventType.TAKEN_BY_FUND, record);
        n.amount = equity;
        n.counterpartyAccountId = INSURANCE_FUND_ACCOUNT_ID;
        announce(n);
        if (equity < 0.0)
        {
            final LiquidationNotice covered = start(LiquidationEventType.DEFICIT_COVERED, record);
            covered.amount = -equity;
            covered.counterpartyAccountId = INSURANCE_FUND_ACCOUNT_ID;
            announce(covered);
        }
        close(record);
        refresh.accountChanged(fund);
        out.insuranceFund(accounts.equity(fund), equity, id);
        unwindFund(fund);
        deficitLeft(id);
    }

    private void coverAccount(final int record, final int slot, final double amount)
    {
        final int fund = fundSlot();
        booking.transfer(fund, slot, state.assets().usdAssetId(), amount);
        final LiquidationNotice n = start(LiquidationEventType.DEFICIT_COVERED, record);
        n.amount = amount;
        n.counterpartyAccountId = INSURANCE_FUND_ACCOUNT_ID;
        announce(n);
        fundChanged(-amount, liquidations.id(record));
    }

    private void unwindFund(final int fund)
    {
        if (accounts.positionCount(fund) > 0 && accounts.liquidation(fund) < 0)
        {
            final int record = liquidations.start(fund, Liquidations.UNWIND, state.nowNs());
            if (record >= 0)
            {
                accounts.liquidation(fund, record);
                announce(start(LiquidationEventType.STARTED, record));
                schedule(record);
            }
        }
    }

    private void coverFundDeficit(final long liquidationId)
    {
        final int fund = accounts.slot(INSURANCE_FUND_ACCOUNT_ID);
        if (fund < 0)
        {
            return;
        }
        // exact figures, never what a read may have left stored: whether a deficit is seen must not depend on it
        refresh.accountChanged(fund);
        final double before = accounts.equity(fund);
        // rounding of the takeover's sums is not a deficit: nobody is deleveraged for a fraction of a cent
        if (!(before < -DEFICIT_FLOOR))
        {
            return;
        }
        deleveraging.cover(fund, -before, liquidationId);
        refresh.accountChanged(fund);
        out.insuranceFund(accounts.equity(fund), accounts.equity(fund) - before, liquidationId);
    }

    private void fundChanged(final double change, final long liquidationId)
    {
        final int fund = fundSlot();
        refresh.accountChanged(fund);
        out.insuranceFund(accounts.equity(fund), change, liquidationId);
    }

    /**
     * @return the insurance fund's account, opened the first time it is needed; -1 when no account is left for it.
     */
    public int fundSlot()
    {
        final int slot = accounts.slot(INSURANCE_FUND_ACCOUNT_ID);
        if (slot >= 0)
        {
            return slot;
        }
        final int opened = accounts.open(INSURANCE_FUND_ACCOUNT_ID, Accounts.CROSS);
        if (opened >= 0)
        {
            refresh.accountOpened(opened);
        }
        return opened;
    }

    private LiquidationNotice start(final LiquidationEventType stage, final int record)
    {
        final int slot = liquidations.slot(record);
        final LiquidationNotice n = notice.reset(
            stage, liquidations.id(record), accounts.accountId(slot), liquidations.steps(record));
        n.equity = accounts.equity(slot);
        n.initialMargin = accounts.initialMargin(slot);
        n.maintenanceMargin = accounts.maintenanceMargin(slot);
        return n;
    }

    private void announce(final LiquidationNotice n)
    {
        out.event(n);
    }

    private LiquidationNotice explained(final LiquidationNotice n)
    {
        n.equity = explanation.equity;
        n.initialMargin = explanation.initialMargin;
        n.maintenanceMargin = explanation.maintenanceMargin;
        n.worstUnderlying = explanation.worstUnderlying;
        n.worstScenario = explanation.worstScenario;
        n.worstScenarioLoss = explanation.worstScenarioLoss;
        n.contribution = explanation.contribution;
        return n;
    }
}
