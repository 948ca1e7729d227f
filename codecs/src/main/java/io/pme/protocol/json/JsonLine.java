package io.pme.protocol.json;

/**
 * Builds one JSON object on a single line, reusing its buffer from line to line.
 */
final class JsonLine
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder builder = new StringBuilder(256);

    JsonLine begin(final String type)
    {
        builder.setLength(0);
        builder.append("{\"type\":");
        quote(type);

        return this;
    }

    JsonLine field(final String name, final long value)
    {
        key(name).append(value);

        return this;
    }

    /**
     * Finite values as JSON numbers, which parse back to the same double; NaN and infinities as strings.
     */
    JsonLine field(final String name, final double value)
    {
        key(name);
        if (Double.isFinite(value))
        {
            builder.append(value);
        }
        else
        {
            quote(Double.toString(value));
        }

        return this;
    }

    JsonLine field(final String name, final String value)
    {
        key(name);
        quote(value);

        return this;
    }

    String end()
    {
        return builder.append('}').toString();
    }

    private StringBuilder key(final String name)
    {
        builder.append(',');
        quote(name);

        return builder.append(':');
    }

    private void quote(final String value)
    {
        builder.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            escape(value.charAt(i));
        }
        builder.append('"');
    }

    private void escape(final char c)
    {
        if ('"' == c || '\\' == c)
        {
            builder.append('\\').append(c);
        }
        else if (c < ' ' || c > '~')
        {
            builder.append("\\u")
                .append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
        }
        else
        {
            builder.append(c);
        }
    }
}
