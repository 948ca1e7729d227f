package io.pme.engine.journal;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A recovery tells its progress as it replays: how many inputs so far, of how many the journal holds after where it
 * started, the last time all of them.
 */
class RecoveryProgressTest
{
    @TempDir
    Path dir;

    @Test
    void toldEveryBatchOfInputsWithTheJournalsCount()
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = new Journal(journalDir))
        {
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[8]);
            for (int i = 0; i < 10_000; i++)
            {
                frame.putLong(0, i);
                journal.append(frame, 0, 8);
            }
        }
        final EngineState state = new EngineContext().maxAccounts(10).newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        final List<long[]> told = new ArrayList<>();

        final Recovery recovery = new Recovery().recover(journalDir, processor, risk, Recovery.Start.JOURNAL_START,
            (replayed, total) -> told.add(new long[]{replayed, total}));

        assertEquals(10_000, recovery.replayed());
        assertEquals(List.of(4096L, 8192L, 10_000L), told.stream().map((t) -> t[0]).toList());
        assertEquals(List.of(10_000L, 10_000L, 10_000L), told.stream().map((t) -> t[1]).toList());
    }
}
