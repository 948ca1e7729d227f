package io.pme.engine.logic;

/**
 * Value checks shared by the input handlers: one bound for every amount, price and quantity on the wire.
 */
public final class Checks
{
    /**
     * Largest magnitude of an amount, price, quantity or multiplier on an input: far above any real market, and far
     * enough below overflow that sums and products of such values over any run stay finite.
     */
    public static final double MAX_MAGNITUDE = 1e15;

    private Checks()
    {
    }

    /**
     * @param value the value on the input.
     * @return true when {@code 0 < value ≤ MAX_MAGNITUDE} (false for NaN).
     */
    public static boolean isPositiveBounded(final double value)
    {
        return value > 0.0 && value <= MAX_MAGNITUDE;
    }

    /**
     * @param value the value on the input.
     * @return true when {@code 0 ≤ value ≤ MAX_MAGNITUDE} (false for NaN).
     */
    public static boolean isNonNegativeBounded(final double value)
    {
        return value >= 0.0 && value <= MAX_MAGNITUDE;
    }

    /**
     * @param value the value on the input.
     * @return true when {@code |value| ≤ MAX_MAGNITUDE} (false for NaN).
     */
    public static boolean isBounded(final double value)
    {
        return value >= -MAX_MAGNITUDE && value <= MAX_MAGNITUDE;
    }

    /**
     * @param value the value on the input.
     * @return true when the value is positive and finite (false for NaN).
     */
    public static boolean isPositiveFinite(final double value)
    {
        return value > 0.0 && value < Double.POSITIVE_INFINITY;
    }

    /**
     * @param symbol the value on the input.
     * @return true when the symbol is non-empty printable ASCII without spaces.
     */
    public static boolean isPrintableSymbol(final String symbol)
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
