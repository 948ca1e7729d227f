package io.pme.engine.journal;

import io.pme.protocol.ProtocolConfiguration;

import java.nio.file.Path;
import java.util.zip.CRC32C;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Reads journaled frames in order, from the start or from after a known index, following roll cycles.
 * <p>
 * <b>Integrity:</b> every entry's CRC32C is checked before its frame is delivered; an entry that fails it (or is too
 * short to hold one) throws {@link JournalCorruptionException} naming its index, and is not consumed, so a replay
 * stops loudly at the damaged input rather than acting on it.
 * <p>
 * <b>Threading:</b> position the reader with {@link #fromStart()} or {@link #fromAfter(long)} before polling; the
 * first thread that polls then owns the reader (Chronicle tailers are thread-bound) and must do all further reads.
 */
public final class JournalReader implements AutoCloseable
{
    private static final int READ_ALL_BATCH = 4096;

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final CRC32C crc = new CRC32C();
    private byte[] scratch = new byte[ProtocolConfiguration.MAX_FRAME_LENGTH];
    private boolean closed;

    /**
     * Open a reader positioned at the start of the journal in a directory, creating an empty journal if missing.
     *
     * @param dir holding the queue files.
     */
    public JournalReader(final Path dir)
    {
        this(dir, Journal.DEFAULT_ROLL_CYCLE, SystemTimeProvider.INSTANCE);
    }

    /**
     * Open a reader positioned at the start of the journal in a directory, creating an empty journal if missing.
     *
     * @param dir          holding the queue files.
     * @param rollCycle    used only if the queue does not exist yet.
     * @param timeProvider used by the queue to decide which cycle is current.
     */
    public JournalReader(final Path dir, final RollCycle rollCycle, final TimeProvider timeProvider)
    {
        queue = JournalQueues.open(dir, rollCycle, timeProvider);
        tailer = queue.createTailer();
        releaseTailerToNextThread();
    }

    /**
     * Position the reader so the next frame delivered is the first in the journal.
     *
     * @return this for a fluent API.
     */
    public JournalReader fromStart()
    {
        tailer.toStart();
        releaseTailerToNextThread();
        return this;
    }

    /**
     * Position the reader so the next frame delivered is the one after the excerpt at the given index.
     *
     * @param index of an excerpt in the journal, or {@link Journal#NULL_INDEX} to read from the start.
     * @return this for a fluent API.
     * @throws IllegalArgumentException if no excerpt exists at the index.
     */
    public JournalReader fromAfter(final long index)
    {
        if (Journal.NULL_INDEX == index)
        {
            return fromStart();
        }

        if (!tailer.moveToIndex(index))
        {
            throw new IllegalArgumentException("no journal excerpt at index 0x" + Long.toHexString(index));
        }

        try (DocumentContext context = tailer.readingDocument())
        {
            if (!context.isPresent())
            {
                throw new IllegalArgumentException("no journal excerpt at index 0x" + Long.toHexString(index));
            }
        }
        releaseTailerToNextThread();

        return this;
    }

    /**
     * Deliver up to {@code limit} frames that are available now.
     * <p>
     * If the handler throws, the frame being delivered is not consumed and the exception propagates; so does a
     * {@link JournalCorruptionException} for an entry that fails its checksum.
     *
     * @param handler to receive the frames.
     * @param limit   maximum number of frames to deliver.
     * @return number of frames delivered, zero if none were available.
     */
    public int poll(final JournalFrameHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && readOne(handler))
        {
            count++;
        }

        return count;
    }

    /**
     * Deliver every frame available now, e.g. to replay the journal on recovery.
     *
     * @param handler to receive the frames.
     * @return number of frames delivered.
     */
    public long readAll(final JournalFrameHandler handler)
    {
        long total = 0;
        int count;
        while ((count = poll(handler, READ_ALL_BATCH)) > 0)
        {
            total += count;
        }

        return total;
    }

    /**
     * How many frames a read from after an index would deliver now, for a progress line; an estimate, never used to
     * stop reading.
     *
     * @param afterIndex the index the read starts after, or {@link Journal#NULL_INDEX} for the journal's start.
     * @return the frames after it, 0 when the queue cannot say.
     */
    public long countAfter(final long afterIndex)
    {
        try
        {
            final long lastIndex = queue.lastIndex();
            if (lastIndex < 0)
            {
                return 0;
            }
            return Journal.NULL_INDEX == afterIndex ? queue.entryCount() : queue.countExcerpts(afterIndex, lastIndex);
        }
        catch (final RuntimeException ex)
        {
            // a count is only for the operator's progress line
            return 0;
        }
    }

    /**
     * @return the roll cycle of the queue read, which names its cycle files.
     */
    public RollCycle rollCycle()
    {
        return queue.rollCycle();
    }

    /**
     * Close the tailer and the underlying queue. Idempotent.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            tailer.close();
            queue.close();
        }
    }

    private boolean readOne(final JournalFrameHandler handler)
    {
        try (DocumentContext context = tailer.readingDocument())
        {
            if (!context.isPresent())
            {
                return false;
            }

            try
            {
                deliver(context, handler);
            }
            catch (final RuntimeException | Error ex)
            {
                context.rollbackOnClose();
                throw ex;
            }

            return true;
        }
    }

    private void deliver(final DocumentContext context, final JournalFrameHandler handler)
    {
        final Bytes<?> bytes = context.wire().bytes();
        final int entryLength = (int)bytes.readRemaining();
        final long index = context.index();
        // Mapped excerpts are contiguous in memory, so the entry is wrapped in place rather than copied.
        frame.wrap(bytes.addressForRead(bytes.readPosition(), entryLength), entryLength);
        if (entryLength <= Journal.CHECKSUM_LENGTH)
        {
            throw new JournalCorruptionException(index, describe(index) + " is " + entryLength +
                " bytes long, too short for a checksum and a frame: the journal is damaged there");
        }
        final int length = entryLength - Journal.CHECKSUM_LENGTH;
        if (length > scratch.length)
        {
            scratch = new byte[length];
        }
        // the CRC32C intrinsic takes a heap array; a frame is a few hundred bytes, so the copy costs little
        frame.getBytes(Journal.CHECKSUM_LENGTH, scratch, 0, length);
        crc.reset();
        crc.update(scratch, 0, length);
        final int computed = (int)crc.getValue();
        final int stored = frame.getInt(0, LITTLE_ENDIAN);
        if (computed != stored)
        {
            throw new JournalCorruptionException(index, describe(index) + " fails its CRC32C check (stored 0x" +
                Integer.toHexString(stored) + ", computed 0x" + Integer.toHexString(computed) + " over its " + length +
                "-byte frame): the input journaled there is damaged, or the journal predates entry checksums; " +
                "reading stops rather than act on it");
        }
        frame.wrap(frame.addressOffset() + Journal.CHECKSUM_LENGTH, length);
        handler.onFrame(frame, 0, length, index);
    }

    private String describe(final long index)
    {
        return "journal entry at index 0x" + Long.toHexString(index) + " (cycle " +
            queue.rollCycle().toCycle(index) + ", entry " + queue.rollCycle().toSequenceNumber(index) + " of it, in " +
            queue.file() + ")";
    }

    private void releaseTailerToNextThread()
    {
        tailer.singleThreadedCheckReset();
    }
}
