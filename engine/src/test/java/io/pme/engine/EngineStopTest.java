package io.pme.engine;

import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graceful stop ({@link Engine#stopTakingInput(long)} then {@link Engine#close()}): the engine's own SNAPSHOT
 * input goes after every input taken, nothing offered after it is taken, the snapshot is written, and the journal
 * replays to the same digest through the same point; a restart recovers from that snapshot and stops again with a
 * fresh correlation id (a duplicate would be refused, and no snapshot written), in either threading mode.
 */
class EngineStopTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void aGracefulStopJournalsAndWritesALastSnapshotWhichReplayGoesThrough()
    {
        final EngineContext context = context().threadingModeName("dedicated").conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":1}");
            link.awaitAnswer(1);
            assertTrue(engine.stopTakingInput(10_000), "the snapshot input is on the ring");
            link.trySend("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":2}");
            link.pollFor(200);
            assertTrue(link.answers.stream().noneMatch(answer -> answer.contains("\"correlationId\":2,")),
                link.answers::toString);
        }
        finally
        {
            engine.close();
        }
        assertEquals(2, engine.state().inputSequence(), "the heartbeat and the snapshot input, nothing after");
        assertEquals(2, engine.lastSnapshotInputSequence(), () -> engine.errors().summary());
        assertTrue(Files.isRegularFile(
            Recovery.snapshotDir(context.journalDir()).resolve(SnapshotStore.fileName(2))), "snapshot written");
        assertEquals(engine.digest(), replayedDigest(context.journalDir(), 2), "replayed digest");

        final EngineContext again = context().threadingModeName("shared").conclude();
        final Engine restarted = Engine.launch(again);
        try
        {
            assertEquals(2, restarted.recovery().report().restoredInputSequence(), "recovered from the snapshot");
            assertTrue(restarted.stopTakingInput(10_000));
        }
        finally
        {
            restarted.close();
        }
        assertEquals(3, restarted.lastSnapshotInputSequence(), "the second stop's snapshot, not a duplicate");
        assertEquals(restarted.digest(), replayedDigest(context.journalDir(), 3), "replayed digest");
    }

    private static long replayedDigest(final Path journalDir, final long inputs)
    {
        final EngineState state = new EngineContext().newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        assertEquals(inputs, new Recovery().recover(journalDir, processor, risk, false).replayed());
        return processor.digest();
    }

    private EngineContext context()
    {
        return new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .riskModelFactory(state -> new PortfolioRiskModel(state, null));
    }
}
