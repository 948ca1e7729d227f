package io.pme.bench;

import io.pme.engine.logic.InputProcessor;
import org.HdrHistogram.Histogram;

/**
 * Latency distribution of the pre-trade check on the business-logic path, in process: a warm state of N accounts
 * ({@link BenchState}), then a stream of OrderCheck + OrderDone pairs through {@code InputProcessor.process}, each
 * pair timed with {@code System.nanoTime()} into an HdrHistogram after a warm-up. Back-to-back, so this is service
 * time (no queueing): see {@link EndToEndHarness} for latency at an offered rate.
 *
 * <pre>
 * CheckLatencyHarness [--accounts N] [--checks N] [--warmup N] [--hot K]
 * </pre>
 */
public final class CheckLatencyHarness
{
    private CheckLatencyHarness()
    {
    }

    public static void main(final String[] args)
    {
        int accounts = 100_000;
        long checks = 5_000_000;
        long warmup = 2_000_000;
        int hot = 0;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--accounts": accounts = Integer.parseInt(args[++i]); break;
                case "--checks": checks = Long.parseLong(args[++i]); break;
                case "--warmup": warmup = Long.parseLong(args[++i]); break;
                case "--hot": hot = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException(
                    "usage: CheckLatencyHarness [--accounts N] [--checks N] [--warmup N] [--hot K]; unknown " +
                    args[i]);
            }
        }

        final BenchState bench = new BenchState(accounts);
        System.out.println(bench.summary());
        final CheckStream stream = new CheckStream(bench.market, accounts, hot, 7, BenchMarket.CHECK_CLIENT);
        final InputProcessor processor = bench.processor;
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);

        long correlationId = 0;
        long orderId = 0;
        for (long i = 0; i < warmup; i++)
        {
            final int k = (int)i;
            orderId++;
            correlationId = stream.checkAndDone(processor, k, correlationId, orderId);
        }
        bench.outbox.reset();

        final long start = System.nanoTime();
        for (long i = 0; i < checks; i++)
        {
            final int k = (int)(warmup + i);
            orderId++;
            final long t0 = System.nanoTime();
            correlationId = stream.checkAndDone(processor, k, correlationId, orderId);
            histogram.recordValue(System.nanoTime() - t0);
        }
        final long elapsed = System.nanoTime() - start;

        System.out.printf("check+done pairs %,d (warm-up %,d) on %,d accounts%s, accepted %.1f%%%n",
            checks, warmup, accounts, hot > 0 ? " (" + hot + " hot accounts)" : "",
            100.0 * bench.outbox.accepted / Math.max(1, bench.outbox.checkResults));
        printLatency("check+done latency", histogram, 1.0, "ns");
        System.out.printf("throughput: %,.0f checks/s (one thread, check + done per check)%n", checks * 1e9 / elapsed);
    }

    static void printLatency(final String label, final Histogram h, final double scale, final String unit)
    {
        System.out.printf(
            "%s (%s): p50 %.1f | p90 %.1f | p99 %.1f | p99.9 %.1f | p99.99 %.1f | max %.1f | mean %.1f | count %,d%n",
            label, unit, h.getValueAtPercentile(50) / scale, h.getValueAtPercentile(90) / scale,
            h.getValueAtPercentile(99) / scale, h.getValueAtPercentile(99.9) / scale,
            h.getValueAtPercentile(99.99) / scale, h.getMaxValue() / scale, h.getMean() / scale, h.getTotalCount());
    }
}
