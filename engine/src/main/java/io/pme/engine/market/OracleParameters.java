package io.pme.engine.market;

import io.pme.codecs.RejectReason;

import java.util.Arrays;

/**
 * The oracle's rules: shipped defaults, a value for every asset ({@code assetId = -1}) and an asset's own values,
 * changed by a journaled {@code ParameterUpdate} with {@code parameterId = ORACLE}, {@code index} one of the
 * constants below and {@code value}; and each asset's source list ({@code ORACLE_SOURCE}). Their meaning and bounds:
 * docs/oracle.md. Parameters only: the parameter log replays them on a restore, so nothing here is state.
 */
public final class OracleParameters
{
    /** Most sources an asset's index is made of. */
    public static final int MAX_SOURCES = 8;

    /** A source older than this in message time (input time less source time) is stale, ns; 0: none ever is. */
    public static final int MAX_AGE_NS = 0;
    /** Fresh sources within the drop band the index needs; fewer: DEGRADED. */
    public static final int MIN_SOURCES = 1;
    /** Each source used is clamped to the median ± this fraction before the average. */
    public static final int CLAMP_BAND = 2;
    /** A source beyond the median ± this fraction is dropped (an outlier), when three or more are fresh. */
    public static final int DROP_BAND = 3;
    /** A move of the index beyond this fraction needs confirmation; 0: none does. */
    public static final int JUMP_THRESHOLD = 4;
    /** Message time a lone source's jump must persist to be taken, ns. */
    public static final int CONFIRM_NS = 5;
    /** A DEGRADED asset's price range is the range in force times this. */
    public static final int DEGRADED_RANGE_FACTOR = 6;
    /** The price a pegged asset is pegged to; 0: not pegged. */
    public static final int PEG = 7;
    /** A pegged asset is de-pegged while its index is beyond the peg ± this fraction. */
    public static final int PEG_BAND = 8;
    /** Message time a liquidation driven only by de-pegged collateral waits, from the de-peg, ns; 0: none waits. */
    public static final int DEPEG_PAUSE_NS = 9;
    /** Margin values a pegged asset at no less than this (a redemption floor); 0: none. */
    public static final int REDEMPTION_FLOOR = 10;
    /** Half-life of the EWMA volatility of accepted index moves, ns of message time. */
    public static final int VOL_HALF_LIFE_NS = 11;
    /** k in range = clamp(k × σ × √horizon, floor, cap); 0: ranges and haircuts do not follow volatility. */
    public static final int VOL_K = 12;
    /** The horizon of the range, ns. */
    public static final int VOL_HORIZON_NS = 13;
    /** The range's floor, as a multiple of the reference range. */
    public static final int VOL_FLOOR = 14;
    /** The range's cap, as a multiple of the reference range. */
    public static final int VOL_CAP = 15;
    /** Relative change of the volatility factor below which the factor in force stays (bounds the revaluations). */
    public static final int VOL_STEP = 16;
    /** A source's price for an asset sooner than this after its previous one is refused, ns; 0: none is. */
    public static final int MIN_SOURCE_INTERVAL_NS = 17;
    /** The reference range of an asset without a price range (collateral only), for its haircut factor. */
    public static final int REFERENCE_RANGE = 18;
    /** How many rules there are. */
    public static final int COUNT = 19;

    private static final double DAY_NS = 86_400.0e9;
    private static final double[] DEFAULTS =
    {
        0, 1, 0.005, 0.1, 0, 10.0e9, 1.5, 0, 0.005, 900.0e9, 0, 11.2 * DAY_NS, 0, DAY_NS, 1, 3, 0.1, 0, 0.15,
    };
    private static final double[] MIN =
    {
        1.0e9, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 60.0e9, 0, 60.0e9, 0.1, 1, 0, 0, 0.001,
    };
    private static final double[] MAX =
    {
        8.64e13, MAX_SOURCES, 0.5, 1, 10, 3.6e12, 10, 1.0e6, 0.5, 8.64e13, 1.0e6, 3.2e16, 100, 3.2e16, 10, 100, 1,
        3.6e12, 1,
    };
    private static final boolean[] WHOLE =
    {
        true, true, false, false, false, true, false, false, false, true, false, true, false, true, false, false,
        false, true, false,
    };

    private final int maxAssets;
    private final double[] values;
    private final boolean[] own;
    private final int[] sources;
    private final int[] sourceCounts;

    /** @param maxAssets asset ids 0 … maxAssets − 1. */
    public OracleParameters(final int maxAssets)
    {
        this.maxAssets = maxAssets;
        values = new double[(maxAssets + 1) * COUNT];
        own = new boolean[maxAssets * COUNT];
        sources = new int[maxAssets * MAX_SOURCES];
        sourceCounts = new int[maxAssets];
        reset();
    }

    /** Back to the shipped defaults, every source list empty. */
    public void reset()
    {
        for (int row = 0; row <= maxAssets; row++)
        {
            System.arraycopy(DEFAULTS, 0, values, row * COUNT, COUNT);
        }
        Arrays.fill(own, false);
        Arrays.fill(sourceCounts, 0);
    }

