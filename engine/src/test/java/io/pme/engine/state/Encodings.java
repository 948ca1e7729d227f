package io.pme.engine.state;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * A codec's latest encoding as one array, for tests whose states are small.
 */
public final class Encodings
{
    private Encodings()
    {
    }

    /**
     * @param codec  that made the encoding.
     * @param length of the encoding.
     * @return its bytes, gathered from the codec's chunks.
     */
    public static byte[] bytes(final StateSnapshot codec, final long length)
    {
        final byte[] bytes = new byte[Math.toIntExact(length)];
        int at = 0;
        for (final ByteBuffer chunk : codec.byteBuffers(length))
        {
            final int n = chunk.remaining();
            chunk.duplicate().get(bytes, at, n);
            at += n;
        }
        return bytes;
    }

    /**
     * @param bytes of an encoding.
     * @return a channel reading them, for {@link StateSnapshot#decode(ReadableByteChannel, long, EngineState)}.
     */
    public static ReadableByteChannel channel(final byte[] bytes)
    {
        return Channels.newChannel(new ByteArrayInputStream(bytes));
    }
}
