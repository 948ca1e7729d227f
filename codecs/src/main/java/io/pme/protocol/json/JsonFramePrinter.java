package io.pme.protocol.json;

import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Prints any frame of the schema, inbound or outbound, as one JSON line: {@code "type"} first, then the fields
 * in schema order. Enums print by name, doubles as the shortest decimal that reads back to the same value
 * (NaN and infinities as strings), and a StateDigest's digest also as 16 hex digits in {@code digestHex}.
 * The output is accepted by {@link JsonFrameEncoder}. Not thread safe.
 */
public final class JsonFramePrinter
{
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int TEMPLATE_ID_END = TEMPLATE_ID_OFFSET + 2;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Templates templates = new Templates();
    private final JsonLine line = new JsonLine();

    /**
     * Prints one frame. Never throws for bad input: a frame that is truncated, of another schema or of an unknown
     * template prints as {@code {"type":"Unreadable","templateId":N,"length":L}}.
     *
     * @param buffer holding the frame.
     * @param offset at which the frame starts.
     * @param length of the frame.
     * @return the frame as a single line of JSON, without a line terminator.
     */
    public String print(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || offset + length > buffer.capacity())
        {
            return unreadable(templateIdIfPresent(buffer, offset, length), length);
        }

        header.wrap(buffer, offset);
        final Template<?, ?> template = templates.byId(header.templateId());
        final int blockLength = header.blockLength();
        if (null == template ||
            header.schemaId() != MessageHeaderDecoder.SCHEMA_ID ||
            blockLength < template.blockLength() ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            return unreadable(header.templateId(), length);
        }

        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        line.begin(template.name());
        Prefix.print(buffer, bodyOffset, line);
        template.print(buffer, bodyOffset, blockLength, header.version(), line);

        return line.end();
    }

    private static int templateIdIfPresent(final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean present = length >= TEMPLATE_ID_END && offset + TEMPLATE_ID_END <= buffer.capacity();

        return present ? buffer.getShort(offset + TEMPLATE_ID_OFFSET, MessageHeaderDecoder.BYTE_ORDER) & 0xFFFF : 0;
    }

    private String unreadable(final int templateId, final int length)
    {
        return line.begin("Unreadable").field("templateId", templateId).field("length", length).end();
    }
}
