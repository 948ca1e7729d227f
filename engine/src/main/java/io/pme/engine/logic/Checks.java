package io.pme.engine.logic;

/**
 * Value checks shared by the input handlers: the documented bounds of every amount, price, quantity, multiplier,
 * volatility and expiry on the wire ({@code docs/bounds.md}). Allocation-free, and false for NaN.
 */
public final class Checks
{
    /**
     * Largest magnitude of an amount, price, quantity or multiplier on an input: far above any real market, and far
     * enough below overflow that sums and products of such values over any run stay finite.
     */
    public static final double MAX_MAGNITUDE = 1e15;
    /**
     * Smallest magnitude of a non-zero amount, price, quantity or multiplier: three orders below the smallest ticks
     * and lots traded (1e-9 USD token prices, 1e-8 coin units), and high enough that a product of three such values
     * (at least 1e-36) is nowhere near the subnormal doubles, which are both meaningless and slow to compute with.
     */
    public static final double MIN_MAGNITUDE = 1e-12;
    /** Lowest mark volatility: 0.01% a year, below anything quoted, and far from the zero Black–Scholes divides by. */
    public static final double MIN_VOLATILITY = 1e-4;
    /** Highest mark volatility: 1,000% a year; above it a feed is broken, not the market. */
    public static final double MAX_VOLATILITY = 10.0;
    /** Longest time from an instrument's definition to its expiry: ten years of 365 days. */
    public static final long MAX_TENOR_NS = 10L * 365 * 86_400 * 1_000_000_000L;

    private Checks()
    {
    }

    /**
     * @param value the value on the input.
     * @return true when {@code MIN_MAGNITUDE ≤ value ≤ MAX_MAGNITUDE}.
     */
    public static boolean isPositiveBounded(final double value)
    {
        return value >= MIN_MAGNITUDE && value <= MAX_MAGNITUDE;
    }

    /**
     * @param value the value on the input.
     * @return true when the value is 0 or {@code MIN_MAGNITUDE ≤ value ≤ MAX_MAGNITUDE}.
     */
    public static boolean isNonNegativeBounded(final double value)
    {
        return 0.0 == value || isPositiveBounded(value);
    }

    /**
     * @param value the value on the input.
     * @return true when the value is 0 or {@code MIN_MAGNITUDE ≤ |value| ≤ MAX_MAGNITUDE}.
     */
    public static boolean isBounded(final double value)
    {
        return 0.0 == value || isPositiveBounded(Math.abs(value));
    }

    /**
     * @param value the value on the input.
     * @return true when {@code MIN_MAGNITUDE ≤ |value| ≤ MAX_MAGNITUDE}: a signed quantity, never zero.
     */
    public static boolean isNonZeroBounded(final double value)
    {
        return isPositiveBounded(Math.abs(value));
    }

    /**
     * @param value a mark implied volatility on the input.
     * @return true when {@code MIN_VOLATILITY ≤ value ≤ MAX_VOLATILITY}.
     */
    public static boolean isVolatility(final double value)
    {
        return value >= MIN_VOLATILITY && value <= MAX_VOLATILITY;
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