    /** Makes every rule and source list equal to {@code other}'s: how a set of changes applied as one is undone. */
    public void copyFrom(final OracleParameters other)
    {
        System.arraycopy(other.values, 0, values, 0, values.length);
        System.arraycopy(other.own, 0, own, 0, own.length);
        System.arraycopy(other.sources, 0, sources, 0, sources.length);
        System.arraycopy(other.sourceCounts, 0, sourceCounts, 0, sourceCounts.length);
    }

    /**
     * An {@code ORACLE} update: a rule for one asset, or for every asset without its own value ({@code -1}).
     *
     * @return {@link RejectReason#NONE} when applied; {@link RejectReason#UNKNOWN_PARAMETER} for an index that is no
     * rule, {@link RejectReason#UNKNOWN_ASSET} for an asset id out of range, {@link RejectReason#INVALID_VALUE} for a
     * value outside the rule's bounds or a non-zero value2 (nothing changes then).
     */
    public RejectReason apply(final int assetId, final int index, final double value, final double value2)
    {
        final RejectReason problem = check(assetId, index, value, value2);
        if (RejectReason.NONE != problem)
        {
            return problem;
        }
        final double v = Math.abs(value) < Double.MIN_NORMAL ? 0.0 : value;
        if (-1 == assetId)
        {
            for (int a = 0; a < maxAssets; a++)
            {
                if (!own[a * COUNT + index])
                {
                    values[(a + 1) * COUNT + index] = v;
                }
            }
            values[index] = v;
        }
        else
        {
            own[assetId * COUNT + index] = true;
            values[(assetId + 1) * COUNT + index] = v;
        }
        return RejectReason.NONE;
    }

    /** @return why {@link #apply(int, int, double, double)} would refuse the update, NONE when it would not. */
    public RejectReason check(final int assetId, final int index, final double value, final double value2)
    {
        if (index < 0 || index >= COUNT)
        {
            return RejectReason.UNKNOWN_PARAMETER;
        }
        if (assetId < -1 || assetId >= maxAssets)
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        // the maximum age alone may also be 0 (off) beside its range: a staleness of a second or less is no guard
        final boolean off = MAX_AGE_NS == index && 0.0 == value;
        if (0.0 != value2 || !(off || (value >= MIN[index] && value <= MAX[index])) ||
            (WHOLE[index] && value != Math.rint(value)))
        {
            return RejectReason.INVALID_VALUE;
        }
        return RejectReason.NONE;
    }

    /**
     * An {@code ORACLE_SOURCE} update: {@code value} 1 lists the source for the asset, 0 unlists it.
     *
     * @return {@link RejectReason#NONE} when applied, else why nothing changed.
     */
    public RejectReason applySource(final int assetId, final int sourceId, final double value, final double value2)
    {
        final RejectReason problem = checkSource(assetId, sourceId, value, value2);
        if (RejectReason.NONE != problem)
        {
            return problem;
        }
        final int at = sourceIndex(assetId, sourceId);
        final int base = assetId * MAX_SOURCES;
        if (1.0 == value && at < 0)
        {
            sources[base + sourceCounts[assetId]++] = sourceId;
        }
        else if (0.0 == value && at >= 0)
        {
            final int last = --sourceCounts[assetId];
            System.arraycopy(sources, base + at + 1, sources, base + at, last - at);
        }
        return RejectReason.NONE;
    }

    /** @return why {@link #applySource(int, int, double, double)} would refuse the update, NONE when it would not. */
    public RejectReason checkSource(final int assetId, final int sourceId, final double value, final double value2)
    {
        if (assetId < 0 || assetId >= maxAssets)
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (sourceId < 0 || 0.0 != value2 || (1.0 != value && 0.0 != value))
        {
            return RejectReason.INVALID_VALUE;
        }
        if (1.0 == value && sourceIndex(assetId, sourceId) < 0 && sourceCounts[assetId] == MAX_SOURCES)
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        return RejectReason.NONE;
    }

    private int sourceIndex(final int assetId, final int sourceId)
    {
        final int base = assetId * MAX_SOURCES;
        for (int i = 0, n = sourceCounts[assetId]; i < n; i++)
        {
            if (sources[base + i] == sourceId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return true when the source may contribute to the asset's index: it is listed, or the asset lists none (then
     * every source the session layer lets publish counts).
     */
    public boolean isListed(final int assetId, final int sourceId)
    {
        return 0 == sourceCounts[assetId] || sourceIndex(assetId, sourceId) >= 0;
    }

    /** @return the asset's value of the rule. */
    public double value(final int assetId, final int index)
    {
        return values[(assetId + 1) * COUNT + index];
    }

    /** @return the asset's value of the rule in whole nanoseconds or counts. */
    public long whole(final int assetId, final int index)
    {
        return (long)values[(assetId + 1) * COUNT + index];
    }

    /** @return the rule's lower bound, for the docs. */
    public static double min(final int index)
    {
        return MIN[index];
    }

    /** @return the rule's upper bound, for the docs. */
    public static double max(final int index)
    {
        return MAX[index];
    }

    /** @return the rule's shipped default. */
    public static double defaultValue(final int index)
    {
        return DEFAULTS[index];
    }

    /** @return true when the rule takes whole numbers only. */
    public static boolean isWhole(final int index)
    {
        return WHOLE[index];
    }
}
