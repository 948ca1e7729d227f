package io.pme.protocol.json;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A second, string, spelling of an int64 field: an ISO-8601 instant for nanosecond times, hex for digests.
 */
final class Alias
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int HEX_DIGITS = 16;
    private static final String ZEROS = "0000000000000000";

    private final String name;
    private final boolean iso;

    private Alias(final String name, final boolean iso)
    {
        this.name = name;
        this.iso = iso;
    }

    /**
     * @param field a name ending in "Ns", e.g. expiryNs.
     * @return the alias without the suffix, e.g. expiry, taking "2026-12-25T08:00:00Z".
     */
    static Alias isoInstant(final String field)
    {
        if (!field.endsWith("Ns"))
        {
            throw new IllegalArgumentException("nanosecond field must end in Ns: " + field);
        }

        return new Alias(field.substring(0, field.length() - 2), true);
    }

    static Alias hex(final String field)
    {
        return new Alias(field + "Hex", false);
    }

    String name()
    {
        return name;
    }

    long parse(final JsonInput input, final String text)
    {
        return iso ? parseInstant(input, text) : parseHex(input, text);
    }

    static String formatHex(final long value)
    {
        final String digits = Long.toHexString(value);

        return ZEROS.substring(digits.length()) + digits;
    }

    private long parseInstant(final JsonInput input, final String text)
    {
        final Instant instant;
        try
        {
            instant = Instant.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            throw input.error(name, "\"" + text + "\" is not an ISO-8601 UTC instant like 2026-11-24T08:00:00Z");
        }

        try
        {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        }
        catch (final ArithmeticException ex)
        {
            throw input.error(name, "\"" + text + "\" does not fit int64 nanoseconds (years 1677..2262)");
        }
    }

    private long parseHex(final JsonInput input, final String text)
    {
        if (text.isEmpty() || text.length() > HEX_DIGITS || !isHex(text))
        {
            throw input.error(name, "\"" + text + "\" is not 1 to 16 hex digits");
        }

        return Long.parseUnsignedLong(text, 16);
    }

    private static boolean isHex(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.digit(text.charAt(i), 16) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
