package io.pme.engine.recovery;

import io.pme.engine.state.Encodings;
import io.pme.codecs.AdminCommandType;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotIntervals;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;
import io.pme.protocol.json.JsonFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot schedule is business logic: it decides by the inputs' count and their message time alone, so a
 * replay of the same inputs takes the same snapshots at the same inputs with the same digests, and an engine
 * restored from any scheduled snapshot goes on to the digest of the uninterrupted run (its schedule included).
 */
class ScheduledSnapshotTest
{
    private static final long T0 = TimeUnit.DAYS.toNanos(20_000);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void byInputsASnapshotFollowsEveryNthInput()
    {
        final Run run = new Run(new SnapshotIntervals(5, 0));
        run.heartbeats(23, SECOND);
        assertEquals(List.of(5L, 10L, 15L, 20L), run.sequences());
    }

    @Test
    void byMessageTimeASnapshotFollowsTheFirstInputAtOrPastTheInterval()
    {
        final Run run = new Run(new SnapshotIntervals(0, 10 * SECOND));
        // one second apart: the clock starts at the first input, so inputs 11, 21 and 31 are 10 s after the last
        run.heartbeats(35, SECOND);
        assertEquals(List.of(11L, 21L, 31L), run.sequences());
        // the wall clock plays no part: another run of the same inputs, later, takes the same snapshots
        final Run again = new Run(new SnapshotIntervals(0, 10 * SECOND));
        again.heartbeats(35, SECOND);
        assertEquals(run.points, again.points);
    }

    @Test
    void whicheverIntervalComesFirst()
    {
        final Run run = new Run(new SnapshotIntervals(4, 10 * SECOND));
        // three seconds apart: four inputs (9 s) come before 10 s, so the count decides
        run.heartbeats(9, 3 * SECOND);
        assertEquals(List.of(4L, 8L), run.sequences());
        // input 10 comes 6 s after the last snapshot, input 11 20 s later: past 10 s of message time, the time decides
        run.heartbeats(2, 20 * SECOND);
        assertEquals(List.of(4L, 8L, 11L), run.sequences());
    }

    @Test
    void aRefusedInputTakesNoSnapshotTheNextAppliedOneDoes()
    {
        final Run run = new Run(new SnapshotIntervals(3, 0));
        run.heartbeats(2, SECOND);
        // a stale correlation id: refused, it changes nothing, so the schedule waits for the next applied input
        run.heartbeat(T0, 1);
        assertEquals(List.of(), run.sequences());
        run.heartbeats(1, SECOND);
        assertEquals(List.of(4L), run.sequences());
    }

    @Test
    void replayTakesTheSameSnapshotsAndARestoreFromAnyOfThemReachesTheUninterruptedDigest()
    {
        final Inputs inputs = Inputs.simulated(7, 40, 3_000, 1_500, AdminCommandType.SNAPSHOT);
        final long spanNs = Run.timestamp(inputs.frame(inputs.size() - 1)) - Run.timestamp(inputs.frame(0));
        final SnapshotIntervals intervals = new SnapshotIntervals(700, spanNs / 3);

        final Run live = new Run(intervals);
        live.all(inputs);
        final Run replay = new Run(intervals);
        replay.all(inputs);
        assertTrue(live.points.size() >= 4, () -> "scheduled and asked-for snapshots: " + live.points);
        assertEquals(live.points, replay.points, "the same snapshots at the same inputs, with the same digests");
        assertEquals(live.processor.digest(), replay.processor.digest());

        for (final Point point : live.points)
        {
            final Run restored = new Run(intervals);
            new StateSnapshot().decode(new UnsafeBuffer(point.bytes), 0, point.bytes.length, restored.state);
            restored.processor.onRestore(restored.risk);
            assertEquals(point.digest, restored.processor.digest(), "snapshot at input " + point.sequence);
            restored.from(inputs, (int)point.journalIndex + 1);
            assertEquals(live.processor.digest(), restored.processor.digest(), "restored at " + point.sequence);
            assertEquals(live.processor.correlationDigest(), restored.processor.correlationDigest());
            assertEquals(live.sequencesAfter(point.sequence), restored.sequences(), "the schedule goes on");
        }

        // the schedule is state: without it the same inputs reach another digest
        final Run unscheduled = new Run(SnapshotIntervals.OFF);
        unscheduled.all(inputs);
        assertNotEquals(live.processor.digest(), unscheduled.processor.digest());
    }

    /** A snapshot the sink was asked for: where, and the state's encoding and digest then. */
    record Point(long sequence, long journalIndex, long digest, byte[] bytes)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Point point && point.sequence == sequence &&
                point.journalIndex == journalIndex && point.digest == digest &&
                java.util.Arrays.equals(point.bytes, bytes);
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(sequence);
        }

        @Override
        public String toString()
        {
            return "input " + sequence + " (journal index " + journalIndex + ", digest " +
                Long.toHexString(digest) + ")";
        }
    }

    private static final class Run
    {
        final EngineState state = new EngineContext().maxAccounts(100).newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final List<Point> points = new ArrayList<>();
        final InputProcessor processor;
        private final StateSnapshot codec = new StateSnapshot();
        private final JsonFrameEncoder encoder = new JsonFrameEncoder();
        private final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
        private long nowNs = T0;
        private long correlationId;
        private long journalIndex;

        Run(final SnapshotIntervals intervals)
        {
            final SnapshotSink sink = new SnapshotSink()
            {
                public boolean takeSnapshot(final long index)
                {
                    record(index);
                    return true;
                }

                public void takeScheduledSnapshot(final long index)
                {
                    record(index);
                }
            };
            processor = new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, sink, intervals);
        }

        private void record(final long index)
        {
            final byte[] bytes = Encodings.bytes(codec, codec.encode(state));
            points.add(new Point(state.inputSequence(), index, processor.digest(), bytes));
        }

        void heartbeats(final int count, final long stepNs)
        {
            for (int i = 0; i < count; i++)
            {
                heartbeat(nowNs, ++correlationId);
                nowNs += stepNs;
            }
        }

        void heartbeat(final long timestampNs, final long correlation)
        {
            final int length = encoder.encode("{\"type\":\"Heartbeat\",\"timestampNs\":" + timestampNs +
                ",\"correlationId\":" + correlation + "}", frame, 0);
            processor.process(frame, 0, length, journalIndex++);
        }

        void all(final Inputs inputs)
        {
            from(inputs, 0);
        }

        void from(final Inputs inputs, final int first)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (int i = first; i < inputs.size(); i++)
            {
                buffer.wrap(inputs.frame(i));
                processor.process(buffer, 0, buffer.capacity(), i);
            }
        }

        List<Long> sequences()
        {
            return points.stream().map(Point::sequence).toList();
        }

        List<Long> sequencesAfter(final long sequence)
        {
            return points.stream().map(Point::sequence).filter((s) -> s > sequence).toList();
        }

        static long timestamp(final byte[] frame)
        {
            return new UnsafeBuffer(frame).getLong(8, java.nio.ByteOrder.LITTLE_ENDIAN);
        }
    }
}
