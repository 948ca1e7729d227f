package io.pme.simulation;

import io.pme.codecs.AckEncoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.LiquidationEventEncoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.LiquidationOrderEncoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.Side;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A stand-in for the engine, for the liquidation desk: it answers every frame with an {@code Ack} stamped with the
 * frame's time, and on a fixed script places liquidation orders on BTC-PERP (a limit 1% through the last BTC price it
 * was sent) and opens auctions, as the engine's outputs would. Its outputs reach the simulation at once, or with a
 * lag: held until {@link #deliver()}. The script depends on the frames alone, so the same frames make the same
 * outputs. Allocation free when its outputs go out at once.
 */
final class ScriptedEngine implements FrameSink
{
    static final int BTC_PERPETUAL = 0;
    static final long ORDER_TTL_NS = 2_000_000_000L;
    static final long AUCTION_NS = 15_000_000_000L;
    static final double AUCTION_EQUITY = 1_000.0;
    static final double AUCTION_MM = 10_000.0;
    static final double AUCTION_FLOOR = AUCTION_EQUITY - 0.5 * AUCTION_MM;
    /** Contracts of the orders, in turn: 950 USD up to 9.5 M USD of BTC. */
    static final double[] ORDER_SIZES = { 0.01, 0.5, 5.0, 100.0 };

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int REMEMBERED = 1 << 16;

    private final MarketSimulation simulation;
    private final int orderEvery;
    private final int auctionEvery;
    private final boolean lagging;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final AckEncoder ack = new AckEncoder();
    private final LiquidationOrderEncoder order = new LiquidationOrderEncoder();
    private final LiquidationEventEncoder event = new LiquidationEventEncoder();
    private final OraclePriceDecoder price = new OraclePriceDecoder();
    private final LiquidationFillDecoder fill = new LiquidationFillDecoder();
    private final AuctionBidDecoder bid = new AuctionBidDecoder();
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[256]);
    private final ExpandableArrayBuffer held = new ExpandableArrayBuffer(1 << 16);
    private int heldLength;
    private final FrameSink inner;
    private long frames;
    private double btcPrice = Double.NaN;
    private long orders;
    private long auctions;
    private long fills;
    private long bids;
    private long lastTimestampNs;
    private boolean withdrawAll;
    private boolean endAll;
    private final long[] orderPlacedNs = new long[REMEMBERED];
    private final double[] orderLimit = new double[REMEMBERED];
    private final long[] auctionStartNs = new long[REMEMBERED];

    /**
     * @param orderEvery   a liquidation order after every this many frames of the steady market.
     * @param auctionEvery an auction after every this many.
     * @param lagging      whether outputs wait for {@link #deliver()}.
     * @param inner        also gets every frame, or null.
     */
    ScriptedEngine(
        final MarketSimulation simulation,
        final int orderEvery,
        final int auctionEvery,
        final boolean lagging,
        final FrameSink inner)
    {
        this.simulation = simulation;
        this.orderEvery = orderEvery;
        this.auctionEvery = auctionEvery;
        this.lagging = lagging;
        this.inner = inner;
    }

    /**
     * Makes every order be withdrawn as soon as placed, as the engine does when the account recovers.
     */
    void withdrawOrders()
    {
        withdrawAll = true;
    }

    /**
     * Makes every auction be won as soon as opened, as by a bidder outside the simulation.
     */
    void endAuctions()
    {
        endAll = true;
    }

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != inner && !inner.offer(buffer, offset, length))
        {
            return false;
        }

        header.wrap(buffer, offset);
        final int body = offset + HEADER;
        final long timestampNs = buffer.getLong(body, ByteOrder.LITTLE_ENDIAN);
        lastTimestampNs = timestampNs;
        switch (header.templateId())
        {
            case OraclePriceDecoder.TEMPLATE_ID:
                price.wrap(buffer, body, header.blockLength(), header.version());
                if (MarketCatalogue.BTC == price.assetId())
                {
                    btcPrice = price.price();
                }
                break;

            case LiquidationFillDecoder.TEMPLATE_ID:
                fill.wrap(buffer, body, header.blockLength(), header.version());
                fills++;
                break;

            case AuctionBidDecoder.TEMPLATE_ID:
                bid.wrap(buffer, body, header.blockLength(), header.version());
                bids++;
                break;

            default:
                break;
        }

        ack.wrapAndApplyHeader(output, 0, headerEncoder)
            .timestampNs(timestampNs)
            .correlationId(buffer.getLong(body + 8, ByteOrder.LITTLE_ENDIAN))
            .clientId(buffer.getInt(body + 16, ByteOrder.LITTLE_ENDIAN))
            .templateId(header.templateId());
        publish(HEADER + ack.encodedLength());

        frames++;
        if (frames > simulation.referenceFrameCount() && !Double.isNaN(btcPrice))
        {
            if (0 == frames % orderEvery)
            {
                placeOrder(timestampNs);
            }
            if (0 == frames % auctionEvery)
            {
                openAuction(timestampNs);
            }
        }

        return true;
    }

    /**
     * Hands every output held back to the simulation.
     */
    void deliver()
    {
        int at = 0;
        while (at < heldLength)
        {
            final int length = held.getInt(at);
            simulation.onOutput(held, at + 4, length);
            at += 4 + length;
        }
        heldLength = 0;
    }

    long orders()
    {
        return orders;
    }

    long auctions()
    {
        return auctions;
    }

    long fills()
    {
        return fills;
    }

    long bids()
    {
        return bids;
    }

    long lastTimestampNs()
    {
        return lastTimestampNs;
    }

    long orderPlacedNs(final long liquidationOrderId)
    {
        return orderPlacedNs[(int)liquidationOrderId % REMEMBERED];
    }

    double orderLimit(final long liquidationOrderId)
    {
        return orderLimit[(int)liquidationOrderId % REMEMBERED];
    }

    long auctionStartNs(final long liquidationId)
    {
        return auctionStartNs[(int)liquidationId % REMEMBERED];
    }

    /**
     * @return the size of the order with this id, as {@link #placeOrder} set it.
     */
    static double orderSize(final long liquidationOrderId)
    {
        return ORDER_SIZES[(int)((liquidationOrderId - 1) % ORDER_SIZES.length)];
    }

    static boolean orderSells(final long liquidationOrderId)
    {
        return 0 == liquidationOrderId % 2;
    }

    private void placeOrder(final long timestampNs)
    {
        final long id = ++orders;
        final boolean sells = orderSells(id);
        final double limit = btcPrice * (sells ? 0.99 : 1.01);
        orderPlacedNs[(int)id % REMEMBERED] = timestampNs;
        orderLimit[(int)id % REMEMBERED] = limit;
        order.wrapAndApplyHeader(output, 0, headerEncoder)
            .timestampNs(timestampNs)
            .correlationId(0)
            .clientId(0)
            .liquidationId(1_000_000 + id)
            .liquidationOrderId(id)
            .accountId(1_000_001)
            .instrumentId(BTC_PERPETUAL)
            .side(sells ? Side.SELL : Side.BUY)
            .quantity(orderSize(id))
            .limitPrice(limit)
            .expiresNs(timestampNs + ORDER_TTL_NS);
        publish(HEADER + order.encodedLength());
        if (withdrawAll)
        {
            event(timestampNs, LiquidationEventType.ORDER_EXPIRED, 1_000_000 + id, id);
        }
    }

    private void openAuction(final long timestampNs)
    {
        final long id = ++auctions;
        auctionStartNs[(int)id % REMEMBERED] = timestampNs;
        event.wrapAndApplyHeader(output, 0, headerEncoder)
            .timestampNs(timestampNs)
            .liquidationId(id)
            .accountId(1_000_002)
            .stage(LiquidationEventType.AUCTION_STARTED)
            .equity(AUCTION_EQUITY)
            .maintenanceMargin(AUCTION_MM)
            .price(AUCTION_EQUITY)
            .amount(AUCTION_FLOOR)
            .untilNs(timestampNs + AUCTION_NS);
        publish(HEADER + event.encodedLength());
        if (endAll)
        {
            event(timestampNs, LiquidationEventType.AUCTION_WON, id, 0);
        }
    }

    private void event(
        final long timestampNs, final LiquidationEventType stage, final long liquidationId, final long orderId)
    {
        event.wrapAndApplyHeader(output, 0, headerEncoder)
            .timestampNs(timestampNs)
            .liquidationId(liquidationId)
            .stage(stage)
            .liquidationOrderId(orderId);
        publish(HEADER + event.encodedLength());
    }

    private void publish(final int length)
    {
        if (!lagging)
        {
            simulation.onOutput(output, 0, length);
            return;
        }
        held.putInt(heldLength, length);
        held.putBytes(heldLength + 4, output, 0, length);
        heldLength += 4 + length;
    }
}
