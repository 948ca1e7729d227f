package io.pme.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Distinct errors seen by the engine's threads, each kept once with a count and its first and last time, in the
 * manner of Aeron's error log: errors are recorded, not logged, and the hot path never formats text. Live, the log
 * is Agrona's {@link DistinctErrorLog} over a memory-mapped file beside the counters file, which {@code pme errors}
 * reads from another process, during the run or after a crash.
 */
public final class EngineErrors
{
    /** Length of the log, and of its file: distinct errors beyond it are counted but not kept. */
    public static final int LOG_LENGTH = 1024 * 1024;

    private final AtomicBuffer buffer;
    private final DistinctErrorLog log;

    /**
     * A log held in a private buffer, for tests and replay.
     */
    public EngineErrors()
    {
        this(new UnsafeBuffer(ByteBuffer.allocateDirect(LOG_LENGTH)));
    }

    private EngineErrors(final AtomicBuffer buffer)
    {
        this.buffer = buffer;
        this.log = new DistinctErrorLog(buffer, SystemEpochClock.INSTANCE, StandardCharsets.UTF_8);
    }

    /**
     * A log in a memory-mapped file of the engine's own, which {@code pme errors} reads from another process.
     *
     * @param file to map, replaced if it exists: a new engine starts a new log.
     * @return the log in the file.
     */
    public static EngineErrors mapped(final File file)
    {
        IoUtil.deleteIfExists(file);
        ensureParentExists(file);
        // never unmapped explicitly: a thread recording late must not touch unmapped memory; the GC releases it
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file, LOG_LENGTH);
        return new EngineErrors(new UnsafeBuffer(mapped));
    }

    // mapped before the embedded media driver makes the Aeron directory's parent
    static void ensureParentExists(final File file)
    {
        final File parent = file.getAbsoluteFile().getParentFile();
        if (null != parent)
        {
            IoUtil.ensureDirectoryExists(parent, parent.getPath());
        }
    }

    /**
     * Reads a log another process writes, as {@link ErrorLogReader} does.
     *
     * @param mapped   the log's file, mapped by the caller, who unmaps it.
     * @param consumer told of each distinct error: its count, first and last time (epoch ms) and stack trace.
     * @return the distinct errors read.
     */
    public static int read(final MappedByteBuffer mapped, final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(new UnsafeBuffer(mapped), consumer);
    }

    /**
     * Records an error once and counts its repeats; when the log is full a new error is not kept.
     *
     * @param throwable seen on one of the engine's threads.
     */
    public void record(final Throwable throwable)
    {
        log.record(throwable);
    }

    /**
     * @return every distinct error with its count, for the operator; empty when there was none.
     */
    public String summary()
    {
        final StringBuilder text = new StringBuilder();
        ErrorLogReader.read(buffer, (count, first, last, encoded) ->
            text.append(count).append(" x ").append(encoded).append(System.lineSeparator()));
        return text.toString();
    }
}
