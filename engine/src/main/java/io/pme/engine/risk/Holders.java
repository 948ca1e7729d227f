package io.pme.engine.risk;

import java.util.Arrays;

/**
 * Per underlying, the accounts exposed to it, so a tick visits those accounts only. Removal swaps the last member
 * into the hole; the order only decides the order of margin updates on the wire, never a figure.
 */
final class Holders
{
    private final int maxUnderlyings;
    private final int[][] members;
    private final int[] counts;
    private final int[] positions;

    Holders(final int maxAccounts, final int maxUnderlyings)
    {
        this.maxUnderlyings = maxUnderlyings;
        members = new int[maxUnderlyings][16];
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

    private void add(final int slot, final int d)
    {
        if (counts[d] == members[d].length)
        {
            members[d] = Arrays.copyOf(members[d], members[d].length * 2);
        }
        positions[slot * maxUnderlyings + d] = counts[d];
        members[d][counts[d]++] = slot;
    }

    private void remove(final int slot, final int d)
    {
        final int index = positions[slot * maxUnderlyings + d];
        final int last = members[d][--counts[d]];
        members[d][index] = last;
        positions[last * maxUnderlyings + d] = index;
        positions[slot * maxUnderlyings + d] = -1;
    }
}
