package io.pme.engine.journal;

import org.agrona.DirectBuffer;

/**
 * A validated snapshot loaded by {@link SnapshotStore#loadNewest()}.
 */
public final class Snapshot
{
    private final long inputSequence;
    private final long journalIndex;
    private final long stateDigest;
    private final DirectBuffer payload;
    private final int skippedCorrupt;

    Snapshot(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final DirectBuffer payload,
        final int skippedCorrupt)
    {
        this.inputSequence = inputSequence;
        this.journalIndex = journalIndex;
        this.stateDigest = stateDigest;
        this.payload = payload;
        this.skippedCorrupt = skippedCorrupt;
    }

    /**
     * Sequence number of the last input applied to the state captured by this snapshot.
     *
     * @return sequence number of the last input applied.
     */
    public long inputSequence()
    {
        return inputSequence;
    }

    /**
     * Journal index of the last input applied, so replay resumes with {@link JournalReader#fromAfter(long)}.
     *
     * @return journal index of the last input applied, or {@link Journal#NULL_INDEX}.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * Digest of the engine state recorded by the writer, to verify the restored state.
     *
     * @return digest of the engine state.
     */
    public long stateDigest()
    {
        return stateDigest;
    }

    /**
     * Payload bytes, exactly {@code payload().capacity()} long starting at offset 0.
     *
     * @return the payload.
     */
    public DirectBuffer payload()
    {
        return payload;
    }

    /**
     * Number of newer snapshot files skipped because they were corrupt or truncated.
     *
     * @return number of newer snapshots skipped.
     */
    public int skippedCorrupt()
    {
        return skippedCorrupt;
    }
}
