package io.pme.engine.recovery;

import io.pme.codecs.AdminCommandType;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Snapshot;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.Encodings;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An encoding in chunks is the contiguous encoding: the same bytes, the same digest, and it decodes to the same
 * state, however small the chunks, so values straddle their ends; read back through a window as small, too.
 */
class ChunkedSnapshotTest
{
    // one chunk larger than the whole encoding: the layout of a single buffer
    private static final int WHOLE = 8 << 20;
    private static final Book BOOK = new Book();
    private static final StateSnapshot CONTIGUOUS = new StateSnapshot(WHOLE, WHOLE);

    @TempDir
    Path dir;

    @Test
    void sixtyFourByteChunksHoldTheContiguousBytesAndDigest()
    {
        final StateSnapshot chunked = new StateSnapshot(64, 64);
        final long length = chunked.encode(BOOK.state);
        assertTrue(length > 100 * 64, () -> "an encoding of " + length + " bytes spans many chunks");
        assertEquals(BOOK.length, length);
        assertArrayEquals(BOOK.bytes, Encodings.bytes(chunked, length));
        assertEquals(BOOK.clientsStart, chunked.clientsStart());
        assertEquals(BOOK.clientsEnd, chunked.clientsEnd());
        assertEquals(BOOK.digest, chunked.digestOf(length, chunked.clientsStart(), chunked.clientsEnd()));
        assertEquals(BOOK.digest, chunked.digest(BOOK.state));
        assertEquals(BOOK.processor.digest(), chunked.digest(BOOK.state) ^ BOOK.risk.parametersDigest(),
            "the engine's digest is the chunked encoding's");
    }

    @Test
    void aDigestLeavesTheLatestEncodingAsItWas()
    {
        final StateSnapshot chunked = new StateSnapshot(64, 64);
        final long length = chunked.encode(BOOK.state);
        final long clientsStart = chunked.clientsStart();
        final Restored other = new Restored();
        assertEquals(BOOK.digest, chunked.digest(BOOK.state));
        chunked.digest(other.state);
        assertEquals(clientsStart, chunked.clientsStart());
        assertArrayEquals(BOOK.bytes, Encodings.bytes(chunked, length));
    }

    @Test
    void aSecondEncodingOverTheSameChunksIsTheSame()
    {
        final StateSnapshot chunked = new StateSnapshot(64, 256);
        final long first = chunked.encode(BOOK.state);
        final long second = chunked.encode(BOOK.state);
        assertEquals(first, second);
        assertArrayEquals(BOOK.bytes, Encodings.bytes(chunked, second));
    }

    @Test
    void decodesThroughASmallWindowToTheSameState()
    {
        final Restored restored = new Restored();
        new StateSnapshot(64, 64).decode(Encodings.channel(BOOK.bytes), BOOK.length, restored.state);
        restored.processor.onRestore(restored.risk);
        assertEquals(BOOK.processor.digest(), restored.processor.digest());
    }

    @Test
    void aTruncatedOrLongerChannelIsRefusedInOneLine()
    {
        final StateSnapshot codec = new StateSnapshot(64, 64);
        final byte[] truncated = Arrays.copyOf(BOOK.bytes, BOOK.bytes.length - 3);
        final IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
            () -> codec.decode(Encodings.channel(truncated), BOOK.length, new Restored().state));
        assertTrue(cut.getMessage().startsWith("snapshot truncated at byte "), cut::getMessage);
        final byte[] longer = Arrays.copyOf(BOOK.bytes, BOOK.bytes.length + 5);
        final IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
            () -> codec.decode(Encodings.channel(longer), longer.length, new Restored().state));
        assertEquals("snapshot has 5 trailing bytes", trailing.getMessage());
    }

    @Test
    void aFileWrittenFromChunksLoadsAndDecodesToTheSameState() throws IOException
    {
        final StateSnapshot chunked = new StateSnapshot(64, 128);
        final long length = chunked.encode(BOOK.state);
        final SnapshotStore store = new SnapshotStore(dir);
        store.write(BOOK.state.inputSequence(), 7, BOOK.processor.digest(), chunked.byteBuffers(length));

        final Snapshot snapshot = store.loadNewest();
        assertEquals(length, snapshot.payloadLength());
        assertEquals(BOOK.processor.digest(), snapshot.stateDigest());
        final Restored restored = new Restored();
        try (FileChannel payload = snapshot.openPayload())
        {
            new StateSnapshot(64, 64).decode(payload, snapshot.payloadLength(), restored.state);
        }
        restored.processor.onRestore(restored.risk);
        assertEquals(BOOK.processor.digest(), restored.processor.digest());
    }

    @Property(tries = 40)
    void anyChunkSizesGiveTheContiguousEncoding(
        @ForAll @IntRange(min = 8, max = 300) final int firstChunkBytes,
        @ForAll @IntRange(min = 0, max = 5) final int doublings)
    {
        final int maxChunkBytes = firstChunkBytes << doublings;
        final StateSnapshot chunked = new StateSnapshot(firstChunkBytes, maxChunkBytes);
        final long length = chunked.encode(BOOK.state);
        assertArrayEquals(BOOK.bytes, Encodings.bytes(chunked, length));
        assertEquals(BOOK.digest, chunked.digestOf(length, chunked.clientsStart(), chunked.clientsEnd()));
        assertEquals(BOOK.digest, chunked.digest(BOOK.state), "hashed as it is made, through a chunk as small");

        final Restored restored = new Restored();
        chunked.decode(Encodings.channel(BOOK.bytes), length, restored.state);
        assertEquals(BOOK.digest, CONTIGUOUS.digest(restored.state));
    }

    // an engine with a book: forty simulated accounts trading, encoded once as a single buffer
    private static final class Book
    {
        final EngineState state = new EngineContext().maxAccounts(100).newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        final long length;
        final byte[] bytes;
        final long clientsStart;
        final long clientsEnd;
        final long digest;

        Book()
        {
            final Inputs inputs = Inputs.simulated(11, 40, 2_000, 1_000, AdminCommandType.DIGEST);
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (int i = 0; i < inputs.size(); i++)
            {
                buffer.wrap(inputs.frame(i));
                processor.process(buffer, 0, buffer.capacity(), i);
            }
            final StateSnapshot whole = new StateSnapshot(WHOLE, WHOLE);
            length = whole.encode(state);
            bytes = Encodings.bytes(whole, length);
            clientsStart = whole.clientsStart();
            clientsEnd = whole.clientsEnd();
            digest = StateSnapshot.digestOf(new UnsafeBuffer(bytes), bytes.length, (int)clientsStart, (int)clientsEnd);
        }
    }

    private static final class Restored
    {
        final EngineState state = new EngineContext().maxAccounts(100).newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
    }
}
