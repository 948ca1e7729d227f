package io.pme.engine;

import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.RecoveryProgress;
import io.pme.engine.journal.Retention;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotIntervals;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real engine (embedded media driver, Aeron IPC, Chronicle Queue journal) taking snapshots on its schedule: the
 * files sit at the scheduled inputs, retention keeps the newest ones, a restart restores the newest and reaches
 * the digest of a full replay, the journal refuses another schedule, and a write that fails stops nothing.
 */
class ScheduledSnapshotEngineTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void snapshotsEveryThirdInputKeepsTheNewestTwoAndARestartRestoresTheNewest() throws IOException
    {
        final EngineContext context = context().conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int correlationId = 1; correlationId <= 10; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            link.awaitAnswer(10);
        }
        finally
        {
            engine.close();
        }
        assertEquals(3, engine.counters().snapshotsWritten().get());
        assertEquals(1, engine.counters().retentionDeleted().get());
        // snapshots after inputs 3, 6 and 9; the oldest deleted once the third was written
        assertEquals(List.of(SnapshotStore.fileName(9), SnapshotStore.fileName(6)), snapshotFiles(context));
        final long liveDigest = engine.digest();
        assertEquals(liveDigest, replay(context, false), "a full replay with the journal's schedule");

        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        final EngineContext restart = context().recoveryReportStream(new PrintStream(report, true)).conclude();
        final Engine again = Engine.launch(restart);
        try
        {
            assertEquals(9, again.recovery().snapshotInputSequence());
            assertEquals(1, again.recovery().replayed());
            assertEquals(0, again.counters().snapshotsWritten().get(), "none written by the recovery");
        }
        finally
        {
            again.close();
        }
        assertEquals(liveDigest, again.digest(), "restored from the scheduled snapshot");
        final String lines = report.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains(
            "recovery: restored snapshot " + SnapshotStore.fileName(9) + " at input 9 (0 accounts"), lines);
        assertTrue(lines.contains("recovery: replayed 1 journaled input after the snapshot in "), lines);
    }

    @Test
    void retentionDeletesTheJournalCyclesNoKeptSnapshotNeedsUnderARunningEngine() throws IOException
    {
        // the journal rolls daily by a clock of the test's: a day is three inputs, and a snapshot follows each third
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final EngineContext context = context().journalRollCycle(TestRollCycles.TEST_DAILY).journalTimeProvider(time)
            .conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int day = 0; day < 5; day++)
            {
                for (int i = 1; i <= 3; i++)
                {
                    link.send(heartbeat(3L * day + i));
                }
                link.awaitAnswer(3L * day + 3);
                final long written = day + 1;
                await(() -> written == engine.counters().snapshotsWritten().get());
                time.advanceMillis(TimeUnit.DAYS.toMillis(1));
            }
            // the appender goes on into a new cycle after retention deleted the first three under it
            link.send(heartbeat(16));
            link.awaitAnswer(16);
        }
        finally
        {
            engine.close();
        }
        assertEquals(List.of(SnapshotStore.fileName(15), SnapshotStore.fileName(12)), snapshotFiles(context));
        assertEquals(6, engine.counters().retentionDeleted().get(), "three snapshots and three cycle files");
        try (Stream<Path> files = Files.list(context.journalDir()))
        {
            assertEquals(3, files.filter((file) -> file.toString().endsWith(".cq4")).count(), "the cycles of 12 on");
        }
        assertTrue(Retention.firstCycleKept(context.journalDir()) >= 0);
        assertThrows(IllegalStateException.class, () -> replay(context, Recovery.Start.JOURNAL_START));
        assertEquals(engine.digest(), replay(context, Recovery.Start.NEWEST_SNAPSHOT), "from the newest, 15");
        assertEquals(engine.digest(), replay(context, Recovery.Start.OLDEST_SNAPSHOT), "from the oldest kept, 12");
    }

    @Test
    void theJournalKeepsTheScheduleItWasStartedWith()
    {
        final EngineContext context = context().conclude();
        Engine.launch(context).close();
        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> Engine.launch(context().snapshotIntervalInputs(4).conclude()));
        assertTrue(thrown.getMessage().contains("pme.snapshot.interval.inputs 4 (the journal's 3)"),
            thrown::getMessage);
        final EngineContext replayContext = JournalCapacity.apply(new EngineContext(), context.journalDir());
        assertEquals(new SnapshotIntervals(3, 0), replayContext.snapshotIntervals());
    }

    @Test
    void aScheduledSnapshotThatCannotBeWrittenIsCountedAndTheEngineGoesOn() throws IOException
    {
        final EngineContext context = context().conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            link.send(heartbeat(1));
            link.awaitAnswer(1);
            // a regular file where the snapshot directory was: the write fails with an I/O error
            final Path snapshots = Recovery.snapshotDir(context.journalDir());
            Files.delete(snapshots);
            Files.writeString(snapshots, "not a directory");

            for (int correlationId = 2; correlationId <= 5; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            link.awaitAnswer(5);
            await(() -> 1 == engine.counters().snapshotFailures().get());
            link.send(heartbeat(6));
            link.awaitAnswer(6);
            for (int correlationId = 1; correlationId <= 6; correlationId++)
            {
                assertTrue(link.answerTo(correlationId).contains("\"type\":\"Ack\""), link.answers::toString);
            }
            await(() -> 2 == engine.counters().snapshotFailures().get());
            assertEquals(0, engine.counters().snapshotsWritten().get());
            assertTrue(engine.errors().summary().contains("snapshots"), () -> engine.errors().summary());
            assertFalse(engine.isFailed());
        }
        finally
        {
            engine.close();
        }
        // the failures changed no state: the journal replays to the live digest, its snapshots settled alike
        assertEquals(engine.digest(), replay(context, false));
    }

    private long replay(final EngineContext context, final boolean fromSnapshot)
    {
        return replay(context, fromSnapshot ? Recovery.Start.NEWEST_SNAPSHOT : Recovery.Start.JOURNAL_START);
    }

    private long replay(final EngineContext context, final Recovery.Start start)
    {
        final EngineState state = new EngineContext().newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor = new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE,
            SnapshotSink.NONE, context.snapshotIntervals());
        new Recovery().recover(context.journalDir(), processor, risk, start, RecoveryProgress.NONE);
        return processor.digest();
    }

    private EngineContext context()
    {
        return new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .snapshotIntervalInputs(3)
            .snapshotIntervalNs(0)
            .retentionSnapshots(2)
            .riskModelFactory(state -> new PortfolioRiskModel(state, null));
    }

    private static String heartbeat(final long correlationId)
    {
        return "{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}";
    }

    private static List<String> snapshotFiles(final EngineContext context)
    {
        final List<String> names = new ArrayList<>();
        for (final long sequence : new SnapshotStore(Recovery.snapshotDir(context.journalDir())).sequencesNewestFirst())
        {
            names.add(SnapshotStore.fileName(sequence));
        }
        return names;
    }

    private static void await(final java.util.function.BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for the snapshot writer");
            }
            Thread.yield();
        }
    }
}
