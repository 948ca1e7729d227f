package io.pme.engine.logic;

/**
 * Persists the current state when an input asks for a snapshot, so snapshots sit at journaled points.
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
}
