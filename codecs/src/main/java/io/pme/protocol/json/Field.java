package io.pme.protocol.json;

/**
 * One field of a message body, moved between a JSON object and a generated codec.
 *
 * @param <E> generated encoder type.
 * @param <D> generated decoder type.
 */
abstract class Field<E, D>
{
    private final String name;

    Field(final String name)
    {
        this.name = name;
    }

    final String name()
    {
        return name;
    }

    boolean accepts(final String jsonName)
    {
        return name.equals(jsonName);
    }

    abstract FieldKind kind();

    abstract void encode(JsonInput input, E encoder);

    abstract void print(D decoder, JsonLine line);
}
