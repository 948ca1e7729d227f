package io.pme.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads an encoding over a long position: from a buffer that holds it whole, or from a channel through a window
 * refilled as it is used, so a snapshot file of any size decodes without being in memory at once. A value that the
 * window's end cuts is moved to the window's start before the refill, so values are read whole.
 */
final class SnapshotInput
{
    private final UnsafeBuffer window = new UnsafeBuffer(0, 0);
    private final ReadableByteChannel channel;
    private final ByteBuffer windowBytes;
    private final long length;
    private long windowStart;
    private int limit;
    private int offset;

    SnapshotInput(final DirectBuffer buffer, final int offset, final int length)
    {
        window.wrap(buffer, offset, length);
        this.channel = null;
        this.windowBytes = null;
        this.length = length;
        this.limit = length;
    }

    SnapshotInput(final ReadableByteChannel channel, final long length, final ByteBuffer windowBytes)
    {
        if (windowBytes.capacity() < 8)
        {
            throw new IllegalArgumentException("a window of " + windowBytes.capacity() + " bytes cannot hold a long");
        }
        window.wrap(windowBytes);
        this.channel = channel;
        this.windowBytes = windowBytes;
        this.length = length;
    }

    /** @return how far the encoding has been read. */
    long position()
    {
        return windowStart + offset;
    }

    /** @return the length of the encoding. */
    long length()
    {
        return length;
    }

    private void need(final int bytes)
    {
        if (offset + bytes <= limit)
        {
            return;
        }
        if (null != channel && windowStart + limit < length)
        {
            refill();
        }
        if (offset + bytes > limit)
        {
            throw new IllegalArgumentException("snapshot truncated at byte " + position());
        }
    }

    private void refill()
    {
        final int kept = limit - offset;
        for (int i = 0; i < kept; i++)
        {
            window.putByte(i, window.getByte(offset + i));
        }
        windowStart += offset;
        offset = 0;
        final int wanted = (int)Math.min(windowBytes.capacity(), length - windowStart);
        windowBytes.limit(wanted).position(kept);
        try
        {
            while (windowBytes.hasRemaining() && channel.read(windowBytes) >= 0)
            {
                // reads until the window is full or the channel ends
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        limit = windowBytes.position();
    }

    byte getByte()
    {
        need(1);
        return window.getByte(offset++);
    }

    int getInt()
    {
        need(4);
        final int value = window.getInt(offset);
        offset += 4;
        return value;
    }

    long getLong()
    {
        need(8);
        final long value = window.getLong(offset);
        offset += 8;
        return value;
    }

    double getDouble()
    {
        return Double.longBitsToDouble(getLong());
    }

    String getString()
    {
        final int stringLength = getInt();
        if (stringLength < 0 || stringLength > 256)
        {
            throw new IllegalArgumentException("snapshot string of length " + stringLength);
        }
        final byte[] bytes = new byte[stringLength];
        for (int i = 0; i < stringLength; i++)
        {
            bytes[i] = getByte();
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    void expectCapacity(final String what, final int capacity)
    {
        final int stored = getInt();
        if (stored != capacity)
        {
            throw new IllegalArgumentException(
                "snapshot was taken with " + what + " capacity " + stored + ", this engine has " + capacity);
        }
    }
}
