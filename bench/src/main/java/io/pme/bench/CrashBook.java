package io.pme.bench;

import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.AckEncoder;
import io.pme.codecs.AdlRankEncoder;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultEncoder;
import io.pme.codecs.DepositEncoder;
import io.pme.codecs.FillEncoder;
import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.LiquidationEventEncoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationOrderEncoder;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MarginUpdateEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderReleasedEncoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateEncoder;
import io.pme.codecs.RejectEncoder;
import io.pme.codecs.Side;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The crash fixture: a book of N cross-margin accounts built through the real {@link InputProcessor} (business logic
 * only, as {@link BenchState}: no ring, no journal, the outbox counts frames) of which exactly L are leveraged so
 * that a BTC tick of {@link #CRASH_FACTOR} × spot puts them below MM with equity well above the auction's fraction of
 * it (so each one takes partial steps), while the other N − L stay HEALTHY.
 * <p>
 * The market is {@link BenchMarket}'s (five assets, per underlying a perpetual, a future and 60 options). A leveraged
 * account holds BTC exposure E of 0.4–2 M USD (1 BTC on every second one, the rest a long BTC perpetual or 90-day
 * future, alternately) against equity 0.26 × E in USDC, plus two BTC options and two ETH / SOL positions of ~0.5% of E
 * each, random sides, and two open orders (accepted checks) that entering liquidation releases: before the crash its
 * IM is ~0.17 E (HEALTHY); at −20% its equity is ~0.06 E against an MM of ~0.11 E. A healthy account is a
 * {@link BenchState} account at 1/15 of the position size (300–500k USDC, 1 BTC on every second, 10 ETH on every
 * third, 10 positions on 1–3 underlyings with a BTC option and a BTC perpetual or future always): its BTC exposure
 * is small enough that ±20% leaves it HEALTHY. Which accounts are leveraged is spread evenly over the ids; the
 * constructor checks that every account opened, every check was accepted and every account is HEALTHY.
 * Deterministic for a given size.
 */
public final class CrashBook
{
    /** The crash: BTC to this fraction of its spot in one tick. */
    public static final double CRASH_FACTOR = 0.8;
    /** The client that sends the heartbeats which move message time on. */
    public static final int CLOCK_CLIENT = 4;
    /** Open orders each leveraged account holds when the crash comes. */
    public static final int OPEN_ORDERS_PER_LEVERAGED = 2;

    private static final long SEED = 4242;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final double BTC_SPOT = BenchMarket.SPOTS[BenchMarket.BTC];
    private static final double LEVERAGED_EQUITY = 0.26;
    private static final double EXTRA_SIZE = 0.005;
    private static final double USDC_HAIRCUT = 0.01;
    private static final double HEALTHY_BASE_NOTIONAL = 20_000;

    /** Accounts in the book, ids 1..accounts. */
    public final int accounts;
    /** Accounts the crash puts below MM. */
    public final int leveraged;
    /** The market the book trades in. */
    public final BenchMarket market = new BenchMarket();
    /** The engine state. */
    public final EngineState state;
    /** The real risk model. */
    public final PortfolioRiskModel model;
    /** The business logic. */
    public final InputProcessor processor;
    /** Counts what the business logic emits. */
    public final LiquidationOutbox outbox = new LiquidationOutbox();
    /** The engine's counters (inputs, rejects). */
    public final EngineCounters counters;
    /** How long the book took to build, ns. */
    public final long buildNanos;

    private final int perUnderlying = market.instrumentCount() / BenchMarket.UNDERLYINGS.length;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AccountOpenEncoder open = new AccountOpenEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final OrderCheckEncoder check = new OrderCheckEncoder();
    private final OraclePriceEncoder price = new OraclePriceEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final ParameterUpdateEncoder parameter = new ParameterUpdateEncoder();
    private final int[] chosen = new int[BenchMarket.POSITIONS_PER_ACCOUNT];
    private final int heartbeatLength;
    private long adminCorrelationId;
    private long checkCorrelationId;
    private long feedCorrelationId;
    private long clockCorrelationId;
    private long clientOrderId;
    private long heartbeats;

    /** Counts the frames the business logic emits, by kind, and which liquidations have sent an order. */
    public static final class LiquidationOutbox implements Outbox
    {
        private static final int TEMPLATE_OFFSET = 2;
        private static final int OUTCOME = HEADER + CheckResultEncoder.outcomeEncodingOffset();
        private static final int ORDER_LIQUIDATION = HEADER + LiquidationOrderEncoder.liquidationIdEncodingOffset();
        private static final int EVENT_STAGE = HEADER + LiquidationEventEncoder.stageEncodingOffset();

        /** Every frame. */
        public long frames;
        /** LiquidationOrder frames: one per step that sent an order. */
        public long orders;
        /** OrderReleased frames: open orders a liquidation released. */
        public long released;
        /** MarginUpdate frames. */
        public long marginUpdates;
        /** Reject frames. */
        public long rejects;
        /** AdlRank frames: accounts whose deleveraging rank band changed. */
        public long adlRanks;
        /** CheckResult frames, and the accepted ones. */
        public long checkResults;
        /** Accepted checks. */
        public long accepted;
        /** Liquidations that have sent at least one order since they were last forgotten. */
        public long liquidationsWithOrder;
        /** LiquidationEvent frames by stage (the wire value of {@link LiquidationEventType}). */
        public final long[] events = new long[LiquidationEventType.values().length + 1];
        /**
         * When set, {@link #ackNanos} and {@link #firstOrderNanos} are taken: an input's ack is published before
         * its liquidation work, so the two split one input's time into its own work, the accounts entering
         * liquidation, and the steps.
         */
        public boolean timed;
        /** {@code System.nanoTime()} when the last Ack was published, while {@link #timed}. */
        public long ackNanos;
        /** {@code System.nanoTime()} when the first LiquidationOrder since {@link #reset()} was published. */
        public long firstOrderNanos;
        private boolean[] sentOrder = new boolean[0];

        /** Sizes the record of which liquidation ids (1 up to {@code maxLiquidationId}) have sent an order. */
        void trackLiquidations(final int maxLiquidationId)
        {
            sentOrder = new boolean[maxLiquidationId + 1];
        }

        public void publish(final DirectBuffer buffer, final int offset, final int length)
        {
            frames++;
            switch (buffer.getShort(offset + TEMPLATE_OFFSET, LITTLE_ENDIAN))
            {
                case LiquidationOrderEncoder.TEMPLATE_ID:
                    if (timed && 0 == orders)
                    {
                        firstOrderNanos = System.nanoTime();
                    }
                    orders++;
                    final long id = buffer.getLong(offset + ORDER_LIQUIDATION, LITTLE_ENDIAN);
                    if (id >= 0 && id < sentOrder.length && !sentOrder[(int)id])
                    {
                        sentOrder[(int)id] = true;
                        liquidationsWithOrder++;
                    }
                    break;
                case LiquidationEventEncoder.TEMPLATE_ID:
                    events[buffer.getByte(offset + EVENT_STAGE) & 0xFF]++;
                    break;
                case OrderReleasedEncoder.TEMPLATE_ID:
                    released++;
                    break;
                case MarginUpdateEncoder.TEMPLATE_ID:
                    marginUpdates++;
                    break;
                case AckEncoder.TEMPLATE_ID:
                    if (timed)
                    {
                        ackNanos = System.nanoTime();
                    }
                    break;
                case RejectEncoder.TEMPLATE_ID:
                    rejects++;
                    break;
                case AdlRankEncoder.TEMPLATE_ID:
                    adlRanks++;
                    break;
                case CheckResultEncoder.TEMPLATE_ID:
                    checkResults++;
                    accepted += CheckOutcome.ACCEPTED.value() == buffer.getByte(offset + OUTCOME) ? 1 : 0;
                    break;
                default:
                    break;
            }
        }

        /** @return LiquidationEvent frames of that stage. */
        public long events(final LiquidationEventType stage)
        {
            return events[stage.value()];
        }

        /** Zeroes every count and forgets which liquidations sent an order. */
        public void reset()
        {
            frames = 0;
            orders = 0;
            released = 0;
            marginUpdates = 0;
            rejects = 0;
            adlRanks = 0;
            checkResults = 0;
            accepted = 0;
            liquidationsWithOrder = 0;
            ackNanos = 0;
            firstOrderNanos = 0;
            java.util.Arrays.fill(events, 0);
            java.util.Arrays.fill(sentOrder, false);
        }
    }

    /**
     * Builds the book.
     *
     * @param accounts  accounts in the book, ids 1..accounts.
     * @param leveraged how many of them the crash puts below MM, at most {@code accounts}.
     */
    public CrashBook(final int accounts, final int leveraged)
    {
        if (accounts < 1 || leveraged < 0 || leveraged > accounts)
        {
            throw new IllegalArgumentException("accounts " + accounts + ", leveraged " + leveraged);
        }
        this.accounts = accounts;
        this.leveraged = leveraged;
        final long start = System.nanoTime();
        state = new EngineContext().maxAccounts(accounts + 1).newState();
        model = new PortfolioRiskModel(state, null, true);
        counters = EngineCounters.local();
        processor = new InputProcessor(state, model, counters, outbox, SnapshotSink.NONE);
        outbox.trackLiquidations(accounts + 1);
        // the market alone: BenchMarket's frames, admin correlation ids 1, 2, 3...
        market.writeSetup(0, BenchState.SEED, (b, offset, length) -> processor.process(b, offset, length, -1));
        adminCorrelationId = state.clients().lastCorrelationId(BenchMarket.ADMIN_CLIENT);
        final SplittableRandom random = new SplittableRandom(SEED);
        int leveragedSoFar = 0;
        for (int i = 0; i < accounts; i++)
        {
            if (isLeveraged(i, accounts, leveraged))
            {
                writeLeveraged(i + 1L, leveragedSoFar++, random);
            }
            else
            {
                writeHealthy(i + 1L, i, random);
            }
        }
        buildNanos = System.nanoTime() - start;

        final HeartbeatEncoder h = heartbeat.wrapAndApplyHeader(buffer, 0, header);
        heartbeatLength = HEADER + h.encodedLength();
        verifyBuilt();
        outbox.reset();
    }

    /**
     * @return true when account {@code index} (0-based, id index + 1) of a book of {@code accounts} is one of the
     * {@code leveraged}: spread evenly, exactly {@code leveraged} of them.
     */
    public static boolean isLeveraged(final int index, final int accounts, final int leveraged)
    {
        return (index + 1L) * leveraged / accounts > (long)index * leveraged / accounts;
    }

    private void verifyBuilt()
    {
        final int[] counts = stateCounts();
        final long rejects = counters.rejects().get();
        if (state.accounts().count() != accounts || 0 != rejects || counts[AccountStates.HEALTHY] != accounts ||
            outbox.accepted != (long)OPEN_ORDERS_PER_LEVERAGED * leveraged || 0 != state.liquidations().active())
        {
            throw new IllegalStateException("crash book not as designed: " + state.accounts().count() + " of " +
                accounts + " accounts opened, " + rejects + " rejects, " + counts[AccountStates.HEALTHY] +
                " healthy, " + outbox.accepted + " checks accepted of " + outbox.checkResults + ", " +
                state.liquidations().active() + " liquidations");
        }
    }

    // BTC exposure E (spot and a long linear position) against equity 0.26 E, four small positions, two open orders
    private void writeLeveraged(final long accountId, final int ordinal, final SplittableRandom random)
    {
        final double exposure = 400_000 + 1_600_000 * random.nextDouble();
        final double btcHeld = 0 == ordinal % 2 ? 1.0 : 0.0;
        writeOpen(accountId);
        writeDeposit(accountId, BenchMarket.USDC,
            Math.rint((LEVERAGED_EQUITY * exposure - btcHeld * BTC_SPOT) / (1.0 - USDC_HAIRCUT)));
        if (btcHeld > 0.0)
        {
            writeDeposit(accountId, BenchMarket.BTC, btcHeld);
        }
        final int linear = ordinal % 2;
        writeFill(accountId, linear, round2((exposure - btcHeld * BTC_SPOT) / BTC_SPOT));
        for (int p = 0; p < 4; p++)
        {
            // two BTC options, then an ETH and an ETH or SOL position, each ~0.5% of the exposure, random sides
            final int j = p < 2 ? 0 : 2 == p ? 1 : 1 + random.nextInt(2);
            int id;
            do
            {
                final int k = p < 2 ? 2 + random.nextInt(perUnderlying - 2) : random.nextInt(perUnderlying);
                id = j * perUnderlying + k;
            }
            while (id == linear || contains(chosen, p, id));
            chosen[p] = id;
            final double units = EXTRA_SIZE * exposure * (0.5 + random.nextDouble()) /
                BenchMarket.SPOTS[market.underlying(id)];
            writeFill(accountId, id, (random.nextBoolean() ? 1 : -1) * Math.max(0.01, round2(units)));
        }
        for (int k = 0; k < OPEN_ORDERS_PER_LEVERAGED; k++)
        {
            // small resting orders on the perpetuals, which a healthy account passes the check for
            final int id = k * perUnderlying;
            final boolean buy = random.nextBoolean();
            final double spot = BenchMarket.SPOTS[market.underlying(id)];
            writeCheck(accountId, id, buy, round2(Math.max(0.01, 2_000 / spot)), spot * (buy ? 0.999 : 1.001));
        }
    }

    // a BenchState account at a fifteenth of the size: BenchMarket's choice of positions, small enough for ±20%
    private void writeHealthy(final long accountId, final int i, final SplittableRandom random)
    {
        writeOpen(accountId);
        writeDeposit(accountId, BenchMarket.USDC, 300_000 + random.nextInt(200_000));
        if (0 == i % 2)
        {
            writeDeposit(accountId, BenchMarket.BTC, 1.0);
        }
        if (0 == i % 3)
        {
            writeDeposit(accountId, BenchMarket.ETH, 10.0);
        }
        final int underlyingCount = 1 + i % 3;
        final double notional = HEALTHY_BASE_NOTIONAL * (0.5 + 1.5 * Math.pow(random.nextDouble(), 3));
        for (int p = 0; p < BenchMarket.POSITIONS_PER_ACCOUNT; p++)
        {
            int id;
            do
            {
                final int j = 0 == p || 1 == p ? 0 : random.nextInt(underlyingCount);
                final boolean wantOption = 0 == p || (1 != p && random.nextInt(10) < 7);
                id = j * perUnderlying + (wantOption ? 2 + random.nextInt(perUnderlying - 2) : random.nextInt(2));
            }
            while (contains(chosen, p, id));
            chosen[p] = id;
            final double units = notional / BenchMarket.SPOTS[market.underlying(id)] * (0.5 + random.nextDouble());
            writeFill(accountId, id, (random.nextBoolean() ? 1 : -1) * Math.max(0.01, round2(units)));
        }
    }

    private static double round2(final double value)
    {
        return Math.round(value * 100) / 100.0;
    }

    private static boolean contains(final int[] values, final int count, final int value)
    {
        for (int k = 0; k < count; k++)
        {
            if (values[k] == value)
            {
                return true;
            }
        }
        return false;
    }

    private void writeOpen(final long accountId)
    {
        open.wrapAndApplyHeader(buffer, 0, header).timestampNs(BenchMarket.NOW).correlationId(++adminCorrelationId)
            .clientId(BenchMarket.ADMIN_CLIENT).accountId(accountId).marginMode(MarginMode.CROSS);
        processor.process(buffer, 0, HEADER + open.encodedLength(), -1);
    }

    private void writeDeposit(final long accountId, final int assetId, final double amount)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header).timestampNs(BenchMarket.NOW)
            .correlationId(++adminCorrelationId).clientId(BenchMarket.ADMIN_CLIENT).accountId(accountId)
            .assetId(assetId).amount(amount);
        processor.process(buffer, 0, HEADER + deposit.encodedLength(), -1);
    }

    private void writeFill(final long accountId, final int instrumentId, final double quantity)
    {
        fill.wrapAndApplyHeader(buffer, 0, header).timestampNs(BenchMarket.NOW).correlationId(++adminCorrelationId)
            .clientId(BenchMarket.ADMIN_CLIENT).accountId(accountId).instrumentId(instrumentId).quantity(quantity)
            .price(market.fairPrice(instrumentId)).fee(0.0).clientOrderId(0);
        processor.process(buffer, 0, HEADER + fill.encodedLength(), -1);
    }

    private void writeCheck(
        final long accountId, final int instrumentId, final boolean buy, final double quantity, final double limit)
    {
        check.wrapAndApplyHeader(buffer, 0, header).timestampNs(BenchMarket.NOW).correlationId(++checkCorrelationId)
            .clientId(BenchMarket.CHECK_CLIENT).accountId(accountId).instrumentId(instrumentId)
            .side(buy ? Side.BUY : Side.SELL).quantity(quantity).limitPrice(limit).clientOrderId(++clientOrderId);
        processor.process(buffer, 0, HEADER + check.encodedLength(), -1);
    }

    /** @return the engine's message time, ns. */
    public long nowNs()
    {
        return state.nowNs();
    }

    /** Processes a BTC oracle price at that price, 1 ms of message time after the engine's clock. */
    public void tickBtc(final double btcPrice)
    {
        final long timestampNs = state.nowNs() + 1_000_000L;
        price.wrapAndApplyHeader(buffer, 0, header).timestampNs(timestampNs).correlationId(++feedCorrelationId)
            .clientId(BenchMarket.FEED_CLIENT).sourceId(1).assetId(BenchMarket.BTC).price(btcPrice)
            .sourceTimestampNs(timestampNs);
        processor.process(buffer, 0, HEADER + price.encodedLength(), -1);
    }

    /** Processes the crash: BTC at {@link #CRASH_FACTOR} × its spot. */
    public void crash()
    {
        tickBtc(CRASH_FACTOR * BTC_SPOT);
    }

    /** Processes a heartbeat {@code advanceNs} of message time after the engine's clock: due liquidations move on. */
    public void heartbeat(final long advanceNs)
    {
        heartbeats++;
        heartbeat.wrapAndApplyHeader(buffer, 0, header).timestampNs(state.nowNs() + advanceNs)
            .correlationId(++clockCorrelationId).clientId(CLOCK_CLIENT);
        processor.process(buffer, 0, heartbeatLength, -1);
    }

    /** @return heartbeats processed so far. */
    public long heartbeats()
    {
        return heartbeats;
    }

    /**
     * Sets a liquidation rule by a ParameterUpdate from the admin client.
     *
     * @param index one of {@code LiquidationParameters}' rule indices.
     * @throws IllegalStateException when the engine refuses it.
     */
    public void liquidationRule(final int index, final double value)
    {
        final long rejectsBefore = counters.rejects().get();
        parameter.wrapAndApplyHeader(buffer, 0, header).timestampNs(state.nowNs())
            .correlationId(++adminCorrelationId).clientId(BenchMarket.ADMIN_CLIENT).parameterId(ParameterId.LIQUIDATION)
            .assetId(-1).index(index).value(value).value2(0.0);
        processor.process(buffer, 0, HEADER + parameter.encodedLength(), -1);
        if (counters.rejects().get() != rejectsBefore)
        {
            throw new IllegalStateException("liquidation rule " + index + " = " + value + " refused");
        }
    }

    /** @return how many accounts are in each state: HEALTHY, RESTRICTED, LIQUIDATION, BANKRUPT, UNMARGINED. */
    public int[] stateCounts()
    {
        final int[] counts = new int[5];
        final Accounts table = state.accounts();
        for (int slot = 0; slot < table.count(); slot++)
        {
            counts[table.state(slot)]++;
        }
        return counts;
    }

    /** @return one line on the book: sizes, how it was built, IM over equity of each kind of account. */
    public String summary()
    {
        final Accounts table = state.accounts();
        double leveragedUsage = 0.0;
        double healthyUsage = 0.0;
        double healthyMax = 0.0;
        for (int slot = 0; slot < table.count(); slot++)
        {
            final double usage = table.initialMargin(slot) / table.equity(slot);
            final int index = (int)table.accountId(slot) - 1;
            if (index >= 0 && isLeveraged(index, accounts, leveraged))
            {
                leveragedUsage += usage;
            }
            else
            {
                healthyUsage += usage;
                healthyMax = Math.max(healthyMax, usage);
            }
        }
        return String.format(
            "crash book: %,d accounts, %,d leveraged (IM/equity mean %.2f, %d open orders each), %,d healthy " +
            "(IM/equity mean %.3f, max %.3f); built in %,d ms (%,d inputs)",
            accounts, leveraged, leveragedUsage / Math.max(1, leveraged), OPEN_ORDERS_PER_LEVERAGED,
            accounts - leveraged, healthyUsage / Math.max(1, accounts - leveraged), healthyMax,
            buildNanos / 1_000_000, state.inputSequence());
    }
}
