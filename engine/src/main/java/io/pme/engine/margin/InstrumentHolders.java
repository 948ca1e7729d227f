package io.pme.engine.margin;

import io.pme.engine.state.Accounts;

import java.util.Arrays;

/**
 * Per instrument, the accounts holding a position in it, so that a volatility change visits those accounts only.
 * Beside each member, read in one sequential pass by a tick: its |quantity| and how many of the option's lazy
 * volatility changes ({@link VolatilityChanges}) it has taken; per account, whether any is pending.
 * Each account's registrations (instrument and index in that instrument's list) sit in chunks allocated as
 * accounts open. Removal swaps the last member into the hole; the order only decides the order of margin updates
 * on the wire, never a figure.
 */
final class InstrumentHolders
{
    private static final int CHUNK_SHIFT = 12;
    private static final int CHUNK_ACCOUNTS = 1 << CHUNK_SHIFT;
    private static final int INITIAL_MEMBERS = 16;

    private final Accounts accounts;
    private final int maxPositions;
    private final int[][] members;
    private final double[][] quantities;
    private final long[][] taken;
    private final long[] pending;
    private final int[] counts;
    private final int[] registrationCounts;
    private final int[][] registeredInstruments;
    private final int[][] registeredIndices;

    InstrumentHolders(final Accounts accounts, final int maxInstruments)
    {
        this.accounts = accounts;
        this.maxPositions = accounts.maxPositions();
        members = new int[maxInstruments][];
        quantities = new double[maxInstruments][];
        taken = new long[maxInstruments][];
        pending = new long[(accounts.capacity() + Long.SIZE - 1) / Long.SIZE];
        counts = new int[maxInstruments];
        registrationCounts = new int[accounts.capacity()];
        final int chunks = (accounts.capacity() + CHUNK_ACCOUNTS - 1) >> CHUNK_SHIFT;
        registeredInstruments = new int[chunks][];
        registeredIndices = new int[chunks][];
    }

    void clear()
    {
        Arrays.fill(counts, 0);
        Arrays.fill(registrationCounts, 0);
        Arrays.fill(pending, 0L);
    }

    int count(final int instrumentId)
    {
        return counts[instrumentId];
    }

    int member(final int instrumentId, final int index)
    {
        return members[instrumentId][index];
    }

    /** @return |quantity| of the member's position in the instrument. */
    double quantity(final int instrumentId, final int index)
    {
        return quantities[instrumentId][index];
    }

    /** @return how many of the instrument's volatility changes the member has taken. */
    long taken(final int instrumentId, final int index)
    {
        return taken[instrumentId][index];
    }

    void taken(final int instrumentId, final int index, final long count)
    {
        taken[instrumentId][index] = count;
    }

    boolean isPending(final int slot)
    {
        return 0 != (pending[slot >>> 6] & (1L << slot));
    }

    void pending(final int slot, final boolean isPending)
    {
        if (isPending)
        {
            pending[slot >>> 6] |= 1L << slot;
        }
        else
        {
            pending[slot >>> 6] &= ~(1L << slot);
        }
    }

    /** @return how many instruments the account is registered with. */
    int registrations(final int slot)
    {
        return registrationCounts[slot];
    }

    /** @return the instrument of the account's registration. */
    int registeredInstrument(final int slot, final int registration)
    {
        return registeredInstruments[slot >> CHUNK_SHIFT][(slot & (CHUNK_ACCOUNTS - 1)) * maxPositions + registration];
    }

    /** @return the account's index in the list of the instrument of its registration. */
    int registeredIndex(final int slot, final int registration)
    {
        return registeredIndices[slot >> CHUNK_SHIFT][(slot & (CHUNK_ACCOUNTS - 1)) * maxPositions + registration];
    }

    /** @return the account's index in the instrument's list, or -1 when it is not registered with it. */
    int indexOf(final int slot, final int instrumentId)
    {
        final int r = registration(slot, instrumentId);
        return r < 0 ? -1 : registeredIndex(slot, r);
    }

