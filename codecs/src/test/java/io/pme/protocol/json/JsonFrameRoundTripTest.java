package io.pme.protocol.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonFrameRoundTripTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int OFFSET = 3;

    private final JsonFrameEncoder encoder = new JsonFrameEncoder();
    private final JsonFramePrinter printer = new JsonFramePrinter();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer reencoded = new UnsafeBuffer(new byte[256]);

    @Property(tries = 2000)
    void everyTemplateRoundTripsJsonToFrameToJson(@ForAll("messages") final ObjectNode message) throws Exception
    {
        final String json = MAPPER.writeValueAsString(message);

        final int length = encoder.encode(json, frame, OFFSET);
        final String printed = printer.print(frame, OFFSET, length);

        assertEquals(json, printed);
        assertEquals(MAPPER.readTree(json), MAPPER.readTree(printed));
        assertEquals(length, encoder.encode(printed, reencoded, 0));
        assertArrayEquals(bytes(frame, OFFSET, length), bytes(reencoded, 0, length));
    }

    private static byte[] bytes(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    @Provide
    Arbitrary<ObjectNode> messages()
    {
        final List<Arbitrary<ObjectNode>> perTemplate = new ArrayList<>();
        for (final Template<?, ?> template : new Templates().all())
        {
            perTemplate.add(message(template));
        }

        return Arbitraries.oneOf(perTemplate);
    }

    private static Arbitrary<ObjectNode> message(final Template<?, ?> template)
    {
        final List<Arbitrary<Consumer<ObjectNode>>> fields = new ArrayList<>();
        fields.add(Arbitraries.longs().map((value) -> (node) -> node.put(Prefix.TIMESTAMP_NS, value)));
        fields.add(Arbitraries.longs().map((value) -> (node) -> node.put(Prefix.CORRELATION_ID, value)));
        fields.add(Arbitraries.integers().map((value) -> (node) -> node.put(Prefix.CLIENT_ID, value)));
        for (final Field<?, ?> field : template.fields())
        {
            fields.add(value(field));
        }

        return Combinators.combine(fields).as((setters) ->
        {
            final ObjectNode node = MAPPER.createObjectNode().put("type", template.name());
            setters.forEach((setter) -> setter.accept(node));
            return node;
        });
    }

    private static Arbitrary<Consumer<ObjectNode>> value(final Field<?, ?> field)
    {
        final String name = field.name();
        switch (field.kind())
        {
            case INT64:
            case NANOS:
                return Arbitraries.longs().map((value) -> (node) -> node.put(name, value));
            case DIGEST:
                return Arbitraries.longs().map((value) -> (node) ->
                    node.put(name, value).put(name + "Hex", String.format("%016x", value)));
            case INT32:
                return Arbitraries.integers().map((value) -> (node) -> node.put(name, value));
            case UINT16:
                return Arbitraries.integers().between(0, 0xFFFF).map((value) -> (node) -> node.put(name, value));
            case DOUBLE:
                return doubles().map((value) -> (node) -> putDouble(node, name, value));
            case ENUM:
                return Arbitraries.of(((Fields.EnumField<?, ?, ?>)field).choices())
                    .map((value) -> (node) -> node.put(name, value));
            case CHARS:
                return Arbitraries.strings().withCharRange(' ', '~')
                    .ofMaxLength(((Fields.CharsField<?, ?>)field).maxLength())
                    .map((value) -> (node) -> node.put(name, value));
            default:
                throw new IllegalStateException("no generator for " + field.kind());
        }
    }

    private static Arbitrary<Double> doubles()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().map(Double::longBitsToDouble),
            Arbitraries.doubles(),
            Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1e22, 1e-7));
    }

    private static void putDouble(final ObjectNode node, final String name, final double value)
    {
        if (Double.isFinite(value))
        {
            node.put(name, value);
        }
        else
        {
            node.put(name, Double.toString(value));
        }
    }
}
