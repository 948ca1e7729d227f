package io.pme.bench;

import io.pme.codecs.LiquidationEventType;
import io.pme.engine.liquidation.LiquidationParameters;
import io.pme.engine.state.AccountStates;
import org.HdrHistogram.Histogram;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * What a crash costs the business logic: a {@link CrashBook} of N accounts of which L are leveraged, BTC −20% in one
 * tick, then heartbeats until every liquidation has sent its first LiquidationOrder, then (past the orders' time to
 * live) until every one has re-planned once more. Each input is timed with {@code System.nanoTime()} around
 * {@code InputProcessor.process}; business logic only (no ring, no journal, the outbox counts frames). Reported: the
 * crash tick itself (the accounts entering liquidation: their open orders released, STARTED, and the first
 * {@code STEPS_PER_INPUT} steps), how many inputs and how long until every liquidation had its first order, and one
 * step's cost as an HdrHistogram of each heartbeat's time divided by the steps it took. Beside them, on the same book
 * before the crash, the two figures to scale them by: one exact account refresh ({@code MarginModel.refresh}, every
 * account once) and one full-book BTC tick without a crash (+20%, which visits every holder and takes nobody below
 * MM). Every run builds its book afresh; the report gives each run and the median of the runs, after a warm-up run
 * on a smaller book that is not reported.
 *
 * <pre>
 * CrashHarness [--accounts N] [--leveraged L] [--runs R] [--heartbeat-ms M] [--warmup-accounts W]
 * </pre>
 */
public final class CrashHarness
{
    private static final double BTC_SPOT = BenchMarket.SPOTS[BenchMarket.BTC];
    private static final double UP_FACTOR = 1.2;
    private static final long MS = 1_000_000L;
    private static final long ALLOCATED_OVERHEAD = allocationOverhead();

    private CrashHarness()
    {
    }

    /** One run's figures; times in ns. */
    static final class Run
    {
        double refreshP50;
        double refreshMean;
        double upTickNs;
        double upVisited;
        double backTickNs;
        double crashNs;
        double crashFanOutNs;
        double enteringNs;
        double crashStepsNs;
        double crashVisited;
        double entered;
        double released;
        double crashSteps;
        double firstInputs;
        double firstNs;
        double firstP50;
        double firstP99;
        double firstMax;
        double firstSteps;
        double againInputs;
        double againNs;
        double againP50;
        double againP99;
        double againMax;
        double againSteps;
        double crashBytes;
        double stepBytes;
        double sweepInputs;
        double measuredInputs;
        double gcCount;
        double gcMs;

        String line(final int run)
        {
            return String.format(
                "run %d: exact refresh p50 %,.0f ns | tick +20%% %,.1f ms (%,.0f visited), back %,.1f ms | " +
                "crash tick %,.1f ms (fan-out %,.1f, %,.0f entering %,.1f, %,.0f steps %,.1f), %,.0f orders " +
                "released | first orders after %,.0f inputs, %,.1f ms, step p50 %,.0f ns p99 %,.0f max %,.0f | " +
                "again after expiry %,.0f inputs, %,.1f ms, step p50 %,.0f ns p99 %,.0f max %,.0f | heap " +
                "allocated: crash tick %,.0f B, steps %,.1f B/step | ADL rank sweep on %,.0f of %,.0f inputs | gc " +
                "%,.0f (%,.0f ms)",
                run, refreshP50, upTickNs / MS, upVisited, backTickNs / MS, crashNs / MS, crashFanOutNs / MS,
                entered, enteringNs / MS, crashSteps, crashStepsNs / MS, released, firstInputs, firstNs / MS,
                firstP50, firstP99, firstMax, againInputs, againNs / MS, againP50, againP99, againMax, crashBytes,
                stepBytes, sweepInputs, measuredInputs, gcCount, gcMs);
        }
    }

