package io.pme.engine;

import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * A latency histogram in counters, which another process reads from the counters file ({@code pme metrics} serves
 * it as a Prometheus histogram): one counter a bucket, each counting the values up to its upper bound and above the
 * bound before, and one for the sum of the values in nanoseconds.
 * <p>
 * The bounds are fixed powers of two nanoseconds, from {@link #upperBoundNs(int) 2^7 ns} (128 ns) to 2^30 ns (about
 * 1.07 s), then a last bucket for anything longer: a value finds its bucket by its leading zeros, with no search,
 * and recording it is two ordered writes of the one writer, with no allocation.
 */
public final class LatencyBuckets implements AutoCloseable
{
    /** The exponent of the first bucket's upper bound: 2^7 ns. */
    public static final int MIN_EXPONENT = 7;
    /** The exponent of the last finite upper bound: 2^30 ns. */
    public static final int MAX_EXPONENT = 30;
    /** Buckets, the last of them for values above 2^{@link #MAX_EXPONENT} ns. */
    public static final int BUCKET_COUNT = MAX_EXPONENT - MIN_EXPONENT + 2;

    private final AtomicCounter[] buckets = new AtomicCounter[BUCKET_COUNT];
    private final AtomicCounter sumNs;

    LatencyBuckets(
        final EngineCounters.Factory factory, final int bucketTypeId, final int sumTypeId, final String label)
    {
        for (int i = 0; i < BUCKET_COUNT; i++)
        {
            final String bound = i < BUCKET_COUNT - 1 ? "le " + upperBoundNs(i) + " ns" : "above " +
                upperBoundNs(BUCKET_COUNT - 2) + " ns";
            buckets[i] = factory.newCounter(bucketTypeId + i, label + " " + bound);
        }
        sumNs = factory.newCounter(sumTypeId, label + " sum ns");
    }

    /**
     * @param index of a bucket, from 0 to {@link #BUCKET_COUNT} - 1.
     * @return its upper bound in nanoseconds, inclusive; {@link Long#MAX_VALUE} for the last.
     */
    public static long upperBoundNs(final int index)
    {
        return index < BUCKET_COUNT - 1 ? 1L << (MIN_EXPONENT + index) : Long.MAX_VALUE;
    }

    /**
     * @param valueNs a latency in nanoseconds; a negative one counts as 0.
     * @return the index of its bucket: the first whose upper bound is at least the value.
     */
    public static int bucketIndex(final long valueNs)
    {
        final long value = Math.max(1, valueNs);
        // the exponent of the smallest power of two at least the value
        final int exponent = Long.SIZE - Long.numberOfLeadingZeros(value - 1);
        return Math.min(Math.max(0, exponent - MIN_EXPONENT), BUCKET_COUNT - 1);
    }

    /**
     * Counts one latency; from the one writer thread only.
     *
     * @param valueNs nanoseconds; a negative value counts as 0.
     */
    public void record(final long valueNs)
    {
        buckets[bucketIndex(valueNs)].incrementRelease();
        sumNs.getAndAddRelease(Math.max(0, valueNs));
    }

    /**
     * @param index of a bucket.
     * @return values counted in that bucket alone (not cumulative).
     */
    public long count(final int index)
    {
        return buckets[index].get();
    }

    /**
     * @return the sum of the values counted, in nanoseconds.
     */
    public long sumNs()
    {
        return sumNs.get();
    }

    /**
     * Frees the counters.
     */
    public void close()
    {
        CloseHelper.closeAll(buckets);
        sumNs.close();
    }
}
