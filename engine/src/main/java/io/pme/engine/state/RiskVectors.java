package io.pme.engine.state;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Per account and underlying, the expansion the margin is moved with between exact refreshes: the scenario vector
 * at a reference spot, its first and second derivatives in the spot per scenario, the current scenario vector, and
 * the scalars of the equity (linear quantity and cost, option value and its Greeks, contingency coefficient).
 * <p>
 * Off-heap in two regions, each account's part of a region contiguous and cache-line aligned. The hot region holds
 * what a pre-trade check reads: a header line (exposure mask, equity of other collateral, refresh time, the spot
 * each current vector was last moved to) and per underlying seven scalars followed by the current vector, exactly
 * five cache lines. The cold region holds the expansions a tick or refresh reads. Allocated in chunks as accounts
 * open, so memory follows the accounts actually held.
 */
public final class RiskVectors
{
    public static final int SCENARIOS = 33;
    // hot, per underlying: 7 scalars then the current vector, 40 doubles = 5 cache lines
    public static final int SPOT = 0;
    public static final int LINEAR_QUANTITY = 1;
    public static final int LINEAR_COST = 2;
    public static final int OPTION_VALUE = 3;
    public static final int OPTION_DELTA = 4;
    public static final int OPTION_GAMMA = 5;
    public static final int CONTINGENCY = 6;
    public static final int CURRENT = 7;
    /** Doubles per account and underlying in the hot region: all that a pre-trade check reads. */
    public static final int HOT_STRIDE = CURRENT + SCENARIOS;
    // cold, per underlying: the expansion, then bounds on how fast equity and IM can change with this spot within
    // the refresh range (per unit of spot)
    public static final int REFERENCE = HOT_STRIDE;
    public static final int DELTA = REFERENCE + SCENARIOS;
    public static final int GAMMA = DELTA + SCENARIOS;
    public static final int THETA = GAMMA + SCENARIOS;
    public static final int EQUITY_SLOPE = THETA + SCENARIOS;
    public static final int MARGIN_SLOPE = EQUITY_SLOPE + 1;
    /** Option value's change per nanosecond of the underlying's price time, at the reference. */
    public static final int OPTION_THETA = MARGIN_SLOPE + 1;
    /** The underlying's price time at the reference, a {@code long} in the double's bits. */
    public static final int REFERENCE_TIME = OPTION_THETA + 1;
    /** Relative spot move from the reference within which the expansion is trusted. */
    public static final int REFRESH_RANGE = REFERENCE_TIME + 1;
    /** Price time after the reference within which the expansion is trusted, a {@code long} in the double's bits. */
    public static final int MAX_AGE = REFRESH_RANGE + 1;
    /** Σ |size × mark| of the options on the underlying at the reference: the scale of the equity's error. */
    public static final int GROSS_OPTION_VALUE = MAX_AGE + 1;
    /**
     * Σ |qty| × (a bound on the third spot derivative of its scenario P&amp;L, weighted, in any scenario) over the
     * options on the underlying: the scenario vector's Taylor remainder is at most this × |h|³ / 6.
     */
    public static final int MARGIN_REMAINDER = GROSS_OPTION_VALUE + 1;
    /** The same bound for the options' marks (equity): Σ |size| × sup |∂³mark/∂S³| over the trusted range. */
    public static final int EQUITY_REMAINDER = MARGIN_REMAINDER + 1;
    /**
     * Rulebook section 7: Σ depegShock × |balance| × price over the wrapped assets of the underlying held, in USD, a
     * part of its contingency that does not move with its spot (a wrapped asset's price moves it: an exact refresh).
     */
    public static final int DEPEG_ADD_ON = EQUITY_REMAINDER + 1;
    /** Doubles per account and underlying, both regions. */
    public static final int STRIDE = DEPEG_ADD_ON + 1;
    private static final int COLD_STRIDE = STRIDE - HOT_STRIDE;

    private static final int LINE = 64;
    private static final int MASK = 0;
    private static final int BASE_EQUITY = 8;
    private static final int REFRESH_TIME = 16;
    private static final int SETTLED_EPOCH = 24;
    private static final int COLLATERAL_EPOCH = 32;
    private static final int MOVED_SPOTS = 40;
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_ACCOUNTS = 1 << CHUNK_SHIFT;

