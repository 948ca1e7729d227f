package io.pme.engine.journal;

import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.StateSnapshot;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rebuilds engine state from a journal directory through the same business logic that built it live: the newest
 * valid snapshot, then every journaled input after it. Outputs are not re-sent; their inputs were answered (or
 * the client resends them and they are refused as duplicates).
 */
public final class Recovery
{
    private long snapshotInputSequence = -1;
    private long replayed;

    /**
     * @param journalDir  the journal directory; a missing one is an empty journal.
     * @param processor   the business logic, over an empty state.
     * @param risk        the risk model of that state, told when a snapshot is restored.
     * @param useSnapshot false replays the whole journal from its first input.
     * @return this, with what was done.
     */
    public Recovery recover(
        final Path journalDir, final InputProcessor processor, final RiskModelBinding risk, final boolean useSnapshot)
    {
        long afterIndex = -1;
        if (useSnapshot)
        {
            final Snapshot snapshot = new SnapshotStore(snapshotDir(journalDir)).loadNewest();
            if (null != snapshot)
            {
                new StateSnapshot().decode(snapshot.payload(), 0, snapshot.payload().capacity(), processor.state());
                processor.onRestore(risk);
                if (processor.digest() != snapshot.stateDigest())
                {
                    throw new IllegalStateException("snapshot at input " + snapshot.inputSequence() +
                        " does not reproduce its digest: parameters or engine version differ");
                }
                snapshotInputSequence = snapshot.inputSequence();
                afterIndex = snapshot.journalIndex();
            }
        }
        if (Files.isDirectory(journalDir))
        {
            try (JournalReader reader = new JournalReader(journalDir))
            {
                if (afterIndex >= 0)
                {
                    reader.fromAfter(afterIndex);
                }
                replayed = reader.readAll((buffer, offset, length, index) ->
                    processor.process(buffer, offset, length, index));
            }
        }
        processor.recount();
        return this;
    }

    /**
     * @param journalDir the journal directory.
     * @return where the journal's snapshots are kept.
     */
    public static Path snapshotDir(final Path journalDir)
    {
        return journalDir.resolve("snapshots");
    }

    /**
     * @return the input sequence of the snapshot restored, or -1 when none was.
     */
    public long snapshotInputSequence()
    {
        return snapshotInputSequence;
    }

    /**
     * @return journaled inputs replayed after the snapshot, or from the first when none was restored.
     */
    public long replayed()
    {
        return replayed;
    }
}