    public static void main(final String[] args)
    {
        int accounts = 100_000;
        int leveraged = -1;
        int runs = 3;
        long heartbeatMs = 5;
        int warmupAccounts = -1;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--accounts": accounts = Integer.parseInt(args[++i]); break;
                case "--leveraged": leveraged = Integer.parseInt(args[++i]); break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--heartbeat-ms": heartbeatMs = Long.parseLong(args[++i]); break;
                case "--warmup-accounts": warmupAccounts = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("usage: CrashHarness [--accounts N] [--leveraged L] " +
                    "[--runs R] [--heartbeat-ms M] [--warmup-accounts W]; unknown " + args[i]);
            }
        }
        leveraged = leveraged < 0 ? accounts / 10 : leveraged;
        warmupAccounts = warmupAccounts < 0 ? Math.min(accounts, 10_000) : warmupAccounts;
        if (runs < 1 || heartbeatMs < 1 || leveraged > accounts || leveraged < 1)
        {
            throw new IllegalArgumentException(
                "need --runs ≥ 1, --heartbeat-ms ≥ 1 and 1 ≤ --leveraged ≤ --accounts");
        }
        final long heartbeatNs = heartbeatMs * MS;

        if (warmupAccounts > 0)
        {
            final int warmupLeveraged = (int)Math.max(1, (long)warmupAccounts * leveraged / accounts);
            final Run warm = measure(new CrashBook(warmupAccounts, warmupLeveraged), heartbeatNs);
            System.out.printf("warm-up on %,d accounts (%,d leveraged), not reported: crash tick %,.1f ms%n",
                warmupAccounts, warmupLeveraged, warm.crashNs / MS);
        }

        final Run[] results = new Run[runs];
        for (int r = 0; r < runs; r++)
        {
            // the previous run's book (off-heap records included) goes before the next one is built
            System.gc();
            final CrashBook book = new CrashBook(accounts, leveraged);
            if (0 == r)
            {
                System.out.println(book.summary());
            }
            results[r] = measure(book, heartbeatNs);
            System.out.println(results[r].line(r + 1));
        }
        report(results, accounts, leveraged, heartbeatMs);
    }

    static Run measure(final CrashBook book, final long heartbeatNs)
    {
        final Run run = new Run();
        book.outbox.timed = true;
        final long gcCount = gcCount();
        final long gcMs = gcMs();
        baseline(book, run);
        crash(book, run);
        steps(book, run, heartbeatNs);
        run.gcCount = gcCount() - gcCount;
        run.gcMs = gcMs() - gcMs;
        return run;
    }

    // on the book before the crash: every account refreshed exactly once, then a tick up and back that crash nobody
    private static void baseline(final CrashBook book, final Run run)
    {
        final Histogram refresh = new Histogram(3_600_000_000_000L, 3);
        for (int slot = 0, n = book.state.accounts().count(); slot < n; slot++)
        {
            final long t0 = System.nanoTime();
            book.model.refresh(slot);
            refresh.recordValue(System.nanoTime() - t0);
        }
        run.refreshP50 = refresh.getValueAtPercentile(50);
        run.refreshMean = refresh.getMean();

        final long visits = book.model.tickVisits();
        long t0 = System.nanoTime();
        book.tickBtc(UP_FACTOR * BTC_SPOT);
        run.upTickNs = System.nanoTime() - t0;
        run.upVisited = book.model.tickVisits() - visits;
        t0 = System.nanoTime();
        book.tickBtc(BTC_SPOT);
        run.backTickNs = System.nanoTime() - t0;
        if (0 != book.outbox.events(LiquidationEventType.STARTED) ||
            book.stateCounts()[AccountStates.HEALTHY] != book.accounts)
        {
            throw new IllegalStateException("the ticks without crash moved accounts out of HEALTHY: " +
                Arrays.toString(book.stateCounts()));
        }
    }

    private static void crash(final CrashBook book, final Run run)
    {
        final CrashBook.LiquidationOutbox out = book.outbox;
        out.reset();
        final long visits = book.model.tickVisits();
        final boolean sweeping = book.state.adlRanks().isSweeping();
        final long bytes = threadAllocatedBytes();
        final long t0 = System.nanoTime();
        book.crash();
        final long t1 = System.nanoTime();
        run.sweepInputs = sweeping || book.state.adlRanks().isSweeping() ? 1 : 0;
        run.crashBytes = allocatedSince(bytes);
        run.crashNs = t1 - t0;
        // the tick's ack goes out before the end of the input, where the accounts enter and then the steps begin
        run.crashFanOutNs = out.ackNanos - t0;
        run.enteringNs = out.firstOrderNanos - out.ackNanos;
        run.crashStepsNs = t1 - out.firstOrderNanos;
        run.crashVisited = book.model.tickVisits() - visits;
        run.entered = out.events(LiquidationEventType.STARTED);
        run.released = out.released;
        run.crashSteps = out.orders;
        final int[] states = book.stateCounts();
        if (run.entered != book.leveraged || states[AccountStates.HEALTHY] != book.accounts - book.leveraged ||
            run.released != (double)CrashBook.OPEN_ORDERS_PER_LEVERAGED * book.leveraged)
        {
            throw new IllegalStateException("the crash did not go as designed: " + (long)run.entered +
                " entered liquidation of " + book.leveraged + ", states " + Arrays.toString(states) + ", " +
                out.released + " orders released");
        }
    }

    private static void steps(final CrashBook book, final Run run, final long heartbeatNs)
    {
        final CrashBook.LiquidationOutbox out = book.outbox;
        final int budget = (int)LiquidationParameters.defaultValue(LiquidationParameters.STEPS_PER_INPUT);
        final Stepping first = new Stepping(budget, (long)run.entered);
        final Stepping again = new Stepping(budget, (long)run.entered);
        final long bytes = threadAllocatedBytes();
        while (out.liquidationsWithOrder < run.entered)
        {
            first.heartbeat(book, heartbeatNs);
        }
        run.firstInputs = first.inputs;
        run.firstNs = first.ns;
        run.firstSteps = first.steps;
        run.firstP50 = first.perStep.getValueAtPercentile(50);
        run.firstP99 = first.perStep.getValueAtPercentile(99);
        run.firstMax = first.perStep.getMaxValue();

        // past every order's time to live: each liquidation withdraws its expired order and plans again
        out.reset();
        again.heartbeat(book, (long)LiquidationParameters.defaultValue(LiquidationParameters.ORDER_TTL_NS));
        while (again.steps < run.entered)
        {
            again.heartbeat(book, heartbeatNs);
        }
        run.againInputs = again.inputs;
        run.againNs = again.ns;
        run.againSteps = again.steps;
        run.againP50 = again.perStep.getValueAtPercentile(50);
        run.againP99 = again.perStep.getValueAtPercentile(99);
        run.againMax = again.perStep.getMaxValue();
        run.stepBytes = allocatedSince(bytes) / (run.firstSteps + run.againSteps);
        run.sweepInputs += first.sweepInputs + again.sweepInputs;
        run.measuredInputs = 1 + first.inputs + again.inputs;
        if (out.events(LiquidationEventType.ORDER_EXPIRED) < run.entered ||
            0 != out.events(LiquidationEventType.AUCTION_STARTED) || 0 != out.events(LiquidationEventType.RECOVERED))
        {
            throw new IllegalStateException("the second steps did not go as designed: " +
                out.events(LiquidationEventType.ORDER_EXPIRED) + " orders expired, " +
                out.events(LiquidationEventType.AUCTION_STARTED) + " auctions, " +
                out.events(LiquidationEventType.RECOVERED) + " recovered");
        }
    }

    /** Heartbeats, each timed: how many, how long in all, the steps (orders sent) they took, per step. */
    private static final class Stepping
    {
        final Histogram perStep = new Histogram(3_600_000_000_000L, 3);
        final int budget;
        final long limit;
        long inputs;
        long ns;
        long steps;
        long sweepInputs;

        Stepping(final int budget, final long liquidations)
        {
            this.budget = budget;
            // every input moves on a full budget while liquidations are due: more inputs than this is no progress
            this.limit = liquidations / budget + 10;
        }

        void heartbeat(final CrashBook book, final long advanceNs)
        {
            final long before = book.outbox.orders;
            final boolean sweeping = book.state.adlRanks().isSweeping();
            final long t0 = System.nanoTime();
            book.heartbeat(advanceNs);
            final long dt = System.nanoTime() - t0;
            // the deleveraging rank sweep, every ADL_RANK_INTERVAL_NS, adds its accounts to the inputs it runs on
            sweepInputs += sweeping || book.state.adlRanks().isSweeping() ? 1 : 0;
            final long taken = book.outbox.orders - before;
            inputs++;
            ns += dt;
            steps += taken;
            if (taken > budget || inputs > limit)
            {
                throw new IllegalStateException(
                    taken + " steps on one input (at most " + budget + "), " + inputs + " inputs so far");
            }
            if (taken > 0)
            {
                perStep.recordValue(dt / taken);
            }
        }
    }

    private static void report(final Run[] runs, final int accounts, final int leveraged, final long heartbeatMs)
    {
        final double refreshP50 = median(runs, r -> r.refreshP50);
        final double upTick = median(runs, r -> r.upTickNs);
        final double crash = median(runs, r -> r.crashNs);
        final double entering = median(runs, r -> r.enteringNs);
        final double perEntering = median(runs, r -> r.enteringNs / r.entered);
        final double firstP50 = median(runs, r -> r.firstP50);
        final double entered = median(runs, r -> r.entered);

        System.out.printf("median of %d run%s (each on a book built afresh), business logic only, %,d accounts, " +
            "%,d leveraged:%n", runs.length, 1 == runs.length ? "" : "s", accounts, leveraged);
        System.out.printf("  exact account refresh (MarginModel.refresh, every account once): p50 %,.0f ns | " +
            "mean %,.0f ns%n", refreshP50, median(runs, r -> r.refreshMean));
        System.out.printf("  full-book BTC tick without crash (+20%%, nobody below MM): %,.1f ms, %,.0f accounts " +
            "visited (back to spot: %,.1f ms)%n",
            upTick / MS, median(runs, r -> r.upVisited), median(runs, r -> r.backTickNs) / MS);
        System.out.printf("  crash tick (BTC -20%%): %,.1f ms, %,.0f accounts visited: the tick to its ack %,.1f ms; " +
            "%,.0f entered liquidation in %,.1f ms (%,.0f open orders released, %,.0f STARTED); their first " +
            "%,.0f steps %,.1f ms%n",
            crash / MS, median(runs, r -> r.crashVisited), median(runs, r -> r.crashFanOutNs) / MS, entered,
            entering / MS, median(runs, r -> r.released), entered, median(runs, r -> r.crashSteps),
            median(runs, r -> r.crashStepsNs) / MS);
        final double firstInputs = median(runs, r -> r.firstInputs);
        System.out.printf("  until every liquidation had sent its first LiquidationOrder: %,.0f inputs after the " +
            "crash tick (heartbeats %d ms apart: %,.0f ms of message time), %,.1f ms (%,.1f ms with the crash tick)%n",
            firstInputs, heartbeatMs, firstInputs * heartbeatMs, median(runs, r -> r.firstNs) / MS,
            median(runs, r -> r.crashNs + r.firstNs) / MS);
        System.out.printf("  one liquidation step (recompute, plan, order sent), heartbeat time / steps: p50 %,.0f " +
            "ns | p99 %,.0f | max %,.0f (%,.0f inputs)%n", firstP50, median(runs, r -> r.firstP99),
            median(runs, r -> r.firstMax), median(runs, r -> r.firstInputs));
        System.out.printf("  one step after its order expired (ORDER_EXPIRED, plan, order sent): p50 %,.0f ns | " +
            "p99 %,.0f | max %,.0f (%,.0f inputs, %,.1f ms)%n", median(runs, r -> r.againP50),
            median(runs, r -> r.againP99), median(runs, r -> r.againMax), median(runs, r -> r.againInputs),
            median(runs, r -> r.againNs) / MS);
        System.out.printf("  heap allocated on this thread: crash tick %,.0f B; steps %,.1f B per step%n",
            median(runs, r -> r.crashBytes), median(runs, r -> r.stepBytes));
        System.out.printf("  ADL rank sweep in progress on %,.0f of the %,.0f measured inputs (crash tick and " +
            "heartbeats)%n", median(runs, r -> r.sweepInputs), median(runs, r -> r.measuredInputs));
        System.out.printf("  to scale: crash tick / tick without crash %.2f×; entering one account %,.0f ns = %.1f " +
            "exact refreshes; one step %.1f exact refreshes; GC during the runs %,.0f collections%n",
            crash / upTick, perEntering, perEntering / refreshP50, firstP50 / refreshP50,
            median(runs, r -> r.gcCount));
    }

    // the heap this thread has allocated since {@code before}, less what asking costs (the call allocates ~0.8 KB)
    private static long allocatedSince(final long before)
    {
        return Math.max(0, threadAllocatedBytes() - before - ALLOCATED_OVERHEAD);
    }

    private static long threadAllocatedBytes()
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads instanceof com.sun.management.ThreadMXBean ?
            ((com.sun.management.ThreadMXBean)threads).getThreadAllocatedBytes(Thread.currentThread().getId()) : 0;
    }

    private static long allocationOverhead()
    {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 16; i++)
        {
            final long before = threadAllocatedBytes();
            least = Math.min(least, threadAllocatedBytes() - before);
        }
        return least;
    }

    private static long gcCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static long gcMs()
    {
        long ms = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static double median(final Run[] runs, final ToDoubleFunction<Run> figure)
    {
        final double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++)
        {
            values[i] = figure.applyAsDouble(runs[i]);
        }
        Arrays.sort(values);
        final int mid = values.length / 2;
        return 0 == values.length % 2 ? (values[mid - 1] + values[mid]) / 2 : values[mid];
    }
}