    private final int maxUnderlyings;
    private final int headerBytes;
    private final int hotAccountBytes;
    private final int coldAccountBytes;
    private final UnsafeBuffer[] hotChunks;
    private final UnsafeBuffer[] coldChunks;
    private final double[][] budgetChunks;
    private final int[] denseByAsset;
    private final int[] assetByDense;
    private final int movedTimes;
    private int denseCount;
    private long priceEpoch;
    private long collateralEpoch;

    /**
     * @param maxAccounts    account slots.
     * @param maxAssets      asset ids.
     * @param maxUnderlyings underlyings one engine may hold risk vectors for.
     */
    public RiskVectors(final int maxAccounts, final int maxAssets, final int maxUnderlyings)
    {
        this.maxUnderlyings = maxUnderlyings;
        movedTimes = MOVED_SPOTS + maxUnderlyings * Double.BYTES;
        headerBytes = roundToLine(movedTimes + maxUnderlyings * Long.BYTES);
        hotAccountBytes = headerBytes + roundToLine(maxUnderlyings * HOT_STRIDE * Double.BYTES);
        coldAccountBytes = roundToLine(maxUnderlyings * COLD_STRIDE * Double.BYTES);
        hotChunks = new UnsafeBuffer[(maxAccounts + CHUNK_ACCOUNTS - 1) >> CHUNK_SHIFT];
        coldChunks = new UnsafeBuffer[hotChunks.length];
        budgetChunks = new double[hotChunks.length][];
        denseByAsset = new int[maxAssets];
        assetByDense = new int[maxUnderlyings];
        clear();
    }

    private static int roundToLine(final int bytes)
    {
        return (bytes + LINE - 1) & -LINE;
    }

    /** Forgets every dense index and vector. */
    public void clear()
    {
        Arrays.fill(denseByAsset, -1);
        Arrays.fill(assetByDense, -1);
        priceEpoch = 1;
        collateralEpoch = 1;
        denseCount = 0;
        for (int c = 0; c < hotChunks.length; c++)
        {
            if (null != hotChunks[c])
            {
                hotChunks[c].setMemory(0, hotChunks[c].capacity(), (byte)0);
                coldChunks[c].setMemory(0, coldChunks[c].capacity(), (byte)0);
                Arrays.fill(budgetChunks[c], 0.0);
            }
        }
    }

    /**
     * @return how far, in USD of distance to the account's nearest threshold, volatility changes of its options may
     * still move its figures while it is taking them lazily; set when its figures are evaluated on a volatility
     * change or exactly. Kept apart from the account's vectors, so that a tick reads it without touching them.
     */
    public double volatilityBudget(final int slot)
    {
        final double[] chunk = budgetChunks[slot >> CHUNK_SHIFT];
        return null == chunk ? 0.0 : chunk[slot & (CHUNK_ACCOUNTS - 1)];
    }

    /** Sets {@link #volatilityBudget(int)}. */
    public void volatilityBudget(final int slot, final double budget)
    {
        if (null == budgetChunks[slot >> CHUNK_SHIFT])
        {
            allocate(slot >> CHUNK_SHIFT);
        }
        budgetChunks[slot >> CHUNK_SHIFT][slot & (CHUNK_ACCOUNTS - 1)] = budget;
    }

    /** Takes every account's {@link #volatilityBudget(int)} to zero. */
    public void clearVolatilityBudgets()
    {
        for (final double[] chunk : budgetChunks)
        {
            if (null != chunk)
            {
                Arrays.fill(chunk, 0.0);
            }
        }
    }

    /** @return underlyings one engine may hold risk vectors for. */
    public int maxUnderlyings()
    {
        return maxUnderlyings;
    }

    /** @return dense indices assigned so far. */
    public int denseCount()
    {
        return denseCount;
    }

