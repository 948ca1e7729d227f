package io.pme.engine.margin;

import java.util.Arrays;

/**
 * Per underlying, the accounts exposed to it, so a tick visits those accounts only, and beside each member its
 * safe band: the spot interval and message-time deadline within which a tick cannot bring the account near a
 * threshold nor due for a refresh, so the tick leaves it to be moved when next read. Members and bands sit in
 * parallel arrays a tick scans in order. Removal swaps the last member into the hole; the order only decides the
 * order of margin updates on the wire, never a figure.
 */
final class Holders
{
    private final int dimensions;
    private final int[][] members;
    private final double[][] lows;
    private final double[][] highs;
    private final long[][] deadlines;
    private final int[] counts;
    private final int[] positions;

    /**
     * @param maxAccounts account slots.
     * @param dimensions  lists kept: one per underlying, then one per collateral asset that is no underlying.
     */
    Holders(final int maxAccounts, final int dimensions)
    {
        this.dimensions = dimensions;
        members = new int[dimensions][16];
        lows = new double[dimensions][16];
        highs = new double[dimensions][16];
        deadlines = new long[dimensions][16];
        counts = new int[dimensions];
        positions = new int[maxAccounts * dimensions];
        Arrays.fill(positions, -1);
    }

    void clear()
    {
        Arrays.fill(counts, 0);
        Arrays.fill(positions, -1);
    }

    /**
     * Brings the account's memberships from the old mask of lists to the new one, bit i standing for list
     * {@code first + i}.
     */
    void update(final int slot, final long oldMask, final long newMask, final int first)
    {
        for (long m = oldMask & ~newMask; 0 != m; m &= m - 1)
        {
            remove(slot, first + Long.numberOfTrailingZeros(m));
        }
        for (long m = newMask & ~oldMask; 0 != m; m &= m - 1)
        {
            add(slot, first + Long.numberOfTrailingZeros(m));
        }
    }

    int count(final int dense)
    {
        return counts[dense];
    }

    int member(final int dense, final int index)
    {
        return members[dense][index];
    }

    /** Sets the account's safe band on an underlying it holds; an empty band (low > high) has it visited. */
    void band(final int slot, final int d, final double low, final double high, final long deadlineNs)
    {
        final int index = positions[slot * dimensions + d];
        lows[d][index] = low;
        highs[d][index] = high;
        deadlines[d][index] = deadlineNs;
    }

    /**
     * @return the highest index at or below {@code from} whose member a tick to {@code spot} at {@code nowNs} must
     * visit, or -1 when none.
     */
    int previousToVisit(final int d, final int from, final double spot, final long nowNs)
    {
        final double[] low = lows[d];
        final double[] high = highs[d];
        final long[] deadline = deadlines[d];
        int i = from;
        // written so that a NaN spot or band has the account visited
        while (i >= 0 && spot >= low[i] && spot <= high[i] && nowNs <= deadline[i])
        {
            i--;
        }
        return i;
    }

    private void add(final int slot, final int d)
    {
        if (counts[d] == members[d].length)
        {
            final int length = members[d].length * 2;
            members[d] = Arrays.copyOf(members[d], length);
            lows[d] = Arrays.copyOf(lows[d], length);
            highs[d] = Arrays.copyOf(highs[d], length);
            deadlines[d] = Arrays.copyOf(deadlines[d], length);
        }
        final int index = counts[d]++;
        positions[slot * dimensions + d] = index;
        members[d][index] = slot;
        lows[d][index] = Double.POSITIVE_INFINITY;
        highs[d][index] = Double.NEGATIVE_INFINITY;
        deadlines[d][index] = Long.MIN_VALUE;
    }

    private void remove(final int slot, final int d)
    {
        final int index = positions[slot * dimensions + d];
        final int lastIndex = --counts[d];
        final int last = members[d][lastIndex];
        members[d][index] = last;
        lows[d][index] = lows[d][lastIndex];
        highs[d][index] = highs[d][lastIndex];
        deadlines[d][index] = deadlines[d][lastIndex];
        positions[last * dimensions + d] = index;
        positions[slot * dimensions + d] = -1;
    }
}
