package io.pme.engine.rulebook;

import java.util.Arrays;

/**
 * One account and its market, reusable: prices, balances per asset id, and linear and option positions in flat
 * arrays. No allocation after construction.
 */
public final class Portfolio
{
    private final int maxAssets;
    private final int maxPositions;
    private final double[] prices;
    private final double[] balances;
    private final boolean[] options;
    private final int[] underlyings;
    private final double[] multipliers;
    private final double[] quantities;
    private final double[] entryPrices;
    private final double[] strikes;
    private final long[] expiriesNs;
    private final boolean[] calls;
    private final double[] vols;
    private int positionCount;
    private long valuationTimeNs;

    /**
     * @param maxAssets    capacity of asset ids.
     * @param maxPositions capacity of positions.
     */
    public Portfolio(final int maxAssets, final int maxPositions)
    {
        this.maxAssets = maxAssets;
        this.maxPositions = maxPositions;
        prices = new double[maxAssets];
        balances = new double[maxAssets];
        options = new boolean[maxPositions];
        underlyings = new int[maxPositions];
        multipliers = new double[maxPositions];
        quantities = new double[maxPositions];
        entryPrices = new double[maxPositions];
        strikes = new double[maxPositions];
        expiriesNs = new long[maxPositions];
        calls = new boolean[maxPositions];
        vols = new double[maxPositions];
        clear();
    }

    /**
     * Forgets prices (back to unknown), balances, positions and the valuation time.
     */
    public void clear()
    {
        Arrays.fill(prices, Double.NaN);
        Arrays.fill(balances, 0.0);
        positionCount = 0;
        valuationTimeNs = 0;
    }

    /**
     * @param epochNs the valuation time, nanoseconds since the epoch (from the input, never the wall clock).
     */
    public void valuationTimeNs(final long epochNs)
    {
        valuationTimeNs = epochNs;
    }

    /**
     * @param assetId the asset.
     * @param usd     its index price in USD; NaN when unknown. USD itself is always 1 whatever is set here.
     */
    public void price(final int assetId, final double usd)
    {
        prices[assetId] = usd;
    }

    /**
     * @param assetId the asset.
     * @param amount  the balance, negative when borrowed; replaces any previous balance.
     */
    public void balance(final int assetId, final double amount)
    {
        balances[assetId] = amount;
    }

    /**
     * Adds a perpetual or future position.
     *
     * @param underlyingAssetId the underlying.
     * @param multiplier        units of the underlying per contract.
     * @param qty               signed contracts.
     * @param entryPrice        the position's entry price.
     * @return false when the portfolio is full.
     */
    public boolean linear(
        final int underlyingAssetId, final double multiplier, final double qty, final double entryPrice)
    {
        if (positionCount == maxPositions)
        {
            return false;
        }
        final int i = positionCount++;
        options[i] = false;
        underlyings[i] = underlyingAssetId;
        multipliers[i] = multiplier;
        quantities[i] = qty;
        entryPrices[i] = entryPrice;
        return true;
    }

    /**
     * Adds a European option position.
     *
     * @param underlyingAssetId the underlying.
     * @param multiplier        units of the underlying per contract.
     * @param qty               signed contracts.
     * @param strike            strike in USD.
     * @param expiryNs          expiry, nanoseconds since the epoch.
     * @param isCall            call or put.
     * @param vol               mark implied volatility; NaN when unknown.
     * @return false when the portfolio is full.
     */
    public boolean option(
        final int underlyingAssetId,
        final double multiplier,
        final double qty,
        final double strike,
        final long expiryNs,
        final boolean isCall,
        final double vol)
    {
        if (positionCount == maxPositions)
        {
            return false;
        }
        final int i = positionCount++;
        options[i] = true;
        underlyings[i] = underlyingAssetId;
        multipliers[i] = multiplier;
        quantities[i] = qty;
        entryPrices[i] = 0.0;
        strikes[i] = strike;
        expiriesNs[i] = expiryNs;
        calls[i] = isCall;
        vols[i] = vol;
        return true;
    }

    /** @return asset ids 0 … maxAssets − 1. */
    public int maxAssets()
    {
        return maxAssets;
    }

    /** @return the time the portfolio is valued at. */
    public long valuationTimeNs()
    {
        return valuationTimeNs;
    }

    /** @return the asset's USD price. */
    public double price(final int assetId)
    {
        return prices[assetId];
    }

    /** @return the balance held in the asset. */
    public double balance(final int assetId)
    {
        return balances[assetId];
    }

    /** @return positions added, at indices 0 … count − 1. */
    public int positionCount()
    {
        return positionCount;
    }

    /** @return true when the position is an option. */
    public boolean isOption(final int position)
    {
        return options[position];
    }

    /** @return the position's underlying asset id. */
    public int underlying(final int position)
    {
        return underlyings[position];
    }

    /** @return units of the underlying per contract of the position. */
    public double multiplier(final int position)
    {
        return multipliers[position];
    }

    /** @return the position's signed contracts. */
    public double qty(final int position)
    {
        return quantities[position];
    }

    /** @return the entry price of a linear position, 0 for an option. */
    public double entryPrice(final int position)
    {
        return entryPrices[position];
    }

    /** @return the strike of an option position. */
    public double strike(final int position)
    {
        return strikes[position];
    }

    /** @return the expiry of the position's instrument, 0 for a perpetual. */
    public long expiryNs(final int position)
    {
        return expiriesNs[position];
    }

    /** @return true when the option position is a call. */
    public boolean isCall(final int position)
    {
        return calls[position];
    }

    /** @return the option position's mark volatility. */
    public double vol(final int position)
    {
        return vols[position];
    }
}