    /**
     * @return the dense index of an underlying, assigned on first use, or -1 when all are taken.
     */
    public int dense(final int assetId)
    {
        int d = denseByAsset[assetId];
        if (d < 0 && denseCount < maxUnderlyings)
        {
            d = denseCount++;
            denseByAsset[assetId] = d;
            assetByDense[d] = assetId;
        }
        return d;
    }

    /** @return the dense index of an underlying, or -1 when it has none yet. */
    public int denseIfAssigned(final int assetId)
    {
        return denseByAsset[assetId];
    }

    /** @return the underlying of a dense index. */
    public int assetOf(final int dense)
    {
        return assetByDense[dense];
    }

    /**
     * @return the buffer holding the account's fields of the hot region ({@code field < HOT_STRIDE}).
     */
    public UnsafeBuffer hot(final int slot)
    {
        final int c = slot >> CHUNK_SHIFT;
        if (null == hotChunks[c])
        {
            allocate(c);
        }
        return hotChunks[c];
    }

    /**
     * @return the buffer holding the account's expansion fields ({@code field >= HOT_STRIDE}).
     */
    public UnsafeBuffer cold(final int slot)
    {
        final int c = slot >> CHUNK_SHIFT;
        if (null == coldChunks[c])
        {
            allocate(c);
        }
        return coldChunks[c];
    }

    private void allocate(final int chunk)
    {
        hotChunks[chunk] = new UnsafeBuffer(BufferUtil.allocateDirectAligned(CHUNK_ACCOUNTS * hotAccountBytes, LINE));
        coldChunks[chunk] = new UnsafeBuffer(BufferUtil.allocateDirectAligned(CHUNK_ACCOUNTS * coldAccountBytes, LINE));
        budgetChunks[chunk] = new double[CHUNK_ACCOUNTS];
    }

    /**
     * @return the byte offset of the double at {@code field} for the account and dense underlying, in
     * {@link #hot(int)} when {@code field < HOT_STRIDE}, else in {@link #cold(int)}.
     */
    public int offset(final int slot, final int dense, final int field)
    {
        final int index = slot & (CHUNK_ACCOUNTS - 1);
        return field < HOT_STRIDE ?
            index * hotAccountBytes + headerBytes + (dense * HOT_STRIDE + field) * Double.BYTES :
            index * coldAccountBytes + (dense * COLD_STRIDE + field - HOT_STRIDE) * Double.BYTES;
    }

    private UnsafeBuffer buffer(final int slot, final int field)
    {
        return field < HOT_STRIDE ? hot(slot) : cold(slot);
    }

    /** @return a field of the account's vectors on the dense underlying. */
    public double get(final int slot, final int dense, final int field)
    {
        return buffer(slot, field).getDouble(offset(slot, dense, field));
    }

    /** Sets a field of the account's vectors on the dense underlying. */
    public void put(final int slot, final int dense, final int field, final double value)
    {
        buffer(slot, field).putDouble(offset(slot, dense, field), value);
    }

    /** Zeroes the account's fields for one underlying, in both regions. */
    public void clear(final int slot, final int dense)
    {
        hot(slot).setMemory(offset(slot, dense, 0), HOT_STRIDE * Double.BYTES, (byte)0);
        cold(slot).setMemory(offset(slot, dense, HOT_STRIDE), COLD_STRIDE * Double.BYTES, (byte)0);
        movedSpot(slot, dense, 0.0);
        movedTimeNs(slot, dense, 0L);
    }

    /** @return the byte offset of the account's header line in {@link #hot(int)}. */
    public int headerOffset(final int slot)
    {
        return (slot & (CHUNK_ACCOUNTS - 1)) * hotAccountBytes;
    }

    /** Dense underlyings the account is exposed to, one bit each. */
    public long mask(final int slot)
    {
        return hot(slot).getLong(headerOffset(slot) + MASK);
    }

    /** Sets the dense underlyings the account is exposed to. */
    public void mask(final int slot, final long mask)
    {
        hot(slot).putLong(headerOffset(slot) + MASK, mask);
    }

    /** Equity that does not move with any underlying: collateral in other assets. */
    public double baseEquity(final int slot)
    {
        return hot(slot).getDouble(headerOffset(slot) + BASE_EQUITY);
    }

