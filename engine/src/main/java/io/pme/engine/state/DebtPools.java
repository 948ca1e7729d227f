package io.pme.engine.state;

import java.util.Arrays;

/**
 * What borrowing keeps per asset (rulebook section 8): the debt index {@code I}, by which a debt is stored scaled
 * (an account's negative balance holds {@code debt / I}, so an epoch moves every debt of the asset by one
 * multiplication here), the sum of the accounts' scaled debts, and the message time of the latest interest epoch.
 * <p>
 * An asset's index starts at exactly 1.0 and moves only while the asset is borrowable, so the balances of every
 * other asset read and write as plain numbers.
 */
public final class DebtPools
{
    /** {@link #lastEpochNs()} before any input reached the engine. */
    public static final long NO_EPOCH = Long.MIN_VALUE;

    private final double[] index;
    private final double[] scaledDebt;
    private final boolean[] changed;
    private final int[] changedAssets;
    private int changedCount;
    private long lastEpochNs = NO_EPOCH;

    /** @param maxAssets asset ids 0 … maxAssets − 1. */
    public DebtPools(final int maxAssets)
    {
        index = new double[maxAssets];
        scaledDebt = new double[maxAssets];
        changed = new boolean[maxAssets];
        changedAssets = new int[maxAssets];
        clear();
    }

    /** Every index back to 1.0, no debt, no epoch yet. */
    public void clear()
    {
        Arrays.fill(index, 1.0);
        Arrays.fill(scaledDebt, 0.0);
        Arrays.fill(changed, false);
        changedCount = 0;
        lastEpochNs = NO_EPOCH;
    }

    /** @return asset ids 0 … capacity − 1. */
    public int capacity()
    {
        return index.length;
    }

    /** @return the asset's debt index: a debt is its scaled debt times this. */
    public double index(final int assetId)
    {
        return index[assetId];
    }

    /** @return the sum of every account's scaled debt of the asset. */
    public double scaledDebt(final int assetId)
    {
        return scaledDebt[assetId];
    }

    /** @return units of the asset all accounts owe now. */
    public double totalDebt(final int assetId)
    {
        return scaledDebt[assetId] * index[assetId];
    }

    /**
     * One epoch of the asset: the index multiplied by {@code factor}.
     *
     * @return the growth of all debts of the asset, the interest it earned the venue, in units of the asset.
     */
    public double accrue(final int assetId, final double factor)
    {
        final double before = index[assetId];
        final double after = before * factor;
        index[assetId] = after;
        markChanged(assetId);
        return scaledDebt[assetId] * (after - before);
    }

    /** Puts the asset's index back to what it was before the epochs of an input that was then refused. */
    public void undoIndex(final int assetId, final double index)
    {
        this.index[assetId] = index;
    }

    /** @return message time of the latest epoch boundary taken, or of the first input; {@link #NO_EPOCH} before. */
    public long lastEpochNs()
    {
        return lastEpochNs;
    }

    /** Sets the message time epochs are counted from. */
    public void lastEpochNs(final long timeNs)
    {
        lastEpochNs = timeNs;
    }

    /** Notes that the asset's pool changed (debt, index or rules), to be announced at the end of the input. */
    public void markChanged(final int assetId)
    {
        if (!changed[assetId])
        {
            changed[assetId] = true;
            changedAssets[changedCount++] = assetId;
        }
    }

    /** @return how many assets' pools changed since {@link #clearChanged()}. */
    public int changedCount()
    {
        return changedCount;
    }

    /** @return the i-th asset whose pool changed, in the order they first changed. */
    public int changedAsset(final int i)
    {
        return changedAssets[i];
    }

    /** Forgets which pools changed, once announced. */
    public void clearChanged()
    {
        for (int i = 0; i < changedCount; i++)
        {
            changed[changedAssets[i]] = false;
        }
        changedCount = 0;
    }

    void addScaledDebt(final int assetId, final double delta)
    {
        if (0.0 != delta)
        {
            scaledDebt[assetId] += delta;
            markChanged(assetId);
        }
    }

    void restore(final int assetId, final double index, final double scaledDebt)
    {
        this.index[assetId] = index;
        this.scaledDebt[assetId] = scaledDebt;
    }
}
