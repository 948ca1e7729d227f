package io.pme.tools.metrics;

import io.pme.engine.EngineCounters;
import io.pme.engine.EngineErrors;
import io.pme.engine.LatencyBuckets;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.agrona.IoUtil;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's counters file as Prometheus metrics, read afresh at every scrape, in Prometheus's naming: a counter
 * {@code pme: journal failures} is {@code pme_journal_failures_total}, the figures in microseconds or nanoseconds
 * are in seconds ({@code pme_longest_input_seconds}), the refusals by reason are one counter with a {@code reason}
 * label, the latency buckets are histograms ({@code pme_check_latency_seconds_bucket{le="..."}}); and
 * {@code pme_engine_up} says whether the engine is alive. The counters of an engine that is not alive are left out:
 * a crashed engine's last values would read as a live flat line.
 */
public final class EngineCollector implements MultiCollector
{
    private static final String PREFIX = "pme: ";
    private static final String REJECTS_PREFIX = "pme: rejects ";
    private static final double MICROS = 1e-6;
    private static final double NANOS = 1e-9;

    /**
     * How a counter that is not a plain count is exposed.
     *
     * @param name  the metric's name, without {@code _total} for a counter.
     * @param gauge whether it goes up and down (or is set once), not only up.
     * @param scale by which its value is multiplied into the metric's unit.
     * @param help  what it is.
     */
    private record Mapping(String name, boolean gauge, double scale, String help)
    {
    }

    private static final Map<Integer, Mapping> MAPPINGS = Map.ofEntries(
        Map.entry(EngineCounters.RING_OCCUPANCY_TYPE_ID,
            new Mapping("pme_ring_occupancy", true, 1, "inputs waiting in the ring at the receiver's last offer")),
        Map.entry(EngineCounters.ACCOUNTS_TYPE_ID, new Mapping("pme_accounts", true, 1, "accounts open")),
        Map.entry(EngineCounters.BELOW_IM_TYPE_ID, new Mapping("pme_accounts_below_initial_margin", true, 1,
            "accounts whose equity is below their initial margin")),
        Map.entry(EngineCounters.BELOW_MM_TYPE_ID, new Mapping("pme_accounts_below_maintenance_margin", true, 1,
            "accounts whose equity is below their maintenance margin")),
        Map.entry(EngineCounters.JOURNAL_POSITION_TYPE_ID,
            new Mapping("pme_journal_appends", false, 1, "inputs appended to the journal")),
        Map.entry(EngineCounters.JOURNAL_SYNCED_TYPE_ID, new Mapping("pme_journal_synced_inputs", true, 1,
            "inputs appended since start known to be on the device")),
        Map.entry(EngineCounters.JOURNAL_SYNC_TIME_US_TYPE_ID,
            new Mapping("pme_journal_sync_seconds", false, MICROS, "time spent in journal syncs")),
        Map.entry(EngineCounters.JOURNAL_SYNC_MAX_US_TYPE_ID,
            new Mapping("pme_journal_sync_max_seconds", true, MICROS, "the longest journal sync")),
        Map.entry(EngineCounters.LONGEST_INPUT_TYPE_ID, new Mapping("pme_longest_input_seconds", true, NANOS,
            "the longest time one input held the business-logic thread")),
        Map.entry(EngineCounters.RECOVERY_SNAPSHOT_INPUT_TYPE_ID, new Mapping("pme_recovery_snapshot_input", true,
            1, "input sequence of the snapshot the start-up recovery restored, 0 for none")),
        Map.entry(EngineCounters.RECOVERY_SNAPSHOTS_SKIPPED_TYPE_ID, new Mapping("pme_recovery_snapshots_skipped",
            true, 1, "snapshot files the start-up recovery skipped as corrupt")),
        Map.entry(EngineCounters.RECOVERY_REPLAYED_TYPE_ID, new Mapping("pme_recovery_replayed_inputs", true, 1,
            "journaled inputs the start-up recovery replayed")),
        Map.entry(EngineCounters.RECOVERY_TIME_US_TYPE_ID,
            new Mapping("pme_recovery_duration_seconds", true, MICROS, "how long the start-up recovery took")),
        Map.entry(EngineCounters.SNAPSHOT_HOLD_MAX_US_TYPE_ID, new Mapping("pme_snapshot_hold_max_seconds", true,
            MICROS, "the longest a snapshot's encoding held the business-logic thread")));

    private final File countersFile;
    private final File errorsFile;

    /**
     * @param countersFile the engine's counters file, read at every scrape; it need not exist yet.
     * @param errorsFile   the engine's distinct error log, counted at every scrape; it need not exist yet.
     */
    public EngineCollector(final File countersFile, final File errorsFile)
    {
        this.countersFile = countersFile;
        this.errorsFile = errorsFile;
    }