    /** Sets the equity that does not move with any underlying. */
    public void baseEquity(final int slot, final double value)
    {
        hot(slot).putDouble(headerOffset(slot) + BASE_EQUITY, value);
    }

    /** @return the time of the account's latest exact refresh. */
    public long refreshTimeNs(final int slot)
    {
        return hot(slot).getLong(headerOffset(slot) + REFRESH_TIME);
    }

    /** Sets the time of the account's latest exact refresh. */
    public void refreshTimeNs(final int slot, final long timeNs)
    {
        hot(slot).putLong(headerOffset(slot) + REFRESH_TIME, timeNs);
    }

    /**
     * A count of underlying price changes: an account whose vectors were brought to today's spots at the current
     * epoch needs no look at each underlying. A cache, not state: it is in no snapshot or digest.
     */
    public long priceEpoch()
    {
        return priceEpoch;
    }

    /** Counts one more underlying price change. */
    public void advancePriceEpoch()
    {
        priceEpoch++;
    }

    /**
     * A count of price changes of collateral that is no underlying: an account whose equity of other collateral was
     * computed at the current epoch needs no look at its balances. A cache, not state, like {@link #priceEpoch()}.
     */
    public long collateralEpoch()
    {
        return collateralEpoch;
    }

    /** Counts one more price change of collateral that is no underlying. */
    public void advanceCollateralEpoch()
    {
        collateralEpoch++;
    }

    /** @return the collateral epoch at which the account's equity of other collateral was computed. */
    public long valuedCollateralEpoch(final int slot)
    {
        return hot(slot).getLong(headerOffset(slot) + COLLATERAL_EPOCH);
    }

    /** Sets the collateral epoch at which the account's equity of other collateral was computed. */
    public void valuedCollateralEpoch(final int slot, final long epoch)
    {
        hot(slot).putLong(headerOffset(slot) + COLLATERAL_EPOCH, epoch);
    }

    /** @return the price epoch at which the account's vectors were brought to the current spots. */
    public long settledEpoch(final int slot)
    {
        return hot(slot).getLong(headerOffset(slot) + SETTLED_EPOCH);
    }

    /** Sets the price epoch at which the account's vectors were brought to the current spots. */
    public void settledEpoch(final int slot, final long epoch)
    {
        hot(slot).putLong(headerOffset(slot) + SETTLED_EPOCH, epoch);
    }

    /** The spot the account's current vector on the underlying was last moved to. */
    public double movedSpot(final int slot, final int dense)
    {
        return hot(slot).getDouble(headerOffset(slot) + MOVED_SPOTS + dense * Double.BYTES);
    }

    /** Sets the spot the account's current vector on the underlying was last moved to. */
    public void movedSpot(final int slot, final int dense, final double spot)
    {
        hot(slot).putDouble(headerOffset(slot) + MOVED_SPOTS + dense * Double.BYTES, spot);
    }

    /** The underlying's price time the account's current vector on it was last moved to. */
    public long movedTimeNs(final int slot, final int dense)
    {
        return hot(slot).getLong(headerOffset(slot) + movedTimes + dense * Long.BYTES);
    }

    /** Sets the underlying's price time the account's current vector on it was last moved to. */
    public void movedTimeNs(final int slot, final int dense, final long timeNs)
    {
        hot(slot).putLong(headerOffset(slot) + movedTimes + dense * Long.BYTES, timeNs);
    }

    /** @return a {@code long} field of the account's vectors on the dense underlying, kept in a double's bits. */
    public long getLong(final int slot, final int dense, final int field)
    {
        return buffer(slot, field).getLong(offset(slot, dense, field));
    }

    /** Sets a {@code long} field of the account's vectors on the dense underlying, kept in a double's bits. */
    public void putLong(final int slot, final int dense, final int field, final long value)
    {
        buffer(slot, field).putLong(offset(slot, dense, field), value);
    }

    void restoreDense(final int assetId, final int dense)
    {
        denseByAsset[assetId] = dense;
        assetByDense[dense] = assetId;
        denseCount = Math.max(denseCount, dense + 1);
    }
}
