package io.pme.engine.logic;

/**
 * Persists the current state when an input asks for a snapshot or the schedule decides one, so snapshots sit at
 * journaled points.
 */
@FunctionalInterface
public interface SnapshotSink
{
    SnapshotSink NONE = (journalIndex) -> false;

    /**
     * @param journalIndex where the input asking for the snapshot sits in the journal.
     * @return true when the snapshot was written, false when this sink takes none (replay).
     * @throws RuntimeException when the snapshot could not be written; the input is answered SNAPSHOT_FAILED.
     */
    boolean takeSnapshot(long journalIndex);

    /**
     * A snapshot the schedule decided at the end of an input, which nobody waits for: a sink may write it in the
     * background, and counts and keeps its failures itself. By default it is written as an asked-for one.
     *
     * @param journalIndex where the input after which it is taken sits in the journal.
     * @throws RuntimeException when the snapshot could not be written; it is counted as a snapshot failure.
     */
    default void takeScheduledSnapshot(final long journalIndex)
    {
        takeSnapshot(journalIndex);
    }
}