    /**
     * {@inheritDoc}
     */
    public MetricSnapshots collect()
    {
        final MetricSnapshots.Builder metrics = MetricSnapshots.builder();
        CountersSnapshot snapshot = null;
        if (countersFile.exists())
        {
            try
            {
                snapshot = CountersSnapshot.read(countersFile);
            }
            catch (final IllegalArgumentException ex)
            {
                // a file of another build, or one being created: no engine to speak of
                snapshot = null;
            }
        }
        final boolean alive = null != snapshot && snapshot.alive();
        metrics.metricSnapshot(gauge("pme_engine_up", null, "1 while the engine is alive (pme stat's test), else 0",
            alive ? 1 : 0));
        if (null != snapshot)
        {
            metrics.metricSnapshot(gauge("pme_engine_heartbeat_age_seconds", Unit.SECONDS,
                "time since the engine's last heartbeat", snapshot.heartbeatAgeMs() / 1000.0));
            metrics.metricSnapshot(gauge("pme_engine_start_time_seconds", Unit.SECONDS,
                "when the engine started, in seconds since the epoch", snapshot.header().startTimestampMs() / 1000.0));
        }
        if (errorsFile.exists())
        {
            metrics.metricSnapshot(gauge("pme_distinct_errors", null,
                "distinct errors in the engine's error log (pme errors prints them)", distinctErrors()));
        }
        if (alive)
        {
            counters(snapshot, metrics);
        }
        return metrics.build();
    }

    private int distinctErrors()
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(errorsFile, "pme errors");
        try
        {
            return EngineErrors.read(mapped, (count, first, last, encoded) -> {});
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static void counters(final CountersSnapshot snapshot, final MetricSnapshots.Builder metrics)
    {
        final CounterSnapshot.Builder rejectsByReason = CounterSnapshot.builder().name("pme_rejects_by_reason")
            .help("inputs refused by the business logic, by reason");
        final long[] checkBuckets = new long[LatencyBuckets.BUCKET_COUNT];
        final long[] holdBuckets = new long[LatencyBuckets.BUCKET_COUNT];
        long checkSumNs = 0;
        long holdSumNs = 0;
        for (final CountersSnapshot.Counter counter : snapshot.counters())
        {
            final int typeId = counter.typeId();
            final long value = counter.value();
            if (isBucket(typeId, EngineCounters.CHECK_LATENCY_BUCKET_TYPE_ID))
            {
                checkBuckets[typeId - EngineCounters.CHECK_LATENCY_BUCKET_TYPE_ID] = value;
            }
            else if (isBucket(typeId, EngineCounters.INPUT_HOLD_BUCKET_TYPE_ID))
            {
                holdBuckets[typeId - EngineCounters.INPUT_HOLD_BUCKET_TYPE_ID] = value;
            }
            else if (EngineCounters.CHECK_LATENCY_SUM_TYPE_ID == typeId)
            {
                checkSumNs = value;
            }
            else if (EngineCounters.INPUT_HOLD_SUM_TYPE_ID == typeId)
            {
                holdSumNs = value;
            }
            else if (typeId > EngineCounters.REJECT_REASON_TYPE_ID &&
                typeId < EngineCounters.CHECK_LATENCY_BUCKET_TYPE_ID && counter.label().startsWith(REJECTS_PREFIX))
            {
                rejectsByReason.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                    .labels(Labels.of("reason", counter.label().substring(REJECTS_PREFIX.length())))
                    .value(value).build());
            }
            else
            {
                metrics.metricSnapshot(metric(counter));
            }
        }
        metrics.metricSnapshot(rejectsByReason.build());
        metrics.metricSnapshot(histogram("pme_check_latency_seconds",
            "pre-trade checks from the frame's arrival to the decision", checkBuckets, checkSumNs));
        metrics.metricSnapshot(histogram("pme_input_hold_seconds",
            "how long each input held the business-logic thread", holdBuckets, holdSumNs));
    }

    private static boolean isBucket(final int typeId, final int base)
    {
        return typeId >= base && typeId < base + LatencyBuckets.BUCKET_COUNT;
    }

    private static MetricSnapshot metric(final CountersSnapshot.Counter counter)
    {
        final Mapping mapping = MAPPINGS.get(counter.typeId());
        if (null != mapping)
        {
            final Unit unit = mapping.name().endsWith("_seconds") ? Unit.SECONDS : null;
            return mapping.gauge() ?
                gauge(mapping.name(), unit, mapping.help(), counter.value() * mapping.scale()) :
                counter(mapping.name(), unit, mapping.help(), counter.value() * mapping.scale());
        }
        // a plain count, named from its label: "pme: session refused account" is pme_session_refused_account_total
        final String label = counter.label().startsWith(PREFIX) ?
            counter.label().substring(PREFIX.length()) : counter.label();
        final String name = "pme_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return counter(name, null, label, counter.value());
    }

    private static GaugeSnapshot gauge(final String name, final Unit unit, final String help, final double value)
    {
        final GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help)
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build());
        return null != unit ? gauge.unit(unit).build() : gauge.build();
    }

    private static CounterSnapshot counter(final String name, final Unit unit, final String help, final double value)
    {
        final CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build());
        return null != unit ? counter.unit(unit).build() : counter.build();
    }

    private static HistogramSnapshot histogram(
        final String name, final String help, final long[] buckets, final long sumNs)
    {
        final double[] upperBounds = new double[buckets.length];
        for (int i = 0; i < buckets.length; i++)
        {
            upperBounds[i] = i < buckets.length - 1 ?
                LatencyBuckets.upperBoundNs(i) * NANOS : Double.POSITIVE_INFINITY;
        }
        return HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS)
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(upperBounds, buckets))
                .sum(sumNs * NANOS)
                .build())
            .build();
    }
}
