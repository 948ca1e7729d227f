package io.pme.bench;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The client side of a round-trip measurement, the same for the engine and for the echo servers beside it: a
 * sender thread offers the OrderCheck frames of a {@link CheckStream} at a fixed rate, check i at its intended time
 * start + i / rate, each followed at once by the OrderDone that releases it; a receiver thread matches the answer
 * to each check by its correlation id (2i + 1) and records (receive time − intended send time) in an HdrHistogram.
 * Timing from the intended time, not the actual send, keeps any stall of the sender or the server in the figures
 * (no coordinated omission). The answer to a check is the frame of the given template carrying its correlation id:
 * the engine's CheckResult, or the echoed OrderCheck itself.
 */
public final class RoundTripClient
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int CORRELATION_OFFSET = HEADER + 8;
    private static final int OUTCOME_OFFSET = HEADER + CheckResultEncoder.outcomeEncodingOffset();
    private static final long START_DELAY_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RECEIVE_GRACE_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long SPIN_THRESHOLD_NS = 20_000;

    private final int rate;
    private final int seconds;
    private final int warmupSeconds;

    /**
     * @param rate          checks offered per second, each followed by its OrderDone.
     * @param seconds       measured, after the warm-up.
     * @param warmupSeconds offered at the same rate first, not recorded.
     */
    public RoundTripClient(final int rate, final int seconds, final int warmupSeconds)
    {
        if (rate <= 0 || seconds <= 0 || warmupSeconds < 0)
        {
            throw new IllegalArgumentException("rate and seconds must be positive, warm-up not negative: " +
                rate + ", " + seconds + ", " + warmupSeconds);
        }
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
    }

    /** @return checks offered per second. */
    public int rate()
    {
        return rate;
    }

    /** @return seconds measured after the warm-up. */
    public int seconds()
    {
        return seconds;
    }

    /** @return seconds of warm-up. */
    public int warmupSeconds()
    {
        return warmupSeconds;
    }

    /**
     * Offers the whole run and waits for its answers (at most 10 s after the last offer).
     *
     * @param publication     to the server.
     * @param subscription    of the server's answers.
     * @param stream          the checks and dones to offer, stamped with correlation ids from 1.
     * @param answerTemplate  template id of the frame answering a check.
     * @param atMeasureStart  run once on the calling thread when the warm-up ends (e.g. to reset a server histogram).
     * @return what was measured.
     * @throws InterruptedException if interrupted while the threads run.
     */
    public Result run(
        final ExclusivePublication publication,
        final Subscription subscription,
        final CheckStream stream,
        final int answerTemplate,
        final Runnable atMeasureStart) throws InterruptedException
    {
        final long periodNs = 1_000_000_000L / rate;
        final long warmupChecks = (long)rate * warmupSeconds;
        final long total = warmupChecks + (long)rate * seconds;
        final AtomicBoolean senderDone = new AtomicBoolean();
        final AtomicLong backPressured = new AtomicLong();
        final long startNs = System.nanoTime() + START_DELAY_NS;
        final long measureStartNs = startNs + warmupChecks * periodNs;
        final Result result = new Result(total - warmupChecks, measureStartNs, backPressured);

        final Thread sender = sender(publication, stream, total, startNs, periodNs, backPressured, senderDone);
        final Thread receiver = receiver(
            subscription, answerTemplate, result, total, warmupChecks, startNs, periodNs, senderDone);
        receiver.start();
        sender.start();
        while (System.nanoTime() < measureStartNs)
        {
            Thread.sleep(10);
        }
        atMeasureStart.run();
        sender.join();
        receiver.join();

        return result;
    }

    private static Thread receiver(
        final Subscription subscription, final int answerTemplate, final Result result, final long total,
        final long warmupChecks, final long startNs, final long periodNs, final AtomicBoolean senderDone)
    {
        return new Thread(() ->
        {
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                final long now = System.nanoTime();
                final int template = buffer.getShort(offset + 2, LITTLE_ENDIAN);
                if (answerTemplate == template)
                {
                    final long i = (buffer.getLong(offset + CORRELATION_OFFSET, LITTLE_ENDIAN) - 1) / 2;
                    result.answered++;
                    if (i >= warmupChecks)
                    {
                        result.histogram.recordValue(Math.max(0, now - (startNs + i * periodNs)));
                        if (CheckResultEncoder.TEMPLATE_ID == template &&
                            CheckOutcome.ACCEPTED.value() == buffer.getByte(offset + OUTCOME_OFFSET))
                        {
                            result.accepted++;
                        }
                        result.lastReceiveNs = now;
                    }
                }
                if (now >= startNs + warmupChecks * periodNs)
                {
                    result.outputsInWindow++;
                }
            };
            long deadline = Long.MAX_VALUE;
            while (result.answered < total && System.nanoTime() < deadline)
            {
                if (0 == subscription.poll(handler, 256))
                {
                    Thread.yield();
                }
                if (Long.MAX_VALUE == deadline && senderDone.get())
                {
                    deadline = System.nanoTime() + RECEIVE_GRACE_NS;
                }
            }
        }, "e2e-receiver");
    }

    private static Thread sender(
        final ExclusivePublication publication, final CheckStream stream, final long total, final long startNs,
        final long periodNs, final AtomicLong backPressured, final AtomicBoolean senderDone)
    {
        return new Thread(() ->
        {
            long pressured = 0;
            for (long i = 0; i < total; i++)
            {
                final long intended = startNs + i * periodNs;
                long now;
                while ((now = System.nanoTime()) < intended)
                {
                    if (intended - now > SPIN_THRESHOLD_NS)
                    {
                        Thread.yield();
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                final int k = (int)i;
                final int check = stream.stampCheck(k, 2 * i + 1, i + 1);
                pressured += send(publication, stream.checks, check, CheckStream.CHECK_LENGTH);
                final int done = stream.stampDone(k, 2 * i + 2, i + 1);
                pressured += send(publication, stream.dones, done, CheckStream.DONE_LENGTH);
            }
            backPressured.set(pressured);
            senderDone.set(true);
        }, "e2e-sender");
    }

    private static int send(
        final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        int pressured = 0;
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("input publication unusable: " + Publication.errorString(result));
            }
            pressured = 1;
            Thread.onSpinWait();
        }
        return pressured;
    }

    /**
     * What one run measured; read it after {@link #run} has returned.
     */
    public static final class Result
    {
        private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        private final long measured;
        private final long measureStartNs;
        private final AtomicLong backPressured;
        private long answered;
        private long accepted;
        private long outputsInWindow;
        private long lastReceiveNs;

        private Result(final long measured, final long measureStartNs, final AtomicLong backPressured)
        {
            this.measured = measured;
            this.measureStartNs = measureStartNs;
            this.backPressured = backPressured;
        }

        /** @return round trips from the intended send time of each measured check, in nanoseconds. */
        public Histogram histogram()
        {
            return histogram;
        }

        /** @return checks offered after the warm-up. */
        public long measured()
        {
            return measured;
        }

        /** @return checks answered after the warm-up. */
        public long received()
        {
            return histogram.getTotalCount();
        }

        /** @return checks answered in all, warm-up included. */
        public long answered()
        {
            return answered;
        }

        /** @return measured checks answered ACCEPTED (engine answers only). */
        public long accepted()
        {
            return accepted;
        }

        /** @return frames received from the end of the warm-up on, answers to checks and dones and the rest. */
        public long outputsInWindow()
        {
            return outputsInWindow;
        }

        /** @return checks whose frames met back pressure at least once. */
        public long backPressured()
        {
            return backPressured.get();
        }

        /** @return seconds from the end of the warm-up to the last measured answer, at least 1 ns. */
        public double windowSeconds()
        {
            return Math.max(1, lastReceiveNs - measureStartNs) / 1e9;
        }
    }
}
