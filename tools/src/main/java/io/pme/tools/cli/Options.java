package io.pme.tools.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of one command, checked against the names the command knows.
 */
final class Options
{
    private final Map<String, String> values = new HashMap<>();

    Options(final String[] args, final int from, final Set<String> known, final Set<String> flags)
    {
        for (int i = from; i < args.length; i++)
        {
            final String arg = args[i];
            if (!arg.startsWith("--"))
            {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            final String name = arg.substring(2);
            if (flags.contains(name))
            {
                values.put(name, "true");
                continue;
            }
            if (!known.contains(name))
            {
                throw new UsageException("unknown option --" + name);
            }
            if (i + 1 >= args.length)
            {
                throw new UsageException("option --" + name + " needs a value");
            }
            values.put(name, args[++i]);
        }
    }

    String string(final String name, final String defaultValue)
    {
        return values.getOrDefault(name, defaultValue);
    }

    String required(final String name)
    {
        final String value = values.get(name);
        if (null == value)
        {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    boolean flag(final String name)
    {
        return values.containsKey(name);
    }

    long positiveLong(final String name, final long defaultValue)
    {
        final String value = values.get(name);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            final long parsed = Long.parseLong(value);
            if (parsed <= 0)
            {
                throw new UsageException("option --" + name + " must be positive, got " + value);
            }
            return parsed;
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("option --" + name + " must be a whole number, got '" + value + "'");
        }
    }

    long anyLong(final String name, final long defaultValue)
    {
        final String value = values.get(name);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new UsageException("option --" + name + " must be a whole number, got '" + value + "'");
        }
    }

    /** A command-line mistake: printed as one line, exit code 2. */
    static final class UsageException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        UsageException(final String message)
        {
            super(message);
        }
    }
}
