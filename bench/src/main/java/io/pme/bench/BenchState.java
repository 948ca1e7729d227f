package io.pme.bench;

import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotIntervals;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The shared fixture: a warm engine state of N accounts × 10 positions built through the real
 * {@link InputProcessor} from SBE frames ({@link BenchMarket}), with the real {@link PortfolioRiskModel}, and the
 * frames the benchmarks send afterwards (checks, BTC ticks). Business logic only: no pipeline, no journal; the
 * outbox counts frames instead of copying them to the publisher's queue.
 */
public final class BenchState
{
    public static final long SEED = 42;
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int OUTCOME_OFFSET = HEADER + CheckResultEncoder.outcomeEncodingOffset();

    public final int accounts;
    public final BenchMarket market = new BenchMarket();
    public final EngineState state;
    public final PortfolioRiskModel model;
    public final InputProcessor processor;
    public final CountingOutbox outbox = new CountingOutbox();
    public final EngineCounters counters;
    public final long buildNanos;

    // BTC ticks: price alternating between two values 0.1% apart, timestamp moving 1 ms per tick
    private final UnsafeBuffer tickBuffer = new UnsafeBuffer(new byte[128]);
    private final int tickLength;
    private long feedCorrelationId;
    private long tickCount;

    /** Counts output frames; for check results also the accepted ones. */
    public static final class CountingOutbox implements Outbox
    {
        public long frames;
        public long checkResults;
        public long accepted;

        public void publish(final DirectBuffer buffer, final int offset, final int length)
        {
            frames++;
            if (CheckResultEncoder.TEMPLATE_ID == buffer.getShort(offset + 2, LITTLE_ENDIAN))
            {
                checkResults++;
                if (CheckOutcome.ACCEPTED.value() == buffer.getByte(offset + OUTCOME_OFFSET))
                {
                    accepted++;
                }
            }
        }

        public void reset()
        {
            frames = 0;
            checkResults = 0;
            accepted = 0;
        }
    }

    public BenchState(final int accounts)
    {
        this(accounts, true);
    }

    /**
     * @param skipSafeAccounts false to have every tick visit every holder (the incremental path without bands).
     */
    public BenchState(final int accounts, final boolean skipSafeAccounts)
    {
        this(accounts, new EngineContext().maxAccounts(Math.max(accounts, 1)), skipSafeAccounts);
    }

    /**
     * @param context the state's capacities (maxAccounts at least {@code accounts}); only {@code newState()} is used.
     */
    public BenchState(final int accounts, final EngineContext context, final boolean skipSafeAccounts)
    {
        this(accounts, context, skipSafeAccounts, SnapshotIntervals.DEFAULT);
    }

    /**
     * @param snapshots when the business logic settles every account for a snapshot of its own: OFF for a benchmark
     *                  whose inputs move message time by hours, which would otherwise settle the book at every one.
     */
    public BenchState(
        final int accounts, final EngineContext context, final boolean skipSafeAccounts,
        final SnapshotIntervals snapshots)
    {
        this.accounts = accounts;
        final long start = System.nanoTime();
        state = context.newState();
        model = new PortfolioRiskModel(state, null, skipSafeAccounts);
        counters = EngineCounters.local();
        processor = new InputProcessor(state, model, counters, outbox, SnapshotSink.NONE, snapshots);
        market.writeSetup(accounts, SEED, (buffer, offset, length) -> processor.process(buffer, offset, length, -1));
        buildNanos = System.nanoTime() - start;
        final long rejects = counters.rejects().get();
        if (state.accounts().count() != accounts || 0 != rejects)
        {
            throw new IllegalStateException("setup refused: " + state.accounts().count() + " of " + accounts +
                " accounts opened (inputs " + state.inputSequence() + ", rejects " + rejects + ")");
        }
        outbox.reset();

        final OraclePriceEncoder tick = new OraclePriceEncoder();
        tick.wrapAndApplyHeader(tickBuffer, 0, new MessageHeaderEncoder()).timestampNs(BenchMarket.NOW)
            .correlationId(0).clientId(BenchMarket.FEED_CLIENT).sourceId(1).assetId(BenchMarket.BTC)
            .price(BenchMarket.SPOTS[BenchMarket.BTC]).sourceTimestampNs(BenchMarket.NOW);
        tickLength = HEADER + tick.encodedLength();
    }

    /** Processes one BTC oracle price, alternating between the spot and 0.1% above, 1 ms after the previous. */
    public void tickBtc()
    {
        tickCount++;
        final double price = BenchMarket.SPOTS[BenchMarket.BTC] * (0 == (tickCount & 1) ? 1.0 : 1.001);
        final long timestamp = BenchMarket.NOW + tickCount * 1_000_000L;
        tickBuffer.putLong(HEADER + OraclePriceEncoder.timestampNsEncodingOffset(), timestamp, LITTLE_ENDIAN);
        tickBuffer.putLong(
            HEADER + OraclePriceEncoder.correlationIdEncodingOffset(), ++feedCorrelationId, LITTLE_ENDIAN);
        tickBuffer.putDouble(HEADER + OraclePriceEncoder.priceEncodingOffset(), price, LITTLE_ENDIAN);
        tickBuffer.putLong(HEADER + OraclePriceEncoder.sourceTimestampNsEncodingOffset(), timestamp, LITTLE_ENDIAN);
        processor.process(tickBuffer, 0, tickLength, -1);
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

    /** @return how many accounts hold at least one BTC option. */
    public int accountsWithBtcOptions()
    {
        final Accounts table = state.accounts();
        int count = 0;
        for (int slot = 0; slot < table.count(); slot++)
        {
            for (int i = 0; i < table.positionCount(slot); i++)
            {
                final int instrument = table.positionInstrument(slot, i);
                if (state.instruments().isOption(instrument) &&
                    BenchMarket.BTC == state.instruments().underlying(instrument))
                {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    public String summary()
    {
        final int[] c = stateCounts();
        final Accounts table = state.accounts();
        final double[] usage = new double[table.count()];
        for (int slot = 0; slot < usage.length; slot++)
        {
            usage[slot] = table.initialMargin(slot) / table.equity(slot);
        }
        java.util.Arrays.sort(usage);
        return String.format(
            "accounts %,d built in %,d ms (%,d inputs) | healthy %,d restricted %,d liquidation %,d bankrupt %,d " +
            "unmargined %,d | with BTC options %,d | IM/equity p50 %.2f p90 %.2f max %.2f",
            accounts, buildNanos / 1_000_000, state.inputSequence(), c[AccountStates.HEALTHY],
            c[AccountStates.RESTRICTED], c[AccountStates.LIQUIDATION], c[AccountStates.BANKRUPT],
            c[AccountStates.UNMARGINED], accountsWithBtcOptions(), usage[usage.length / 2],
            usage[usage.length * 9 / 10], usage[usage.length - 1]);
    }

    public static void main(final String[] args)
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        System.out.println(new BenchState(accounts).summary());
    }
}
