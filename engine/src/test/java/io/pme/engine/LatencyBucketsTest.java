package io.pme.engine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The latency buckets in counters: each value lands in the one bucket whose bounds hold it, the counts and the sum
 * add up, and recording allocates nothing.
 */
class LatencyBucketsTest
{
    private static final int RECORDS = 1_000_000;
    // a few hundred bytes appear once in a while whatever the count (JVM internals on this thread)
    private static final long TOLERANCE_BYTES = 1024;

    @Property
    void aValueLandsInTheFirstBucketWhoseUpperBoundHoldsIt(@ForAll final long valueNs)
    {
        final int index = LatencyBuckets.bucketIndex(valueNs);
        final long value = Math.max(0, valueNs);
        assertTrue(index >= 0 && index < LatencyBuckets.BUCKET_COUNT, () -> "index " + index);
        assertTrue(value <= LatencyBuckets.upperBoundNs(index), () -> value + " above bucket " + index);
        assertTrue(0 == index || value > LatencyBuckets.upperBoundNs(index - 1),
            () -> value + " belongs below bucket " + index);
    }

    @Test
    void theBoundsArePowersOfTwoFrom128NanosecondsToAboutASecondThenUnbounded()
    {
        assertEquals(128, LatencyBuckets.upperBoundNs(0));
        assertEquals(1L << 30, LatencyBuckets.upperBoundNs(LatencyBuckets.BUCKET_COUNT - 2));
        assertEquals(Long.MAX_VALUE, LatencyBuckets.upperBoundNs(LatencyBuckets.BUCKET_COUNT - 1));
        assertEquals(0, LatencyBuckets.bucketIndex(128));
        assertEquals(1, LatencyBuckets.bucketIndex(129));
        assertEquals(LatencyBuckets.BUCKET_COUNT - 1, LatencyBuckets.bucketIndex((1L << 30) + 1));
    }

    @Test
    void countsAndSumAddUpAndRecordingAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        try (EngineCounters counters = EngineCounters.local())
        {
            final LatencyBuckets buckets = counters.inputHoldBuckets();
            // warmed up, so that what is measured is the recording, not the first call's class loading
            record(buckets, RECORDS / 10);
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            record(buckets, RECORDS);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertTrue(allocated < TOLERANCE_BYTES, () -> allocated + " bytes allocated recording");

            long total = 0;
            long expectedSum = 0;
            for (int i = 0; i < RECORDS; i++)
            {
                expectedSum += value(i) + (i < RECORDS / 10 ? value(i) : 0);
            }
            for (int i = 0; i < LatencyBuckets.BUCKET_COUNT; i++)
            {
                total += buckets.count(i);
            }
            assertEquals(RECORDS + RECORDS / 10, total, "every value in one bucket");
            assertEquals(expectedSum, buckets.sumNs());
            assertEquals(0, counters.checkLatencyBuckets().sumNs(), "the other histogram untouched");
        }
    }

    private static void record(final LatencyBuckets buckets, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            buckets.record(value(i));
        }
    }

    // spread over every bucket, overflow included
    private static long value(final int i)
    {
        return (long)(i % 37) << (i % 33);
    }
}
