package io.pme.engine.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;

/**
 * Binary layout of a snapshot file, little-endian:
 * <pre>
 *   0  int  magic
 *   4  int  format version
 *   8  int  header length
 *  12  int  CRC32C of the payload
 *  16  long payload length
 *  24  long input sequence
 *  32  long journal index
 *  40  long state digest
 *  48  int  CRC32C of bytes 0..47
 *  52  payload
 * </pre>
 * Version 2 has a long payload length, so a payload beyond 2 GiB (a state of more than about 580,000 accounts)
 * has a file; version 1 had an int.
 */
final class SnapshotCodec
{
    static final int MAGIC = 0x5345_4D50; // little-endian, so a file starts with ASCII "PMES"
    static final int VERSION = 2;
    static final int HEADER_LENGTH = 52;

    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int HEADER_LENGTH_OFFSET = 8;
    private static final int PAYLOAD_CRC_OFFSET = 12;
    private static final int PAYLOAD_LENGTH_OFFSET = 16;
    private static final int INPUT_SEQUENCE_OFFSET = 24;
    private static final int JOURNAL_INDEX_OFFSET = 32;
    private static final int STATE_DIGEST_OFFSET = 40;
    private static final int HEADER_CRC_OFFSET = 48;
    private static final int READ_CHUNK_BYTES = 1 << 20;

    private SnapshotCodec()
    {
    }

    /**
     * @return the header of a snapshot file whose payload has the given length and CRC32C, ready to write.
     */
    static ByteBuffer header(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final long length,
        final int payloadCrc)
    {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC_OFFSET, MAGIC)
            .putInt(VERSION_OFFSET, VERSION)
            .putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH)
            .putInt(PAYLOAD_CRC_OFFSET, payloadCrc)
            .putLong(PAYLOAD_LENGTH_OFFSET, length)
            .putLong(INPUT_SEQUENCE_OFFSET, inputSequence)
            .putLong(JOURNAL_INDEX_OFFSET, journalIndex)
            .putLong(STATE_DIGEST_OFFSET, stateDigest)
            .putInt(HEADER_CRC_OFFSET, crc(header.array(), 0, HEADER_CRC_OFFSET));
        return header;
    }

    /**
     * @return the payload's bytes as a buffer positioned at its start, without a copy when the buffer wraps a
     * {@link ByteBuffer} or an array.
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
     * @return the CRC32C of the bytes from each buffer's position to its limit, in order, leaving their positions.
     */
    static int crc(final ByteBuffer[] buffers)
    {
        final CRC32C crc = new CRC32C();
        for (final ByteBuffer bytes : buffers)
        {
            crc.update(bytes.duplicate());
        }
        return (int)crc.getValue();
    }

    /**
     * What a file's check found, reading it in chunks rather than whole.
     *
     * @param problem       why the file is not an intact snapshot for its name's sequence, or null when it is.
     * @param journalIndex  the journal index its header records, when it is intact.
     * @param stateDigest   the state digest its header records, when it is intact.
     * @param payloadLength the length of its payload, when it is intact.
     */
    record FileCheck(String problem, long journalIndex, long stateDigest, long payloadLength)
    {
        static FileCheck failed(final String problem)
        {
            return new FileCheck(problem, Journal.NULL_INDEX, 0, 0);
        }
    }

    /**
     * Checks a snapshot file, streaming its payload through the CRC, and names the first cause that makes it unusable:
     * truncated header, bad magic, another version, a bad header checksum, a length the file does not have, a
     * bad payload checksum, a sequence other than its name's.
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
                return FileCheck.failed("truncated: " + header.position() + " bytes, shorter than the " +
                    HEADER_LENGTH + "-byte header");
            }
            final String headerProblem = headerProblem(header, size, expectedInputSequence);
            if (null != headerProblem)
            {
                return FileCheck.failed(headerProblem);
            }
            final CRC32C crc = new CRC32C();
            final ByteBuffer chunk = ByteBuffer.allocateDirect(READ_CHUNK_BYTES);
            while (channel.read(chunk.clear()) > 0)
            {
                crc.update(chunk.flip());
            }
            final int payloadCrc = (int)crc.getValue();
            if (header.getInt(PAYLOAD_CRC_OFFSET) != payloadCrc)
            {
                return FileCheck.failed("payload checksum mismatch (stored 0x" +
                    Integer.toHexString(header.getInt(PAYLOAD_CRC_OFFSET)) + ", computed 0x" +
                    Integer.toHexString(payloadCrc) + ")");
            }
            if (header.getLong(INPUT_SEQUENCE_OFFSET) != expectedInputSequence)
            {
                return FileCheck.failed("holds the state at input " + header.getLong(INPUT_SEQUENCE_OFFSET) +
                    " but is named for input " + expectedInputSequence);
            }
            return new FileCheck(null, header.getLong(JOURNAL_INDEX_OFFSET), header.getLong(STATE_DIGEST_OFFSET),
                header.getLong(PAYLOAD_LENGTH_OFFSET));
        }
    }

    private static String headerProblem(final ByteBuffer header, final long size, final long expectedInputSequence)
    {
        if (header.getInt(MAGIC_OFFSET) != MAGIC)
        {
            return "not a snapshot file (magic 0x" + Integer.toHexString(header.getInt(MAGIC_OFFSET)) + ")";
        }
        // before the checksum, which another version keeps elsewhere
        if (header.getInt(VERSION_OFFSET) != VERSION || header.getInt(HEADER_LENGTH_OFFSET) != HEADER_LENGTH)
        {
            return "format version " + header.getInt(VERSION_OFFSET) + " with a " +
                header.getInt(HEADER_LENGTH_OFFSET) + "-byte header; this engine reads version " + VERSION;
        }
        final int headerCrc = crc(header.array(), 0, HEADER_CRC_OFFSET);
        if (header.getInt(HEADER_CRC_OFFSET) != headerCrc)
        {
            return "header checksum mismatch (stored 0x" + Integer.toHexString(header.getInt(HEADER_CRC_OFFSET)) +
                ", computed 0x" + Integer.toHexString(headerCrc) + ")";
        }
        final long payloadLength = header.getLong(PAYLOAD_LENGTH_OFFSET);
        if (payloadLength < 0 || size != HEADER_LENGTH + payloadLength)
        {
            return "truncated or extended: the header announces a " + payloadLength + "-byte payload, the file holds " +
                (size - HEADER_LENGTH) + " bytes after the header";
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
