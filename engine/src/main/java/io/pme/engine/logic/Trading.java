package io.pme.engine.logic;

import io.pme.codecs.FillDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.EngineCounters;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.market.Oracle;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.OpenOrders;

/**
 * Pre-trade checks, the orders they accept, and the fills that turn orders into positions.
 */
final class Trading
{
    private final EngineState state;
    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final OpenOrders orders;
    private final OrderAcceptance acceptance;
    private final Booking booking;
    private final MarginModel model;
    private final MarginNotifier notifier;
    private final Responses responses;
    private final EngineCounters counters;
    private final MarginFigures before = new MarginFigures();
    private final MarginFigures after = new MarginFigures();

    Trading(
        final EngineState state,
        final MarginModel model,
        final MarginNotifier notifier,
        final Responses responses,
        final EngineCounters counters,
        final Oracle oracle,
        final Lender lender)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.orders = state.openOrders();
        this.acceptance = new OrderAcceptance(state, model, oracle, lender);
        this.booking = new Booking(state);
        this.model = model;
        this.notifier = notifier;
        this.responses = responses;
        this.counters = counters;
    }

    /**
     * Answers the check with a check result.
     *
     * @return true when the order was accepted (and now reserves margin).
     */
    boolean onOrderCheck(final OrderCheckDecoder message)
    {
        counters.checks().incrementRelease();
        final int slot = accounts.slot(message.accountId());
        RejectReason reason = validate(message, slot);
        after.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
        if (RejectReason.NONE == reason)
        {
            final int instrumentId = message.instrumentId();
            final double signedQuantity =
                OrderAcceptance.signedQuantity(Enums.side(message.sideRaw()), message.quantity());
            reason = acceptance.decide(slot, instrumentId, signedQuantity, message.limitPrice(),
                Math.max(state.nowNs(), message.timestampNs()), before, after);
            if (RejectReason.NONE == reason && OpenOrders.NONE == orders.add(
                slot, message.clientOrderId(), instrumentId, signedQuantity, message.limitPrice()))
            {
                reason = RejectReason.CAPACITY_EXCEEDED;
            }
            if (RejectReason.NONE == reason)
            {
                model.orderAccepted(slot);
            }
        }
        responses.checkResult(
            message.timestampNs(), message.correlationId(), message.clientId(), message.accountId(),
            message.clientOrderId(), reason, after);
        return RejectReason.NONE == reason;
    }

    private RejectReason validate(final OrderCheckDecoder message, final int slot)
    {
        if (slot < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        final int instrumentId = message.instrumentId();
        final RejectReason terms = acceptance.terms(
            instrumentId, Enums.side(message.sideRaw()), message.quantity(), message.limitPrice());
        if (RejectReason.NONE != terms)
        {
            return terms;
        }
        // only a check places an order, so only a check needs an order id of its own
        if (0 == message.clientOrderId())
        {
            return RejectReason.INVALID_VALUE;
        }
        if (OpenOrders.NONE != orders.find(slot, message.clientOrderId()))
        {
            return RejectReason.DUPLICATE_ORDER;
        }
        return acceptance.placement(slot, instrumentId, message.timestampNs());
    }

    RejectReason onOrderDone(final OrderDoneDecoder message)
    {
        final int slot = accounts.slot(message.accountId());
        if (slot < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        final int order = orders.find(slot, message.clientOrderId());
        if (OpenOrders.NONE == order)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        orders.remove(order);
        return RejectReason.NONE;
    }

    RejectReason onFill(final FillDecoder message)
    {
        final int slot = accounts.slot(message.accountId());
        final int instrumentId = message.instrumentId();
        final double quantity = message.quantity();
        final double price = message.price();
        final double fee = message.fee();
        final int usd = assets.usdAssetId();
        if (slot < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (!instruments.isDefined(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (!Checks.isNonZeroBounded(quantity))
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (!acceptance.isValidTradePrice(instrumentId, price) || !Checks.isBounded(fee))
        {
            return RejectReason.INVALID_PRICE;
        }
        if (usd < 0)
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (!accounts.hasPositionRoom(slot, instrumentId))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        booking.trade(slot, instrumentId, quantity, price);
        accounts.addBalance(slot, usd, -fee);
        state.addFees(fee);
        consumeOrder(slot, message.clientOrderId(), instrumentId, quantity);
        notifier.accountChanged(slot);
        return RejectReason.NONE;
    }

    private void consumeOrder(final int slot, final long clientOrderId, final int instrumentId, final double filled)
    {
        if (0 == clientOrderId)
        {
            return;
        }
        final int order = orders.find(slot, clientOrderId);
        // a fill naming an order on another instrument or on the other side is still booked, but it cannot release
        // that reservation (an opposite fill would otherwise grow the order)
        if (OpenOrders.NONE == order || orders.instrument(order) != instrumentId ||
            (filled > 0.0) != (orders.signedQuantity(order) > 0.0))
        {
            return;
        }
        final double remaining = orders.signedQuantity(order) - filled;
        if (remaining * orders.signedQuantity(order) <= 0.0)
        {
            orders.remove(order);
        }
        else
        {
            orders.signedQuantity(order, remaining);
        }
    }
}
