package io.pme.engine.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Child process for {@link JournalCrashTest}, run as {@code JournalAppenderMain dir start mode}.
 * <ul>
 *     <li>{@code stream}: appends {@link Frames} numbered from {@code start} until killed.</li>
 *     <li>{@code stall}: appends {@link #STALL_FRAMES} frames, then starts one more excerpt, writes half of it and
 *     waits to be killed while holding the queue's write lock.</li>
 * </ul>
 * {@link #READY} is printed once the process is in the state to be killed.
 */
public final class JournalAppenderMain
{
    static final String READY = "READY";
    static final String STREAM = "stream";
    static final String STALL = "stall";
    static final int STALL_FRAMES = 100;
    private static final int BURST = 1000;

    private JournalAppenderMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final long start = Long.parseLong(args[1]);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Frames.MAX_LENGTH));

        if (STALL.equals(args[2]))
        {
            stall(dir, start, buffer);
        }
        else
        {
            stream(dir, start, buffer);
        }
    }

    private static void stream(final Path dir, final long start, final UnsafeBuffer buffer)
    {
        try (Journal journal = new Journal(dir))
        {
            for (long n = start; ; n++)
            {
                journal.append(buffer, 0, Frames.encode(n, buffer, 0));
                if (n == start + BURST)
                {
                    ready();
                }
                if (n % BURST == 0)
                {
                    // Bursts keep a kill likely to land mid-append while bounding the disk used before it lands.
                    LockSupport.parkNanos(1_000_000);
                }
            }
        }
    }

    private static void stall(final Path dir, final long start, final UnsafeBuffer buffer)
    {
        try (Journal journal = new Journal(dir))
        {
            for (long n = start; n < start + STALL_FRAMES; n++)
            {
                journal.append(buffer, 0, Frames.encode(n, buffer, 0));
            }
        }

        final SingleChronicleQueue queue = JournalQueues.open(
            dir, Journal.DEFAULT_ROLL_CYCLE, SystemTimeProvider.INSTANCE);
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext context = appender.writingDocument();
        final int length = Frames.encode(start + STALL_FRAMES, buffer, 0);
        context.wire().bytes().write(Frames.copy(buffer, 0, length / 2));
        ready();
        while (true)
        {
            LockSupport.park();
        }
    }

    private static void ready()
    {
        System.out.println(READY);
        System.out.flush();
    }
}
