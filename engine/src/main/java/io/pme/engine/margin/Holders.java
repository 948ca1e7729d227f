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
    private static final int BLOCK_SHIFT = 6;
    private static final int BLOCK = 1 << BLOCK_SHIFT;

    private final int dimensions;
    private final double[][] blockLows;
    private final double[][] blockHighs;
    private final long[][] blockDeadlines;
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
        blockLows = new double[dimensions][1];
        blockHighs = new double[dimensions][1];
        blockDeadlines = new long[dimensions][1];
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
        tighten(d, index >> BLOCK_SHIFT, low, high, deadlineNs);
    }

    /** Narrows the account's safe band on an underlying to within the given bounds. */
    void narrow(final int slot, final int d, final double low, final double high)
    {
        final int index = positions[slot * dimensions + d];
        lows[d][index] = Math.max(lows[d][index], low);
        highs[d][index] = Math.min(highs[d][index], high);
        tighten(d, index >> BLOCK_SHIFT, lows[d][index], highs[d][index], deadlines[d][index]);
    }

    // A block's bounds are the intersection of its members' bands, or narrower: a band that changes only narrows
    // them here, and a scan of the block makes them exact again. So a block whose bounds hold the price and time
    // holds no member a tick must visit.
    private void tighten(final int d, final int block, final double low, final double high, final long deadlineNs)
    {
        blockLows[d][block] = Math.max(blockLows[d][block], low);
        blockHighs[d][block] = Math.min(blockHighs[d][block], high);
        blockDeadlines[d][block] = Math.min(blockDeadlines[d][block], deadlineNs);
    }

    private void recompute(final int d, final int block)
    {
        final int start = block << BLOCK_SHIFT;
        final int end = Math.min(counts[d], start + BLOCK);
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        long deadline = Long.MAX_VALUE;
        for (int i = start; i < end; i++)
        {
            // NaN bounds stay NaN, so that the block is scanned
            low = lows[d][i] > low || Double.isNaN(lows[d][i]) ? lows[d][i] : low;
            high = highs[d][i] < high || Double.isNaN(highs[d][i]) ? highs[d][i] : high;
            deadline = Math.min(deadline, deadlines[d][i]);
        }
        blockLows[d][block] = low;
        blockHighs[d][block] = high;
        blockDeadlines[d][block] = deadline;
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
        while (i >= 0)
        {
            final int block = i >> BLOCK_SHIFT;
            final int start = block << BLOCK_SHIFT;
            // written so that a NaN spot or band has the account visited
            if (spot >= blockLows[d][block] && spot <= blockHighs[d][block] && nowNs <= blockDeadlines[d][block])
            {
                i = start - 1;
                continue;
            }
            while (i >= start && spot >= low[i] && spot <= high[i] && nowNs <= deadline[i])
            {
                i--;
            }
            if (i >= start)
            {
                return i;
            }
            recompute(d, block);
        }
        return -1;
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
            final int blocks = (length + BLOCK - 1) >> BLOCK_SHIFT;
            blockLows[d] = Arrays.copyOf(blockLows[d], blocks);
            blockHighs[d] = Arrays.copyOf(blockHighs[d], blocks);
            blockDeadlines[d] = Arrays.copyOf(blockDeadlines[d], blocks);
        }
        final int index = counts[d]++;
        positions[slot * dimensions + d] = index;
        members[d][index] = slot;
        lows[d][index] = Double.POSITIVE_INFINITY;
        highs[d][index] = Double.NEGATIVE_INFINITY;
        deadlines[d][index] = Long.MIN_VALUE;
        if (0 == (index & (BLOCK - 1)))
        {
            blockLows[d][index >> BLOCK_SHIFT] = Double.NEGATIVE_INFINITY;
            blockHighs[d][index >> BLOCK_SHIFT] = Double.POSITIVE_INFINITY;
            blockDeadlines[d][index >> BLOCK_SHIFT] = Long.MAX_VALUE;
        }
        tighten(d, index >> BLOCK_SHIFT, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Long.MIN_VALUE);
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
        tighten(d, index >> BLOCK_SHIFT, lows[d][index], highs[d][index], deadlines[d][index]);
        positions[last * dimensions + d] = index;
        positions[slot * dimensions + d] = -1;
    }
}
