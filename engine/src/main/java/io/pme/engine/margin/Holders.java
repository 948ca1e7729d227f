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
    private final int maxUnderlyings;
    private final int[][] members;
    private final double[][] lows;
    private final double[][] highs;
    private final long[][] deadlines;
    private final int[] counts;
    private final int[] positions;

    Holders(final int maxAccounts, final int maxUnderlyings)
    {
        this.maxUnderlyings = maxUnderlyings;
        members = new int[maxUnderlyings][16];
        lows = new double[maxUnderlyings][16];
        highs = new double[maxUnderlyings][16];
        deadlines = new long[maxUnderlyings][16];
        counts = new int[maxUnderlyings];
        positions = new int[maxAccounts * maxUnderlyings];
        Arrays.fill(positions, -1);
    }

    void clear()
    {
        Arrays.fill(counts, 0);
        Arrays.fill(positions, -1);
    }

    /** Brings the account's memberships from the old mask of dense underlyings to the new one. */
    void update(final int slot, final long oldMask, final long newMask)
    {
        for (long m = oldMask & ~newMask; 0 != m; m &= m - 1)
        {
            remove(slot, Long.numberOfTrailingZeros(m));
        }
        for (long m = newMask & ~oldMask; 0 != m; m &= m - 1)
        {
            add(slot, Long.numberOfTrailingZeros(m));
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
        final int index = positions[slot * maxUnderlyings + d];
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
        positions[slot * maxUnderlyings + d] = index;
        members[d][index] = slot;
        lows[d][index] = Double.POSITIVE_INFINITY;
        highs[d][index] = Double.NEGATIVE_INFINITY;
        deadlines[d][index] = Long.MIN_VALUE;
    }

    private void remove(final int slot, final int d)
    {
        final int index = positions[slot * maxUnderlyings + d];
        final int lastIndex = --counts[d];
        final int last = members[d][lastIndex];
        members[d][index] = last;
        lows[d][index] = lows[d][lastIndex];
        highs[d][index] = highs[d][lastIndex];
        deadlines[d][index] = deadlines[d][lastIndex];
        positions[last * maxUnderlyings + d] = index;
        positions[slot * maxUnderlyings + d] = -1;
    }
}
