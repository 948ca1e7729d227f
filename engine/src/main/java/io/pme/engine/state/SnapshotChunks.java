package io.pme.engine.state;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * An encoding of any length over a long position: direct chunks allocated as the encoding first needs them and kept
 * for the next one, so snapshots after the largest allocate nothing. The first chunk is small and each next one twice
 * the last up to a maximum, so a small state holds a small buffer. A value that crosses a chunk's end is written and
 * read a byte at a time, in the order a contiguous buffer holds it, so the bytes are those of one buffer.
 * <p>
 * A digest needs no encoding kept: {@link #rewindHashing(Digest)} makes the chunks a hashing stream over one chunk,
 * hashed as it fills and then reused, whatever the length; {@link #startHashing()} and {@link #stopHashing()} mark
 * the ranges hashed, as {@link #hash(Digest, long, long)} hashes ranges of a kept encoding.
 * <p>
 * One writer at a time: the business logic encodes, then the snapshot writer reads, never both at once.
 */
final class SnapshotChunks
{
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final int firstChunkBytes;
    private final int maxChunkBytes;
    private final List<UnsafeBuffer> chunks = new ArrayList<>();
    private long[] starts = new long[16];
    private UnsafeBuffer chunk;
    private int chunkIndex;
    private int chunkCapacity;
    private long chunkStart;
    private int offset;
    private Digest streamDigest;
    private boolean hashing;
    private long hashFrom;

    SnapshotChunks(final int firstChunkBytes, final int maxChunkBytes)
    {
        if (firstChunkBytes < 8 || maxChunkBytes < firstChunkBytes)
        {
            throw new IllegalArgumentException("chunks of " + firstChunkBytes + " growing to " + maxChunkBytes +
                " bytes: the first must hold a long and the largest be at least the first");
        }
        this.firstChunkBytes = firstChunkBytes;
        this.maxChunkBytes = maxChunkBytes;
    }

    /** Starts a new encoding at position 0, over the chunks already allocated. */
    void rewind()
    {
        moveTo(0);
        offset = 0;
        streamDigest = null;
        hashing = false;
    }

    /**
     * Starts a new encoding at position 0 that keeps nothing: the ranges marked are folded into the digest as the
     * first chunk fills, and the chunk then reused.
     */
    void rewindHashing(final Digest digest)
    {
        rewind();
        streamDigest = digest.reset();
    }

    /** From here on, the encoding is hashed (when it is a hashing stream), in longs from here. */
    void startHashing()
    {
        if (null != streamDigest)
        {
            hashing = true;
            hashFrom = position();
        }
    }

    /** Up to here the encoding is hashed (when it is a hashing stream), its last bytes that make no long one by one. */
    void stopHashing()
    {
        if (null != streamDigest && hashing)
        {
            hashWindow(hashFrom, position(), true);
            hashing = false;
        }
    }

    // a hashing stream's chunk is full: hash its whole longs, and keep the bytes of a long not yet whole at its start
    private void flush()
    {
        final long end = position();
        long keptFrom = end;
        if (hashing)
        {
            keptFrom = hashFrom + ((end - hashFrom) & ~7L);
            hashWindow(hashFrom, keptFrom, false);
            hashFrom = keptFrom;
        }
        final int kept = (int)(end - keptFrom);
        final int from = (int)(keptFrom - chunkStart);
        for (int i = 0; i < kept; i++)
        {
            chunk.putByte(i, chunk.getByte(from + i));
        }
        chunkStart = keptFrom;
        offset = kept;
    }

    private void hashWindow(final long from, final long to, final boolean bytesAfter)
    {
        int o = (int)(from - chunkStart);
        final int end = (int)(to - chunkStart);
        for (; o + 8 <= end; o += 8)
        {
            streamDigest.add(chunk.getLong(o));
        }
        for (; bytesAfter && o < end; o++)
        {
            streamDigest.add(chunk.getByte(o));
        }
    }

    /** @return the position the next value is written at: the length of the encoding so far. */
    long position()
    {
        return chunkStart + offset;
    }

    SnapshotChunks putByte(final byte value)
    {
        if (offset == chunkCapacity)
        {
            if (null != streamDigest)
            {
                flush();
            }
            else
            {
                moveTo(chunkIndex + 1);
                offset = 0;
            }
        }
        chunk.putByte(offset++, value);
        return this;
    }

    SnapshotChunks putInt(final int value)
    {
        if (offset + 4 <= chunkCapacity)
        {
            chunk.putInt(offset, value);
            offset += 4;
        }
        else
        {
            putBytes(value & 0xFFFF_FFFFL, 4);
        }
        return this;
    }

    SnapshotChunks putLong(final long value)
    {
        if (offset + 8 <= chunkCapacity)
        {
            chunk.putLong(offset, value);
            offset += 8;
        }
        else
        {
            putBytes(value, 8);
        }
        return this;
    }

    SnapshotChunks putDouble(final double value)
    {
        return putLong(Double.doubleToLongBits(value));
    }

    /** As {@code MutableDirectBuffer.putStringAscii}: the length as an int, then a byte a char, '?' beyond ASCII. */
    SnapshotChunks putString(final String value)
    {
        final int length = null == value ? 0 : value.length();
        putInt(length);
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            putByte((byte)(c > 127 ? '?' : c));
        }
        return this;
    }

    private void putBytes(final long value, final int bytes)
    {
        for (int i = 0; i < bytes; i++)
        {
            final int shift = 8 * (LITTLE_ENDIAN ? i : bytes - 1 - i);
            putByte((byte)(value >>> shift));
        }
    }

    /**
     * Folds the longs from {@code from} on, 8 bytes at a time, into the digest, then any last bytes one by one: as
     * a loop of {@code getLong} and {@code getByte} over one contiguous buffer would.
     */
    void hash(final Digest digest, final long from, final long to)
    {
        long p = from;
        while (p + 8 <= to)
        {
            final int index = indexOf(p);
            final UnsafeBuffer c = chunks.get(index);
            int o = (int)(p - starts[index]);
            final int end = (int)Math.min(c.capacity(), o + (to - p));
            while (o + 8 <= end)
            {
                digest.add(c.getLong(o));
                o += 8;
            }
            p = starts[index] + o;
            if (p + 8 <= to)
            {
                digest.add(getLongAcross(p));
                p += 8;
            }
        }
        for (; p < to; p++)
        {
            digest.add(getByte(p));
        }
    }

    /**
     * @return views of the first {@code length} bytes, chunk by chunk, each positioned at its start, for a gathering
     * write; the chunks themselves are not copied.
     */
    ByteBuffer[] byteBuffers(final long length)
    {
        int count = 0;
        while (count < chunks.size() && starts[count] < length)
        {
            count++;
        }
        final ByteBuffer[] buffers = new ByteBuffer[count];
        for (int i = 0; i < count; i++)
        {
            final ByteBuffer bytes = chunks.get(i).byteBuffer().duplicate();
            bytes.clear().limit((int)Math.min(bytes.capacity(), length - starts[i]));
            buffers[i] = bytes;
        }
        return buffers;
    }

    /** @return the number of chunks allocated, for tests of their reuse. */
    int chunkCount()
    {
        return chunks.size();
    }

    private byte getByte(final long position)
    {
        final int index = indexOf(position);
        return chunks.get(index).getByte((int)(position - starts[index]));
    }

    private long getLongAcross(final long position)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            final int shift = 8 * (LITTLE_ENDIAN ? i : 7 - i);
            value |= (getByte(position + i) & 0xFFL) << shift;
        }
        return value;
    }

    private int indexOf(final long position)
    {
        int index = 0;
        while (index + 1 < chunks.size() && starts[index + 1] <= position)
        {
            index++;
        }
        return index;
    }

    private void moveTo(final int index)
    {
        while (chunks.size() <= index)
        {
            allocate();
        }
        chunkIndex = index;
        chunk = chunks.get(index);
        chunkCapacity = chunk.capacity();
        chunkStart = starts[index];
    }

    private void allocate()
    {
        final int n = chunks.size();
        final int bytes = 0 == n ? firstChunkBytes :
            (int)Math.min(maxChunkBytes, 2L * chunks.get(n - 1).capacity());
        if (n + 1 >= starts.length)
        {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        chunks.add(new UnsafeBuffer(ByteBuffer.allocateDirect(bytes)));
        starts[n + 1] = starts[n] + bytes;
    }
}
