package io.pme.engine.journal;

import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.StateSnapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Rebuilds engine state from a journal directory through the same business logic that built it live: the newest
 * valid snapshot, then every journaled input after it. Outputs are not re-sent; their inputs were answered (or
 * the client resends them and they are refused as duplicates). What it did is in its {@link #report()}.
 * <p>
 * A journal entry that fails its checksum stops the recovery with a {@link JournalCorruptionException} naming it;
 * a snapshot that does not reproduce its own digest stops it too (the parameters or the engine differ from the
 * ones that wrote it): in both cases carrying on would build another state than the one journaled.
 */
public final class Recovery
{
    private long snapshotInputSequence = -1;
    private long replayed;
    private RecoveryReport report;

    /**
     * @param journalDir  the journal directory; a missing one is an empty journal.
     * @param processor   the business logic, over an empty state.
     * @param risk        the risk model of that state, told when a snapshot is restored.
     * @param useSnapshot false replays the whole journal from its first input.
     * @return this, with what was done.
     * @throws JournalCorruptionException when a journaled entry fails its checksum.
     * @throws IllegalStateException      when the snapshot restored does not reproduce its digest.
     */
    public Recovery recover(
        final Path journalDir, final InputProcessor processor, final RiskModelBinding risk, final boolean useSnapshot)
    {
        return recover(journalDir, processor, risk, useSnapshot, null);
    }

    /**
     * As {@link #recover(Path, InputProcessor, RiskModelBinding, boolean)}, telling an observer of each journaled
     * input once the business logic has applied it, so a tool that reads the state after every input (an audit)
     * replays through this same path rather than one of its own.
     *
     * @param journalDir  the journal directory; a missing one is an empty journal.
     * @param processor   the business logic, over an empty state.
     * @param risk        the risk model of that state, told when a snapshot is restored.
     * @param useSnapshot false replays the whole journal from its first input.
     * @param afterInput  told of each input after it was applied, with its frame; null for none.
     * @return this, with what was done.
     * @throws JournalCorruptionException when a journaled entry fails its checksum.
     * @throws IllegalStateException      when the snapshot restored does not reproduce its digest.
     */
    public Recovery recover(
        final Path journalDir,
        final InputProcessor processor,
        final RiskModelBinding risk,
        final boolean useSnapshot,
        final JournalFrameHandler afterInput)
    {
        final long startNs = System.nanoTime();
        long afterIndex = -1;
        Snapshot snapshot = null;
        List<SkippedSnapshot> skipped = List.of();
        if (useSnapshot)
        {
            final SnapshotStore store = new SnapshotStore(snapshotDir(journalDir));
            snapshot = store.loadNewest();
            skipped = store.skipped();
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
                replayed = reader.readAll(null == afterInput ?
                    processor::process :
                    (buffer, offset, length, index) ->
                    {
                        processor.process(buffer, offset, length, index);
                        afterInput.onFrame(buffer, offset, length, index);
                    });
            }
        }
        processor.recount();
        report = new RecoveryReport(journalDir, useSnapshot, snapshot, skipped, replayed, System.nanoTime() - startNs);
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

    /**
     * @return what the recovery did, for the operator; null before {@link #recover}.
     */
    public RecoveryReport report()
    {
        return report;
    }
}
