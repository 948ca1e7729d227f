package io.pme.protocol.json;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The field representations, each bound to a generated encoder setter and decoder getter.
 */
final class Fields
{
    private Fields()
    {
    }

    static final class Int64Field<E, D> extends Field<E, D>
    {
        private final FieldKind kind;
        private final Alias alias;
        private final ObjLongConsumer<E> setter;
        private final ToLongFunction<D> getter;

        Int64Field(
            final String name,
            final FieldKind kind,
            final Alias alias,
            final ObjLongConsumer<E> setter,
            final ToLongFunction<D> getter)
        {
            super(name);
            this.kind = kind;
            this.alias = alias;
            this.setter = setter;
            this.getter = getter;
        }

        FieldKind kind()
        {
            return kind;
        }

        boolean accepts(final String jsonName)
        {
            return super.accepts(jsonName) || (null != alias && alias.name().equals(jsonName));
        }

        void encode(final JsonInput input, final E encoder)
        {
            setter.accept(encoder, null == alias ? input.int64(name()) : input.int64(name(), alias));
        }

        void print(final D decoder, final JsonLine line)
        {
            final long value = getter.applyAsLong(decoder);
            line.field(name(), value);
            if (FieldKind.DIGEST == kind)
            {
                line.field(alias.name(), Alias.formatHex(value));
            }
        }
    }

    static final class Int32Field<E, D> extends Field<E, D>
    {
        private final boolean unsigned16;
        private final ObjIntConsumer<E> setter;
        private final ToIntFunction<D> getter;

        Int32Field(
            final String name, final boolean unsigned16, final ObjIntConsumer<E> setter, final ToIntFunction<D> getter)
        {
            super(name);
            this.unsigned16 = unsigned16;
            this.setter = setter;
            this.getter = getter;
        }

        FieldKind kind()
        {
            return unsigned16 ? FieldKind.UINT16 : FieldKind.INT32;
        }

        void encode(final JsonInput input, final E encoder)
        {
            setter.accept(encoder, unsigned16 ? input.uint16(name()) : input.int32(name()));
        }

        void print(final D decoder, final JsonLine line)
        {
            line.field(name(), getter.applyAsInt(decoder));
        }
    }

    static final class DoubleField<E, D> extends Field<E, D>
    {
        private final ObjDoubleConsumer<E> setter;
        private final ToDoubleFunction<D> getter;

        DoubleField(final String name, final ObjDoubleConsumer<E> setter, final ToDoubleFunction<D> getter)
        {
            super(name);
            this.setter = setter;
            this.getter = getter;
        }

        FieldKind kind()
        {
            return FieldKind.DOUBLE;
        }

        void encode(final JsonInput input, final E encoder)
        {
            setter.accept(encoder, input.float64(name()));
        }

        void print(final D decoder, final JsonLine line)
        {
            line.field(name(), getter.applyAsDouble(decoder));
        }
    }

    static final class EnumField<E, D, T extends Enum<T>> extends Field<E, D>
    {
        private final EnumType<T> type;
        private final BiConsumer<E, T> setter;
        private final ToIntFunction<D> rawGetter;

        EnumField(
            final String name, final EnumType<T> type, final BiConsumer<E, T> setter, final ToIntFunction<D> rawGetter)
        {
            super(name);
            this.type = type;
            this.setter = setter;
            this.rawGetter = rawGetter;
        }

        FieldKind kind()
        {
            return FieldKind.ENUM;
        }

        String[] choices()
        {
            return type.names();
        }

        void encode(final JsonInput input, final E encoder)
        {
            final String text = input.text(name());
            final T value = type.byName(text);
            if (null == value)
            {
                throw input.error(name(), "\"" + text + "\" is not one of " + type.describe());
            }
            setter.accept(encoder, value);
        }

        /**
         * A value the schema does not define is printed as its number so the frame can still be read.
         */
        void print(final D decoder, final JsonLine line)
        {
            final int raw = rawGetter.applyAsInt(decoder);
            final String name = type.nameOf(raw);
            if (null == name)
            {
                line.field(name(), raw);
            }
            else
            {
                line.field(name(), name);
            }
        }
    }

    static final class CharsField<E, D> extends Field<E, D>
    {
        private final int maxLength;
        private final BiConsumer<E, String> setter;
        private final Function<D, String> getter;

        CharsField(
            final String name,
            final int maxLength,
            final BiConsumer<E, String> setter,
            final Function<D, String> getter)
        {
            super(name);
            this.maxLength = maxLength;
            this.setter = setter;
            this.getter = getter;
        }

        FieldKind kind()
        {
            return FieldKind.CHARS;
        }

        int maxLength()
        {
            return maxLength;
        }

        void encode(final JsonInput input, final E encoder)
        {
            final String text = input.text(name());
            if (text.length() > maxLength)
            {
                throw input.error(name(), text.length() + " characters, at most " + maxLength + " fit");
            }
            for (int i = 0; i < text.length(); i++)
            {
                final char c = text.charAt(i);
                if (c < ' ' || c > '~')
                {
                    throw input.error(name(), "character " + i + " is not printable US-ASCII");
                }
            }
            setter.accept(encoder, text);
        }

        void print(final D decoder, final JsonLine line)
        {
            line.field(name(), getter.apply(decoder));
        }
    }
}
