package io.pme.bench;

import io.pme.engine.EngineContext;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.state.Accounts;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a large book costs: builds N accounts × 10 positions through the real {@link InputProcessor}
 * ({@link BenchState}), then reports build time, heap used after a full GC, direct memory, process RSS and bytes
 * per account (each as the growth over the empty JVM), and as a sanity figure times BTC ticks and pre-trade checks
 * on that state. Meant to run with a small heap, to show that the book lives off-heap.
 *
 * <pre>
 * CapacityHarness [--accounts N] [--positions P] [--assets A] [--underlyings U] [--ticks T] [--checks C]
 * </pre>
 * {@code --positions} is the per-account capacity (maxPositions, default 16; {@code --assets} defaults to the
 * engine's maxAssets); each account holds
 * {@value BenchMarket#POSITIONS_PER_ACCOUNT} positions.
 */
public final class CapacityHarness
{
    private static final double MIB = 1024.0 * 1024.0;

    private CapacityHarness()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        int accounts = 1_000_000;
        int positions = 16;
        int assets = 0;
        int underlyings = 3;
        int ticks = 10;
        int checks = 100_000;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--accounts": accounts = Integer.parseInt(args[++i]); break;
                case "--positions": positions = Integer.parseInt(args[++i]); break;
                case "--assets": assets = Integer.parseInt(args[++i]); break;
                case "--underlyings": underlyings = Integer.parseInt(args[++i]); break;
                case "--ticks": ticks = Integer.parseInt(args[++i]); break;
                case "--checks": checks = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("usage: CapacityHarness [--accounts N] [--positions P] " +
                    "[--assets A] [--underlyings U] [--ticks T] [--checks C]; unknown " + args[i]);
            }
        }
        if (positions < BenchMarket.POSITIONS_PER_ACCOUNT)
        {
            throw new IllegalArgumentException("--positions must be at least " + BenchMarket.POSITIONS_PER_ACCOUNT);
        }

        final Memory empty = Memory.measure();
        final EngineContext context = new EngineContext()
            .maxAccounts(accounts).maxPositions(positions).maxUnderlyings(underlyings);
        if (assets > 0)
        {
            context.maxAssets(assets);
        }
        System.out.printf(
            "settings: maxAccounts %,d maxPositions %d maxAssets %d maxUnderlyings %d maxOpenOrders %,d; " +
            "max heap %,.0f MiB%n", context.maxAccounts(), context.maxPositions(), context.maxAssets(),
            context.maxUnderlyings(), context.maxOpenOrders(), Runtime.getRuntime().maxMemory() / MIB);

        final BenchState bench = new BenchState(accounts, context, true);
        final Accounts table = bench.state.accounts();
        System.out.printf("built %,d accounts × %d positions in %,.1f s (%,d inputs)%n",
            table.count(), BenchMarket.POSITIONS_PER_ACCOUNT, bench.buildNanos / 1e9, bench.state.inputSequence());

        final Memory built = Memory.measure();
        final long heap = built.heap - empty.heap;
        final long direct = built.direct - empty.direct;
        final long rss = built.rss - empty.rss;
        System.out.printf(
            "heap used after GC %,.1f MiB (+%,.1f) | direct %,.1f MiB (+%,.1f) | RSS %,.1f MiB (+%,.1f)%n",
            built.heap / MIB, heap / MIB, built.direct / MIB, direct / MIB, built.rss / MIB, rss / MIB);
        System.out.printf("per account: heap %,d B | direct %,d B (account record %,d B) | RSS %,d B%n",
            heap / accounts, direct / accounts, table.recordLength(), rss / accounts);

        timeTicks(bench, ticks);
        timeChecks(bench, accounts, checks);
    }

    private static void timeTicks(final BenchState bench, final int ticks)
    {
        bench.tickBtc();
        final long start = System.nanoTime();
        for (int i = 0; i < ticks; i++)
        {
            bench.tickBtc();
        }
        final double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, ticks);
        System.out.printf("BTC tick: %,.1f ms each over %d ticks (%,.2f M accounts/s)%n",
            ms, ticks, bench.accounts / ms / 1e3);
    }

    private static void timeChecks(final BenchState bench, final int accounts, final int checks)
    {
        final CheckStream stream = new CheckStream(bench.market, accounts, 0, 7, BenchMarket.CHECK_CLIENT);
        final InputProcessor processor = bench.processor;
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        bench.outbox.reset();
        long correlationId = 0;
        final long start = System.nanoTime();
        for (int k = 0; k < checks; k++)
        {
            final long t0 = System.nanoTime();
            correlationId = stream.checkAndDone(processor, k, correlationId, k + 1);
            histogram.recordValue(System.nanoTime() - t0);
        }
        final long elapsed = System.nanoTime() - start;
        System.out.printf(
            "checks: %,d check+done pairs on random accounts, no warm-up, accepted %.1f%%, %,.0f checks/s%n",
            checks, 100.0 * bench.outbox.accepted / Math.max(1, bench.outbox.checkResults), checks * 1e9 / elapsed);
        CheckLatencyHarness.printLatency("check+done latency", histogram, 1.0, "ns");
    }

    private static final class Memory
    {
        final long heap;
        final long direct;
        final long rss;

        private Memory(final long heap, final long direct, final long rss)
        {
            this.heap = heap;
            this.direct = direct;
            this.rss = rss;
        }

        static Memory measure() throws IOException
        {
            System.gc();
            System.gc();
            final long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long direct = 0;
            for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
            {
                if ("direct".equals(pool.getName()))
                {
                    direct = pool.getMemoryUsed();
                }
            }
            return new Memory(heap, direct, rss());
        }

        private static long rss() throws IOException
        {
            final Path status = Path.of("/proc/self/status");
            if (Files.isReadable(status))
            {
                for (final String line : Files.readAllLines(status))
                {
                    if (line.startsWith("VmRSS:"))
                    {
                        return 1024L * Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                    }
                }
            }
            return 0;
        }
    }
}
