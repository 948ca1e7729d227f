package io.pme.bench;

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
 * One BTC tick fanned out to N accounts that all hold BTC options (goal: ≥ 20 million account-updates per second
 * on one thread, 0 B/op). One op = {@code InputProcessor.process} of one OraclePrice frame for BTC, the price
 * alternating between two values 0.1% apart (so every op really moves every account) and its time 1 ms later
 * each tick. Account-updates per second = N / (ns/op × 1e-9).
 * <p>
 * {@code skip = true} is the engine as it runs: a tick visits only the accounts it could bring near a threshold or
 * that are due for their refresh, the others are moved when next read. {@code skip = false} visits every holder on
 * every tick (moves its vectors and recomputes its figures), the path without safe bands, for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
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
public class TickFanOutBenchmark
{
    @Param({ "10000", "100000" })
    public int accounts;

    @Param({ "true", "false" })
    public boolean skip;

    private BenchState bench;

    @Setup(Level.Trial)
    public void setup()
    {
        bench = new BenchState(accounts, skip);
        System.out.println();
        System.out.println(bench.summary());
        if (bench.accountsWithBtcOptions() != accounts)
        {
            throw new IllegalStateException("every account must hold BTC options");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long ticks = Math.max(1, bench.state.clients().lastCorrelationId(BenchMarket.FEED_CLIENT));
        System.out.printf("%nticks %,d, margin updates (state changes) per tick %.1f, accounts visited per tick %.1f%n",
            ticks, (double)(bench.outbox.frames - ticks) / ticks, (double)bench.model.tickVisits() / ticks);
    }

    @Benchmark
    public long tick()
    {
        bench.tickBtc();
        return bench.outbox.frames;
    }
}
