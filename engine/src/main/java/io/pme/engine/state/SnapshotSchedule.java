package io.pme.engine.state;

/**
 * Where the business logic took its last scheduled snapshot: the input sequence and the engine clock then. It is
 * state like any other (in the snapshot, in the digest), so an engine restored from a snapshot takes the next one
 * at the same input as the engine that wrote it, and a replay of the journal at the same inputs as the live run.
 */
public final class SnapshotSchedule
{
    private long lastInputSequence;
    private long lastTimeNs;

    /** Back to no snapshot taken yet, before a restore. */
    public void clear()
    {
        lastInputSequence = 0;
        lastTimeNs = 0;
    }

    /**
     * @return the input sequence of the last scheduled snapshot, 0 before the first.
     */
    public long lastInputSequence()
    {
        return lastInputSequence;
    }

    /**
     * @return the engine clock at the last scheduled snapshot, or at the first applied input before it; 0 before
     * either.
     */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /**
     * Sets both, on a restore or when a snapshot is taken.
     *
     * @param inputSequence of the last scheduled snapshot.
     * @param timeNs        the engine clock then.
     */
    public void set(final long inputSequence, final long timeNs)
    {
        lastInputSequence = inputSequence;
        lastTimeNs = timeNs;
    }

    /**
     * Whether a snapshot is due at the end of an applied input; the first applied input only starts the clock.
     *
     * @param inputSequence  of the input just applied.
     * @param nowNs          the engine clock after it.
     * @param intervalInputs inputs between two snapshots, 0 for no such limit.
     * @param intervalNs     message time between two snapshots, 0 for no such limit.
     * @return true when either interval is up.
     */
    public boolean isDue(final long inputSequence, final long nowNs, final long intervalInputs, final long intervalNs)
    {
        if (0 == lastTimeNs)
        {
            // message time is measured from the first input that moved the clock, never from the epoch
            lastTimeNs = nowNs;
        }
        return (intervalInputs > 0 && inputSequence - lastInputSequence >= intervalInputs) ||
            (intervalNs > 0 && nowNs - lastTimeNs >= intervalNs);
    }
}
