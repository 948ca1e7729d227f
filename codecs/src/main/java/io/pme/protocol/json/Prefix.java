package io.pme.protocol.json;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * timestampNs, correlationId and clientId, which the schema guarantees open every message body at offsets
 * 0, 8 and 16, so they are handled once here rather than in every template.
 */
final class Prefix
{
    static final String TIMESTAMP_NS = "timestampNs";
    static final String CORRELATION_ID = "correlationId";
    static final String CLIENT_ID = "clientId";
    static final int TIMESTAMP_NS_OFFSET = 0;
    static final int CORRELATION_ID_OFFSET = 8;
    static final int CLIENT_ID_OFFSET = 16;
    static final int LENGTH = 20;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final Alias TIMESTAMP_ALIAS = Alias.isoInstant(TIMESTAMP_NS);

    private Prefix()
    {
    }

    static boolean accepts(final String jsonName)
    {
        return TIMESTAMP_NS.equals(jsonName) ||
            TIMESTAMP_ALIAS.name().equals(jsonName) ||
            CORRELATION_ID.equals(jsonName) ||
            CLIENT_ID.equals(jsonName);
    }

    static void encode(
        final JsonInput input, final MutableDirectBuffer buffer, final int bodyOffset, final CorrelationIds ids)
    {
        buffer.putLong(bodyOffset + TIMESTAMP_NS_OFFSET, input.int64(TIMESTAMP_NS, TIMESTAMP_ALIAS), ORDER);
        final int clientId = input.has(CLIENT_ID) ? input.int32(CLIENT_ID) : 0;
        buffer.putInt(bodyOffset + CLIENT_ID_OFFSET, clientId, ORDER);
        buffer.putLong(bodyOffset + CORRELATION_ID_OFFSET, ids.resolve(input, clientId), ORDER);
    }

    static int clientId(final DirectBuffer buffer, final int bodyOffset)
    {
        return buffer.getInt(bodyOffset + CLIENT_ID_OFFSET, ORDER);
    }

    static long correlationId(final DirectBuffer buffer, final int bodyOffset)
    {
        return buffer.getLong(bodyOffset + CORRELATION_ID_OFFSET, ORDER);
    }

    static void print(final DirectBuffer buffer, final int bodyOffset, final JsonLine line)
    {
        line.field(TIMESTAMP_NS, buffer.getLong(bodyOffset + TIMESTAMP_NS_OFFSET, ORDER))
            .field(CORRELATION_ID, correlationId(buffer, bodyOffset))
            .field(CLIENT_ID, clientId(buffer, bodyOffset));
    }
}
