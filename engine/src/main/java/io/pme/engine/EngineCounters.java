package io.pme.engine;

import io.pme.codecs.RejectReason;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersReader;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The engine's counters. Live, they sit in a memory-mapped file where {@code pme stat} reads them from another
 * process; in replay they are local. Counting replaces logging on every hot path.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Counter type ids of this engine; Aeron's own types are far below. */
    public static final int TYPE_ID_BASE = 7_000;
    public static final int INPUTS_TYPE_ID = TYPE_ID_BASE;
    public static final int OUTPUTS_TYPE_ID = TYPE_ID_BASE + 1;
    public static final int REJECTS_TYPE_ID = TYPE_ID_BASE + 2;
    public static final int OUTPUTS_DROPPED_TYPE_ID = TYPE_ID_BASE + 3;
    public static final int RING_OCCUPANCY_TYPE_ID = TYPE_ID_BASE + 4;
    public static final int JOURNAL_POSITION_TYPE_ID = TYPE_ID_BASE + 5;
    public static final int ACCOUNTS_TYPE_ID = TYPE_ID_BASE + 6;
    public static final int BELOW_IM_TYPE_ID = TYPE_ID_BASE + 7;
    public static final int BELOW_MM_TYPE_ID = TYPE_ID_BASE + 8;
    public static final int ERRORS_TYPE_ID = TYPE_ID_BASE + 9;
    public static final int CHECKS_TYPE_ID = TYPE_ID_BASE + 10;
    // session boundary (receiver thread): logons and refusals that never reach the journal
    public static final int LOGONS_TYPE_ID = TYPE_ID_BASE + 11;
    public static final int LOGON_FAILURES_TYPE_ID = TYPE_ID_BASE + 12;
    public static final int REFUSED_UNAUTHENTICATED_TYPE_ID = TYPE_ID_BASE + 13;
    public static final int REFUSED_ROLE_TYPE_ID = TYPE_ID_BASE + 14;
    public static final int REFUSED_ACCOUNT_TYPE_ID = TYPE_ID_BASE + 15;
    public static final int REFUSED_SOURCE_TYPE_ID = TYPE_ID_BASE + 16;
    public static final int SESSION_OUTPUTS_DROPPED_TYPE_ID = TYPE_ID_BASE + 17;
    // fail-stop (issue 11): an input is acted on only once journaled
    public static final int JOURNAL_FAILURES_TYPE_ID = TYPE_ID_BASE + 18;
    public static final int NOT_JOURNALED_TYPE_ID = TYPE_ID_BASE + 19;
    public static final int SNAPSHOT_FAILURES_TYPE_ID = TYPE_ID_BASE + 20;
    // what the start-up recovery did (issue 11), set once before the engine takes input
    public static final int RECOVERY_SNAPSHOT_INPUT_TYPE_ID = TYPE_ID_BASE + 21;
    public static final int RECOVERY_SNAPSHOTS_SKIPPED_TYPE_ID = TYPE_ID_BASE + 22;
    public static final int RECOVERY_REPLAYED_TYPE_ID = TYPE_ID_BASE + 23;
    public static final int RECOVERY_TIME_US_TYPE_ID = TYPE_ID_BASE + 24;
    // the journal sync policy (issue 11): what is on the device, not only in the page cache
    public static final int JOURNAL_SYNCS_TYPE_ID = TYPE_ID_BASE + 25;
    public static final int JOURNAL_SYNCED_TYPE_ID = TYPE_ID_BASE + 26;
    public static final int JOURNAL_SYNC_TIME_US_TYPE_ID = TYPE_ID_BASE + 27;
    public static final int JOURNAL_SYNC_MAX_US_TYPE_ID = TYPE_ID_BASE + 28;
    // issue 12: the receiver found the ring full and left the fragment for the next poll; an error that leaves the
    // business logic's state in doubt (out of memory) stops the engine, and what the ring still held is not applied
    public static final int RING_FULL_TYPE_ID = TYPE_ID_BASE + 29;
    public static final int FATAL_ERRORS_TYPE_ID = TYPE_ID_BASE + 30;
    public static final int NOT_APPLIED_TYPE_ID = TYPE_ID_BASE + 31;
    // the guarded oracle (issue 14): source prices dropped as outliers, entries into DEGRADED, parameter changes
    // applied (an admin's or an effective one the oracle derives)
    public static final int ORACLE_OUTLIERS_TYPE_ID = TYPE_ID_BASE + 32;
    public static final int DEGRADED_EPISODES_TYPE_ID = TYPE_ID_BASE + 33;
    public static final int PARAMETER_CHANGES_TYPE_ID = TYPE_ID_BASE + 34;
    // scheduled snapshots and retention (issue 15): files written, files retention deleted (snapshots and journal
    // cycles), and the longest a snapshot held the business-logic thread (its encoding; the write is another's)
    public static final int SNAPSHOTS_WRITTEN_TYPE_ID = TYPE_ID_BASE + 35;
    public static final int RETENTION_DELETED_TYPE_ID = TYPE_ID_BASE + 36;
    public static final int SNAPSHOT_HOLD_MAX_US_TYPE_ID = TYPE_ID_BASE + 37;
    // snapshots the business logic encoded: with those written, what a write still in flight leaves uncounted
    public static final int SNAPSHOTS_TAKEN_TYPE_ID = TYPE_ID_BASE + 38;
    // the longest time one input held the business-logic thread, in nanoseconds, since start
    public static final int LONGEST_INPUT_TYPE_ID = TYPE_ID_BASE + 40;
    public static final int REJECT_REASON_TYPE_ID = TYPE_ID_BASE + 100;
    // issue 15: latency histograms readable from outside, one counter a bucket (type id base + bucket index) and
    // one for the sum of the values
    public static final int CHECK_LATENCY_BUCKET_TYPE_ID = TYPE_ID_BASE + 200;
    public static final int CHECK_LATENCY_SUM_TYPE_ID = TYPE_ID_BASE + 299;
    public static final int INPUT_HOLD_BUCKET_TYPE_ID = TYPE_ID_BASE + 300;
    public static final int INPUT_HOLD_SUM_TYPE_ID = TYPE_ID_BASE + 399;
    public static final int TYPE_ID_LIMIT = TYPE_ID_BASE + 1000;

    /**
     * The layout of the file's header, before the counters' metadata and values: who writes it and whether it is
     * alive, as Aeron's CnC file tells of its media driver. The version is written last, so a reader that sees it
     * sees the rest.
     */
    public static final int FILE_VERSION = 2;
    /** Offset of the file's version, an int. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the engine process's pid, a long. */
    public static final int PID_OFFSET = 8;
    /** Offset of the epoch milliseconds at which the engine mapped the file, a long. */
    public static final int START_TIMESTAMP_OFFSET = 16;
    /** Offset of the engine's last heartbeat, epoch milliseconds, a long. */
    public static final int HEARTBEAT_TIMESTAMP_OFFSET = 24;
    /** Offset of the epoch milliseconds at which the engine closed cleanly, a long; 0 while it runs. */
    public static final int CLOSED_TIMESTAMP_OFFSET = 32;
    /** Length of the header, a multiple of the cache line, so that the counters after it stay aligned. */
    public static final int HEADER_LENGTH = 128;
    /** How often the engine writes its heartbeat. */
    public static final long HEARTBEAT_INTERVAL_MS = 100;
    /** The oldest heartbeat of a live engine, as Aeron's default driver timeout: a hundred beats missed. */
    public static final long HEARTBEAT_TIMEOUT_MS = 10_000;

    private static final int MAX_COUNTERS = 256;
    private static final int VALUES_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    private static final int METADATA_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    /** Length of a counters file. */
    public static final int FILE_LENGTH = HEADER_LENGTH + METADATA_LENGTH + VALUES_LENGTH;

    /** Creates a counter with a type id and a label. */
    @FunctionalInterface
    public interface Factory
    {
        /**
         * @param typeId of the counter, from {@link #TYPE_ID_BASE}.
         * @param label  of the counter, as {@code pme stat} prints it.
         * @return the new counter.
         */
        AtomicCounter newCounter(int typeId, String label);
    }

    private final AtomicCounter inputs;
    private final AtomicCounter outputs;
    private final AtomicCounter rejects;
    private final AtomicCounter outputsDropped;
    private final AtomicCounter ringOccupancy;
    private final AtomicCounter journalPosition;
    private final AtomicCounter accounts;
    private final AtomicCounter belowInitialMargin;
    private final AtomicCounter belowMaintenanceMargin;
    private final AtomicCounter errors;
    private final AtomicCounter checks;
    private final AtomicCounter[] rejectsByReason;
    private final AtomicCounter logons;
    private final AtomicCounter logonFailures;
    private final AtomicCounter refusedUnauthenticated;
    private final AtomicCounter refusedRole;
    private final AtomicCounter refusedAccount;
    private final AtomicCounter refusedSource;
    private final AtomicCounter sessionOutputsDropped;
    private final AtomicCounter journalFailures;
    private final AtomicCounter notJournaled;
    private final AtomicCounter longestInput;
    private final AtomicCounter snapshotFailures;
    private final AtomicCounter recoverySnapshotInput;
    private final AtomicCounter recoverySnapshotsSkipped;
    private final AtomicCounter recoveryReplayed;
    private final AtomicCounter recoveryTimeUs;
    private final AtomicCounter journalSyncs;
    private final AtomicCounter journalSynced;
    private final AtomicCounter journalSyncTimeUs;
    private final AtomicCounter journalSyncMaxUs;
    private final AtomicCounter ringFull;
    private final AtomicCounter fatalErrors;
    private final AtomicCounter notApplied;
    private final AtomicCounter oracleOutliersRejected;
    private final AtomicCounter degradedEpisodes;
    private final AtomicCounter parameterChanges;
    private final LatencyBuckets checkLatencyBuckets;
    private final LatencyBuckets inputHoldBuckets;
    // the mapped file's header, null for local counters
    private final UnsafeBuffer header;
    private final AtomicCounter snapshotsWritten;
    private final AtomicCounter snapshotsTaken;
    private final AtomicCounter retentionDeleted;
    private final AtomicCounter snapshotHoldMaxUs;

    /**
     * Creates every counter of the engine through the factory, which decides where they live.
     *
     * @param factory of the counters.
     */
    public EngineCounters(final Factory factory)
    {
        this(factory, null);
    }

    private EngineCounters(final Factory factory, final UnsafeBuffer header)
    {
        this.header = header;
        inputs = factory.newCounter(INPUTS_TYPE_ID, "pme: inputs");
        outputs = factory.newCounter(OUTPUTS_TYPE_ID, "pme: outputs");
        rejects = factory.newCounter(REJECTS_TYPE_ID, "pme: rejects");
        outputsDropped = factory.newCounter(OUTPUTS_DROPPED_TYPE_ID, "pme: outputs dropped");
        ringOccupancy = factory.newCounter(RING_OCCUPANCY_TYPE_ID, "pme: ring occupancy");
        journalPosition = factory.newCounter(JOURNAL_POSITION_TYPE_ID, "pme: journal excerpts");
        accounts = factory.newCounter(ACCOUNTS_TYPE_ID, "pme: accounts");
        belowInitialMargin = factory.newCounter(BELOW_IM_TYPE_ID, "pme: accounts below IM");
        belowMaintenanceMargin = factory.newCounter(BELOW_MM_TYPE_ID, "pme: accounts below MM");
        errors = factory.newCounter(ERRORS_TYPE_ID, "pme: errors");
        checks = factory.newCounter(CHECKS_TYPE_ID, "pme: checks");
        logons = factory.newCounter(LOGONS_TYPE_ID, "pme: session logons");
        logonFailures = factory.newCounter(LOGON_FAILURES_TYPE_ID, "pme: session logon failures");
        refusedUnauthenticated = factory.newCounter(
            REFUSED_UNAUTHENTICATED_TYPE_ID, "pme: session refused unauthenticated");
        refusedRole = factory.newCounter(REFUSED_ROLE_TYPE_ID, "pme: session refused role");
        refusedAccount = factory.newCounter(REFUSED_ACCOUNT_TYPE_ID, "pme: session refused account");
        refusedSource = factory.newCounter(REFUSED_SOURCE_TYPE_ID, "pme: session refused source");
        sessionOutputsDropped = factory.newCounter(
            SESSION_OUTPUTS_DROPPED_TYPE_ID, "pme: session outputs dropped");
        journalFailures = factory.newCounter(JOURNAL_FAILURES_TYPE_ID, "pme: journal failures");
        notJournaled = factory.newCounter(NOT_JOURNALED_TYPE_ID, "pme: inputs not journaled");
        snapshotFailures = factory.newCounter(SNAPSHOT_FAILURES_TYPE_ID, "pme: snapshot failures");
        recoverySnapshotInput = factory.newCounter(RECOVERY_SNAPSHOT_INPUT_TYPE_ID, "pme: recovery snapshot input");
        recoverySnapshotsSkipped = factory.newCounter(
            RECOVERY_SNAPSHOTS_SKIPPED_TYPE_ID, "pme: recovery snapshots skipped");
        recoveryReplayed = factory.newCounter(RECOVERY_REPLAYED_TYPE_ID, "pme: recovery inputs replayed");
        recoveryTimeUs = factory.newCounter(RECOVERY_TIME_US_TYPE_ID, "pme: recovery time us");
        journalSyncs = factory.newCounter(JOURNAL_SYNCS_TYPE_ID, "pme: journal syncs");
        journalSynced = factory.newCounter(JOURNAL_SYNCED_TYPE_ID, "pme: journal excerpts synced");
        journalSyncTimeUs = factory.newCounter(JOURNAL_SYNC_TIME_US_TYPE_ID, "pme: journal sync time us");
        journalSyncMaxUs = factory.newCounter(JOURNAL_SYNC_MAX_US_TYPE_ID, "pme: journal sync max us");
        longestInput = factory.newCounter(LONGEST_INPUT_TYPE_ID, "pme: longest input ns");
        ringFull = factory.newCounter(RING_FULL_TYPE_ID, "pme: ring full");
        fatalErrors = factory.newCounter(FATAL_ERRORS_TYPE_ID, "pme: fatal errors");
        notApplied = factory.newCounter(NOT_APPLIED_TYPE_ID, "pme: inputs not applied");
        oracleOutliersRejected = factory.newCounter(ORACLE_OUTLIERS_TYPE_ID, "pme: oracle outliers rejected");
        degradedEpisodes = factory.newCounter(DEGRADED_EPISODES_TYPE_ID, "pme: oracle degraded episodes");
        parameterChanges = factory.newCounter(PARAMETER_CHANGES_TYPE_ID, "pme: parameter changes");
        checkLatencyBuckets = new LatencyBuckets(
            factory, CHECK_LATENCY_BUCKET_TYPE_ID, CHECK_LATENCY_SUM_TYPE_ID, "pme: check latency");
        inputHoldBuckets = new LatencyBuckets(
            factory, INPUT_HOLD_BUCKET_TYPE_ID, INPUT_HOLD_SUM_TYPE_ID, "pme: input hold");
        snapshotsWritten = factory.newCounter(SNAPSHOTS_WRITTEN_TYPE_ID, "pme: snapshots written");
        snapshotsTaken = factory.newCounter(SNAPSHOTS_TAKEN_TYPE_ID, "pme: snapshots taken");
        retentionDeleted = factory.newCounter(RETENTION_DELETED_TYPE_ID, "pme: retention files deleted");
        snapshotHoldMaxUs = factory.newCounter(SNAPSHOT_HOLD_MAX_US_TYPE_ID, "pme: snapshot hold max us");
        final RejectReason[] reasons = RejectReason.values();
        int maxCode = 0;
        for (final RejectReason reason : reasons)
        {
            if (RejectReason.NULL_VAL != reason)
            {
                maxCode = Math.max(maxCode, reason.value());
            }
        }
        rejectsByReason = new AtomicCounter[maxCode + 1];
        for (final RejectReason reason : reasons)
        {
            if (RejectReason.NULL_VAL != reason && RejectReason.NONE != reason)
            {
                rejectsByReason[reason.value()] =
                    factory.newCounter(REJECT_REASON_TYPE_ID + reason.value(), "pme: rejects " + reason.name());
            }
        }
    }

    /**
     * @return counters held in a private buffer, for replay and tests.
     */
    public static EngineCounters local()
    {
        final CountersManager manager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(METADATA_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(VALUES_LENGTH)));
        return new EngineCounters((typeId, label) -> manager.newCounter(label, typeId));
    }

    /**
     * Counters in a memory-mapped file of the engine's own, which {@code pme stat} reads from another process. They
     * live as long as the engine, whatever happens to its Aeron client.
     *
     * @param file to map, replaced if it exists.
     * @return the counters in the file.
     */
    public static EngineCounters mapped(final File file)
    {
        IoUtil.deleteIfExists(file);
        EngineErrors.ensureParentExists(file);
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, FILE_LENGTH);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final CountersManager manager = new CountersManager(
            new UnsafeBuffer(mapped, HEADER_LENGTH, METADATA_LENGTH),
            new UnsafeBuffer(mapped, HEADER_LENGTH + METADATA_LENGTH, VALUES_LENGTH));
        final long now = System.currentTimeMillis();
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIMESTAMP_OFFSET, now);
        header.putLong(HEARTBEAT_TIMESTAMP_OFFSET, now);
        header.putIntRelease(VERSION_OFFSET, FILE_VERSION);
        // never unmapped explicitly: a reader after close must not touch unmapped memory; the GC releases it
        return new EngineCounters((typeId, label) -> manager.newCounter(label, typeId), header);
    }

    /**
     * @return a reader of a counters file written by {@link #mapped(File)}; the caller unmaps {@code mapped}.
     * @throws IllegalArgumentException when the file is too short to be one, or of another version.
     */
    public static CountersReader reader(final MappedByteBuffer mapped)
    {
        header(mapped);
        return new CountersReader(
            new UnsafeBuffer(mapped, HEADER_LENGTH, METADATA_LENGTH),
            new UnsafeBuffer(mapped, HEADER_LENGTH + METADATA_LENGTH, VALUES_LENGTH));
    }

    /**
     * @return what the header of a counters file written by {@link #mapped(File)} says of its engine, as it is now.
     * @throws IllegalArgumentException when the file is too short to be one, or of another version.
     */
    public static Header header(final MappedByteBuffer mapped)
    {
        if (mapped.capacity() < FILE_LENGTH)
        {
            throw new IllegalArgumentException(
                "not an engine counters file: " + mapped.capacity() + " bytes, expected " + FILE_LENGTH);
        }
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int version = header.getIntVolatile(VERSION_OFFSET);
        if (FILE_VERSION != version)
        {
            throw new IllegalArgumentException(
                "not an engine counters file of this build: version " + version + ", expected " + FILE_VERSION);
        }
        return new Header(header.getLong(PID_OFFSET), header.getLong(START_TIMESTAMP_OFFSET),
            header.getLongVolatile(HEARTBEAT_TIMESTAMP_OFFSET), header.getLongVolatile(CLOSED_TIMESTAMP_OFFSET));
    }

    /**
     * What a counters file's header says of the engine that writes it.
     *
     * @param pid               of the engine's process.
     * @param startTimestampMs  epoch milliseconds at which it mapped the file.
     * @param heartbeatMs       epoch milliseconds of its last heartbeat.
     * @param closedTimestampMs epoch milliseconds at which it closed cleanly, 0 while it has not.
     */
    public record Header(long pid, long startTimestampMs, long heartbeatMs, long closedTimestampMs)
    {
        /**
         * @return whether the engine closed the file on a clean shutdown.
         */
        public boolean isClosed()
        {
            return 0 != closedTimestampMs;
        }

        /**
         * Alive: not closed, a heartbeat within the timeout, and its process still there (seen from this host: a
         * process killed with {@code kill -9} is seen at once, before its heartbeat is stale).
         *
         * @param nowMs     epoch milliseconds now.
         * @param timeoutMs the oldest heartbeat of a live engine.
         * @return whether the engine is alive.
         */
        public boolean isAlive(final long nowMs, final long timeoutMs)
        {
            return !isClosed() && nowMs - heartbeatMs <= timeoutMs &&
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /**
     * Writes the heartbeat, from a thread other than the business logic's; local counters have none.
     *
     * @param nowMs the epoch milliseconds now (the wall clock: an operational figure, never business state).
     */
    public void heartbeat(final long nowMs)
    {
        if (null != header)
        {
            header.putLongRelease(HEARTBEAT_TIMESTAMP_OFFSET, nowMs);
        }
    }

    /**
     * Marks the file closed on a clean shutdown, so that a reader tells it from a crash.
     *
     * @param nowMs the epoch milliseconds now.
     */
    public void markClosed(final long nowMs)
    {
        if (null != header)
        {
            header.putLongRelease(CLOSED_TIMESTAMP_OFFSET, nowMs);
        }
    }

    /**
     * @return the pre-trade checks' latencies from arrival to answer, bucketed in counters.
     */
    public LatencyBuckets checkLatencyBuckets()
    {
        return checkLatencyBuckets;
    }

    /**
     * @return how long each input held the business-logic thread, bucketed in counters.
     */
    public LatencyBuckets inputHoldBuckets()
    {
        return inputHoldBuckets;
    }

    /**
     * @return inputs the business logic has processed, journaled ones replayed on recovery included
     * ({@link #recoveryReplayed()} of them): live traffic is the difference.
     */
    public AtomicCounter inputs()
    {
        return inputs;
    }

    /**
     * @return outputs the business logic has written to the output queue.
     */
    public AtomicCounter outputs()
    {
        return outputs;
    }

    /**
     * @return inputs refused by the business logic, every reason; {@link #rejects(RejectReason)} counts one.
     */
    public AtomicCounter rejects()
    {
        return rejects;
    }

    /**
     * @return outputs the publisher could not publish and dropped (no subscriber, or one too slow).
     */
    public AtomicCounter outputsDropped()
    {
        return outputsDropped;
    }

    /**
     * @return inputs waiting in the ring when the receiver last offered one.
     */
    public AtomicCounter ringOccupancy()
    {
        return ringOccupancy;
    }

    /**
     * @return inputs appended to the journal.
     */
    public AtomicCounter journalPosition()
    {
        return journalPosition;
    }

    /**
     * @return accounts open.
     */
    public AtomicCounter accounts()
    {
        return accounts;
    }

    /**
     * @return accounts whose equity is below their initial margin.
     */
    public AtomicCounter belowInitialMargin()
    {
        return belowInitialMargin;
    }

    /**
     * @return accounts whose equity is below their maintenance margin.
     */
    public AtomicCounter belowMaintenanceMargin()
    {
        return belowMaintenanceMargin;
    }

    /**
     * @return errors on the engine's threads; each is a bug, kept in {@link EngineErrors}.
     */
    public AtomicCounter errors()
    {
        return errors;
    }

    /**
     * @return pre-trade checks answered.
     */
    public AtomicCounter checks()
    {
        return checks;
    }

    /** Logons accepted (receiver thread). */
    public AtomicCounter logons()
    {
        return logons;
    }

    /** Logons refused, timed out or malformed (receiver thread). */
    public AtomicCounter logonFailures()
    {
        return logonFailures;
    }

    /** Frames refused because their connection has not logged on as their clientId (receiver thread). */
    public AtomicCounter refusedUnauthenticated()
    {
        return refusedUnauthenticated;
    }

    /** Frames refused because the client's role may not send that message (receiver thread). */
    public AtomicCounter refusedRole()
    {
        return refusedRole;
    }

    /** Frames refused because the client is not entitled to the account (receiver thread). */
    public AtomicCounter refusedAccount()
    {
        return refusedAccount;
    }

    /** Prices refused because the client is not allow-listed for the source id (receiver thread). */
    public AtomicCounter refusedSource()
    {
        return refusedSource;
    }

    /** Session answers lost to a full output ring (receiver thread). */
    public AtomicCounter sessionOutputsDropped()
    {
        return sessionOutputsDropped;
    }

    /**
     * @return appends the journal refused (I/O error, full disk, closed queue); after the first the engine stops.
     */
    public AtomicCounter journalFailures()
    {
        return journalFailures;
    }

    /**
     * @return inputs that reached the business logic without a journal index and were neither applied nor answered.
     */
    public AtomicCounter notJournaled()
    {
        return notJournaled;
    }

    /**
     * @return the times the receiver found the ring full: it left the fragment unconsumed, to poll again once the
     * journal and the business logic have made room, and idled.
     */
    public AtomicCounter ringFull()
    {
        return ringFull;
    }

    /**
     * @return errors that stopped the engine because the business logic's state can no longer be trusted (an
     * {@link OutOfMemoryError} or another {@link VirtualMachineError} in the middle of an input).
     */
    public AtomicCounter fatalErrors()
    {
        return fatalErrors;
    }

    /**
     * @return journaled inputs the business logic did not apply (nor answer) because a fatal error had stopped it.
     */
    public AtomicCounter notApplied()
    {
        return notApplied;
    }

    /**
     * @return the longest time one input held the business-logic thread since start, in nanoseconds.
     */
    public AtomicCounter longestInputNs()
    {
        return longestInput;
    }

    /** @return source prices the oracle dropped: beyond the drop band around their median (docs/oracle.md). */
    public AtomicCounter oracleOutliersRejected()
    {
        return oracleOutliersRejected;
    }

    /** @return times an asset's oracle entered DEGRADED. */
    public AtomicCounter degradedEpisodes()
    {
        return degradedEpisodes;
    }

    /** @return parameter changes that took effect: an admin's, or an effective one the oracle derived. */
    public AtomicCounter parameterChanges()
    {
        return parameterChanges;
    }

    /**
     * @return snapshots that could not be written: one an input asked for was answered {@code SNAPSHOT_FAILED}, a
     * scheduled one is in the error log.
     */
    public AtomicCounter snapshotFailures()
    {
        return snapshotFailures;
    }

    /**
     * @return snapshots the business logic encoded, asked for or scheduled; those not yet
     * {@link #snapshotsWritten() written} are still with the writer's thread (or failed).
     */
    public AtomicCounter snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /**
     * @return snapshots whose file the writer's thread has written and synced.
     */
    public AtomicCounter snapshotsWritten()
    {
        return snapshotsWritten;
    }

    /**
     * @return files retention deleted: snapshots beyond the ones kept and journal cycles no kept snapshot needs.
     */
    public AtomicCounter retentionDeleted()
    {
        return retentionDeleted;
    }

    /**
     * @return the longest a snapshot held the business-logic thread, encoding the state, in microseconds.
     */
    public AtomicCounter snapshotHoldMaxUs()
    {
        return snapshotHoldMaxUs;
    }

    /**
     * @return times the journal forced its entries to the device, as its sync policy asks; 0 with {@code none}.
     */
    public AtomicCounter journalSyncs()
    {
        return journalSyncs;
    }

    /**
     * @return inputs appended since the engine started that are known to be on the device; at most
     * {@link #journalPosition()}, which counts those only in the page cache too.
     */
    public AtomicCounter journalSynced()
    {
        return journalSynced;
    }

    /**
     * @return microseconds spent in journal syncs in all: with {@link #journalSyncs()}, their mean.
     */
    public AtomicCounter journalSyncTimeUs()
    {
        return journalSyncTimeUs;
    }

    /**
     * @return the longest journal sync, in microseconds: under the every-input policy no answer waited longer for
     * the device than this plus the batch before it.
     */
    public AtomicCounter journalSyncMaxUs()
    {
        return journalSyncMaxUs;
    }

    /**
     * Counts a journal sync that forced entries to the device; from whichever thread syncs, one at a time.
     *
     * @param syncedCount entries now known to be on the device.
     * @param durationNs  how long the sync took.
     */
    public void journalSynced(final long syncedCount, final long durationNs)
    {
        final long micros = TimeUnit.NANOSECONDS.toMicros(durationNs);
        journalSyncs.incrementRelease();
        journalSynced.setRelease(syncedCount);
        journalSyncTimeUs.getAndAddRelease(micros);
        if (micros > journalSyncMaxUs.get())
        {
            journalSyncMaxUs.setRelease(micros);
        }
    }

    /**
     * @return the input sequence of the snapshot the start-up recovery restored, 0 when it restored none.
     */
    public AtomicCounter recoverySnapshotInput()
    {
        return recoverySnapshotInput;
    }

    /**
     * @return snapshot files the start-up recovery skipped as corrupt or truncated.
     */
    public AtomicCounter recoverySnapshotsSkipped()
    {
        return recoverySnapshotsSkipped;
    }

    /**
     * @return journaled inputs the start-up recovery replayed; {@link #inputs()} counts them too.
     */
    public AtomicCounter recoveryReplayed()
    {
        return recoveryReplayed;
    }

    /**
     * @return how long the start-up recovery took, in microseconds (wall time, an operational figure).
     */
    public AtomicCounter recoveryTimeUs()
    {
        return recoveryTimeUs;
    }

    /**
     * Counts what a recovery did.
     *
     * @param snapshotInput   input sequence of the snapshot restored, or a negative value when none was.
     * @param snapshotsSkipped snapshot files skipped as corrupt.
     * @param replayed        journaled inputs replayed.
     * @param durationNs      how long it took.
     */
    public void recovered(
        final long snapshotInput, final long snapshotsSkipped, final long replayed, final long durationNs)
    {
        recoverySnapshotInput.setRelease(Math.max(0, snapshotInput));
        recoverySnapshotsSkipped.setRelease(snapshotsSkipped);
        recoveryReplayed.setRelease(replayed);
        recoveryTimeUs.setRelease(TimeUnit.NANOSECONDS.toMicros(durationNs));
    }

    /**
     * Counts a refused input, in all and under its reason.
     *
     * @param reasonCode the {@link RejectReason} value; one without a counter of its own is counted in all only.
     */
    public void reject(final int reasonCode)
    {
        rejects.incrementRelease();
        if (reasonCode > 0 && reasonCode < rejectsByReason.length && null != rejectsByReason[reasonCode])
        {
            rejectsByReason[reasonCode].incrementRelease();
        }
    }

    /**
     * @param reason of the refusals.
     * @return inputs refused for that reason.
     */
    public long rejects(final RejectReason reason)
    {
        return rejectsByReason[reason.value()].get();
    }

    /**
     * Frees every counter.
     */
    public void close()
    {
        inputs.close();
        outputs.close();
        rejects.close();
        outputsDropped.close();
        ringOccupancy.close();
        journalPosition.close();
        accounts.close();
        belowInitialMargin.close();
        belowMaintenanceMargin.close();
        errors.close();
        checks.close();
        CloseHelper.closeAll(logons, logonFailures, refusedUnauthenticated, refusedRole, refusedAccount, refusedSource,
            sessionOutputsDropped, journalFailures, notJournaled, snapshotFailures, recoverySnapshotInput,
            recoverySnapshotsSkipped, recoveryReplayed, recoveryTimeUs, journalSyncs, journalSynced, journalSyncTimeUs,
            journalSyncMaxUs, longestInput, ringFull, fatalErrors, notApplied, oracleOutliersRejected, degradedEpisodes,
            parameterChanges, snapshotsWritten, snapshotsTaken, retentionDeleted, snapshotHoldMaxUs);
        checkLatencyBuckets.close();
        inputHoldBuckets.close();
        for (final AtomicCounter counter : rejectsByReason)
        {
            if (null != counter)
            {
                counter.close();
            }
        }
    }
}
