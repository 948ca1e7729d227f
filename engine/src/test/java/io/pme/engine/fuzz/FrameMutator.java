package io.pme.engine.fuzz;

import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

import static io.pme.engine.fuzz.InboundLayout.CLIENT_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.CORRELATION_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.HEADER_LENGTH;
import static io.pme.engine.fuzz.InboundLayout.PREFIX_LENGTH;
import static io.pme.engine.fuzz.InboundLayout.TIMESTAMP_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Random and mutated input frames. Mutations start from a valid frame and break one thing (or a few): bytes, length,
 * header, or a typed field set to a value of its type that handlers are likely to get wrong.
 */
final class FrameMutator
{
    /** Room for any frame the fuzzers make, including the oversize ones. */
    static final int CAPACITY = 1024;

    private static final double[] DOUBLES = {
        Double.NaN, Double.longBitsToDouble(0x7FF0_0000_0000_0001L), Double.longBitsToDouble(0xFFF8_0000_0000_0000L),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e308, -1e308, 1e300, 1e200, 1e30, 1e16, 1e15,
        -1e15, 1e-300, 1e-12, -1e-9, -1.0, 1.0, 0.5, 1e9,
        // either side of the documented ends (docs/bounds.md): magnitudes, volatilities, parameters
        Math.nextDown(1e-12), -1e-12, 1e-13, Math.nextUp(1e15), 1e-4, Math.nextDown(1e-4), 10.0, Math.nextUp(10.0),
        1e-6, Math.nextDown(1e-6), 0.01, Math.nextDown(0.01), 0.95, Math.nextUp(0.95), 0.1, Math.nextDown(0.1), 2.0,
        -0.99, Math.nextDown(-0.99), 0.25, 7.0 };
    private static final long[] LONGS = {
        0L, -1L, 1L, 2L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Integer.MAX_VALUE,
        0xFFFF_FFFFL, 1L << 53, 10L * 365 * 86_400_000_000_000L };
    private static final int[] INTS = {
        0, -1, 1, 2, 3, 5, Integer.MIN_VALUE, Integer.MAX_VALUE, 63, 64, 65, 170, 171, 255, 256, 4095, 4096, 65535 };

    private final SplittableRandom random;

    FrameMutator(final SplittableRandom random)
    {
        this.random = random;
    }

    SplittableRandom random()
    {
        return random;
    }

