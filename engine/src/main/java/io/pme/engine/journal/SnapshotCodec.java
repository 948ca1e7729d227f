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
        if (bytes.length < HEADER_LENGTH)
        {
            return null;
        }

        final ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int payloadLength = file.getInt(PAYLOAD_LENGTH_OFFSET);
        if (!isValid(file, bytes, payloadLength) || file.getLong(INPUT_SEQUENCE_OFFSET) != expectedInputSequence)
        {
            return null;
        }

        return new Snapshot(
            expectedInputSequence,
            file.getLong(JOURNAL_INDEX_OFFSET),
            file.getLong(STATE_DIGEST_OFFSET),
            new UnsafeBuffer(bytes, HEADER_LENGTH, payloadLength),
            skippedCorrupt);
    }

    private static boolean isValid(final ByteBuffer file, final byte[] bytes, final int payloadLength)
    {
        return file.getInt(HEADER_CRC_OFFSET) == crc(bytes, 0, HEADER_CRC_OFFSET) &&
            file.getInt(MAGIC_OFFSET) == MAGIC &&
            file.getInt(VERSION_OFFSET) == VERSION &&
            file.getInt(HEADER_LENGTH_OFFSET) == HEADER_LENGTH &&
            payloadLength >= 0 &&
            bytes.length == HEADER_LENGTH + payloadLength &&
            file.getInt(PAYLOAD_CRC_OFFSET) == crc(bytes, HEADER_LENGTH, payloadLength);
    }

    private static int crc(final byte[] bytes, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int)crc.getValue();
    }
}
