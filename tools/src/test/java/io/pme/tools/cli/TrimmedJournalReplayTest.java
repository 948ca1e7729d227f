package io.pme.tools.cli;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.JournalCapacity;
import io.pme.engine.journal.Journal;
import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.Retention;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;
import io.pme.protocol.json.JsonFrameEncoder;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal whose start retention deleted (a cycle a day, a snapshot every fourth input, two kept): {@code pme
 * replay} says the start is gone and replays from the oldest intact snapshot to the live digest; from the newest it
 * reaches the same digest.
 */
class TrimmedJournalReplayTest
{
    private static final long T0 = TimeUnit.DAYS.toNanos(20_000);

    @TempDir
    Path dir;

    @Test
    void replaysFromTheOldestSnapshotOnceTheJournalsStartIsGone()
    {
        final Path journalDir = dir.resolve("journal");
        final EngineContext context = new EngineContext().journalDir(journalDir).snapshotIntervalInputs(4)
            .snapshotIntervalNs(0);
        JournalCapacity.recordOrVerify(context, journalDir);
        final String liveDigest = live(context, journalDir);
        assertTrue(Retention.firstCycleKept(journalDir) >= 0, "retention deleted the journal's start");

        final CliRun whole = CliRun.of("replay", "--journal", journalDir.toString());
        assertEquals(0, whole.code(), whole::err);
        assertTrue(whole.err().contains("pme replay: the journal's start is gone: retention deleted its cycles " +
            "before cycle "), whole::err);
        assertTrue(whole.err().contains("replaying from the oldest intact snapshot instead"), whole::err);
        assertTrue(whole.out().contains("recovery: restored snapshot " + SnapshotStore.fileName(16) + " at input 16"),
            whole::out);
        assertTrue(whole.out().contains("recovery: replayed 6 journaled inputs after the snapshot in "), whole::out);
        assertEquals(liveDigest, whole.lastOutLine());

        final CliRun newest = CliRun.of("replay", "--journal", journalDir.toString(), "--from-snapshot");
        assertEquals(0, newest.code(), newest::err);
        assertTrue(newest.out().contains("recovery: restored snapshot " + SnapshotStore.fileName(20) + " at input 20"),
            newest::out);
        assertEquals(liveDigest, newest.lastOutLine());
    }

    // the engine's business logic and its snapshot sink over a journal rolled daily by a set clock: 22 heartbeats,
    // five a day, a snapshot after every fourth, retention keeping two after each
    private static String live(final EngineContext context, final Path journalDir)
    {
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final EngineState state = context.newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final SnapshotStore store = new SnapshotStore(Recovery.snapshotDir(journalDir));
        final StateSnapshot codec = new StateSnapshot();
        try (Journal journal = new Journal(journalDir, TestRollCycles.TEST_DAILY, time))
        {
            final Retention retention = new Retention(journalDir, store, journal.rollCycle(), 2);
            final InputProcessor[] processor = new InputProcessor[1];
            final SnapshotSink sink = (journalIndex) ->
            {
                final long length = codec.encode(state);
                store.write(state.inputSequence(), journalIndex, processor[0].digest(), codec.byteBuffers(length));
                retention.apply();
                return true;
            };
            processor[0] = new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, sink,
                context.snapshotIntervals());
            final JsonFrameEncoder encoder = new JsonFrameEncoder();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
            for (int i = 1; i <= 22; i++)
            {
                if (0 == i % 5)
                {
                    time.advanceMillis(TimeUnit.DAYS.toMillis(1));
                }
                final int length = encoder.encode("{\"type\":\"Heartbeat\",\"timestampNs\":" + (T0 + i) +
                    ",\"correlationId\":" + i + "}", frame, 0);
                processor[0].process(frame, 0, length, journal.append(frame, 0, length));
            }
            return Pme.digestLine(processor[0].digest(), processor[0].correlationDigest());
        }
    }
}
