package io.pme.engine.borrowing;

import io.pme.codecs.RejectReason;

/**
 * The borrowing rules' numbers per asset, and the interest interval: the rulebook's defaults by symbol (section 8),
 * changed at run time by a journaled {@code ParameterUpdate} with {@code parameterId = BORROW}, {@code assetId} the
 * asset (or −1 for {@link #INTEREST_INTERVAL_NS}), {@code index} one of the rules below and {@code value}. Their
 * meaning and bounds: docs/borrowing.md.
 */
public final class BorrowingParameters
{
    /** 1: accounts may borrow the asset and its debts pay interest; 0: no. */
    public static final int BORROWABLE = 0;
    /** Annual rate at zero utilization. */
    public static final int BASE_RATE = 1;
    /** Rate added from zero to the optimal utilization. */
    public static final int SLOPE1 = 2;
    /** Rate added from the optimal utilization to full utilization. */
    public static final int SLOPE2 = 3;
    /** The kink: the utilization where the steep slope starts. */
    public static final int OPTIMAL_UTILIZATION = 4;
    /** A borrowing input may not leave utilization above this. */
    public static final int MAX_UTILIZATION = 5;
    /** A borrowing input may not leave the account's debt of the asset above this USD notional. */
    public static final int MAX_BORROW_USD = 6;
    /** Units of the asset the venue's pool lends. */
    public static final int POOL_SUPPLY = 7;
    /** Rules per asset. */
    public static final int ASSET_RULES = 8;
    /** Message time between interest epochs, ns, for every asset ({@code assetId} −1). */
    public static final int INTEREST_INTERVAL_NS = 8;
    /** How many rules there are, the interval included. */
    public static final int COUNT = 9;

    /** The rulebook's interest interval: one hour. */
    public static final long DEFAULT_INTEREST_INTERVAL_NS = 3_600_000_000_000L;

    private static final double[] STABLE = { 1, 0, 0.05, 0.60, 0.90, 0.95, 10_000_000.0, 500_000_000.0 };
    private static final double[] BTC = { 1, 0, 0.02, 1.00, 0.45, 0.90, 5_000_000.0, 2_000.0 };
    private static final double[] ETH = { 1, 0, 0.02, 1.00, 0.45, 0.90, 5_000_000.0, 50_000.0 };
    private static final double[] NONE = { 0, 0, 0.05, 0.60, 0.90, 0.95, 10_000_000.0, 1_000_000.0 };
    private static final long MIN_INTERVAL_NS = 1_000_000_000L;
    private static final long MAX_INTERVAL_NS = 31L * 86_400_000_000_000L;
    private static final double[] MIN = { 0, 0, 0, 0, 0.01, 0, 0, 1.0e-9, MIN_INTERVAL_NS };
    private static final double[] MAX = { 1, 10, 10, 100, 0.99, 1, 1.0e15, 1.0e15, MAX_INTERVAL_NS };

    private final int capacity;
    private final double[] values;
    private final int[] borrowable;
    private int borrowableCount;
    private long intervalNs = DEFAULT_INTEREST_INTERVAL_NS;

    /** @param maxAssets asset ids 0 … maxAssets − 1. */
    public BorrowingParameters(final int maxAssets)
    {
        capacity = maxAssets;
        values = new double[maxAssets * ASSET_RULES];
        borrowable = new int[maxAssets];
        reset();
    }

    /** Every asset back to not borrowable, the interval to one hour. */
    public void reset()
    {
        for (int a = 0; a < capacity; a++)
        {
            System.arraycopy(NONE, 0, values, a * ASSET_RULES, ASSET_RULES);
        }
        intervalNs = DEFAULT_INTEREST_INTERVAL_NS;
        listBorrowable();
    }

    /** Makes every rule equal to {@code other}'s: how a set of changes applied as one is undone. */
    public void copyFrom(final BorrowingParameters other)
    {
        System.arraycopy(other.values, 0, values, 0, values.length);
        intervalNs = other.intervalNs;
        listBorrowable();
    }

    /** An asset just defined takes the rulebook's defaults for its symbol: USD and stablecoins, BTC and ETH lend. */
    public void defineAsset(final int assetId, final String symbol)
    {
        System.arraycopy(defaultsOf(symbol), 0, values, assetId * ASSET_RULES, ASSET_RULES);
        listBorrowable();
    }

