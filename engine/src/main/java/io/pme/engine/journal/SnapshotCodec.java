package io.pme.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Binary layout of a snapshot file, little-endian:
 * <pre>
 *   0  int  magic
 *   4  int  format version
 *   8  int  header length
 *  12  int  payload length
 *  16  long input sequence
 *  24  long journal index
 *  32  long state digest
 *  40  int  CRC32C of the payload
 *  44  int  CRC32C of bytes 0..43
 *  48  payload
 * </pre>
 */
final class SnapshotCodec
{
    static final int MAGIC = 0x5345_4D50; // little-endian, so a file starts with ASCII "PMES"
    static final int VERSION = 1;
    static final int HEADER_LENGTH = 48;

    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int HEADER_LENGTH_OFFSET = 8;
    private static final int PAYLOAD_LENGTH_OFFSET = 12;
    private static final int INPUT_SEQUENCE_OFFSET = 16;
    private static final int JOURNAL_INDEX_OFFSET = 24;
    private static final int STATE_DIGEST_OFFSET = 32;
    private static final int PAYLOAD_CRC_OFFSET = 40;
    private static final int HEADER_CRC_OFFSET = 44;

    private SnapshotCodec()
    {
    }

    /**
     * @return the 48-byte header of a snapshot file whose payload has the given length and CRC32C, ready to write.
     */
    static ByteBuffer header(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final int length,
        final int payloadCrc)
    {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_OFFSET, MAGIC)
            .putInt(VERSION_OFFSET, VERSION)
            .putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH)
            .putInt(PAYLOAD_LENGTH_OFFSET, length)
            .putLong(INPUT_SEQUENCE_OFFSET, inputSequence)
            .putLong(JOURNAL_INDEX_OFFSET, journalIndex)
            .putLong(STATE_DIGEST_OFFSET, stateDigest)
            .putInt(PAYLOAD_CRC_OFFSET, payloadCrc)
            .putInt(HEADER_CRC_OFFSET, crc(header.array(), 0, HEADER_CRC_OFFSET));
        return header;
    }

    /**
     * @return the payload's bytes as a buffer positioned at its start, without a copy when the buffer wraps a
     * {@link ByteBuffer} or an array (a state's encoding is hundreds of megabytes at 100,000 accounts).
     */
    static ByteBuffer view(final DirectBuffer payload, final int offset, final int length)
    {
        final long start = payload.wrapAdjustment() + offset;
        if (null != payload.byteBuffer())
        {
            final ByteBuffer bytes = payload.byteBuffer().duplicate();
            bytes.limit((int)start + length).position((int)start);
            return bytes.slice();
        }
        if (null != payload.byteArray())
        {
            return ByteBuffer.wrap(payload.byteArray(), (int)start, length).slice();
        }
        final byte[] copy = new byte[length];
        payload.getBytes(offset, copy);
        return ByteBuffer.wrap(copy);
    }

    /**
     * @return the CRC32C of the bytes from the buffer's position to its limit, leaving its position.
     */
    static int crc(final ByteBuffer bytes)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return (int)crc.getValue();
    }

    /**
     * What a file's check found, reading it in chunks rather than whole.
     *
     * @param problem      why the file is not an intact snapshot for its name's sequence, or null when it is.
     * @param journalIndex the journal index its header records, when it is intact.
     */
    record FileCheck(String problem, long journalIndex)
    {
    }

    /**
     * Checks a snapshot file as {@link #problem(byte[], long)} does, streaming its payload through the CRC.
     *
     * @throws IOException when the file cannot be read.
     */
    static FileCheck check(final Path file, final long expectedInputSequence) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header) >= 0)
            {
                // reads until the header is full or the file ends
            }
            if (header.hasRemaining())
            {
                return new FileCheck(problem(Arrays.copyOf(header.array(), header.position()), expectedInputSequence),
                    Journal.NULL_INDEX);
            }
            final String headerProblem = headerProblem(header, size, expectedInputSequence);
            if (null != headerProblem)
            {
                return new FileCheck(headerProblem, Journal.NULL_INDEX);
            }
            final CRC32C crc = new CRC32C();
            final ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            while (channel.read(chunk.clear()) > 0)
            {
                crc.update(chunk.flip());
            }
            final int payloadCrc = (int)crc.getValue();
            if (header.getInt(PAYLOAD_CRC_OFFSET) != payloadCrc)
            {
                return new FileCheck("payload checksum mismatch (stored 0x" +
                    Integer.toHexString(header.getInt(PAYLOAD_CRC_OFFSET)) + ", computed 0x" +
                    Integer.toHexString(payloadCrc) + ")", Journal.NULL_INDEX);
            }
            return new FileCheck(null, header.getLong(JOURNAL_INDEX_OFFSET));
        }
    }

    private static String headerProblem(final ByteBuffer header, final long size, final long expectedInputSequence)
    {
        final int headerCrc = crc(header.array(), 0, HEADER_CRC_OFFSET);
        if (header.getInt(HEADER_CRC_OFFSET) != headerCrc)
        {
            return "header checksum mismatch (stored 0x" + Integer.toHexString(header.getInt(HEADER_CRC_OFFSET)) +
                ", computed 0x" + Integer.toHexString(headerCrc) + ")";
        }
        if (header.getInt(MAGIC_OFFSET) != MAGIC)
        {
            return "not a snapshot file (magic 0x" + Integer.toHexString(header.getInt(MAGIC_OFFSET)) + ")";
        }
        if (header.getInt(VERSION_OFFSET) != VERSION || header.getInt(HEADER_LENGTH_OFFSET) != HEADER_LENGTH)
        {
            return "format version " + header.getInt(VERSION_OFFSET) + " with a " +
                header.getInt(HEADER_LENGTH_OFFSET) + "-byte header; this engine reads version " + VERSION;
        }
        final int payloadLength = header.getInt(PAYLOAD_LENGTH_OFFSET);
        if (payloadLength < 0 || size != HEADER_LENGTH + (long)payloadLength)
        {
            return "truncated or extended: the header announces a " + payloadLength + "-byte payload, the file holds " +
                (size - HEADER_LENGTH) + " bytes after the header";
        }
        if (header.getLong(INPUT_SEQUENCE_OFFSET) != expectedInputSequence)
        {
            return "holds the state at input " + header.getLong(INPUT_SEQUENCE_OFFSET) + " but is named for input " +
                expectedInputSequence;
        }
        return null;
    }

    /**
     * Decode a whole snapshot file.
     *
     * @return the snapshot, or null if the bytes are not a complete, intact snapshot for the expected sequence.
     */
    static Snapshot decode(final byte[] bytes, final long expectedInputSequence, final int skippedCorrupt)
    {
        if (null != problem(bytes, expectedInputSequence))
        {
            return null;
        }

        final ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new Snapshot(
            expectedInputSequence,
            file.getLong(JOURNAL_INDEX_OFFSET),
            file.getLong(STATE_DIGEST_OFFSET),
            new UnsafeBuffer(bytes, HEADER_LENGTH, file.getInt(PAYLOAD_LENGTH_OFFSET)),
            skippedCorrupt);
    }

    /**
     * What makes a snapshot file unusable, checked in the order that names the first cause.
     *
     * @return why the bytes are not a complete, intact snapshot for the expected sequence, or null when they are.
     */
    static String problem(final byte[] bytes, final long expectedInputSequence)
    {
        if (bytes.length < HEADER_LENGTH)
        {
            return "truncated: " + bytes.length + " bytes, shorter than the " + HEADER_LENGTH + "-byte header";
        }
        final ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int headerCrc = crc(bytes, 0, HEADER_CRC_OFFSET);
        if (file.getInt(HEADER_CRC_OFFSET) != headerCrc)
        {
            return "header checksum mismatch (stored 0x" + Integer.toHexString(file.getInt(HEADER_CRC_OFFSET)) +
                ", computed 0x" + Integer.toHexString(headerCrc) + ")";
        }
        if (file.getInt(MAGIC_OFFSET) != MAGIC)
        {
            return "not a snapshot file (magic 0x" + Integer.toHexString(file.getInt(MAGIC_OFFSET)) + ")";
        }
        if (file.getInt(VERSION_OFFSET) != VERSION || file.getInt(HEADER_LENGTH_OFFSET) != HEADER_LENGTH)
        {
            return "format version " + file.getInt(VERSION_OFFSET) + " with a " + file.getInt(HEADER_LENGTH_OFFSET) +
                "-byte header; this engine reads version " + VERSION;
        }
        final int payloadLength = file.getInt(PAYLOAD_LENGTH_OFFSET);
        if (payloadLength < 0 || bytes.length != HEADER_LENGTH + (long)payloadLength)
        {
            return "truncated or extended: the header announces a " + payloadLength + "-byte payload, the file holds " +
                (bytes.length - HEADER_LENGTH) + " bytes after the header";
        }
        final int payloadCrc = crc(bytes, HEADER_LENGTH, payloadLength);
        if (file.getInt(PAYLOAD_CRC_OFFSET) != payloadCrc)
        {
            return "payload checksum mismatch (stored 0x" + Integer.toHexString(file.getInt(PAYLOAD_CRC_OFFSET)) +
                ", computed 0x" + Integer.toHexString(payloadCrc) + ")";
        }
        if (file.getLong(INPUT_SEQUENCE_OFFSET) != expectedInputSequence)
        {
            return "holds the state at input " + file.getLong(INPUT_SEQUENCE_OFFSET) + " but is named for input " +
                expectedInputSequence;
        }
        return null;
    }

    private static int crc(final byte[] bytes, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int)crc.getValue();
    }
}
