package io.pme.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Deterministic test frames: frame {@code n} has a length and content derived only from {@code n}, so a reader can
 * verify content and order without keeping what was written.
 */
final class Frames
{
    static final int MAX_LENGTH = 8 + 300;

    private Frames()
    {
    }

    static int length(final long n)
    {
        return 8 + (int)((n * 7919) % 301);
    }

    static int encode(final long n, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = length(n);
        buffer.putLong(offset, n);
        for (int i = 8; i < length; i++)
        {
            buffer.putByte(offset + i, contentByte(n, i));
        }

        return length;
    }

    /**
     * @return the frame number if the frame is intact, otherwise -1.
     */
    static long decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 8)
        {
            return -1;
        }

        final long n = buffer.getLong(offset);
        if (n < 0 || length != length(n))
        {
            return -1;
        }

        for (int i = 8; i < length; i++)
        {
            if (buffer.getByte(offset + i) != contentByte(n, i))
            {
                return -1;
            }
        }

        return n;
    }

    static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    static List<byte[]> readAll(final Path dir)
    {
        final List<byte[]> frames = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir))
        {
            reader.readAll((buffer, offset, length, index) -> frames.add(copy(buffer, offset, length)));
        }

        return frames;
    }

    static void deleteRecursively(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(path);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte contentByte(final long n, final int i)
    {
        return (byte)(n * 31 + i * 17);
    }
}
