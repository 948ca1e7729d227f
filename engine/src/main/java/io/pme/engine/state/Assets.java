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

    public Assets(final int capacity)
    {
        this.capacity = capacity;
        symbols = new String[capacity];
        prices = new double[capacity];
        priceTimesNs = new long[capacity];
        priceSources = new int[capacity];
        clear();
    }

    public void clear()
    {
        Arrays.fill(symbols, null);
        Arrays.fill(prices, Double.NaN);
        Arrays.fill(priceTimesNs, 0L);
        Arrays.fill(priceSources, 0);
        usdAssetId = -1;
    }

    public int capacity()
    {
        return capacity;
    }

    public boolean isValidId(final int assetId)
    {
        return assetId >= 0 && assetId < capacity;
    }

    public boolean isDefined(final int assetId)
    {
        return isValidId(assetId) && null != symbols[assetId];
    }

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

    public void define(final int assetId, final String symbol)
    {
        symbols[assetId] = symbol;
        if (USD.equals(symbol))
        {
            usdAssetId = assetId;
            prices[assetId] = 1.0;
        }
    }

    public String symbol(final int assetId)
    {
        return symbols[assetId];
    }

    public boolean isUsd(final int assetId)
    {
        return assetId == usdAssetId;
    }

    public int usdAssetId()
    {
        return usdAssetId;
    }

    public double price(final int assetId)
    {
        return prices[assetId];
    }

    public long priceTimeNs(final int assetId)
    {
        return priceTimesNs[assetId];
    }

    public int priceSource(final int assetId)
    {
        return priceSources[assetId];
    }

    public void price(final int assetId, final double price, final long timeNs, final int sourceId)
    {
        prices[assetId] = price;
        priceTimesNs[assetId] = timeNs;
        priceSources[assetId] = sourceId;
    }
}
