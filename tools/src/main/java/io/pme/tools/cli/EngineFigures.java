package io.pme.tools.cli;

import io.pme.engine.Engine;
import io.pme.engine.EngineCounters;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.CountersReader;

import java.util.Arrays;

/**
 * What the status line and the summary read of an engine: its counters, and where the engine runs in this process,
 * its latency histograms. The engine in this process ({@link #of(Engine)}) or in another, through its counters file
 * ({@link #of(CountersReader)}), whose latencies are not published.
 */
interface EngineFigures
{
    /**
     * @param typeId of one of the engine's counters, {@link EngineCounters}' {@code *_TYPE_ID}.
     * @return its value now.
     */
    long counter(int typeId);

    /**
     * @param reuse the histogram the previous call returned, or null.
     * @return the pre-trade check latencies since the previous call, or null when they are not known here.
     */
    Histogram checkLatency(Histogram reuse);

    /**
     * @param reuse the histogram the previous call returned, or null.
     * @return how long inputs held the business logic since the previous call, or null when not known here.
     */
    Histogram inputHold(Histogram reuse);

    /**
     * @return false once the engine has closed its counters (it stopped); always true in the engine's own process.
     */
    default boolean isLive()
    {
        return true;
    }

    /**
     * @return what the guarded oracle counted so far.
     */
    default OracleCounts oracle()
    {
        return new OracleCounts(counter(EngineCounters.ORACLE_OUTLIERS_TYPE_ID),
            counter(EngineCounters.DEGRADED_EPISODES_TYPE_ID), counter(EngineCounters.PARAMETER_CHANGES_TYPE_ID));
    }

    /**
     * @param engine running in this process; its counters close with it.
     * @return its figures, latencies included.
     */
    static EngineFigures of(final Engine engine)
    {
        final EngineCounters c = engine.counters();
        return new EngineFigures()
        {
            public long counter(final int typeId)
            {
                switch (typeId)
                {
                    case EngineCounters.INPUTS_TYPE_ID: return c.inputs().get();
                    case EngineCounters.OUTPUTS_TYPE_ID: return c.outputs().get();
                    case EngineCounters.CHECKS_TYPE_ID: return c.checks().get();
                    case EngineCounters.ACCOUNTS_TYPE_ID: return c.accounts().get();
                    case EngineCounters.BELOW_IM_TYPE_ID: return c.belowInitialMargin().get();
                    case EngineCounters.BELOW_MM_TYPE_ID: return c.belowMaintenanceMargin().get();
                    case EngineCounters.REJECTS_TYPE_ID: return c.rejects().get();
                    case EngineCounters.JOURNAL_POSITION_TYPE_ID: return c.journalPosition().get();
                    case EngineCounters.OUTPUTS_DROPPED_TYPE_ID: return c.outputsDropped().get();
                    case EngineCounters.ERRORS_TYPE_ID: return c.errors().get();
                    case EngineCounters.ORACLE_OUTLIERS_TYPE_ID: return c.oracleOutliersRejected().get();
                    case EngineCounters.DEGRADED_EPISODES_TYPE_ID: return c.degradedEpisodes().get();
                    case EngineCounters.PARAMETER_CHANGES_TYPE_ID: return c.parameterChanges().get();
                    case EngineCounters.SNAPSHOTS_WRITTEN_TYPE_ID: return c.snapshotsWritten().get();
                    case EngineCounters.SNAPSHOTS_TAKEN_TYPE_ID: return c.snapshotsTaken().get();
                    case EngineCounters.SNAPSHOT_FAILURES_TYPE_ID: return c.snapshotFailures().get();
                    case EngineCounters.SNAPSHOT_HOLD_MAX_US_TYPE_ID: return c.snapshotHoldMaxUs().get();
                    case EngineCounters.RETENTION_DELETED_TYPE_ID: return c.retentionDeleted().get();
                    default: throw new IllegalArgumentException("no figure of counter type " + typeId);
                }
            }

            public Histogram checkLatency(final Histogram reuse)
            {
                return engine.checkLatency().getIntervalHistogram(reuse);
            }

            public Histogram inputHold(final Histogram reuse)
            {
                return engine.inputHold().getIntervalHistogram(reuse);
            }
        };
    }

    /**
     * @param reader of an engine's counters file, mapped while it is read.
     * @return the figures it publishes; no latencies. A counter the file does not hold reads as 0.
     */
    static EngineFigures of(final CountersReader reader)
    {
        final int[] ids = new int[EngineCounters.TYPE_ID_LIMIT - EngineCounters.TYPE_ID_BASE];
        Arrays.fill(ids, -1);
        reader.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId >= EngineCounters.TYPE_ID_BASE && typeId < EngineCounters.TYPE_ID_LIMIT)
            {
                ids[typeId - EngineCounters.TYPE_ID_BASE] = counterId;
            }
        });
        return new EngineFigures()
        {
            public long counter(final int typeId)
            {
                final int id = ids[typeId - EngineCounters.TYPE_ID_BASE];
                return id < 0 ? 0 : reader.getCounterValue(id);
            }

            public boolean isLive()
            {
                final int id = ids[0];
                return id >= 0 && CountersReader.RECORD_ALLOCATED == reader.getCounterState(id);
            }

            public Histogram checkLatency(final Histogram reuse)
            {
                return null;
            }

            public Histogram inputHold(final Histogram reuse)
            {
                return null;
            }
        };
    }
}
