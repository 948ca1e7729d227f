package io.pme.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business-logic thread records every check's latency: with {@link CheckLatencyRecorder} that allocates
 * nothing on the recording thread whatever the value, while another thread takes interval histograms, as
 * {@code pme run}'s status line does; the auto-resizing recorder it replaces allocates as soon as a value exceeds
 * what it has seen.
 */
class CheckLatencyRecorderTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 1_000_000;
    // a few hundred bytes appear once in a while whatever the count (JVM internals on this thread); an allocation
    // per record would be at least MEASURED * 16 bytes
    private static final long TOLERANCE_BYTES = 1024;

    @Test
    void recordingAllocatesNothingWhileAnotherThreadReadsIntervals() throws InterruptedException
    {
        final com.sun.management.ThreadMXBean threads = threads();
        final CheckLatencyRecorder recorder = new CheckLatencyRecorder();
        final AtomicBoolean done = new AtomicBoolean();
        final long[] readerTotal = {0};
        final Thread reader = new Thread(() ->
        {
            Histogram interval = null;
            while (!done.get())
            {
                interval = recorder.getIntervalHistogram(interval);
                readerTotal[0] += interval.getTotalCount();
                Thread.yield();
            }
            readerTotal[0] += recorder.getIntervalHistogram(interval).getTotalCount();
        }, "interval-reader");
        reader.start();

        record(recorder, 0, WARM_UP);
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        record(recorder, WARM_UP, MEASURED);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        done.set(true);
        reader.join(10_000);

        assertTrue(allocated <= TOLERANCE_BYTES, allocated + " bytes allocated by " + MEASURED + " records");
        assertEquals(WARM_UP + MEASURED, readerTotal[0], "every value recorded once, none lost between intervals");
    }

    @Test
    void valuesOutsideTheRangeAreClampedAndCounted()
    {
        final CheckLatencyRecorder recorder = new CheckLatencyRecorder();
        recorder.record(1_500);
        recorder.record(-3);
        recorder.record(CheckLatencyRecorder.HIGHEST_TRACKABLE_NS);
        recorder.record(Long.MAX_VALUE);
        final Histogram interval = recorder.getIntervalHistogram();

        assertEquals(4, interval.getTotalCount());
        assertEquals(2, recorder.clampedCount(), "the negative value and the one beyond the range");
        assertEquals(1, interval.getCountAtValue(0));
        assertEquals(2, interval.getCountAtValue(CheckLatencyRecorder.HIGHEST_TRACKABLE_NS));
        assertTrue(interval.valuesAreEquivalent(1_500, interval.getValueAtPercentile(50)));
        assertTrue(interval.valuesAreEquivalent(CheckLatencyRecorder.HIGHEST_TRACKABLE_NS, interval.getMaxValue()));

        recorder.reset();
        assertEquals(0, recorder.getIntervalHistogram().getTotalCount());
        assertEquals(2, recorder.clampedCount(), "the clamped count covers the whole run");
    }

    @Test
    void theAutoResizingRecorderItReplacesAllocatesOnTheRecordingThread()
    {
        // why the fixed range: Recorder(3) grows its histograms on the writer's thread when a value beats its range
        final com.sun.management.ThreadMXBean threads = threads();
        final Recorder resizing = new Recorder(3);
        resizing.recordValue(1_000);
        final long threadId = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        resizing.recordValue(CheckLatencyRecorder.HIGHEST_TRACKABLE_NS);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(allocated > 10 * TOLERANCE_BYTES, "resizing allocated only " + allocated + " bytes");
    }

    // every magnitude from 1 ns to beyond the range, and both clamps, on every pass
    private static void record(final CheckLatencyRecorder recorder, final int from, final int count)
    {
        for (int i = from; i < from + count; i++)
        {
            final int shift = i % 40;
            recorder.record(0 == shift ? -1 : (1L << shift) + (i & 1023));
        }
    }

    private static com.sun.management.ThreadMXBean threads()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        return threads;
    }
}
