package io.pme.engine;

import io.pme.engine.journal.Retention;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes snapshot files and applies retention on a thread of its own, so a snapshot holds the business-logic thread
 * only while the state is encoded (0.24 to 0.5 s at 100,000 accounts, where hashing, writing and the fsync take as
 * long again or seconds more: {@code scripts/bench snapshot-hold}). The encoding is written from the codec's chunks
 * without a copy, so the business logic encodes only when no write is in flight: a snapshot due while another is
 * being written waits for it, and an asked-for one also for its own write (its answer says whether its file was
 * written).
 * <p>
 * A failed write is counted ({@code pme: snapshot failures}) and kept in the error log, a failed retention kept in
 * the error log (and tried again after the next snapshot); neither stops the engine: the journal is intact, and a
 * snapshot is only a shortcut for recovery.
 */
final class SnapshotWriter implements AutoCloseable
{
    private final SnapshotStore store;
    private final Retention retention;
    private final StateSnapshot codec;
    private final EngineCounters counters;
    private final EngineErrors errors;
    private final ExecutorService executor;
    private Future<?> inFlight;

    SnapshotWriter(
        final SnapshotStore store,
        final Retention retention,
        final StateSnapshot codec,
        final EngineCounters counters,
        final EngineErrors errors)
    {
        this.store = store;
        this.retention = retention;
        this.codec = codec;
        this.counters = counters;
        this.errors = errors;
        this.executor = Executors.newSingleThreadExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "pme-snapshot-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * On the business-logic thread: encodes the state into the codec, writes it on the writer's thread and waits
     * for the outcome.
     *
     * @throws RuntimeException when the file could not be written.
     */
    void writeAndWait(
        final EngineState state, final long journalIndex, final long parametersDigest)
    {
        awaitInFlight();
        final Future<?> write = executor.submit(encode(state, journalIndex, parametersDigest, false));
        counters.snapshotsTaken().increment();
        inFlight = write;
        try
        {
            write.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the snapshot was written", ex);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException ? (RuntimeException)ex.getCause() :
                new IllegalStateException(ex.getCause());
        }
    }

    /**
     * On the business-logic thread: encodes the state into the codec and writes it on the writer's thread. A write
     * still in flight is waited for first: snapshots due faster than the device writes them slow the business logic
     * down rather than go missing, so the files are where the schedule put them.
     */
    void writeInBackground(final EngineState state, final long journalIndex, final long parametersDigest)
    {
        final long startNs = System.nanoTime();
        awaitInFlight();
        inFlight = executor.submit(encode(state, journalIndex, parametersDigest, true));
        counters.snapshotsTaken().increment();
        counters.snapshotHoldMaxUs().proposeMaxRelease(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNs));
    }

    /**
     * Waits for the write in flight, if any; after it, the files are as the last snapshot left them.
     */
    void awaitInFlight()
    {
        if (null == inFlight)
        {
            return;
        }
        try
        {
            inFlight.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException ex)
        {
            // the write's own task counted and kept it
        }
        inFlight = null;
    }

    private Runnable encode(
        final EngineState state, final long journalIndex, final long parametersDigest, final boolean background)
    {
        final long startNs = System.nanoTime();
        final long length;
        try
        {
            length = codec.encode(state);
        }
        catch (final RuntimeException ex)
        {
            errors.record(ex);
            throw ex;
        }
        catch (final OutOfMemoryError ex)
        {
            // the encoding could not take another chunk: encoding only reads the state, so this is a snapshot that
            // failed, not a business logic in doubt
            errors.record(ex);
            throw new IllegalStateException("no memory to encode the snapshot at input " + state.inputSequence(), ex);
        }
        final long inputSequence = state.inputSequence();
        final long clientsStart = codec.clientsStart();
        final long clientsEnd = codec.clientsEnd();
        counters.snapshotHoldMaxUs().proposeMaxRelease(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNs));
        return () -> write(inputSequence, journalIndex, length, clientsStart, clientsEnd, parametersDigest, background);
    }

    private void write(
        final long inputSequence,
        final long journalIndex,
        final long length,
        final long clientsStart,
        final long clientsEnd,
        final long parametersDigest,
        final boolean background)
    {
        try
        {
            final long digest = codec.digestOf(length, clientsStart, clientsEnd) ^ parametersDigest;
            store.write(inputSequence, journalIndex, digest, codec.byteBuffers(length));
            counters.snapshotsWritten().increment();
        }
        catch (final RuntimeException ex)
        {
            // an asked-for snapshot's failure is counted by the business logic, which answers SNAPSHOT_FAILED
            if (background)
            {
                counters.snapshotFailures().increment();
            }
            errors.record(ex);
            throw ex;
        }
        try
        {
            retention.written(inputSequence, journalIndex);
            final List<Path> deleted = retention.apply();
            counters.retentionDeleted().getAndAdd(deleted.size());
        }
        catch (final RuntimeException ex)
        {
            // the snapshot is written; what retention left is only disk space, tried again after the next one
            errors.record(ex);
        }
    }

    /**
     * Waits for the write in flight, then stops the thread.
     */
    public void close()
    {
        awaitInFlight();
        executor.shutdown();
    }
}
