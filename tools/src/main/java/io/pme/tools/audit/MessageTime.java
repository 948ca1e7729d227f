package io.pme.tools.audit;

import picocli.CommandLine;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A message time on the command line: an ISO-8601 instant ({@code 2026-11-24T08:00:00Z}, fractions of a second down
 * to nanoseconds) or the integer nanoseconds since the epoch that the journal's messages carry ({@code timestampNs}).
 */
final class MessageTime implements CommandLine.ITypeConverter<Long>
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * {@inheritDoc}
     */
    public Long convert(final String value)
    {
        if (value.matches("-?[0-9]{1,19}"))
        {
            try
            {
                return Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.TypeConversionException("'" + value + "' is beyond the nanoseconds of a long");
            }
        }
        try
        {
            final Instant instant = Instant.parse(value);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        }
        catch (final DateTimeException | ArithmeticException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a message time: an ISO-8601 " +
                "instant such as 2026-11-24T08:00:00Z or epoch nanoseconds such as 1764000000000000000");
        }
    }

    /**
     * @param timeNs nanoseconds since the epoch.
     * @return the time as an ISO-8601 instant, e.g. {@code 2026-11-24T08:00:00.250Z}.
     */
    static String iso(final long timeNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(timeNs, NANOS_PER_SECOND), Math.floorMod(timeNs, NANOS_PER_SECOND))
            .toString();
    }
}
