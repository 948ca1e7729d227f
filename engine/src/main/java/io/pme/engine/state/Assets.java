package io.pme.engine.state;

import java.util.Arrays;

/**
 * Spot assets by id with their latest index price, in primitive arrays sized once.
 */
public final class Assets
{
    public static final String USD = "USD";

    private final int capacity;
    private final String[] symbols;
    private final double[] prices;
    private final long[] priceTimesNs;
    private final int[] priceSources;
    private int usdAssetId = -1;

    /** @param capacity asset ids 0 … capacity − 1. */
    public Assets(final int capacity)
    {
        this.capacity = capacity;
        symbols = new String[capacity];
        prices = new double[capacity];
        priceTimesNs = new long[capacity];
        priceSources = new int[capacity];
        clear();
    }

    /** Forgets every asset and price. */
    public void clear()
    {
        Arrays.fill(symbols, null);
        Arrays.fill(prices, Double.NaN);
        Arrays.fill(priceTimesNs, 0L);
        Arrays.fill(priceSources, 0);
        usdAssetId = -1;
    }

    /** @return asset ids 0 … capacity − 1. */
    public int capacity()
    {
        return capacity;
    }

    /** @return true when the id is within the capacity. */
    public boolean isValidId(final int assetId)
    {
        return assetId >= 0 && assetId < capacity;
    }

    /** @return true when the id is valid and the asset defined. */
    public boolean isDefined(final int assetId)
    {
        return isValidId(assetId) && null != symbols[assetId];
    }

    /** @return the id of the asset with the symbol, or -1. */
    public int findBySymbol(final String symbol)
    {
        for (int i = 0; i < capacity; i++)
        {
            if (symbol.equals(symbols[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /** Defines the asset; USD is priced at 1 from then on. */
    public void define(final int assetId, final String symbol)
    {
        symbols[assetId] = symbol;
        if (USD.equals(symbol))
        {
            usdAssetId = assetId;
            prices[assetId] = 1.0;
        }
    }

    /** @return the asset's symbol, null when undefined. */
    public String symbol(final int assetId)
    {
        return symbols[assetId];
    }

    /** @return true when the asset is USD. */
    public boolean isUsd(final int assetId)
    {
        return assetId == usdAssetId;
    }

    /** @return the USD asset's id, or -1 before USD is defined. */
    public int usdAssetId()
    {
        return usdAssetId;
    }

    /** @return the asset's latest USD price, NaN before its first. */
    public double price(final int assetId)
    {
        return prices[assetId];
    }

    /** @return the time of the asset's latest price. */
    public long priceTimeNs(final int assetId)
    {
        return priceTimesNs[assetId];
    }

    /** @return the source of the asset's latest price. */
    public int priceSource(final int assetId)
    {
        return priceSources[assetId];
    }

    /** Sets the asset's latest price, with its time and source. */
    public void price(final int assetId, final double price, final long timeNs, final int sourceId)
    {
        prices[assetId] = price;
        priceTimesNs[assetId] = timeNs;
        priceSources[assetId] = sourceId;
    }
}
