package io.pme.engine.liquidation;

import io.pme.codecs.RejectReason;

/**
 * The liquidation rules' numbers: shipped defaults, changed at run time by a journaled {@code ParameterUpdate} with
 * {@code parameterId = LIQUIDATION}, {@code index} one of the constants below and {@code value}. Their meaning and
 * bounds: docs/liquidation.md.
 */
public final class LiquidationParameters
{
    /** Message time between two partial steps of one liquidation, ns. */
    public static final int STEP_INTERVAL_NS = 0;
    /** Fraction of the chosen position one step sells. */
    public static final int SLICE_FRACTION = 1;
    /** USD notional a slice is raised to (never beyond the position). */
    public static final int MIN_SLICE_NOTIONAL = 2;
    /** USD notional one step may trade at most. */
    public static final int MAX_STEP_NOTIONAL = 3;
    /** How far through the mark an order's limit sits, as a fraction of the mark. */
    public static final int LIMIT_BAND = 4;
    /** Fee on a liquidation fill's notional, paid to the insurance fund. */
    public static final int FEE_RATE = 5;
    /** The liquidation stops once equity reaches MM × (1 + this). */
    public static final int RECOVERY_BUFFER = 6;
    /** Message time a liquidation order lives, ns. */
    public static final int ORDER_TTL_NS = 7;
    /** Partial steps before the auction. */
    public static final int MAX_PARTIAL_STEPS = 8;
    /** Message time of partial steps before the auction, ns. */
    public static final int MAX_PARTIAL_NS = 9;
    /** Equity at or below this fraction of MM goes to the auction at once. */
    public static final int AUCTION_EQUITY_FRACTION = 10;
    /** Message time the auction's price takes to descend to its floor, ns. */
    public static final int AUCTION_DURATION_NS = 11;
    /** The auction's floor is equity less this fraction of MM. */
    public static final int AUCTION_DISCOUNT = 12;
    /** Due liquidations one input may advance at most (the rest go on with the next inputs). */
    public static final int STEPS_PER_INPUT = 13;
    /** Deleveraging's rank bands per doubling of rank: the top band pays first, pro rata within one. */
    public static final int ADL_BANDS = 14;
    /** Message time from the start of one sweep of the ADL rank bands to the start of the next, ns. */
    public static final int ADL_RANK_INTERVAL_NS = 15;
    /** Accounts one input ranks at most while a sweep walks them. */
    public static final int ADL_RANKS_PER_INPUT = 16;
    /** 1: accounts below MM enter liquidation; 0: none does (a venue that liquidates by itself). */
    public static final int ENABLED = 17;
    /** How many rules there are. */
    public static final int COUNT = 18;

    private static final double[] DEFAULTS =
    {
        1.0e9, 0.25, 1_000.0, 1_000_000.0, 0.01, 0.005, 0.1, 2.0e9, 20, 60.0e9, 0.2, 30.0e9, 0.5, 64, 4, 10.0e9, 128, 1,
    };
    private static final double[] MIN = { 1, 1.0e-6, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1.0e6, 1, 0 };
    private static final double[] MAX =
    {
        3.6e12, 1, 1.0e12, 1.0e12, 0.5, 0.1, 10, 3.6e12, 10_000, 8.64e13, 1, 3.6e12, 10, 1_000_000, 100, 8.64e13,
        1_000_000, 1,
    };
    private static final boolean[] WHOLE =
    {
        true, false, false, false, false, false, false, true, true, true, false, true, false, true, true, true, true,
        true,
    };

    private final double[] values = DEFAULTS.clone();

    /** Back to the shipped defaults. */
    public void reset()
    {
        System.arraycopy(DEFAULTS, 0, values, 0, COUNT);
    }

    /** Makes every rule equal to {@code other}'s: how a set of changes applied as one is undone. */
    public void copyFrom(final LiquidationParameters other)
    {
        System.arraycopy(other.values, 0, values, 0, COUNT);
    }

    /**
     * @return {@link RejectReason#NONE} when applied; {@link RejectReason#UNKNOWN_PARAMETER} for an index that is no
     * rule, {@link RejectReason#INVALID_VALUE} for a value outside the rule's bounds (nothing changes then).
     */
    public RejectReason apply(final int assetId, final int index, final double value, final double value2)
    {
        if (index < 0 || index >= COUNT)
        {
            return RejectReason.UNKNOWN_PARAMETER;
        }
        if (-1 != assetId || 0.0 != value2 || !(value >= MIN[index] && value <= MAX[index]) ||
            (WHOLE[index] && value != Math.rint(value)))
        {
            return RejectReason.INVALID_VALUE;
        }
        // a subnormal rule would make subnormal money (a fee of 4.9e-324 of a notional): it is taken as 0
        values[index] = Math.abs(value) < Double.MIN_NORMAL ? 0.0 : value;
        return RejectReason.NONE;
    }

    /** @return the rule's value. */
    public double value(final int index)
    {
        return values[index];
    }

    /** @return the rule's value in whole message-time nanoseconds or counts. */
    public long whole(final int index)
    {
        return (long)values[index];
    }

    /**
     * @return message time {@code delay} after {@code nowNs}, or the end of time when that is beyond it: a clock
     * near {@code Long.MAX_VALUE} must not wrap a deadline into the past.
     */
    public static long after(final long nowNs, final long delay)
    {
        return nowNs > Long.MAX_VALUE - delay ? Long.MAX_VALUE : nowNs + delay;
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
}
