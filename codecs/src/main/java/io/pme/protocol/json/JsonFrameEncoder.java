package io.pme.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.codecs.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.Iterator;

/**
 * Turns one JSON object, e.g. {@code {"type":"Deposit","timestampNs":1,"correlationId":1,"accountId":1001,...}},
 * into a complete SBE frame (message header and body) of any template in the schema, inbound or outbound.
 * <p>
 * Field names are the schema's; enums are given by name, symbols as strings, doubles as numbers or
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. A field {@code xNs} may instead be given as {@code x}
 * holding an ISO-8601 UTC instant. {@code clientId} defaults to 0. Not thread safe: one per input stream.
 */
public final class JsonFrameEncoder
{
    private static final String TYPE = "type";

    private final ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final Templates templates = new Templates();
    private final JsonInput input = new JsonInput();
    private final CorrelationIds correlationIds;

    /**
     * An encoder for which every line must give its correlationId.
     */
    public JsonFrameEncoder()
    {
        this(false);
    }

    /**
     * @param autoCorrelation when true a line without correlationId gets one more than the highest this encoder
     *                        has seen for its clientId, so 1, 2, 3... for a client that never gives one.
     */
    public JsonFrameEncoder(final boolean autoCorrelation)
    {
        correlationIds = new CorrelationIds(autoCorrelation);
    }

    /**
     * Encodes one JSON line as a frame.
     *
     * @param jsonLine one JSON object.
     * @param buffer   to write the frame into.
     * @param offset   in the buffer at which the frame starts.
     * @return the length of the frame written.
     * @throws JsonFrameException if the line is not a valid message, naming the field at fault.
     */
    public int encode(final String jsonLine, final MutableDirectBuffer buffer, final int offset)
    {
        final ObjectNode object = parse(jsonLine);
        final Template<?, ?> template = template(object);
        input.wrap(template.name(), object);
        rejectUnknownFields(object, template);

        final int bodyOffset = offset + MessageHeaderEncoder.ENCODED_LENGTH;
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + template.blockLength();
        ensureCapacity(buffer, offset, length);
        header.wrap(buffer, offset)
            .blockLength(template.blockLength())
            .templateId(template.templateId())
            .schemaId(MessageHeaderEncoder.SCHEMA_ID)
            .version(MessageHeaderEncoder.SCHEMA_VERSION);
        // Zeroed first so a frame depends only on its JSON, never on what the buffer held before.
        buffer.setMemory(bodyOffset, template.blockLength(), (byte)0);
        Prefix.encode(input, buffer, bodyOffset, correlationIds);
        template.encode(input, buffer, bodyOffset);

        correlationIds.record(Prefix.clientId(buffer, bodyOffset), Prefix.correlationId(buffer, bodyOffset));

        return length;
    }

    private ObjectNode parse(final String jsonLine)
    {
        final JsonNode node;
        try
        {
            node = mapper.readTree(jsonLine);
        }
        catch (final JsonProcessingException ex)
        {
            throw new JsonFrameException("not valid JSON: " + ex.getOriginalMessage() +
                " (column " + ex.getLocation().getColumnNr() + ")");
        }

        if (null == node || node.isMissingNode())
        {
            throw new JsonFrameException("expected one JSON object, got nothing");
        }
        if (!node.isObject())
        {
            throw new JsonFrameException("expected one JSON object, got " + node);
        }

        return (ObjectNode)node;
    }

    private Template<?, ?> template(final ObjectNode object)
    {
        final JsonNode type = object.get(TYPE);
        if (null == type || !type.isTextual())
        {
            throw new JsonFrameException("type: missing or not a string; expected a message name such as \"Deposit\"");
        }

        final Template<?, ?> template = templates.byName(type.textValue());
        if (null == template)
        {
            throw new JsonFrameException("type: unknown message type \"" + type.textValue() + "\"");
        }

        return template;
    }

    private void rejectUnknownFields(final ObjectNode object, final Template<?, ?> template)
    {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!TYPE.equals(name) && !Prefix.accepts(name) && !template.accepts(name))
            {
                throw input.error(name, "unknown field");
            }
        }
    }

    private static void ensureCapacity(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (!buffer.isExpandable() && offset + length > buffer.capacity())
        {
            throw new IllegalArgumentException("frame of " + length + " bytes at offset " + offset +
                " does not fit a buffer of capacity " + buffer.capacity());
        }
    }
}