    private static double[] defaultsOf(final String symbol)
    {
        switch (symbol)
        {
            case "USD":
            case "USDC":
            case "USDT":
                return STABLE;
            case "BTC":
                return BTC;
            case "ETH":
                return ETH;
            default:
                return NONE;
        }
    }

    /**
     * @return {@link RejectReason#NONE} when applied; UNKNOWN_ASSET for an asset id out of range; UNKNOWN_PARAMETER
     * for a rule that does not exist; INVALID_VALUE for a value outside the rule's bounds, a fraction where a whole
     * number is due, or a nonzero value2.
     */
    public RejectReason apply(final int assetId, final int rule, final double value, final double value2)
    {
        if (0.0 != value2 || Double.isNaN(value))
        {
            return RejectReason.INVALID_VALUE;
        }
        if (-1 == assetId)
        {
            if (INTEREST_INTERVAL_NS != rule)
            {
                return RejectReason.UNKNOWN_PARAMETER;
            }
            if (!(value >= MIN[rule] && value <= MAX[rule]) || value != Math.rint(value))
            {
                return RejectReason.INVALID_VALUE;
            }
            intervalNs = (long)value;
            return RejectReason.NONE;
        }
        if (assetId < 0 || assetId >= capacity)
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (rule < 0 || rule >= ASSET_RULES)
        {
            return RejectReason.UNKNOWN_PARAMETER;
        }
        if (!(value >= MIN[rule] && value <= MAX[rule]) || (BORROWABLE == rule && value != Math.rint(value)))
        {
            return RejectReason.INVALID_VALUE;
        }
        values[assetId * ASSET_RULES + rule] = value;
        if (BORROWABLE == rule)
        {
            listBorrowable();
        }
        return RejectReason.NONE;
    }

    private void listBorrowable()
    {
        borrowableCount = 0;
        for (int a = 0; a < capacity; a++)
        {
            if (isBorrowable(a))
            {
                borrowable[borrowableCount++] = a;
            }
        }
    }

    /** @return true when accounts may borrow the asset and its debts pay interest. */
    public boolean isBorrowable(final int assetId)
    {
        return 0.0 != values[assetId * ASSET_RULES + BORROWABLE];
    }

    /** @return how many assets are borrowable. */
    public int borrowableCount()
    {
        return borrowableCount;
    }

    /** @return the i-th borrowable asset, in asset id order. */
    public int borrowableAsset(final int i)
    {
        return borrowable[i];
    }

    /** @return one of the asset's rules. */
    public double value(final int assetId, final int rule)
    {
        return values[assetId * ASSET_RULES + rule];
    }

    /** @return message time between interest epochs, ns. */
    public long intervalNs()
    {
        return intervalNs;
    }

    /**
     * The kinked annual rate at a utilization:
     * {@code base + slope1 × min(U, Uopt) / Uopt + slope2 × max(0, U − Uopt) / (1 − Uopt)}.
     */
    public double rate(final int assetId, final double utilization)
    {
        final int at = assetId * ASSET_RULES;
        final double optimal = values[at + OPTIMAL_UTILIZATION];
        return values[at + BASE_RATE] + values[at + SLOPE1] * Math.min(utilization, optimal) / optimal +
            values[at + SLOPE2] * Math.max(0.0, utilization - optimal) / (1.0 - optimal);
    }

    /** @return the asset's total debt over its pool supply. */
    public double utilization(final int assetId, final double totalDebt)
    {
        return totalDebt / values[assetId * ASSET_RULES + POOL_SUPPLY];
    }

    /** @return asset ids 0 … capacity − 1. */
    public int capacity()
    {
        return capacity;
    }

    /** @return the rule's lower bound. */
    public static double min(final int rule)
    {
        return MIN[rule];
    }

    /** @return the rule's upper bound. */
    public static double max(final int rule)
    {
        return MAX[rule];
    }

    /** @return the rule's default: a stablecoin's for a per-asset rule, one hour for the interval. */
    public static double defaultValue(final int rule)
    {
        return INTEREST_INTERVAL_NS == rule ? DEFAULT_INTEREST_INTERVAL_NS : STABLE[rule];
    }
}
