package io.pme.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SAVED_NAME_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

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
     * @param file to map, replaced if it exists: a new engine starts a new log ({@link #saveExisting(File)} keeps
     *             the old one's errors).
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
     * Saves the distinct errors of a previous engine's log as text beside it, before a new engine replaces the log,
     * as Aeron's media driver saves its error log on start: a crash's errors outlive an automatic restart.
     *
     * @param file the log's file, which may not exist.
     * @return the text file written, {@code <log>-<yyyyMMdd-HHmmss.SSS>.log}, or null when the log held no error.
     * @throws UncheckedIOException when the text file cannot be written.
     */
    public static File saveExisting(final File file)
    {
        if (!file.isFile() || 0 == file.length())
        {
            return null;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "pme errors");
        try
        {
            if (!ErrorLogReader.hasErrors(new UnsafeBuffer(mapped)))
            {
                return null;
            }
            final String path = file.getPath();
            final String base = path.endsWith(".dat") ? path.substring(0, path.length() - ".dat".length()) : path;
            final File saved = new File(base + "-" + SAVED_NAME_TIME.format(Instant.now()) + ".log");
            try (PrintStream out = new PrintStream(new FileOutputStream(saved), false, StandardCharsets.UTF_8))
            {
                print(mapped, out);
                if (out.checkError())
                {
                    throw new IOException("cannot write " + saved);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            return saved;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * Prints a log as Aeron's ErrorStat does: each distinct error with its count, first and last time (UTC), then
     * how many there were.
     *
     * @param mapped the log's file, mapped by the caller, who unmaps it.
     * @param out    where to print.
     * @return the distinct errors printed.
     */
    public static int print(final MappedByteBuffer mapped, final PrintStream out)
    {
        final int distinct = read(mapped, (count, first, last, encoded) ->
            out.printf("***%n%,d observations from %s to %s for:%n %s%n",
                count, TIME.format(Instant.ofEpochMilli(first)), TIME.format(Instant.ofEpochMilli(last)), encoded));
        out.printf("%n%d distinct errors observed.%n", distinct);
        return distinct;
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
