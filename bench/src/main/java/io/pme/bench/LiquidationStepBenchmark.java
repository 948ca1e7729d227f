package io.pme.bench;

import io.pme.codecs.LiquidationEventType;
import io.pme.engine.liquidation.LiquidationParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The steady-state cost of liquidation steps: a {@link CrashBook} of N accounts after its crash, so that N / 10 of
 * them (at least {@value #STEPS}) sit in partial liquidation, with rules that keep them stepping for ever —
 * {@code MAX_PARTIAL_STEPS} 10,000 and {@code MAX_PARTIAL_NS} at its maximum (a day), so no auction comes;
 * {@code STEP_INTERVAL_NS} and {@code ORDER_TTL_NS} 1 ns, so every liquidation is due again as soon as message time
 * moves; nobody fills, so each step finds its order expired ({@code ORDER_EXPIRED}), recomputes the account, plans
 * again (one what-if per position) and sends a new order ({@code STEP}, {@code LiquidationOrder}).
 * <p>
 * One invocation is one heartbeat 1 ms of message time after the last: every liquidation is due, and exactly
 * {@code STEPS_PER_INPUT} ({@value #STEPS}) of them, the earliest, move on — the backlog a crash leaves. JMH counts
 * the invocation as {@value #STEPS} operations, so the score is ns per step and {@code -prof gc}'s B/op is bytes per
 * step. The teardown checks that every heartbeat took exactly that many steps and that no liquidation left the
 * partial stage. Business logic only, as the other engine benchmarks. The deleveraging rank sweep runs as in the
 * engine (every {@code ADL_RANK_INTERVAL_NS} of message time, {@code ADL_RANKS_PER_INPUT} accounts per input), so
 * its share of the heartbeats is in the score: at 1 ms per heartbeat, N / 128 of every 10,000 + N / 128.
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
public class LiquidationStepBenchmark
{
    /** Steps each heartbeat takes: the engine's default {@code STEPS_PER_INPUT}. */
    public static final int STEPS = 64;
    private static final long HEARTBEAT_NS = 1_000_000L;

    @Param({ "10000", "100000" })
    public int accounts;

    private CrashBook book;
    private long heartbeatsBefore;
    private long ordersBefore;
    private int liquidating;

    @Setup(Level.Trial)
    public void setup()
    {
        if (STEPS != (int)LiquidationParameters.defaultValue(LiquidationParameters.STEPS_PER_INPUT))
        {
            throw new IllegalStateException("STEPS_PER_INPUT is no longer " + STEPS);
        }
        liquidating = Math.max(STEPS, accounts / 10);
        book = new CrashBook(accounts, liquidating);
        book.liquidationRule(LiquidationParameters.MAX_PARTIAL_STEPS,
            LiquidationParameters.max(LiquidationParameters.MAX_PARTIAL_STEPS));
        book.liquidationRule(LiquidationParameters.MAX_PARTIAL_NS,
            LiquidationParameters.max(LiquidationParameters.MAX_PARTIAL_NS));
        book.liquidationRule(LiquidationParameters.STEP_INTERVAL_NS, 1);
        book.liquidationRule(LiquidationParameters.ORDER_TTL_NS, 1);
        book.crash();
        while (book.outbox.liquidationsWithOrder < liquidating)
        {
            book.heartbeat(HEARTBEAT_NS);
        }
        System.out.println();
        System.out.println(book.summary());
        System.out.printf("%,d liquidations stepping after %,d heartbeats%n", liquidating, book.heartbeats());
        heartbeatsBefore = book.heartbeats();
        ordersBefore = book.outbox.orders;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long heartbeats = book.heartbeats() - heartbeatsBefore;
        final long steps = book.outbox.orders - ordersBefore;
        final long partial = book.state.liquidations().active();
        System.out.printf("%nheartbeats %,d, steps %,d (%.2f per heartbeat), steps per liquidation %,.1f, " +
            "liquidations in progress %,d, auctions %,d, AdlRank frames %,d%n", heartbeats, steps,
            (double)steps / Math.max(1, heartbeats), (double)steps / liquidating, partial,
            book.outbox.events(LiquidationEventType.AUCTION_STARTED), book.outbox.adlRanks);
        if (steps != heartbeats * STEPS || partial != liquidating ||
            0 != book.outbox.events(LiquidationEventType.AUCTION_STARTED))
        {
            throw new IllegalStateException("not the steady state measured: " + steps + " steps in " + heartbeats +
                " heartbeats, " + partial + " liquidations of " + liquidating);
        }
    }

    /** One heartbeat: {@value #STEPS} liquidation steps. */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long steps()
    {
        book.heartbeat(HEARTBEAT_NS);
        return book.outbox.orders;
    }
}
