package io.pme.engine.logic;

/**
 * Value checks shared by the input handlers.
 */
final class Checks
{
    private Checks()
    {
    }

    static boolean isPositiveFinite(final double value)
    {
        return value > 0.0 && value < Double.POSITIVE_INFINITY;
    }

    static boolean isNonNegativeFinite(final double value)
    {
        return value >= 0.0 && value < Double.POSITIVE_INFINITY;
    }

    static boolean isFinite(final double value)
    {
        return value - value == 0.0;
    }

    static boolean isPrintableSymbol(final String symbol)
    {
        if (symbol.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }
        return true;
    }
}