    /**
     * Brings the account's registrations to the instruments it holds positions in now, with their quantities; a new
     * one has taken no volatility change (an exact refresh follows, or a restore, which starts with none).
     */
    void sync(final int slot)
    {
        final int chunk = slot >> CHUNK_SHIFT;
        if (null == registeredInstruments[chunk])
        {
            registeredInstruments[chunk] = new int[CHUNK_ACCOUNTS * maxPositions];
            registeredIndices[chunk] = new int[CHUNK_ACCOUNTS * maxPositions];
        }
        final int[] instruments = registeredInstruments[chunk];
        final int base = (slot & (CHUNK_ACCOUNTS - 1)) * maxPositions;
        for (int r = registrationCounts[slot] - 1; r >= 0; r--)
        {
            if (accounts.findPosition(slot, instruments[base + r]) < 0)
            {
                remove(slot, r);
            }
        }
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final int instrumentId = accounts.positionInstrument(slot, i);
            int r = registration(slot, instrumentId);
            if (r < 0)
            {
                add(slot, instrumentId);
                r = registrationCounts[slot] - 1;
            }
            quantities[instrumentId][registeredIndex(slot, r)] = Math.abs(accounts.positionQuantity(slot, i));
        }
    }

    private int registration(final int slot, final int instrumentId)
    {
        final int[] instruments = registeredInstruments[slot >> CHUNK_SHIFT];
        final int base = (slot & (CHUNK_ACCOUNTS - 1)) * maxPositions;
        for (int r = 0, n = registrationCounts[slot]; r < n; r++)
        {
            if (instruments[base + r] == instrumentId)
            {
                return r;
            }
        }
        return -1;
    }

    private void add(final int slot, final int instrumentId)
    {
        int[] list = members[instrumentId];
        if (null == list)
        {
            list = new int[INITIAL_MEMBERS];
            members[instrumentId] = list;
            quantities[instrumentId] = new double[INITIAL_MEMBERS];
            taken[instrumentId] = new long[INITIAL_MEMBERS];
        }
        else if (counts[instrumentId] == list.length)
        {
            list = Arrays.copyOf(list, list.length * 2);
            members[instrumentId] = list;
            quantities[instrumentId] = Arrays.copyOf(quantities[instrumentId], list.length);
            taken[instrumentId] = Arrays.copyOf(taken[instrumentId], list.length);
        }
        final int index = counts[instrumentId]++;
        list[index] = slot;
        taken[instrumentId][index] = 0L;
        final int at = (slot & (CHUNK_ACCOUNTS - 1)) * maxPositions + registrationCounts[slot]++;
        registeredInstruments[slot >> CHUNK_SHIFT][at] = instrumentId;
        registeredIndices[slot >> CHUNK_SHIFT][at] = index;
    }

    private void remove(final int slot, final int registration)
    {
        final int chunk = slot >> CHUNK_SHIFT;
        final int base = (slot & (CHUNK_ACCOUNTS - 1)) * maxPositions;
        final int instrumentId = registeredInstruments[chunk][base + registration];
        final int index = registeredIndices[chunk][base + registration];
        final int lastIndex = --counts[instrumentId];
        final int last = members[instrumentId][lastIndex];
        members[instrumentId][index] = last;
        quantities[instrumentId][index] = quantities[instrumentId][lastIndex];
        taken[instrumentId][index] = taken[instrumentId][lastIndex];
        if (last != slot)
        {
            final int moved = registration(last, instrumentId);
            registeredIndices[last >> CHUNK_SHIFT][(last & (CHUNK_ACCOUNTS - 1)) * maxPositions + moved] = index;
        }
        final int lastRegistration = --registrationCounts[slot];
        registeredInstruments[chunk][base + registration] = registeredInstruments[chunk][base + lastRegistration];
        registeredIndices[chunk][base + registration] = registeredIndices[chunk][base + lastRegistration];
    }
}
