package io.pme.engine.state;

import java.util.Arrays;

/**
 * Derivative instruments by id: contract terms plus the option mark volatility, in primitive arrays.
 */
public final class Instruments
{
    // Kinds and rights are stored in snapshots, so they stay literal; a test holds them to the wire's numbering.

    /** No instrument under this id: a code no wire {@code InstrumentKind} has. */
    public static final byte UNDEFINED = 0;
    /** Wire {@code InstrumentKind.PERPETUAL}. */
    public static final byte PERPETUAL = 1;
    /** Wire {@code InstrumentKind.FUTURE}. */
    public static final byte FUTURE = 2;
    /** Wire {@code InstrumentKind.OPTION}. */
    public static final byte OPTION = 3;

    /** Wire {@code OptionRight.NONE}: not an option. */
    public static final byte RIGHT_NONE = 0;
    /** Wire {@code OptionRight.CALL}. */
    public static final byte RIGHT_CALL = 1;
    /** Wire {@code OptionRight.PUT}. */
    public static final byte RIGHT_PUT = 2;

    private final int capacity;
    private final byte[] kinds;
    private final byte[] rights;
    private final int[] underlyings;
    private final double[] multipliers;
    private final double[] strikes;
    private final long[] expiriesNs;
    private final double[] vols;
    private final long[] volTimesNs;
    private final String[] symbols;
    private int limit;

    /** @param capacity instrument ids 0 … capacity − 1. */
    public Instruments(final int capacity)
    {
        this.capacity = capacity;
        kinds = new byte[capacity];
        rights = new byte[capacity];
        underlyings = new int[capacity];
        multipliers = new double[capacity];
        strikes = new double[capacity];
        expiriesNs = new long[capacity];
        vols = new double[capacity];
        volTimesNs = new long[capacity];
        symbols = new String[capacity];
        clear();
    }

    /** Forgets every instrument. */
    public void clear()
    {
        Arrays.fill(kinds, UNDEFINED);
        Arrays.fill(rights, RIGHT_NONE);
        Arrays.fill(underlyings, -1);
        Arrays.fill(multipliers, 0.0);
        Arrays.fill(strikes, 0.0);
        Arrays.fill(expiriesNs, 0L);
        Arrays.fill(vols, Double.NaN);
        Arrays.fill(volTimesNs, 0L);
        Arrays.fill(symbols, null);
        limit = 0;
    }

    /**
     * @return one past the highest defined instrument id: walks over instruments stop there.
     */
    public int limit()
    {
        return limit;
    }

    /** @return instrument ids 0 … capacity − 1. */
    public int capacity()
    {
        return capacity;
    }

    /** @return true when the id is valid and the instrument defined. */
    public boolean isDefined(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < capacity && UNDEFINED != kinds[instrumentId];
    }

    /** @return true when the id is within the capacity. */
    public boolean isValidId(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < capacity;
    }

    /** Defines an instrument's contract terms; its volatility is set apart, by the feed. */
    public void define(
        final int instrumentId,
        final String symbol,
        final byte kind,
        final byte right,
        final int underlyingAssetId,
        final double multiplier,
        final double strike,
        final long expiryNs)
    {
        kinds[instrumentId] = kind;
        rights[instrumentId] = right;
        underlyings[instrumentId] = underlyingAssetId;
        multipliers[instrumentId] = multiplier;
        strikes[instrumentId] = strike;
        expiriesNs[instrumentId] = expiryNs;
        symbols[instrumentId] = symbol;
        limit = Math.max(limit, instrumentId + 1);
    }

    /** @return {@link #PERPETUAL}, {@link #FUTURE}, {@link #OPTION} or {@link #UNDEFINED}. */
    public byte kind(final int instrumentId)
    {
        return kinds[instrumentId];
    }

    /** @return true for an option. */
    public boolean isOption(final int instrumentId)
    {
        return OPTION == kinds[instrumentId];
    }

    /** @return true for a perpetual or a future. */
    public boolean isLinear(final int instrumentId)
    {
        return PERPETUAL == kinds[instrumentId] || FUTURE == kinds[instrumentId];
    }

    /** @return {@link #RIGHT_CALL}, {@link #RIGHT_PUT} or {@link #RIGHT_NONE}. */
    public byte right(final int instrumentId)
    {
        return rights[instrumentId];
    }

    /** @return the underlying asset id. */
    public int underlying(final int instrumentId)
    {
        return underlyings[instrumentId];
    }

    /** @return units of the underlying per contract. */
    public double multiplier(final int instrumentId)
    {
        return multipliers[instrumentId];
    }

    /** @return the strike of an option. */
    public double strike(final int instrumentId)
    {
        return strikes[instrumentId];
    }

    /** @return the expiry, 0 for a perpetual. */
    public long expiryNs(final int instrumentId)
    {
        return expiriesNs[instrumentId];
    }

    /** @return the symbol. */
    public String symbol(final int instrumentId)
    {
        return symbols[instrumentId];
    }

    /** @return the option's latest mark volatility. */
    public double vol(final int instrumentId)
    {
        return vols[instrumentId];
    }

    /** @return the time of the option's latest mark volatility. */
    public long volTimeNs(final int instrumentId)
    {
        return volTimesNs[instrumentId];
    }

    /** Sets the option's mark volatility, with its time. */
    public void vol(final int instrumentId, final double vol, final long timeNs)
    {
        vols[instrumentId] = vol;
        volTimesNs[instrumentId] = timeNs;
    }
}
