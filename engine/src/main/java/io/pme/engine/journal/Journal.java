package io.pme.engine.journal;

import io.pme.protocol.ProtocolConfiguration;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Append-only journal of raw input frames backed by a Chronicle Queue, one excerpt per frame.
 * <p>
 * <b>Entry format:</b> each excerpt is the CRC32C of the frame (a little-endian {@code int}, {@link #CHECKSUM_LENGTH}
 * bytes) followed by the frame's bytes exactly as received; {@link JournalReader} checks it and stops at an entry
 * whose bytes no longer match it, so a flipped bit in a journaled input is found instead of replayed.
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
 * to memory-mapped files, so they survive a process crash; only {@link #sync()} makes them survive an OS crash or a
 * power loss, by forcing the cycle file's dirty pages to the device ({@code fdatasync}, through a channel of its
 * own rather than Chronicle's {@code msync}, which only logs a failure and silently does nothing when its native
 * library cannot load). After a sync fails the journal refuses every later append: what it holds is in doubt.
 */
public final class Journal implements AutoCloseable
{
    /**
     * Index value meaning "no excerpt", as returned by {@link #lastIndex()} for an empty journal.
     */
    public static final long NULL_INDEX = -1L;

    /**
     * Bytes of the CRC32C that precedes each frame in its excerpt.
     */
    public static final int CHECKSUM_LENGTH = Integer.BYTES;

    /**
     * Roll cycle used by {@link #Journal(Path)}.
     */
    public static final RollCycle DEFAULT_ROLL_CYCLE = LargeRollCycles.LARGE_DAILY;

    private static final VarHandle LAST_INDEX;
    private static final VarHandle APPENDED_COUNT;
    private static final VarHandle SYNCED_COUNT;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            LAST_INDEX = lookup.findVarHandle(Journal.class, "lastIndex", long.class);
            APPENDED_COUNT = lookup.findVarHandle(Journal.class, "appendedCount", long.class);
            SYNCED_COUNT = lookup.findVarHandle(Journal.class, "syncedCount", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final SingleChronicleQueue queue;
    private final Path dir;
    private final CRC32C crc = new CRC32C();
    private final UnsafeBuffer scratchView = new UnsafeBuffer(0, 0);
    private final Object syncLock = new Object();
    private byte[] scratch = new byte[CHECKSUM_LENGTH + ProtocolConfiguration.MAX_FRAME_LENGTH];
    private ExcerptAppender appender;
    private int appenderCycle = Integer.MIN_VALUE;
    private volatile File cycleFile;
    private volatile Throwable syncFailure;
    private volatile boolean closed;
    @SuppressWarnings("unused")
    private long lastIndex;
    @SuppressWarnings("unused")
    private long appendedCount;
    @SuppressWarnings("unused")
    private long syncedCount;
    private File syncedFile;
    private FileChannel syncChannel;

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
        this.dir = dir;
        LAST_INDEX.setRelease(this, queue.lastIndex());
        scratchView.wrap(scratch);
    }

    /**
     * Append one frame as one excerpt: its CRC32C, then exactly the given bytes.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame starts.
     * @param length of the frame in bytes, at least 1.
     * @return the Chronicle Queue index of the new excerpt.
     * @throws IllegalArgumentException if the frame is empty.
     * @throws IllegalStateException    once a {@link #sync()} has failed, or after {@link #close()}.
     */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            // an empty frame is no input, and the business logic must never be handed one from replay
            throw new IllegalArgumentException("frame must not be empty: length=" + length);
        }
        buffer.boundsCheck(offset, length);
        final Throwable failure = syncFailure;
        if (null != failure)
        {
            throw new IllegalStateException("journal sync failed earlier: appends are refused", failure);
        }
        final int entryLength = CHECKSUM_LENGTH + length;
        // the frame is copied once, behind its checksum, so the CRC intrinsic works on a heap array and the excerpt
        // is written in one go whatever kind of buffer the frame came in
        if (entryLength > scratch.length)
        {
            scratch = new byte[entryLength];
            scratchView.wrap(scratch);
        }
        buffer.getBytes(offset, scratch, CHECKSUM_LENGTH, length);
        crc.reset();
        crc.update(scratch, CHECKSUM_LENGTH, length);
        scratchView.putInt(0, (int)crc.getValue(), LITTLE_ENDIAN);

        final ExcerptAppender appender = appender();
        try (DocumentContext context = appender.writingDocument())
        {
            try
            {
                context.wire().bytes().write(scratch, 0, entryLength);
            }
            catch (final RuntimeException ex)
            {
                context.rollbackOnClose();
                throw ex;
            }
        }

        final long index = appender.lastIndexAppended();
        if (appender.cycle() != appenderCycle)
        {
            // a new cycle file (rare: once a day); a syncer on another thread must force the file the entry is in
            appenderCycle = appender.cycle();
            cycleFile = appender.currentFile();
        }
        LAST_INDEX.setRelease(this, index);
        APPENDED_COUNT.setRelease(this, (long)APPENDED_COUNT.get(this) + 1);

        return index;
    }

    /**
     * Force every entry appended so far to the storage device, so it survives an OS crash or a power loss. May be
     * called from any thread (the appending one, or one syncing on a timer); calls are serialised. Entries appended
     * while it runs may or may not be covered; {@link #syncedCount()} tells.
     * <p>
     * When the first entry of a cycle file is synced, the directory is forced too, so the file's name survives.
     * This relies on the cycle file rolling at most once between two syncs (files roll daily).
     *
     * @return true when entries were forced, false when every appended entry was already synced.
     * @throws UncheckedIOException when the device refuses; the journal then refuses every later append.
     */
    public boolean sync()
    {
        synchronized (syncLock)
        {
            final long appended = appendedCount();
            if (appended == (long)SYNCED_COUNT.getAcquire(this) || closed)
            {
                return false;
            }
            final File file = cycleFile;
            try
            {
                if (file != syncedFile)
                {
                    switchSyncFile(file);
                }
                syncChannel.force(false);
            }
            catch (final IOException | RuntimeException ex)
            {
                final UncheckedIOException failure = new UncheckedIOException(
                    "journal sync of " + file + " failed", ex instanceof IOException ? (IOException)ex :
                    new IOException(ex));
                syncFailure = failure;
                throw failure;
            }
            SYNCED_COUNT.setRelease(this, appended);
            return true;
        }
    }

    // for tests that make a sync fail as an I/O error would: the channel the next sync forces through
    FileChannel syncChannel()
    {
        synchronized (syncLock)
        {
            return syncChannel;
        }
    }

    private void switchSyncFile(final File file) throws IOException
    {
        if (null != syncChannel)
        {
            // the entries before the roll are in the previous file
            syncChannel.force(false);
            syncChannel.close();
            syncChannel = null;
        }
        syncChannel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
        syncedFile = file;
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ))
        {
            directory.force(true);
        }
    }

    /**
     * Entries appended through this instance that {@link #sync()} has forced to the device.
     *
     * @return entries known to survive a power loss, at most {@link #appendedCount()}.
     */
    public long syncedCount()
    {
        return (long)SYNCED_COUNT.getAcquire(this);
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
     * @return the queue's roll cycle, which names its cycle files (the one it was created with, whatever was asked).
     */
    public RollCycle rollCycle()
    {
        return queue.rollCycle();
    }

    /**
     * Close the appender and the underlying queue. Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            synchronized (syncLock)
            {
                closed = true;
                CloseHelper.quietClose(syncChannel);
                syncChannel = null;
            }
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
}
