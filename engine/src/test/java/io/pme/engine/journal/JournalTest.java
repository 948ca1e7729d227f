package io.pme.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    @TempDir
    Path dir;

    @Test
    void readsBackFramesOfVaryingLengthsByteForByte()
    {
        final List<byte[]> written = randomFrames(new Random(42), 2_000, 1, 1024);
        final long[] indices = appendAll(dir, written);

        final List<byte[]> read = new ArrayList<>();
        final List<Long> readIndices = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir))
        {
            final long count = reader.readAll(
                (buffer, offset, length, index) ->
                {
                    read.add(Frames.copy(buffer, offset, length));
                    readIndices.add(index);
                });
            assertEquals(written.size(), count);
        }

        assertFramesEqual(written, read);
        for (int i = 0; i < indices.length; i++)
        {
            assertEquals(indices[i], readIndices.get(i));
        }
    }

    @Test
    void appendsFromHeapAndOffHeapBuffersAtAnOffset()
    {
        final byte[] frame = { 1, 2, 3, 4, 5, 6, 7 };
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[32], 4, 20);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(32), 8, 20);
        final UnsafeBuffer heapByteBuffer = new UnsafeBuffer(ByteBuffer.allocate(32).position(3).slice());
        heap.putBytes(5, frame);
        direct.putBytes(5, frame);
        heapByteBuffer.putBytes(5, frame);

        try (Journal journal = new Journal(dir))
        {
            journal.append(heap, 5, frame.length);
            journal.append(direct, 5, frame.length);
            journal.append(heapByteBuffer, 5, frame.length);
        }

        assertFramesEqual(List.of(frame, frame, frame), Frames.readAll(dir));
    }

    @Test
    void rejectsEmptyFrameAndFrameOutsideBuffer()
    {
        try (Journal journal = new Journal(dir))
        {
            assertThrows(IndexOutOfBoundsException.class, () -> journal.append(new UnsafeBuffer(new byte[8]), 4, 8));
            assertThrows(IllegalArgumentException.class, () -> journal.append(new UnsafeBuffer(new byte[8]), 0, 0));
            assertEquals(0, journal.appendedCount());
            assertEquals(Journal.NULL_INDEX, journal.lastIndex());
        }
        assertEquals(0, Frames.readAll(dir).size());
    }

    @Test
    void aFlippedBitInAJournaledFrameStopsReadingAtThatEntryNamingItsIndex() throws IOException
    {
        final List<byte[]> written = markedFrames(10);
        final long[] indices = appendAll(dir, written);
        flipBit(dir, "FRAME-07-", 12);

        try (JournalReader reader = new JournalReader(dir))
        {
            final List<byte[]> read = new ArrayList<>();
            final JournalCorruptionException ex = assertThrows(JournalCorruptionException.class,
                () -> reader.readAll((buffer, offset, length, index) -> read.add(Frames.copy(buffer, offset, length))));
            assertFramesEqual(written.subList(0, 7), read);
            assertEquals(indices[7], ex.index());
            assertTrue(ex.getMessage().contains("index 0x" + Long.toHexString(indices[7])), ex.getMessage());
            assertTrue(ex.getMessage().contains("CRC32C"), ex.getMessage());
            // the damaged entry is not consumed: reading again stops at it again
            assertThrows(JournalCorruptionException.class, () -> reader.poll((buffer, offset, length, index) -> {}, 1));
        }
    }

    @Test
    void aFlippedBitInAnEntrysChecksumIsFoundToo() throws IOException
    {
        final List<byte[]> written = markedFrames(3);
        final long[] indices = appendAll(dir, written);
        // the checksum sits just before the frame's first byte
        flipBit(dir, "FRAME-01-", -1);

        try (JournalReader reader = new JournalReader(dir))
        {
            final JournalCorruptionException ex = assertThrows(
                JournalCorruptionException.class, () -> reader.readAll((buffer, offset, length, index) -> {}));
            assertEquals(indices[1], ex.index());
        }
    }

    private static List<byte[]> markedFrames(final int count)
    {
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final byte[] frame = new byte[48];
            final byte[] marker = String.format("FRAME-%02d-", i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(marker, 0, frame, 0, marker.length);
            for (int b = marker.length; b < frame.length; b++)
            {
                frame[b] = (byte)(i + b);
            }
            frames.add(frame);
        }
        return frames;
    }

    /**
     * Flips the lowest bit of the byte {@code delta} bytes from where {@code marker} starts in the journal's one
     * cycle file, as a failing disk or a stray write would.
     */
    static void flipBit(final Path dir, final String marker, final int delta) throws IOException
    {
        final byte[] pattern = marker.getBytes(StandardCharsets.US_ASCII);
        final List<Path> cycleFiles;
        try (Stream<Path> files = Files.list(dir))
        {
            cycleFiles = files.filter(path -> path.getFileName().toString().endsWith(".cq4")).toList();
        }
        assertEquals(1, cycleFiles.size(), () -> "cycle files: " + cycleFiles);
        try (FileChannel channel = FileChannel.open(
            cycleFiles.get(0), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            for (int i = 0; i + pattern.length <= mapped.limit(); i++)
            {
                int matched = 0;
                while (matched < pattern.length && mapped.get(i + matched) == pattern[matched])
                {
                    matched++;
                }
                if (matched == pattern.length)
                {
                    mapped.put(i + delta, (byte)(mapped.get(i + delta) ^ 1));
                    mapped.force();
                    return;
                }
            }
        }
        throw new AssertionError(marker + " not found in " + cycleFiles.get(0));
    }

    @Test
    void syncForcesWhatWasAppendedAndAFailedSyncRefusesEveryLaterAppend() throws IOException
    {
        try (Journal journal = new Journal(dir))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Frames.MAX_LENGTH]);
            assertFalse(journal.sync(), "nothing appended, nothing to force");
            journal.append(buffer, 0, Frames.encode(0, buffer, 0));
            journal.append(buffer, 0, Frames.encode(1, buffer, 0));
            assertEquals(0, journal.syncedCount());
            assertTrue(journal.sync());
            assertEquals(2, journal.syncedCount());
            assertFalse(journal.sync(), "already synced");

            journal.append(buffer, 0, Frames.encode(2, buffer, 0));
            JournalFaults.closeSyncChannel(journal);
            final UncheckedIOException failed = assertThrows(UncheckedIOException.class, journal::sync);
            assertTrue(failed.getMessage().startsWith("journal sync of "), failed.getMessage());
            assertEquals(2, journal.syncedCount());
            final IllegalStateException refused = assertThrows(
                IllegalStateException.class, () -> journal.append(buffer, 0, Frames.encode(3, buffer, 0)));
            assertEquals(failed, refused.getCause());
            assertEquals(3, journal.appendedCount());
        }
        assertEquals(3, Frames.readAll(dir).size());
    }

    @Test
    void indicesIncreaseAndLastIndexTracksAppends()
    {
        try (Journal journal = new Journal(dir))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Frames.MAX_LENGTH]);
            long previous = Journal.NULL_INDEX;
            for (int n = 0; n < 100; n++)
            {
                final long index = journal.append(buffer, 0, Frames.encode(n, buffer, 0));
                assertTrue(index > previous);
                assertEquals(index, journal.lastIndex());
                assertEquals(n + 1, journal.appendedCount());
                previous = index;
            }
        }
    }

    @Test
    void emptyJournalHasNothingToRead()
    {
        try (Journal journal = new Journal(dir))
        {
            assertEquals(Journal.NULL_INDEX, journal.lastIndex());
            assertEquals(0, journal.appendedCount());
        }

        try (JournalReader reader = new JournalReader(dir))
        {
            assertEquals(0, reader.poll(failOnFrame(), 10));
            assertEquals(0, reader.readAll(failOnFrame()));
            assertEquals(0, reader.fromAfter(Journal.NULL_INDEX).readAll(failOnFrame()));
        }
    }

    @Test
    void readerOfMissingDirectoryIsEmpty()
    {
        try (JournalReader reader = new JournalReader(dir.resolve("not-yet")))
        {
            assertEquals(0, reader.readAll(failOnFrame()));
        }
    }

    @Test
    void readsFromAfterAnIndex()
    {
        final List<byte[]> written = randomFrames(new Random(7), 50, 1, 64);
        final long[] indices = appendAll(dir, written);

        try (JournalReader reader = new JournalReader(dir))
        {
            final List<byte[]> read = new ArrayList<>();
            reader.fromAfter(indices[19]).readAll((buffer, offset, length, index) ->
                read.add(Frames.copy(buffer, offset, length)));
            assertFramesEqual(written.subList(20, 50), read);

            assertEquals(0, reader.fromAfter(indices[49]).readAll(failOnFrame()));
            assertEquals(50, reader.fromAfter(Journal.NULL_INDEX).readAll((buffer, offset, length, index) -> {}));
            assertEquals(49, reader.fromAfter(indices[0]).readAll((buffer, offset, length, index) -> {}));
            assertEquals(50, reader.fromStart().readAll((buffer, offset, length, index) -> {}));
        }
    }

    @Test
    void fromAfterAnUnknownIndexFails()
    {
        final long[] indices = appendAll(dir, randomFrames(new Random(1), 3, 1, 8));

        try (JournalReader reader = new JournalReader(dir))
        {
            assertThrows(IllegalArgumentException.class, () -> reader.fromAfter(indices[2] + 1));
        }
    }

    @Test
    void pollDeliversAtMostLimit()
    {
        final long[] indices = appendAll(dir, randomFrames(new Random(3), 10, 1, 8));

        try (JournalReader reader = new JournalReader(dir))
        {
            final List<Long> seen = new ArrayList<>();
            assertEquals(4, reader.poll((buffer, offset, length, index) -> seen.add(index), 4));
            assertEquals(4, reader.poll((buffer, offset, length, index) -> seen.add(index), 4));
            assertEquals(2, reader.poll((buffer, offset, length, index) -> seen.add(index), 4));
            assertEquals(0, reader.poll((buffer, offset, length, index) -> seen.add(index), 4));
            for (int i = 0; i < indices.length; i++)
            {
                assertEquals(indices[i], seen.get(i));
            }
        }
    }

    @Test
    void frameIsRedeliveredWhenHandlerThrows()
    {
        final long[] indices = appendAll(dir, randomFrames(new Random(5), 3, 1, 8));

        try (JournalReader reader = new JournalReader(dir))
        {
            assertEquals(1, reader.poll((buffer, offset, length, index) -> {}, 1));
            assertThrows(IllegalStateException.class, () -> reader.poll(
                (buffer, offset, length, index) ->
                {
                    throw new IllegalStateException("boom");
                },
                1));

            final List<Long> seen = new ArrayList<>();
            assertEquals(2, reader.readAll((buffer, offset, length, index) -> seen.add(index)));
            assertEquals(List.of(indices[1], indices[2]), seen);
        }
    }

    @Test
    void reopenedJournalContinuesAppending()
    {
        final List<byte[]> first = randomFrames(new Random(11), 30, 1, 100);
        final List<byte[]> second = randomFrames(new Random(12), 20, 1, 100);
        final long[] firstIndices = appendAll(dir, first);

        try (Journal journal = new Journal(dir))
        {
            assertEquals(firstIndices[29], journal.lastIndex());
            assertEquals(0, journal.appendedCount());
            long previous = journal.lastIndex();
            for (final byte[] frame : second)
            {
                final long index = journal.append(new UnsafeBuffer(frame), 0, frame.length);
                assertTrue(index > previous);
                previous = index;
            }
            assertEquals(20, journal.appendedCount());
        }

        final List<byte[]> all = new ArrayList<>(first);
        all.addAll(second);
        assertFramesEqual(all, Frames.readAll(dir));
    }

    @Test
    void appendsFromAThreadOtherThanTheCreator() throws Exception
    {
        final List<byte[]> written = randomFrames(new Random(13), 100, 1, 64);
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Journal journal = new Journal(dir))
        {
            executor.submit(() ->
            {
                for (final byte[] frame : written)
                {
                    journal.append(new UnsafeBuffer(frame), 0, frame.length);
                }
            }).get(10, TimeUnit.SECONDS);
            assertEquals(100, journal.appendedCount());
        }
        finally
        {
            executor.shutdownNow();
        }

        assertFramesEqual(written, Frames.readAll(dir));
    }

    @Test
    void readerMayBePolledByAThreadOtherThanTheCreator() throws Exception
    {
        final List<byte[]> written = randomFrames(new Random(19), 10, 1, 64);
        appendAll(dir, written);

        final ExecutorService executor = Executors.newSingleThreadExecutor();
        try (JournalReader reader = new JournalReader(dir).fromAfter(Journal.NULL_INDEX))
        {
            final List<byte[]> read = new ArrayList<>();
            executor.submit(() -> reader.readAll((buffer, offset, length, index) ->
                read.add(Frames.copy(buffer, offset, length)))).get(10, TimeUnit.SECONDS);
            assertFramesEqual(written, read);
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    @Test
    void existingQueueKeepsItsRollCycle()
    {
        final SetTimeProvider time = new SetTimeProvider("2020-01-06T10:00:00");
        final List<byte[]> written = randomFrames(new Random(23), 4, 1, 16);
        final long first;
        try (Journal journal = new Journal(dir, TestRollCycles.TEST_DAILY, time))
        {
            first = journal.append(new UnsafeBuffer(written.get(0)), 0, written.get(0).length);
        }

        try (Journal journal = new Journal(dir))
        {
            for (int i = 1; i < written.size(); i++)
            {
                final long index = journal.append(new UnsafeBuffer(written.get(i)), 0, written.get(i).length);
                assertTrue(index > first);
            }
        }

        assertFramesEqual(written, Frames.readAll(dir));
    }

    @Test
    void readsAcrossRollCycles()
    {
        final RollCycle rollCycle = TestRollCycles.TEST_DAILY;
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final List<byte[]> written = randomFrames(new Random(17), 30, 1, 32);
        final long[] indices = new long[written.size()];

        try (Journal journal = new Journal(dir, rollCycle, time))
        {
            for (int i = 0; i < written.size(); i++)
            {
                if (i % 10 == 0)
                {
                    time.advanceMillis(TimeUnit.DAYS.toMillis(1));
                }
                indices[i] = journal.append(new UnsafeBuffer(written.get(i)), 0, written.get(i).length);
            }
        }
        assertTrue(rollCycle.toCycle(indices[29]) == rollCycle.toCycle(indices[0]) + 2);

        try (JournalReader reader = new JournalReader(dir, rollCycle, time))
        {
            final List<byte[]> read = new ArrayList<>();
            reader.readAll((buffer, offset, length, index) -> read.add(Frames.copy(buffer, offset, length)));
            assertFramesEqual(written, read);

            final List<Long> afterRoll = new ArrayList<>();
            reader.fromAfter(indices[9]).readAll((buffer, offset, length, index) -> afterRoll.add(index));
            assertEquals(20, afterRoll.size());
            assertEquals(indices[10], afterRoll.get(0));
        }
    }

    @Test
    void steadyStateAppendAndReadDoNotAllocate()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Frames.MAX_LENGTH));
        final long[] sum = new long[1];
        final JournalFrameHandler handler = (frame, offset, length, index) -> sum[0] += length;

        try (Journal journal = new Journal(dir); JournalReader reader = new JournalReader(dir))
        {
            // Until the JIT has compiled the path, interpreted VarHandle and Chronicle code allocate: warm up, then
            // one measured loop.
            appendAndRead(journal, reader, buffer, handler, 0, 200_000);

            final long before = threads.getCurrentThreadAllocatedBytes();
            appendAndRead(journal, reader, buffer, handler, 200_000, 20_000);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertEquals(0, allocated, "bytes allocated for 20000 appends and reads");
        }
    }

    @Test
    void steadyStateAppendAndSyncDoNotAllocate() throws IOException
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        // what is measured is the Java path of a sync, the same on any file system: on tmpfs, where a sync costs a
        // system call and no device, the warm-up takes seconds instead of the minutes a disk would
        final Path shm = Path.of("/dev/shm");
        final Path journalDir = Files.isDirectory(shm) && Files.isWritable(shm) ?
            Files.createTempDirectory(shm, "pme-journal-sync-") : dir.resolve("journal");
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(Frames.MAX_LENGTH));
        try (Journal journal = new Journal(journalDir))
        {
            appendAndSync(journal, buffer, 0, 50_000);

            // a few hundred bytes now and then (176 and 896 B seen in 5,000; once 20 kB while other tests loaded the
            // machine) come from the JDK's FileChannel.force or Chronicle mapping its next chunk, never from each
            // append or sync: about 0 B per synced append, so the quietest of three rounds must allocate almost none
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                appendAndSync(journal, buffer, 50_000 + round * 5_000, 5_000);
                allocated = Math.min(allocated, threads.getCurrentThreadAllocatedBytes() - before);
            }
            final long least = allocated;
            assertTrue(least <= 5_000 / 2, () -> least + " bytes allocated for 5000 appends, each synced");
            assertEquals(65_000, journal.syncedCount());
        }
        finally
        {
            Frames.deleteRecursively(journalDir);
        }
    }

    private static void appendAndSync(final Journal journal, final UnsafeBuffer buffer, final int from, final int count)
    {
        for (int n = from; n < from + count; n++)
        {
            journal.append(buffer, 0, Frames.encode(n, buffer, 0));
            if (!journal.sync())
            {
                throw new AssertionError("expected a sync");
            }
        }
    }

    private static void appendAndRead(
        final Journal journal,
        final JournalReader reader,
        final UnsafeBuffer buffer,
        final JournalFrameHandler handler,
        final int from,
        final int count)
    {
        for (int n = from; n < from + count; n++)
        {
            journal.append(buffer, 0, Frames.encode(n, buffer, 0));
            if (1 != reader.poll(handler, 10))
            {
                throw new AssertionError("expected one frame");
            }
        }
    }

    static long[] appendAll(final Path dir, final List<byte[]> frames)
    {
        final long[] indices = new long[frames.size()];
        try (Journal journal = new Journal(dir))
        {
            for (int i = 0; i < frames.size(); i++)
            {
                indices[i] = journal.append(new UnsafeBuffer(frames.get(i)), 0, frames.get(i).length);
            }
        }

        return indices;
    }

    static List<byte[]> randomFrames(final Random random, final int count, final int minLength, final int maxLength)
    {
        final List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] frame = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
            random.nextBytes(frame);
            frames.add(frame);
        }

        return frames;
    }

    static void assertFramesEqual(final List<byte[]> expected, final List<byte[]> actual)
    {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++)
        {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    private static JournalFrameHandler failOnFrame()
    {
        return (buffer, offset, length, index) ->
        {
            throw new AssertionError("unexpected frame at index " + index);
        };
    }
}
