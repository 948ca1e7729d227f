package io.pme.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latency of pre-trade checks, from a frame's arrival to its decision, in nanoseconds: recorded by the
 * business-logic thread (the one writer), read as interval histograms by any other thread.
 * <p>
 * The range is fixed so that recording never allocates on the hot path: an auto-resizing recorder grows its
 * histograms the first time a value exceeds their range, on the recording thread. A value above
 * {@link #HIGHEST_TRACKABLE_NS} is recorded as that value, and a negative one as 0; each such value is counted in
 * {@link #clampedCount()}, so a tail beyond the range is visible rather than lost.
 */
public final class CheckLatencyRecorder
{
    /** The highest latency told apart: a check waiting longer than a minute means the engine was stalled. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.SECONDS.toNanos(60);
    /** Significant decimal digits of every recorded value. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final AtomicLong clamped = new AtomicLong();

    /**
     * Records one latency; from the one writer thread only. Allocation-free.
     *
     * @param latencyNs nanoseconds; clamped into [0, {@link #HIGHEST_TRACKABLE_NS}] and counted when it was not.
     */
    public void record(final long latencyNs)
    {
        long value = latencyNs;
        if (value < 0 || value > HIGHEST_TRACKABLE_NS)
        {
            value = value < 0 ? 0 : HIGHEST_TRACKABLE_NS;
            clamped.setRelease(clamped.getPlain() + 1);
        }
        recorder.recordValue(value);
    }

    /**
     * @return a new histogram of the values recorded since the last interval (or reset), which it also starts.
     */
    public Histogram getIntervalHistogram()
    {
        return recorder.getIntervalHistogram();
    }

    /**
     * @param recycle a histogram this recorder returned before, reused to avoid allocating; null for a new one.
     * @return the values recorded since the last interval (or reset), which it also starts.
     */
    public Histogram getIntervalHistogram(final Histogram recycle)
    {
        return recorder.getIntervalHistogram(recycle);
    }

    /**
     * Forgets the values recorded so far (the clamped count is kept: it counts the whole run).
     */
    public void reset()
    {
        recorder.reset();
    }

    /**
     * @return how many recorded values were outside the range and clamped into it, since start.
     */
    public long clampedCount()
    {
        return clamped.getAcquire();
    }
}
