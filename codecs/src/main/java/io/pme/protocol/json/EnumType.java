package io.pme.protocol.json;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * Names and wire values of a generated SBE enum, which share no interface to ask them through.
 *
 * @param <T> generated enum type.
 */
final class EnumType<T extends Enum<T>>
{
    private final T[] constants;
    private final int[] values;
    private final String[] names;

    EnumType(final T[] constants, final ToIntFunction<T> value)
    {
        this.constants = constants.clone();
        values = new int[constants.length];
        names = new String[constants.length];
        for (int i = 0; i < constants.length; i++)
        {
            values[i] = value.applyAsInt(constants[i]);
            names[i] = constants[i].name();
        }
    }

    String[] names()
    {
        return names.clone();
    }

    /**
     * @return the constant of that name, or null.
     */
    T byName(final String name)
    {
        for (final T constant : constants)
        {
            if (constant.name().equals(name))
            {
                return constant;
            }
        }

        return null;
    }

    /**
     * @return the name of the constant with that wire value, or null for a value the schema does not define.
     */
    String nameOf(final int value)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == value)
            {
                return names[i];
            }
        }

        return null;
    }

    String describe()
    {
        return Arrays.toString(names);
    }
}
