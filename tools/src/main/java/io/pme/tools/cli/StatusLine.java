package io.pme.tools.cli;

import io.pme.codecs.LiquidationEventType;
import io.pme.engine.EngineCounters;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one-line status a second of {@code pme run}, {@code pme engine} and {@code pme simulate}: rates and figures
 * from the engine's counters, the latencies where the engine runs in this process ("-" where it does not), and,
 * for a command that reads the engine's outputs, what the liquidations did and, per borrowable asset with a debt,
 * its pool's utilization, rate and interest so far, as the engine's {@code BorrowRate} outputs announced them.
 */
final class StatusLine
{
    private final EngineFigures engine;
    private final LongSupplier outputsSeen;
    private final LiquidationTally liquidations;
    private final BorrowTally borrowing;
    private final PrintStream out;
    private final long startNs = System.nanoTime();
    private final long rejectsAtStart;
    private final OracleCounts oracleAtStart;
    private long outputsDropped;
    private OracleCounts oracle;
    private String snapshots;
    private long lastNs = startNs;
    private long lastInputs;
    private long lastOutputs;
    private long lastChecks;
    private Histogram interval;
    private Histogram holdInterval;
    private Histogram marketChecks;
    private Histogram marketHold;

    /**
     * @param engine       the figures of the engine.
     * @param outputsSeen  the outputs counted so far: those a client received, or the engine's own counter.
     * @param liquidations what the outputs received told of the liquidations, or null for a command that reads none.
     * @param out          where the lines go.
     */
    StatusLine(
        final EngineFigures engine, final LongSupplier outputsSeen, final LiquidationTally liquidations,
        final PrintStream out)
    {
        this(engine, outputsSeen, liquidations, null, out);
    }

    /**
     * @param engine       the figures of the engine.
     * @param outputsSeen  the outputs counted so far: those a client received, or the engine's own counter.
     * @param liquidations what the outputs received told of the liquidations, or null for a command that reads none.
     * @param borrowing    the pools the outputs received announced, or null for a command that reads none.
     * @param out          where the lines go.
     */
    StatusLine(
        final EngineFigures engine, final LongSupplier outputsSeen, final LiquidationTally liquidations,
        final BorrowTally borrowing, final PrintStream out)
    {
        this.engine = engine;
        this.outputsSeen = outputsSeen;
        this.liquidations = liquidations;
        this.borrowing = borrowing;
        this.out = out;
        // the counters include what recovery replayed (or another client sent): the status reports this traffic
        lastInputs = engine.counter(EngineCounters.INPUTS_TYPE_ID);
        lastChecks = engine.counter(EngineCounters.CHECKS_TYPE_ID);
        lastOutputs = outputsSeen.getAsLong();
        rejectsAtStart = engine.counter(EngineCounters.REJECTS_TYPE_ID);
        oracleAtStart = engine.oracle();
    }

    /**
     * Reads what the summary takes from the counters, once the engine has drained: in its own process they close
     * with it.
     */
    void end()
    {
        outputsDropped = engine.counter(EngineCounters.OUTPUTS_DROPPED_TYPE_ID);
        oracle = engine.oracle().since(oracleAtStart);
        snapshots = String.format("snapshots: %,d taken, %,d written, %,d failed, the longest held the business " +
            "logic %.1f ms (encoding; written on their own thread); retention deleted %,d files",
            engine.counter(EngineCounters.SNAPSHOTS_TAKEN_TYPE_ID),
            engine.counter(EngineCounters.SNAPSHOTS_WRITTEN_TYPE_ID),
            engine.counter(EngineCounters.SNAPSHOT_FAILURES_TYPE_ID),
            engine.counter(EngineCounters.SNAPSHOT_HOLD_MAX_US_TYPE_ID) / 1e3,
            engine.counter(EngineCounters.RETENTION_DELETED_TYPE_ID));
    }

    long outputsDropped()
    {
        return outputsDropped;
    }

    /**
     * @return the line of what the snapshot schedule and retention did, once {@link #end()} read it; else null.
     */
    String snapshots()
    {
        return snapshots;
    }

