package io.pme.bench;

import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.codecs.Side;
import io.pme.engine.logic.InputProcessor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A precomputed stream of pre-trade checks: {@link #SIZE} (account, instrument, signed quantity, limit) tuples,
 * each pre-encoded as an OrderCheck frame and the OrderDone frame that releases it, so a check followed by its
 * done leaves the state as it was. Only the correlation id (body offset 8) and the client order id are rewritten
 * in place for each use, so a stream of any length is fresh and never refused as a duplicate.
 */
public final class CheckStream
{
    public static final int SIZE = 1 << 16;
    public static final int MASK = SIZE - 1;
    private static final int STRIDE = 128;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int CORRELATION_OFFSET = HEADER + OrderCheckEncoder.correlationIdEncodingOffset();
    private static final int CHECK_ORDER_ID_OFFSET = HEADER + OrderCheckEncoder.clientOrderIdEncodingOffset();
    private static final int DONE_ORDER_ID_OFFSET = HEADER + OrderDoneEncoder.clientOrderIdEncodingOffset();
    public static final int CHECK_LENGTH = HEADER + OrderCheckEncoder.BLOCK_LENGTH;
    public static final int DONE_LENGTH = HEADER + OrderDoneEncoder.BLOCK_LENGTH;

    public final long[] accountIds = new long[SIZE];
    public final int[] instruments = new int[SIZE];
    public final double[] signedQuantities = new double[SIZE];
    public final double[] limits = new double[SIZE];
    public final UnsafeBuffer checks = new UnsafeBuffer(new byte[SIZE * STRIDE]);
    public final UnsafeBuffer dones = new UnsafeBuffer(new byte[SIZE * STRIDE]);

    /**
     * @param accounts    accounts 1..accounts exist.
     * @param hotAccounts when positive, checks come from only that many accounts spread over the book (the market
     *                    maker case: a few accounts sending most checks).
     */
    public CheckStream(
        final BenchMarket market, final int accounts, final int hotAccounts, final long seed, final int clientId)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final OrderCheckEncoder check = new OrderCheckEncoder();
        final OrderDoneEncoder done = new OrderDoneEncoder();
        final int pool = hotAccounts > 0 ? Math.min(hotAccounts, accounts) : accounts;
        for (int k = 0; k < SIZE; k++)
        {
            final int pick = random.nextInt(pool);
            final long accountId = 1L + (hotAccounts > 0 ? (long)pick * accounts / pool : pick);
            final int instrument = random.nextInt(market.instrumentCount());
            final double spot = BenchMarket.SPOTS[market.underlying(instrument)];
            final double units = 5_000 / spot * (0.2 + random.nextDouble());
            final double quantity = Math.max(0.01, Math.round(units * 100) / 100.0);
            final boolean buy = random.nextBoolean();
            final double fair = market.fairPrice(instrument);
            final double limit = market.isOption(instrument) ?
                Math.max(0.0, fair * (buy ? 1.02 : 0.98)) : fair * (buy ? 1.001 : 0.999);
            accountIds[k] = accountId;
            instruments[k] = instrument;
            signedQuantities[k] = buy ? quantity : -quantity;
            limits[k] = limit;
            check.wrapAndApplyHeader(checks, k * STRIDE, header).timestampNs(BenchMarket.NOW).correlationId(0)
                .clientId(clientId).accountId(accountId).instrumentId(instrument).side(buy ? Side.BUY : Side.SELL)
                .quantity(quantity).limitPrice(limit).clientOrderId(0);
            done.wrapAndApplyHeader(dones, k * STRIDE, header).timestampNs(BenchMarket.NOW).correlationId(0)
                .clientId(clientId).accountId(accountId).clientOrderId(0);
        }
    }

    /** @return the offset of check k's frame in {@link #checks} after stamping its ids. */
    public int stampCheck(final int k, final long correlationId, final long clientOrderId)
    {
        final int offset = (k & MASK) * STRIDE;
        checks.putLong(offset + CORRELATION_OFFSET, correlationId, LITTLE_ENDIAN);
        checks.putLong(offset + CHECK_ORDER_ID_OFFSET, clientOrderId, LITTLE_ENDIAN);
        return offset;
    }

    /** @return the offset of done k's frame in {@link #dones} after stamping its ids. */
    public int stampDone(final int k, final long correlationId, final long clientOrderId)
    {
        final int offset = (k & MASK) * STRIDE;
        dones.putLong(offset + CORRELATION_OFFSET, correlationId, LITTLE_ENDIAN);
        dones.putLong(offset + DONE_ORDER_ID_OFFSET, clientOrderId, LITTLE_ENDIAN);
        return offset;
    }

    /**
     * Applies check k and then the OrderDone of the same order through the business logic, so the book does not
     * grow: one check+done pair, two correlation ids.
     *
     * @param processor         the business logic.
     * @param k                 which check of the stream.
     * @param lastCorrelationId the client's last correlation id; the pair takes the next two.
     * @param clientOrderId     the order's id.
     * @return the pair's last correlation id.
     */
    public long checkAndDone(
        final InputProcessor processor, final int k, final long lastCorrelationId, final long clientOrderId)
    {
        processor.process(checks, stampCheck(k, lastCorrelationId + 1, clientOrderId), CHECK_LENGTH, -1);
        processor.process(dones, stampDone(k, lastCorrelationId + 2, clientOrderId), DONE_LENGTH, -1);
        return lastCorrelationId + 2;
    }
}
