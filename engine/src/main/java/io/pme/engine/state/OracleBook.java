package io.pme.engine.state;

import java.util.Arrays;

/**
 * Per asset, the latest price of each of its sources and what the oracle decided from them: the index, its status,
 * a jump waiting for confirmation, the EWMA volatility of accepted moves and the factors in force on the asset's
 * range and haircuts. Primitive arrays sized once; the rules that fill them are in {@code io.pme.engine.market}.
 */
public final class OracleBook
{
    /** Source slots per asset. */
    public static final int SLOTS = 8;
    /** The index follows its sources. */
    public static final byte NORMAL = 0;
    /** A jump waits for confirmation. */
    public static final byte PENDING = 1;
    /** Fewer fresh sources than the quorum. */
    public static final byte DEGRADED = 2;

    private final int capacity;
    private final int[] slotSources;
    private final double[] slotPrices;
    private final long[] slotSourceTimesNs;
    private final long[] slotArrivalsNs;
    private final byte[] statuses;
    private final double[] indices;
    private final long[] indexTimesNs;
    private final long[] pendingSinceNs;
    private final double[] pendingPrices;
    private final double[] variances;
    private final long[] varianceTimesNs;
    private final double[] volatilityFactors;
    private final long[] depeggedSinceNs;
    private final long[] deadlinesNs;

    /** @param capacity asset ids 0 … capacity − 1. */
    public OracleBook(final int capacity)
    {
        this.capacity = capacity;
        slotSources = new int[capacity * SLOTS];
        slotPrices = new double[capacity * SLOTS];
        slotSourceTimesNs = new long[capacity * SLOTS];
        slotArrivalsNs = new long[capacity * SLOTS];
        statuses = new byte[capacity];
        indices = new double[capacity];
        indexTimesNs = new long[capacity];
        pendingSinceNs = new long[capacity];
        pendingPrices = new double[capacity];
        variances = new double[capacity];
        varianceTimesNs = new long[capacity];
        volatilityFactors = new double[capacity];
        depeggedSinceNs = new long[capacity];
        deadlinesNs = new long[capacity];
        clear();
    }

    /** Forgets every source and decision. */
    public void clear()
    {
        Arrays.fill(slotSources, -1);
        Arrays.fill(slotPrices, Double.NaN);
        Arrays.fill(slotSourceTimesNs, 0L);
        Arrays.fill(slotArrivalsNs, 0L);
        Arrays.fill(statuses, NORMAL);
        Arrays.fill(indices, Double.NaN);
        Arrays.fill(indexTimesNs, 0L);
        Arrays.fill(pendingSinceNs, 0L);
        Arrays.fill(pendingPrices, Double.NaN);
        Arrays.fill(variances, Double.NaN);
        Arrays.fill(varianceTimesNs, 0L);
        Arrays.fill(volatilityFactors, 1.0);
        Arrays.fill(depeggedSinceNs, 0L);
        Arrays.fill(deadlinesNs, Long.MAX_VALUE);
    }

    /** @return asset ids 0 … capacity − 1. */
    public int capacity()
    {
        return capacity;
    }

    /** @return the slot of the asset's source, or -1. */
    public int findSlot(final int assetId, final int sourceId)
    {
        for (int s = assetId * SLOTS, end = s + SLOTS; s < end; s++)
        {
            if (slotSources[s] == sourceId)
            {
                return s;
            }
        }
        return -1;
    }

    /** @return the first slot of the asset (its slots are this … this + SLOTS − 1). */
    public static int firstSlot(final int assetId)
    {
        return assetId * SLOTS;
    }

    /** @return the source in the slot, -1 when free. */
    public int slotSource(final int slot)
    {
        return slotSources[slot];
    }

    /** @return the slot's latest price. */
    public double slotPrice(final int slot)
    {
        return slotPrices[slot];
    }

    /** @return the source's time of the slot's latest price. */
    public long slotSourceTimeNs(final int slot)
    {
        return slotSourceTimesNs[slot];
    }

    /** @return the message time the slot's latest price arrived at. */
    public long slotArrivalNs(final int slot)
    {
        return slotArrivalsNs[slot];
    }

    /** Stores a source's price in the slot. */
    public void slot(final int slot, final int sourceId, final double price, final long sourceTimeNs,
        final long arrivalNs)
    {
        slotSources[slot] = sourceId;
        slotPrices[slot] = price;
        slotSourceTimesNs[slot] = sourceTimeNs;
        slotArrivalsNs[slot] = arrivalNs;
    }

    /** @return the asset's status: {@link #NORMAL}, {@link #PENDING} or {@link #DEGRADED}. */
    public byte status(final int assetId)
    {
        return statuses[assetId];
    }

    /** Sets the asset's status. */
    public void status(final int assetId, final byte status)
    {
        statuses[assetId] = status;
    }

    /** @return the asset's index, NaN before its first. */
    public double index(final int assetId)
    {
        return indices[assetId];
    }

    /** @return the message time of the index's last change. */
    public long indexTimeNs(final int assetId)
    {
        return indexTimesNs[assetId];
    }

    /** Sets the asset's index. */
    public void index(final int assetId, final double index, final long timeNs)
    {
        indices[assetId] = index;
        indexTimesNs[assetId] = timeNs;
    }

    /** @return when the held jump was first seen, 0 when none is held. */
    public long pendingSinceNs(final int assetId)
    {
        return pendingSinceNs[assetId];
    }

    /** @return the held jump's latest candidate. */
    public double pendingPrice(final int assetId)
    {
        return pendingPrices[assetId];
    }

    /** Holds a jump since the time, with its latest candidate; 0 and NaN release it. */
    public void pending(final int assetId, final long sinceNs, final double candidate)
    {
        pendingSinceNs[assetId] = sinceNs;
        pendingPrices[assetId] = candidate;
    }

    /** @return the EWMA variance of accepted log moves per day, NaN before it is seeded. */
    public double variance(final int assetId)
    {
        return variances[assetId];
    }

    /** @return the message time the variance was last brought to. */
    public long varianceTimeNs(final int assetId)
    {
        return varianceTimesNs[assetId];
    }

    /** Sets the variance as of the time. */
    public void variance(final int assetId, final double variance, final long timeNs)
    {
        variances[assetId] = variance;
        varianceTimesNs[assetId] = timeNs;
    }

    /** @return the volatility factor in force on the asset's range and haircuts, 1 for none. */
    public double volatilityFactor(final int assetId)
    {
        return volatilityFactors[assetId];
    }

    /** Sets the volatility factor in force. */
    public void volatilityFactor(final int assetId, final double factor)
    {
        volatilityFactors[assetId] = factor;
    }

    /** @return when the pegged asset left its peg band, 0 while within it. */
    public long depeggedSinceNs(final int assetId)
    {
        return depeggedSinceNs[assetId];
    }

    /** Sets when the pegged asset left its peg band, 0 when back. */
    public void depeggedSinceNs(final int assetId, final long sinceNs)
    {
        depeggedSinceNs[assetId] = sinceNs;
    }

    /** @return the next message time at which time alone changes a decision for the asset. */
    public long deadlineNs(final int assetId)
    {
        return deadlinesNs[assetId];
    }

    /** Sets the next message time at which time alone changes a decision for the asset. */
    public void deadlineNs(final int assetId, final long deadlineNs)
    {
        deadlinesNs[assetId] = deadlineNs;
    }
}
