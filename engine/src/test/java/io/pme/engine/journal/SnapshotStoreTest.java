package io.pme.engine.journal;

import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotStoreTest
{
    @TempDir
    Path dir;

    @Test
    void emptyOrMissingDirectoryHasNoSnapshot()
    {
        final SnapshotStore store = new SnapshotStore(dir.resolve("snapshots"));
        assertTrue(Files.isDirectory(dir.resolve("snapshots")));
        assertNull(store.loadNewest());
        assertEquals(0, store.corruptSkipped());
    }

    @Test
    void roundTripsHeaderFieldsAndPayload() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        final byte[] payload = payload(1000, 3);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[payload.length + 10]);
        buffer.putBytes(7, payload);

        store.write(42, 0x1234_0000_0007L, 0xDEAD_BEEF_CAFEL, buffer, 7, payload.length);

        final Snapshot snapshot = store.loadNewest();
        assertEquals(42, snapshot.inputSequence());
        assertEquals(0x1234_0000_0007L, snapshot.journalIndex());
        assertEquals(0xDEAD_BEEF_CAFEL, snapshot.stateDigest());
        assertEquals(0, snapshot.skippedCorrupt());
        assertEquals(payload.length, snapshot.payloadLength());
        assertArrayEquals(payload, payloadOf(snapshot));
    }

    @Test
    void emptyPayloadAndNullJournalIndexAreAllowed()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(0, Journal.NULL_INDEX, 0, new UnsafeBuffer(new byte[0]), 0, 0);

        final Snapshot snapshot = store.loadNewest();
        assertEquals(0, snapshot.inputSequence());
        assertEquals(Journal.NULL_INDEX, snapshot.journalIndex());
        assertEquals(0, snapshot.payloadLength());
    }

    @Test
    void newestIsChosenByInputSequenceNotWriteOrder() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 5);
        write(store, 1_000_000_000_000L);
        write(store, 20);

        assertEquals(1_000_000_000_000L, store.loadNewest().inputSequence());
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(3, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void rewritingASequenceReplacesIt()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(9, 1, 111, new UnsafeBuffer(payload(10, 1)), 0, 10);
        store.write(9, 2, 222, new UnsafeBuffer(payload(20, 2)), 0, 20);

        final Snapshot snapshot = store.loadNewest();
        assertEquals(222, snapshot.stateDigest());
        assertEquals(20, snapshot.payloadLength());
    }

    @Test
    void corruptPayloadFallsBackToOlderSnapshot() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        write(store, 20);
        flipByte(file(20), SnapshotCodec.HEADER_LENGTH + 50);

        final Snapshot snapshot = store.loadNewest();
        assertEquals(10, snapshot.inputSequence());
        assertEquals(1, snapshot.skippedCorrupt());
        assertEquals(1, store.corruptSkipped());
        assertEquals(1, store.skipped().size());
        assertEquals(SnapshotStore.fileName(20), store.skipped().get(0).fileName());
        assertTrue(store.skipped().get(0).reason().startsWith("payload checksum mismatch"),
            store.skipped().get(0)::reason);
    }

    @Test
    void corruptHeaderFallsBackToOlderSnapshot() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        write(store, 20);
        flipByte(file(20), 26);

        assertEquals(10, store.loadNewest().inputSequence());
        assertTrue(store.skipped().get(0).reason().startsWith("header checksum mismatch"),
            store.skipped().get(0)::reason);
    }

    @Test
    void truncatedSnapshotsFallBackToOlderOnes() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        write(store, 20);
        write(store, 30);
        truncate(file(30), SnapshotCodec.HEADER_LENGTH + 10);
        truncate(file(20), 5);

        final Snapshot snapshot = store.loadNewest();
        assertEquals(10, snapshot.inputSequence());
        assertEquals(2, snapshot.skippedCorrupt());
        assertEquals(List.of(
            new SkippedSnapshot(SnapshotStore.fileName(30),
                "truncated or extended: the header announces a 100-byte payload, " +
                "the file holds 10 bytes after the header"),
            new SkippedSnapshot(SnapshotStore.fileName(20),
                "truncated: 5 bytes, shorter than the " + SnapshotCodec.HEADER_LENGTH + "-byte header")),
            store.skipped());
    }

    @Test
    void snapshotRenamedToAnotherSequenceIsRejected() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        Files.copy(file(10), file(11));

        final Snapshot snapshot = store.loadNewest();
        assertEquals(10, snapshot.inputSequence());
        assertEquals(1, snapshot.skippedCorrupt());
        assertEquals("holds the state at input 10 but is named for input 11", store.skipped().get(0).reason());
    }

    @Test
    void allCorruptMeansNoSnapshotButIsCounted() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        truncate(file(10), 0);

        assertNull(store.loadNewest());
        assertEquals(1, store.corruptSkipped());
    }

    @Test
    void unrelatedAndTemporaryFilesAreIgnored() throws IOException
    {
        final SnapshotStore store = new SnapshotStore(dir);
        write(store, 10);
        Files.write(dir.resolve("." + SnapshotStore.fileName(99) + ".tmp"), new byte[100]);
        Files.write(dir.resolve("snapshot-abc.snap"), new byte[100]);
        Files.write(dir.resolve("notes.txt"), new byte[3]);

        assertEquals(10, store.loadNewest().inputSequence());
        assertEquals(0, store.corruptSkipped());
    }

    @Test
    void rejectsNegativeSequenceAndOutOfBoundsPayload()
    {
        final SnapshotStore store = new SnapshotStore(dir);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
        assertThrows(IllegalArgumentException.class, () -> store.write(-1, 0, 0, buffer, 0, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> store.write(1, 0, 0, buffer, 4, 8));
        assertNull(store.loadNewest());
    }

    private static byte[] payloadOf(final Snapshot snapshot) throws IOException
    {
        try (FileChannel channel = snapshot.openPayload())
        {
            final ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(snapshot.payloadLength()));
            while (bytes.hasRemaining() && channel.read(bytes) >= 0)
            {
                // reads the whole payload
            }
            return bytes.array();
        }
    }

    private Path file(final long inputSequence)
    {
        return dir.resolve(SnapshotStore.fileName(inputSequence));
    }

    private static void write(final SnapshotStore store, final long inputSequence)
    {
        final byte[] payload = payload(100, (int)inputSequence);
        store.write(inputSequence, inputSequence * 2, inputSequence * 3, new UnsafeBuffer(payload), 0, payload.length);
    }

    private static byte[] payload(final int length, final int seed)
    {
        final byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = (byte)(seed + i * 13);
        }

        return payload;
    }

    private static void flipByte(final Path path, final long position) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            file.seek(position);
            final int value = file.read();
            file.seek(position);
            file.write(value ^ 0x40);
        }
    }

    private static void truncate(final Path path, final long length) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw"))
        {
            file.setLength(length);
        }
    }
}
