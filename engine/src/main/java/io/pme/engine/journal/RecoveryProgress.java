package io.pme.engine.journal;

/**
 * Told during a recovery's replay how far it is, every few thousand inputs, so a long replay can print a progress
 * line. Whoever prints decides how often (by the wall clock, which never reaches the business logic).
 */
@FunctionalInterface
public interface RecoveryProgress
{
    /** Tells nobody. */
    RecoveryProgress NONE = (replayed, total) -> {};

    /**
     * @param replayed journaled inputs replayed so far.
     * @param total    journaled inputs the replay is expected to reach, 0 when not known.
     */
    void onProgress(long replayed, long total);
}