    /**
     * Random bytes of length 0 … maxLength; half the time under a valid header of a random inbound template.
     */
    int randomFrame(final MutableDirectBuffer buffer, final int maxLength)
    {
        final int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)random.nextInt(256));
        }
        if (length >= HEADER_LENGTH && random.nextBoolean())
        {
            final int templateId = 1 + random.nextInt(19); // 15: MarginQuery, 16 to 19: liquidation's
            final int blockLength = Math.max(PREFIX_LENGTH, blockLengthOf(templateId));
            buffer.putShort(0, (short)blockLength, LITTLE_ENDIAN);
            buffer.putShort(2, (short)templateId, LITTLE_ENDIAN);
            buffer.putShort(4, (short)MessageHeaderDecoder.SCHEMA_ID, LITTLE_ENDIAN);
            buffer.putShort(6, (short)MessageHeaderDecoder.SCHEMA_VERSION, LITTLE_ENDIAN);
        }
        return length;
    }

    /**
     * Breaks a valid frame held at the start of the buffer in one to three ways.
     *
     * @return the new length.
     */
    int mutate(final MutableDirectBuffer buffer, final int length)
    {
        int newLength = length;
        final int rounds = random.nextInt(8) == 0 ? 2 + random.nextInt(2) : 1;
        for (int i = 0; i < rounds; i++)
        {
            newLength = mutateOnce(buffer, newLength);
        }
        return newLength;
    }

    private int mutateOnce(final MutableDirectBuffer buffer, final int length)
    {
        switch (random.nextInt(12))
        {
            case 0:
                flipBits(buffer, length);
                return length;
            case 1:
                overwriteBytes(buffer, length);
                return length;
            case 2:
                return length > 0 ? random.nextInt(length) : 0;
            case 3:
                return extend(buffer, length);
            case 4:
                corruptHeader(buffer, length);
                return length;
            case 5:
                corruptTimestamp(buffer, length);
                return length;
            default:
                mutateField(buffer, length);
                return length;
        }
    }

    private void flipBits(final MutableDirectBuffer buffer, final int length)
    {
        for (int n = 1 + random.nextInt(4); n > 0 && length > 0; n--)
        {
            final int i = random.nextInt(length);
            buffer.putByte(i, (byte)(buffer.getByte(i) ^ (1 << random.nextInt(8))));
        }
    }

    private void overwriteBytes(final MutableDirectBuffer buffer, final int length)
    {
        final int choice = random.nextInt(3);
        for (int n = 1 + random.nextInt(4); n > 0 && length > 0; n--)
        {
            final int value = 0 == choice ? 0 : 1 == choice ? 0xFF : random.nextInt(256);
            buffer.putByte(random.nextInt(length), (byte)value);
        }
    }

    private int extend(final MutableDirectBuffer buffer, final int length)
    {
        final int extra = 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 64);
        final int newLength = Math.min(CAPACITY, length + extra);
        for (int i = length; i < newLength; i++)
        {
            buffer.putByte(i, (byte)random.nextInt(256));
        }
        return newLength;
    }

    private void corruptHeader(final MutableDirectBuffer buffer, final int length)
    {
        final int field = random.nextInt(4) * 2;
        if (field + 2 > length)
        {
            return;
        }
        final int current = buffer.getShort(field, LITTLE_ENDIAN) & 0xFFFF;
        final int value;
        switch (random.nextInt(4))
        {
            case 0:
                value = current + (random.nextBoolean() ? 1 : -1);
                break;
            case 1:
                value = random.nextBoolean() ? 0 : 0xFFFF;
                break;
            case 2:
                value = random.nextInt(20);
                break;
            default:
                value = random.nextInt(0x10000);
                break;
        }
        buffer.putShort(field, (short)value, LITTLE_ENDIAN);
    }

    private void corruptTimestamp(final MutableDirectBuffer buffer, final int length)
    {
        if (HEADER_LENGTH + TIMESTAMP_OFFSET + 8 <= length)
        {
            buffer.putLong(HEADER_LENGTH + TIMESTAMP_OFFSET, specialLong(), LITTLE_ENDIAN);
        }
    }

    private void mutateField(final MutableDirectBuffer buffer, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return;
        }
        final InboundLayout.Field[] fields = InboundLayout.fields(buffer.getShort(2, LITTLE_ENDIAN) & 0xFFFF);
        if (0 == fields.length)
        {
            overwriteBytes(buffer, length);
            return;
        }
        final InboundLayout.Field field = fields[random.nextInt(fields.length)];
        final int offset = HEADER_LENGTH + field.offset();
        if (offset + field.length() > length)
        {
            return;
        }
        switch (field.kind())
        {
            case INT64:
                buffer.putLong(offset, specialLong(), LITTLE_ENDIAN);
                break;
            case INT32:
                buffer.putInt(offset, specialInt(), LITTLE_ENDIAN);
                break;
            case DOUBLE:
                buffer.putDouble(offset, specialDouble(buffer.getDouble(offset, LITTLE_ENDIAN)), LITTLE_ENDIAN);
                break;
            case ENUM8:
                buffer.putByte(offset, (byte)(random.nextBoolean() ? random.nextInt(256) : 3 + random.nextInt(4)));
                break;
            case ENUM16:
                buffer.putShort(offset, (short)(random.nextBoolean() ? random.nextInt(0x10000) : random.nextInt(20)),
                    LITTLE_ENDIAN);
                break;
            default:
                mutateChars(buffer, offset, field.length());
                break;
        }
    }

    private void mutateChars(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        switch (random.nextInt(3))
        {
            case 0:
                buffer.setMemory(offset, length, (byte)0);
                break;
            case 1:
                buffer.putByte(offset + random.nextInt(length), (byte)(random.nextBoolean() ? ' ' : 0x80));
                break;
            default:
                for (int i = 0; i < length; i++)
                {
                    buffer.putByte(offset + i, (byte)('A' + random.nextInt(26)));
                }
                break;
        }
    }

    double specialDouble(final double original)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return -original;
            case 1:
                return original * Math.pow(10.0, 1 + random.nextInt(300));
            case 2:
                return (random.nextDouble() - 0.5) * Math.pow(10.0, random.nextInt(640) - 320);
            default:
                return DOUBLES[random.nextInt(DOUBLES.length)];
        }
    }

    long specialLong()
    {
        return random.nextInt(4) == 0 ? random.nextLong() : LONGS[random.nextInt(LONGS.length)];
    }

    int specialInt()
    {
        return random.nextInt(4) == 0 ? random.nextInt() : INTS[random.nextInt(INTS.length)];
    }

    /**
     * Gives a frame a client and a correlation id of the fuzzer's own, so it passes the sequence check and reaches
     * its handler.
     */
    static void readdress(
        final MutableDirectBuffer buffer, final int length, final int clientId, final long correlationId)
    {
        if (HEADER_LENGTH + PREFIX_LENGTH <= length)
        {
            buffer.putLong(HEADER_LENGTH + CORRELATION_ID_OFFSET, correlationId, LITTLE_ENDIAN);
            buffer.putInt(HEADER_LENGTH + CLIENT_ID_OFFSET, clientId, LITTLE_ENDIAN);
        }
    }

    static int blockLengthOf(final int templateId)
    {
        final InboundLayout.Field[] fields = InboundLayout.fields(templateId);
        int end = PREFIX_LENGTH;
        for (final InboundLayout.Field field : fields)
        {
            end = Math.max(end, field.offset() + field.length());
        }
        return end;
    }
}
