package io.pme.engine.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    static ByteBuffer encode(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        final ByteBuffer file = ByteBuffer.allocate(HEADER_LENGTH + length).order(ByteOrder.LITTLE_ENDIAN);
        payload.getBytes(offset, file.array(), HEADER_LENGTH, length);

        file.putInt(MAGIC_OFFSET, MAGIC)
            .putInt(VERSION_OFFSET, VERSION)
            .putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH)
            .putInt(PAYLOAD_LENGTH_OFFSET, length)
            .putLong(INPUT_SEQUENCE_OFFSET, inputSequence)
            .putLong(JOURNAL_INDEX_OFFSET, journalIndex)
            .putLong(STATE_DIGEST_OFFSET, stateDigest)
            .putInt(PAYLOAD_CRC_OFFSET, crc(file.array(), HEADER_LENGTH, length))
            .putInt(HEADER_CRC_OFFSET, crc(file.array(), 0, HEADER_CRC_OFFSET));

        return file;
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
