package io.pme.protocol.json;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * One message type: its generated codecs and the fields after the common prefix, in schema order.
 * Built fluently, one call per field, so a new message is one block in {@link Templates}.
 *
 * @param <E> generated encoder type.
 * @param <D> generated decoder type.
 */
final class Template<E, D>
{
    @FunctionalInterface
    interface EncoderWrapper<E>
    {
        void wrap(E encoder, MutableDirectBuffer buffer, int offset);
    }

    @FunctionalInterface
    interface DecoderWrapper<D>
    {
        void wrap(D decoder, DirectBuffer buffer, int offset, int actingBlockLength, int actingVersion);
    }

    private final String name;
    private final int templateId;
    private final int blockLength;
    private final E encoder;
    private final EncoderWrapper<E> encoderWrapper;
    private final D decoder;
    private final DecoderWrapper<D> decoderWrapper;
    private final List<Field<E, D>> fields = new ArrayList<>();

    Template(
        final String name,
        final int templateId,
        final int blockLength,
        final E encoder,
        final EncoderWrapper<E> encoderWrapper,
        final D decoder,
        final DecoderWrapper<D> decoderWrapper)
    {
        this.name = name;
        this.templateId = templateId;
        this.blockLength = blockLength;
        this.encoder = encoder;
        this.encoderWrapper = encoderWrapper;
        this.decoder = decoder;
        this.decoderWrapper = decoderWrapper;
    }

    Template<E, D> int64(final String field, final ObjLongConsumer<E> setter, final ToLongFunction<D> getter)
    {
        return add(new Fields.Int64Field<>(field, FieldKind.INT64, null, setter, getter));
    }

    Template<E, D> nanos(final String field, final ObjLongConsumer<E> setter, final ToLongFunction<D> getter)
    {
        return add(new Fields.Int64Field<>(field, FieldKind.NANOS, Alias.isoInstant(field), setter, getter));
    }

    Template<E, D> digest(final String field, final ObjLongConsumer<E> setter, final ToLongFunction<D> getter)
    {
        return add(new Fields.Int64Field<>(field, FieldKind.DIGEST, Alias.hex(field), setter, getter));
    }

    Template<E, D> int32(final String field, final ObjIntConsumer<E> setter, final ToIntFunction<D> getter)
    {
        return add(new Fields.Int32Field<>(field, false, setter, getter));
    }

    Template<E, D> uint16(final String field, final ObjIntConsumer<E> setter, final ToIntFunction<D> getter)
    {
        return add(new Fields.Int32Field<>(field, true, setter, getter));
    }

    Template<E, D> float64(final String field, final ObjDoubleConsumer<E> setter, final ToDoubleFunction<D> getter)
    {
        return add(new Fields.DoubleField<>(field, setter, getter));
    }

    <T extends Enum<T>> Template<E, D> enumeration(
        final String field, final EnumType<T> type, final BiConsumer<E, T> setter, final ToIntFunction<D> rawGetter)
    {
        return add(new Fields.EnumField<>(field, type, setter, rawGetter));
    }

    Template<E, D> chars(
        final String field, final int maxLength, final BiConsumer<E, String> setter, final Function<D, String> getter)
    {
        return add(new Fields.CharsField<>(field, maxLength, setter, getter));
    }

    String name()
    {
        return name;
    }

    int templateId()
    {
        return templateId;
    }

    int blockLength()
    {
        return blockLength;
    }

    List<Field<E, D>> fields()
    {
        return Collections.unmodifiableList(fields);
    }

    boolean accepts(final String jsonName)
    {
        for (final Field<E, D> field : fields)
        {
            if (field.accepts(jsonName))
            {
                return true;
            }
        }

        return false;
    }

    void encode(final JsonInput input, final MutableDirectBuffer buffer, final int bodyOffset)
    {
        encoderWrapper.wrap(encoder, buffer, bodyOffset);
        for (final Field<E, D> field : fields)
        {
            field.encode(input, encoder);
        }
    }

    void print(
        final DirectBuffer buffer,
        final int bodyOffset,
        final int actingBlockLength,
        final int actingVersion,
        final JsonLine line)
    {
        decoderWrapper.wrap(decoder, buffer, bodyOffset, actingBlockLength, actingVersion);
        for (final Field<E, D> field : fields)
        {
            field.print(decoder, line);
        }
    }

    private Template<E, D> add(final Field<E, D> field)
    {
        fields.add(field);

        return this;
    }
}
