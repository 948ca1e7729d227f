package io.pme.bench;

import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.margin.PortfolioRiskModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One pre-trade check on a warm engine state of 100,000 accounts × 10 positions (goal: mean ≤ 200 ns, 0 B/op).
 * <ul>
 * <li>{@code decision}: the risk model alone, exactly what {@code Trading.decide} asks of it:
 * {@code withOpenOrders(slot, before)} then {@code whatIf(slot, instrument, qty, limit, -1, 0, after)}, for a
 * random account and instrument from a precomputed stream of 65,536 checks;</li>
 * <li>{@code decisionHotAccounts}: the same with the checks coming from 100 accounts only (the market-maker case:
 * those accounts' data stays in cache);</li>
 * <li>{@code message} / {@code messageHotAccounts}: the whole business logic, {@code InputProcessor.process} of an
 * OrderCheck frame (decode, validation, correlation sequence, decision, open order booked, CheckResult encoded)
 * followed by the OrderDone of the same order (so the state does not grow). One op = the pair.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dagrona.disable.bounds.checks=true",
    "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class PreTradeCheckBenchmark
{
    public static final int HOT_ACCOUNTS = 100;

    @Param({ "100000" })
    public int accounts;

    private BenchState bench;
    private PortfolioRiskModel model;
    private InputProcessor processor;
    private CheckStream all;
    private CheckStream hot;
    private int[] allSlots;
    private int[] hotSlots;
    private final MarginFigures before = new MarginFigures();
    private final MarginFigures after = new MarginFigures();
    private int next;
    private long correlationId;
    private long clientOrderId;

    @Setup(Level.Trial)
    public void setup()
    {
        bench = new BenchState(accounts);
        model = bench.model;
        processor = bench.processor;
        all = new CheckStream(bench.market, accounts, 0, 7, BenchMarket.CHECK_CLIENT);
        hot = new CheckStream(bench.market, accounts, HOT_ACCOUNTS, 11, BenchMarket.CHECK_CLIENT);
        allSlots = slots(all);
        hotSlots = slots(hot);
        System.out.println();
        System.out.println(bench.summary());
    }

    private int[] slots(final CheckStream stream)
    {
        final int[] slots = new int[CheckStream.SIZE];
        for (int k = 0; k < CheckStream.SIZE; k++)
        {
            slots[k] = bench.state.accounts().slot(stream.accountIds[k]);
        }
        return slots;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        final BenchState.CountingOutbox out = bench.outbox;
        if (out.checkResults > 0)
        {
            System.out.printf("%ncheck results %,d, accepted %.1f%%, open orders left %d%n",
                out.checkResults, 100.0 * out.accepted / out.checkResults, bench.state.openOrders().count());
        }
    }

    @Benchmark
    public double decision()
    {
        return decide(all, allSlots);
    }

    @Benchmark
    public double decisionHotAccounts()
    {
        return decide(hot, hotSlots);
    }

    @Benchmark
    public long message()
    {
        return checkAndDone(all);
    }

    @Benchmark
    public long messageHotAccounts()
    {
        return checkAndDone(hot);
    }

    private double decide(final CheckStream stream, final int[] slots)
    {
        final int k = next++ & CheckStream.MASK;
        final int slot = slots[k];
        model.withOpenOrders(slot, before);
        model.whatIf(slot, stream.instruments[k], stream.signedQuantities[k], stream.limits[k], -1, 0.0, after);
        return after.initialMargin - before.initialMargin;
    }

    private long checkAndDone(final CheckStream stream)
    {
        final int k = next++;
        final long orderId = ++clientOrderId;
        final int checkOffset = stream.stampCheck(k, ++correlationId, orderId);
        processor.process(stream.checks, checkOffset, CheckStream.CHECK_LENGTH, -1);
        final int doneOffset = stream.stampDone(k, ++correlationId, orderId);
        processor.process(stream.dones, doneOffset, CheckStream.DONE_LENGTH, -1);
        return bench.outbox.frames;
    }
}