    OracleCounts oracle()
    {
        return oracle;
    }

    /**
     * @param market whether the second just ended belongs to the market after the opening book, whose latencies
     *               the run's summary reports.
     */
    void print(final boolean market)
    {
        final long now = System.nanoTime();
        final double seconds = Math.max(1e-9, (now - lastNs) / 1e9);
        final long inputs = engine.counter(EngineCounters.INPUTS_TYPE_ID);
        final long checks = engine.counter(EngineCounters.CHECKS_TYPE_ID);
        final long outputs = outputsSeen.getAsLong();
        interval = engine.checkLatency(interval);
        holdInterval = engine.inputHold(holdInterval);
        if (market && null != interval)
        {
            marketChecks = add(marketChecks, interval);
            marketHold = add(marketHold, holdInterval);
        }
        final String line = String.format("t=%4ds | in %,9.0f msg/s | out %,9.0f msg/s | accounts %,d | below IM %,d" +
            " | below MM %,d | checks %,7.0f/s | p99 check %s | longest input %s | rejects %,d | journal %,d",
            TimeUnit.NANOSECONDS.toSeconds(now - startNs), (inputs - lastInputs) / seconds,
            (outputs - lastOutputs) / seconds, engine.counter(EngineCounters.ACCOUNTS_TYPE_ID),
            engine.counter(EngineCounters.BELOW_IM_TYPE_ID), engine.counter(EngineCounters.BELOW_MM_TYPE_ID),
            (checks - lastChecks) / seconds, micros(interval), longest(holdInterval),
            engine.counter(EngineCounters.REJECTS_TYPE_ID) - rejectsAtStart,
            engine.counter(EngineCounters.JOURNAL_POSITION_TYPE_ID));
        if (null == liquidations)
        {
            out.println(line);
        }
        else
        {
            out.printf("%s | liquidating %,d of %,d | auctions %,d | fund %s%s%n", line, liquidations.inProgress(),
                liquidations.started(), liquidations.stage(LiquidationEventType.AUCTION_STARTED),
                fund(liquidations.fundEquity()), null == borrowing ? "" : " | borrowed " + borrowing.statusPart());
        }
        lastNs = now;
        lastInputs = inputs;
        lastOutputs = outputs;
        lastChecks = checks;
    }

    void printMarket()
    {
        if (null == marketHold || 0 == marketHold.getTotalCount())
        {
            return;
        }
        out.printf("market after the opening book: %,d inputs held the business logic p50 %s · p99 %s · " +
            "p99.99 %s · max %s; %,d checks, arrival to decision p50 %s · p99 %s · p99.9 %s · max %s%n",
            marketHold.getTotalCount(), percentile(marketHold, 50), percentile(marketHold, 99),
            percentile(marketHold, 99.99), percentile(marketHold, 100), null == marketChecks ? 0 :
            marketChecks.getTotalCount(), percentile(marketChecks, 50), percentile(marketChecks, 99),
            percentile(marketChecks, 99.9), percentile(marketChecks, 100));
    }

    private static String fund(final double equity)
    {
        return Double.isNaN(equity) ? "-" : String.format("%,.0f USD", equity);
    }

    private static Histogram add(final Histogram total, final Histogram interval)
    {
        if (null == total)
        {
            return interval.copy();
        }
        total.add(interval);
        return total;
    }

    private static String percentile(final Histogram histogram, final double percentile)
    {
        return null == histogram || 0 == histogram.getTotalCount() ? "-" :
            String.format("%.1f µs", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String longest(final Histogram histogram)
    {
        return null == histogram || 0 == histogram.getTotalCount() ? "-" :
            String.format("%.1f µs", histogram.getMaxValue() / 1000.0);
    }

    private static String micros(final Histogram histogram)
    {
        return null == histogram || 0 == histogram.getTotalCount() ? "-" :
            String.format("%.1f µs", histogram.getValueAtPercentile(99) / 1000.0);
    }
}
