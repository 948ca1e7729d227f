package io.pme.tools.cli;

import io.pme.engine.EngineCounters;

/**
 * What the guarded oracle did, from the engine's counters: source prices dropped as outliers, entries into DEGRADED
 * and parameter changes that took effect (the admin's and the oracle's own).
 *
 * @param outliersRejected {@link EngineCounters#oracleOutliersRejected()}.
 * @param degradedEpisodes {@link EngineCounters#degradedEpisodes()}.
 * @param parameterChanges {@link EngineCounters#parameterChanges()}.
 */
record OracleCounts(long outliersRejected, long degradedEpisodes, long parameterChanges)
{
    /**
     * @return the counters' values now; they must still be open (the engine not closed).
     */
    static OracleCounts of(final EngineCounters counters)
    {
        return new OracleCounts(counters.oracleOutliersRejected().get(), counters.degradedEpisodes().get(),
            counters.parameterChanges().get());
    }

    /**
     * @return what was counted since {@code start}: a run's own, without what recovery replayed before it.
     */
    OracleCounts since(final OracleCounts start)
    {
        return new OracleCounts(outliersRejected - start.outliersRejected, degradedEpisodes - start.degradedEpisodes,
            parameterChanges - start.parameterChanges);
    }
}
