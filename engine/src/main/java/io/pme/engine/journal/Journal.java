package io.pme.engine.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

/**
 * Append-only journal of raw input frames backed by a Chronicle Queue, one excerpt per frame.
 * <p>
 * <b>Threading:</b> Chronicle appenders are bound to the first thread that uses them, so the appender is created
 * lazily by the first call to {@link #append(DirectBuffer, int, int)} and every later append must come from that same
 * thread (Chronicle throws {@code ThreadingIllegalStateException} otherwise). The journal may therefore be constructed
 * on one thread and appended to on another, e.g. a Disruptor handler thread. {@link #lastIndex()} and
 * {@link #appendedCount()} may be read from any thread. {@link #close()} must happen after the appending thread has
 * stopped appending.
 * <p>
 * <b>Roll cycle:</b> {@link #DEFAULT_ROLL_CYCLE} is {@code LARGE_DAILY}: files roll once a day at 00:00 UTC and a
 * cycle holds up to 2^37 - 1 excerpts (about 1.5 million per second sustained for a whole day; beyond that Chronicle
 * throws {@code IllegalStateException}), so a run rolls at most daily. Readers follow rolls transparently.
 * {@code WEEKLY} is avoided because in chronicle-queue 2026.4 its file names do not map back to cycles, so readers
 * find no excerpts. The wall clock only selects the cycle file, i.e. the high bits of the returned indices, never the
 * journaled bytes, so replay is unaffected by when the journal was written.
 * <p>
 * <b>Crash safety:</b> after a process is killed mid-append, the partially written excerpt is never visible to readers
 * and the next appender, in any process, reclaims the write lock from the dead process and overwrites it. Appends go
 * to memory-mapped files without fsync, so they survive a process crash but the tail may be lost on an OS crash.
 */
public final class Journal implements AutoCloseable
{
    /**
     * Index value meaning "no excerpt", as returned by {@link #lastIndex()} for an empty journal.
     */
    public static final long NULL_INDEX = -1L;

    /**
     * Roll cycle used by {@link #Journal(Path)}.
     */
    public static final RollCycle DEFAULT_ROLL_CYCLE = LargeRollCycles.LARGE_DAILY;

    private static final VarHandle LAST_INDEX;
    private static final VarHandle APPENDED_COUNT;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_INDEX = lookup.findVarHandle(Journal.class, "lastIndex", long.class);
            APPENDED_COUNT = lookup.findVarHandle(Journal.class, "appendedCount", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final SingleChronicleQueue queue;
    private ExcerptAppender appender;
    private boolean closed;
    @SuppressWarnings("unused")
    private long lastIndex;
    @SuppressWarnings("unused")
    private long appendedCount;

    /**
     * Open or create a journal in a directory with {@link #DEFAULT_ROLL_CYCLE} and the system clock.
     *
     * @param dir holding the queue files, created if missing.
     */
    public Journal(final Path dir)
    {
        this(dir, DEFAULT_ROLL_CYCLE, SystemTimeProvider.INSTANCE);
    }

    /**
     * Open or create a journal in a directory.
     * <p>
     * An existing queue keeps the roll cycle it was created with.
     *
     * @param dir          holding the queue files, created if missing.
     * @param rollCycle    for a newly created queue.
     * @param timeProvider which selects the cycle file to append to.
     */
    public Journal(final Path dir, final RollCycle rollCycle, final TimeProvider timeProvider)
    {
        queue = JournalQueues.open(dir, rollCycle, timeProvider);
        LAST_INDEX.setRelease(this, queue.lastIndex());
    }

    /**
     * Append one frame as one excerpt holding exactly the given bytes.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame starts.
     * @param length of the frame in bytes, at least 1.
     * @return the Chronicle Queue index of the new excerpt.
     * @throws IllegalArgumentException if the frame is empty.
     */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            // Chronicle stores an empty excerpt as one byte long, so empty frames would not round-trip.
            throw new IllegalArgumentException("frame must not be empty: length=" + length);
        }
        buffer.boundsCheck(offset, length);
        final ExcerptAppender appender = appender();
        try (DocumentContext context = appender.writingDocument())
        {
            try
            {
                copy(buffer, offset, length, context.wire().bytes());
            }
            catch (final RuntimeException ex)
            {
                context.rollbackOnClose();
                throw ex;
            }
        }

        final long index = appender.lastIndexAppended();
        LAST_INDEX.setRelease(this, index);
        APPENDED_COUNT.setRelease(this, (long)APPENDED_COUNT.get(this) + 1);

        return index;
    }

    /**
     * Index of the last excerpt in the journal, including excerpts written before it was opened.
     *
     * @return index of the last excerpt or {@link #NULL_INDEX} if the journal is empty.
     */
    public long lastIndex()
    {
        return (long)LAST_INDEX.getAcquire(this);
    }

    /**
     * Number of frames appended through this instance since it was opened.
     *
     * @return number of frames appended through this instance.
     */
    public long appendedCount()
    {
        return (long)APPENDED_COUNT.getAcquire(this);
    }

    /**
     * Close the appender and the underlying queue. Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            if (null != appender)
            {
                appender.close();
            }
            queue.close();
        }
    }

    private ExcerptAppender appender()
    {
        if (null == appender)
        {
            if (closed)
            {
                throw new IllegalStateException("journal is closed");
            }
            appender = queue.createAppender();
        }

        return appender;
    }

    private static void copy(final DirectBuffer buffer, final int offset, final int length, final Bytes<?> bytes)
    {
        final byte[] array = buffer.byteArray();
        if (null != array)
        {
            bytes.write(array, buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            bytes.unsafeWrite(buffer.addressOffset() + offset, length);
        }
    }
}
