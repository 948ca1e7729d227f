package io.pme.engine.journal;

import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.StateSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
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
 * ones that wrote it): in both cases carrying on would build another state than the one journaled. So does a
 * replay that would start at the journal's start when {@link Retention} has deleted it.
 */
public final class Recovery
{
    /** Where a recovery starts. */
    public enum Start
    {
        /** The journal's first input, restoring no snapshot. */
        JOURNAL_START,
        /** The newest intact snapshot, else the journal's first input: what an engine does on start. */
        NEWEST_SNAPSHOT,
        /** The oldest intact snapshot, else the journal's first input: the longest replay the journal allows. */
        OLDEST_SNAPSHOT
    }

    private static final int PROGRESS_BATCH = 4096;

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
     * @throws IllegalStateException      when the snapshot restored does not reproduce its digest, or the replay
     *                                    would start where retention deleted the journal.
     */
    public Recovery recover(
        final Path journalDir, final InputProcessor processor, final RiskModelBinding risk, final boolean useSnapshot)
    {
        return recover(journalDir, processor, risk, useSnapshot ? Start.NEWEST_SNAPSHOT : Start.JOURNAL_START,
            RecoveryProgress.NONE, null);
    }

    /**
     * @param journalDir the journal directory; a missing one is an empty journal.
     * @param processor  the business logic, over an empty state.
     * @param risk       the risk model of that state, told when a snapshot is restored.
     * @param start      where to start.
     * @param progress   told how far the replay is, every few thousand inputs.
     * @return this, with what was done.
     * @throws JournalCorruptionException when a journaled entry fails its checksum.
     * @throws IllegalStateException      when the snapshot restored does not reproduce its digest, or the replay
     *                                    would start where retention deleted the journal.
     */
    public Recovery recover(
        final Path journalDir,
        final InputProcessor processor,
        final RiskModelBinding risk,
        final Start start,
        final RecoveryProgress progress)
    {
        return recover(journalDir, processor, risk, start, progress, null);
    }

    /**
     * As {@link #recover(Path, InputProcessor, RiskModelBinding, Start, RecoveryProgress)}, telling an observer of
     * each journaled input once the business logic has applied it, so a tool that reads the state after every input
     * (an audit) replays through this same path rather than one of its own.
     *
     * @param journalDir the journal directory; a missing one is an empty journal.
     * @param processor  the business logic, over an empty state.
     * @param risk       the risk model of that state, told when a snapshot is restored.
     * @param start      where to start.
     * @param progress   told how far the replay is, every few thousand inputs.
     * @param afterInput told of each input after it was applied, with its frame; null for none.
     * @return this, with what was done.
     * @throws JournalCorruptionException when a journaled entry fails its checksum.
     * @throws IllegalStateException      when the snapshot restored does not reproduce its digest, or the replay
     *                                    would start where retention deleted the journal.
     */
    public Recovery recover(
        final Path journalDir,
        final InputProcessor processor,
        final RiskModelBinding risk,
        final Start start,
        final RecoveryProgress progress,
        final JournalFrameHandler afterInput)
    {
        final long startNs = System.nanoTime();
        long afterIndex = Journal.NULL_INDEX;
        Snapshot snapshot = null;
        List<SkippedSnapshot> skipped = List.of();
        if (Start.JOURNAL_START != start)
        {
            final SnapshotStore store = new SnapshotStore(snapshotDir(journalDir));
            snapshot = Start.NEWEST_SNAPSHOT == start ? store.loadNewest() : store.loadOldest();
            skipped = store.skipped();
            if (null != snapshot)
            {
                try (FileChannel payload = snapshot.openPayload())
                {
                    new StateSnapshot().decode(payload, snapshot.payloadLength(), processor.state());
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
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
        final long restoredNs = System.nanoTime();
        final int restoredAccounts = processor.state().accounts().count();
        final long firstCycleKept = Retention.firstCycleKept(journalDir);
        if (null == snapshot && firstCycleKept >= 0)
        {
            throw new IllegalStateException("the journal's start is gone: retention deleted its cycles before cycle " +
                firstCycleKept + " (" + journalDir.resolve(Retention.MARKER_FILE) + "), so " +
                (Start.JOURNAL_START == start ? "a replay starts from a snapshot (the oldest intact one)" :
                "with no intact snapshot in " + snapshotDir(journalDir) + " the state cannot be rebuilt"));
        }
        long replayNs = 0;
        if (Files.isDirectory(journalDir))
        {
            try (JournalReader reader = new JournalReader(journalDir))
            {
                if (Journal.NULL_INDEX != afterIndex)
                {
                    reader.fromAfter(afterIndex);
                }
                final long total = reader.countAfter(afterIndex);
                // the inputs' own pace: opening the queue (most of a short replay) is in the total only
                final long replayStartNs = System.nanoTime();
                replayed = replay(reader, processor, progress, total, afterInput);
                replayNs = System.nanoTime() - replayStartNs;
            }
        }
        processor.recount();
        final long endNs = System.nanoTime();
        report = new RecoveryReport(journalDir, Start.JOURNAL_START != start, snapshot, skipped, replayed,
            endNs - startNs, restoredNs - startNs, replayNs, restoredAccounts);
        return this;
    }

    private static long replay(
        final JournalReader reader,
        final InputProcessor processor,
        final RecoveryProgress progress,
        final long total,
        final JournalFrameHandler afterInput)
    {
        final JournalFrameHandler handler = null == afterInput ?
            processor::process :
            (buffer, offset, length, index) ->
            {
                processor.process(buffer, offset, length, index);
                afterInput.onFrame(buffer, offset, length, index);
            };
        long count = 0;
        int batch;
        while ((batch = reader.poll(handler, PROGRESS_BATCH)) > 0)
        {
            count += batch;
            progress.onProgress(count, total);
        }
        return count;
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
