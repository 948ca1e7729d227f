package io.pme.engine.logic;

/**
 * Value checks shared by the input handlers.
 */
final class Checks
{
    /**
     * Largest magnitude of an amount, price, quantity or multiplier on an input: far above any real market, and far
     * enough below overflow that sums and products of such values over any run stay finite.
     */
    static final double MAX_MAGNITUDE = 1e15;

    private Checks()
    {
    }

    static boolean isPositiveBounded(final double value)
    {
        return value > 0.0 && value <= MAX_MAGNITUDE;
    }

    static boolean isNonNegativeBounded(final double value)
    {
        return value >= 0.0 && value <= MAX_MAGNITUDE;
    }

    static boolean isBounded(final double value)
    {
        return value >= -MAX_MAGNITUDE && value <= MAX_MAGNITUDE;
    }

    static boolean isPositiveFinite(final double value)
    {
        return value > 0.0 && value < Double.POSITIVE_INFINITY;
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
