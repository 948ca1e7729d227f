package io.pme.protocol.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonFrameRoundTripTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int OFFSET = 3;
    /** Writes every character of every string (names included) as a {@code \\uXXXX} escape. */
    private static final ObjectMapper ESCAPING = new ObjectMapper();

    static
    {
        ESCAPING.getFactory().setCharacterEscapes(new EscapeEverything());
    }

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

        // the same line with every character escaped is the same message
        final String escaped = ESCAPING.writeValueAsString(message);
        assertEquals(length, encoder.encode(escaped, reencoded, 0), escaped);
        assertArrayEquals(bytes(frame, OFFSET, length), bytes(reencoded, 0, length), escaped);
    }

    /**
     * The SBE char fields are US-ASCII ({@code pme-schema.xml}) and the encoder takes printable US-ASCII only: a
     * control character (NUL would end the padded field), DEL or anything beyond ASCII is refused with the
     * documented error naming the message, the field and the character, never stored altered.
     */
    @Property(tries = 1000)
    void charsOutsidePrintableAsciiAreRefusedNamingTheField(
        @ForAll("messagesWithBadChars") final Tuple.Tuple3<ObjectNode, String, Integer> bad) throws Exception
    {
        final String json = MAPPER.writeValueAsString(bad.get1());
        final JsonFrameException refused = assertThrows(JsonFrameException.class,
            () -> encoder.encode(json, frame, OFFSET), json);
        assertEquals(bad.get1().get("type").textValue() + "." + bad.get2() + ": character " + bad.get3() +
            " is not printable US-ASCII", refused.getMessage());
    }

    @Provide
    Arbitrary<Tuple.Tuple3<ObjectNode, String, Integer>> messagesWithBadChars()
    {
        final List<Arbitrary<Tuple.Tuple3<ObjectNode, String, Integer>>> perField = new ArrayList<>();
        for (final Template<?, ?> template : new Templates().all())
        {
            for (final Field<?, ?> field : template.fields())
            {
                if (FieldKind.CHARS == field.kind())
                {
                    final int maxLength = ((Fields.CharsField<?, ?>)field).maxLength();
                    perField.add(Combinators.combine(message(template), jsonChars(maxLength - 2), badChars())
                        .as((node, prefix, badChar) -> Tuple.of(
                            node.put(field.name(), prefix + badChar), field.name(), prefix.length())));
                }
            }
        }

        return Arbitraries.oneOf(perField);
    }

    // One or two UTF-16 units (a supplementary character is a surrogate pair) outside ' '..'~'.
    private static Arbitrary<String> badChars()
    {
        return Arbitraries.oneOf(
            Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf),
            Arbitraries.of("\u007f", "\u0080", "\u00e9", "\u00a0", "\u20ac", "\u2028", "\ufeff", "\uffff",
                "\ud83d\ude00", "\u65e5"),
            Arbitraries.chars().range('\u007f', '\uffff').filter((c) -> !Character.isSurrogate(c))
                .map(String::valueOf));
    }

    // Printable US-ASCII, often the characters JSON escapes (quote, backslash) and backslash sequences as text.
    private static Arbitrary<String> jsonChars(final int maxLength)
    {
        final Arbitrary<String> piece = Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
            Tuple.of(2, Arbitraries.of("\"", "\\", "/")),
            Tuple.of(1, Arbitraries.of("\\n", "\\u0000", "\\\"", "\"\"", "\\\\")));
        return piece.list().ofMaxSize(maxLength).map((pieces) -> String.join("", pieces))
            .map((text) -> text.length() > maxLength ? text.substring(0, maxLength) : text);
    }

    /** Every character of the ASCII range as a standard {@code \\uXXXX} escape (Jackson escapes the rest itself). */
    private static final class EscapeEverything extends CharacterEscapes
    {
        private static final long serialVersionUID = 1L;
        private final int[] codes = new int[128];

        EscapeEverything()
        {
            Arrays.fill(codes, ESCAPE_STANDARD);
        }

        public int[] getEscapeCodesForAscii()
        {
            return codes;
        }

        public SerializableString getEscapeSequence(final int ch)
        {
            return null;
        }
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
                return jsonChars(((Fields.CharsField<?, ?>)field).maxLength())
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
