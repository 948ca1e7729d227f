package io.pme.engine.logic;

import io.pme.engine.EngineConfiguration;

/**
 * When the business logic takes a snapshot of its own: every {@code inputs} inputs or {@code messageTimeNs} of
 * message time since the last one, whichever comes first, at the end of an applied input. Both decide outcomes (a
 * snapshot settles every account's lazily kept changes), so a journal's replay must use the intervals its live run
 * used; the journal directory records them ({@code JournalCapacity}).
 *
 * @param inputs        inputs between two scheduled snapshots, 0 for no such limit; not negative.
 * @param messageTimeNs message time between two scheduled snapshots in nanoseconds, 0 for no such limit; not
 *                      negative.
 */
public record SnapshotIntervals(long inputs, long messageTimeNs)
{
    /** No scheduled snapshot: only an {@code AdminCommand SNAPSHOT} takes one. */
    public static final SnapshotIntervals OFF = new SnapshotIntervals(0, 0);

    /** The engine's defaults: {@link EngineConfiguration#SNAPSHOT_INTERVAL_INPUTS_DEFAULT} and
     * {@link EngineConfiguration#SNAPSHOT_INTERVAL_DEFAULT_NS}. */
    public static final SnapshotIntervals DEFAULT = new SnapshotIntervals(
        EngineConfiguration.SNAPSHOT_INTERVAL_INPUTS_DEFAULT, EngineConfiguration.SNAPSHOT_INTERVAL_DEFAULT_NS);

    /**
     * @throws IllegalArgumentException when an interval is negative.
     */
    public SnapshotIntervals
    {
        if (inputs < 0 || messageTimeNs < 0)
        {
            throw new IllegalArgumentException(
                "snapshot intervals must not be negative: " + inputs + " inputs, " + messageTimeNs + " ns");
        }
    }

    /**
     * @return whether any scheduled snapshot is ever taken.
     */
    public boolean isOn()
    {
        return inputs > 0 || messageTimeNs > 0;
    }
}
