package io.pme.engine.logic;

/**
 * Persists the current state when an input asks for a snapshot, so snapshots sit at journaled points.
 */
@FunctionalInterface
public interface SnapshotSink
{
    SnapshotSink NONE = (journalIndex) -> false;

    /**
     * @return true when the snapshot was written.
     */
    boolean takeSnapshot(long journalIndex);
}
