package io.pme.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Typed reads from the JSON object of one line, each failure naming the message type and field.
 */
final class JsonInput
{
    private static final int MAX_SHOWN = 40;
    private static final int UINT16_MAX = 0xFFFF;

    private ObjectNode object;
    private String type;

    void wrap(final String type, final ObjectNode object)
    {
        this.type = type;
        this.object = object;
    }

    boolean has(final String field)
    {
        return object.has(field);
    }

    long int64(final String field)
    {
        return int64(field, require(field));
    }

    /**
     * Reads a field given either directly or through its alias; both may be given if they agree.
     */
    long int64(final String field, final Alias alias)
    {
        final JsonNode direct = object.get(field);
        final JsonNode aliased = object.get(alias.name());
        if (null == aliased)
        {
            if (null == direct)
            {
                throw error(field, "missing required field (or give " + alias.name() + ")");
            }

            return int64(field, direct);
        }

        final long value = alias.parse(this, text(alias.name(), aliased));
        if (null != direct && int64(field, direct) != value)
        {
            throw error(field, "disagrees with " + alias.name());
        }

        return value;
    }

    int int32(final String field)
    {
        final JsonNode node = require(field);
        if (!node.isIntegralNumber())
        {
            throw wrongType(field, "an integer", node);
        }
        if (!node.canConvertToInt())
        {
            throw error(field, node + " is outside the int32 range");
        }

        return node.intValue();
    }

    int uint16(final String field)
    {
        final int value = int32(field);
        if (value < 0 || value > UINT16_MAX)
        {
            throw error(field, value + " is outside the uint16 range 0..65535");
        }

        return value;
    }

    double float64(final String field)
    {
        final JsonNode node = require(field);
        if (node.isNumber())
        {
            return node.doubleValue();
        }
        if (node.isTextual())
        {
            switch (node.textValue())
            {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }

        throw wrongType(field, "a number or one of \"NaN\", \"Infinity\", \"-Infinity\"", node);
    }

    String text(final String field)
    {
        return text(field, require(field));
    }

    JsonFrameException error(final String field, final String why)
    {
        return new JsonFrameException(type + "." + field + ": " + why);
    }

    private long int64(final String field, final JsonNode node)
    {
        if (!node.isIntegralNumber())
        {
            throw wrongType(field, "an integer", node);
        }
        if (!node.canConvertToLong())
        {
            throw error(field, node + " is outside the int64 range");
        }

        return node.longValue();
    }

    private String text(final String field, final JsonNode node)
    {
        if (!node.isTextual())
        {
            throw wrongType(field, "a string", node);
        }

        return node.textValue();
    }

    private JsonNode require(final String field)
    {
        final JsonNode node = object.get(field);
        if (null == node)
        {
            throw error(field, "missing required field");
        }

        return node;
    }

    private JsonFrameException wrongType(final String field, final String expected, final JsonNode node)
    {
        return error(field, "expected " + expected + ", got " + describe(node));
    }

    private static String describe(final JsonNode node)
    {
        if (node.isNull())
        {
            return "null";
        }

        final String shown = node.toString();
        final String value = shown.length() > MAX_SHOWN ? shown.substring(0, MAX_SHOWN) + "..." : shown;

        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
