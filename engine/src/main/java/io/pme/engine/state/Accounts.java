package io.pme.engine.state;

import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

import java.util.Arrays;

/**
 * Accounts in slots allocated in opening order (so every walk over them is deterministic): balances per asset,
 * positions per instrument, and the latest margin figures. Everything lives in flat primitive arrays indexed by
 * slot, so no object exists per account or position.
 */
public final class Accounts
{
    public static final byte CROSS = 1;
    public static final byte ISOLATED = 2;

    private final int capacity;
    private final int maxAssets;
    private final int maxPositions;
    private final LongIntHashMap slotByAccountId;
    private final long[] accountIds;
    private final byte[] marginModes;
    private final double[] balances;
    private final int[] positionCounts;
    private final int[] positionInstruments;
    private final double[] positionQuantities;
    private final double[] positionEntryPrices;
    private final double[] equities;
    private final double[] initialMargins;
    private final double[] maintenanceMargins;
    private final byte[] states;
    private int count;

    public Accounts(final int capacity, final int maxAssets, final int maxPositions)
    {
        this.capacity = capacity;
        this.maxAssets = maxAssets;
        this.maxPositions = maxPositions;
        slotByAccountId = new LongIntHashMap(capacity);
        accountIds = new long[capacity];
        marginModes = new byte[capacity];
        balances = new double[capacity * maxAssets];
        positionCounts = new int[capacity];
        positionInstruments = new int[capacity * maxPositions];
        positionQuantities = new double[capacity * maxPositions];
        positionEntryPrices = new double[capacity * maxPositions];
        equities = new double[capacity];
        initialMargins = new double[capacity];
        maintenanceMargins = new double[capacity];
        states = new byte[capacity];
        clear();
    }

    public void clear()
    {
        slotByAccountId.clear();
        Arrays.fill(accountIds, 0L);
        Arrays.fill(marginModes, (byte)0);
        Arrays.fill(balances, 0.0);
        Arrays.fill(positionCounts, 0);
        Arrays.fill(positionInstruments, -1);
        Arrays.fill(positionQuantities, 0.0);
        Arrays.fill(positionEntryPrices, 0.0);
        Arrays.fill(equities, 0.0);
        Arrays.fill(initialMargins, 0.0);
        Arrays.fill(maintenanceMargins, 0.0);
        Arrays.fill(states, AccountStates.UNMARGINED);
        count = 0;
    }

    public int capacity()
    {
        return capacity;
    }

    public int count()
    {
        return count;
    }

    public int maxAssets()
    {
        return maxAssets;
    }

    public int maxPositions()
    {
        return maxPositions;
    }

    /**
     * @return the slot of the account or -1 when it was never opened.
     */
    public int slot(final long accountId)
    {
        return slotByAccountId.getIfAbsent(accountId, -1);
    }

    /**
     * @return the new slot, or -1 when the capacity is exhausted.
     */
    public int open(final long accountId, final byte marginMode)
    {
        if (count == capacity)
        {
            return -1;
        }
        final int slot = count++;
        slotByAccountId.put(accountId, slot);
        accountIds[slot] = accountId;
        marginModes[slot] = marginMode;
        return slot;
    }

    public long accountId(final int slot)
    {
        return accountIds[slot];
    }

    public byte marginMode(final int slot)
    {
        return marginModes[slot];
    }

    public double balance(final int slot, final int assetId)
    {
        return balances[slot * maxAssets + assetId];
    }

    public void addBalance(final int slot, final int assetId, final double delta)
    {
        balances[slot * maxAssets + assetId] += delta;
    }

    public int positionCount(final int slot)
    {
        return positionCounts[slot];
    }

    public int positionInstrument(final int slot, final int index)
    {
        return positionInstruments[slot * maxPositions + index];
    }

    public double positionQuantity(final int slot, final int index)
    {
        return positionQuantities[slot * maxPositions + index];
    }

    public double positionEntryPrice(final int slot, final int index)
    {
        return positionEntryPrices[slot * maxPositions + index];
    }

    /**
     * @return the index of the account's position in the instrument, or -1.
     */
    public int findPosition(final int slot, final int instrumentId)
    {
        final int base = slot * maxPositions;
        for (int i = 0, n = positionCounts[slot]; i < n; i++)
        {
            if (positionInstruments[base + i] == instrumentId)
            {
                return i;
            }
        }
        return -1;
    }

    public boolean hasPositionRoom(final int slot, final int instrumentId)
    {
        return positionCounts[slot] < maxPositions || findPosition(slot, instrumentId) >= 0;
    }

    /**
     * Sets a position, adding it when new and removing it when the quantity becomes zero (the last position moves
     * into the hole, which keeps the walk order a pure function of the input sequence).
     */
    public void setPosition(final int slot, final int instrumentId, final double quantity, final double entryPrice)
    {
        final int base = slot * maxPositions;
        int index = findPosition(slot, instrumentId);
        if (0.0 == quantity)
        {
            if (index >= 0)
            {
                final int last = --positionCounts[slot];
                positionInstruments[base + index] = positionInstruments[base + last];
                positionQuantities[base + index] = positionQuantities[base + last];
                positionEntryPrices[base + index] = positionEntryPrices[base + last];
                positionInstruments[base + last] = -1;
                positionQuantities[base + last] = 0.0;
                positionEntryPrices[base + last] = 0.0;
            }
            return;
        }
        if (index < 0)
        {
            index = positionCounts[slot]++;
            positionInstruments[base + index] = instrumentId;
        }
        positionQuantities[base + index] = quantity;
        positionEntryPrices[base + index] = entryPrice;
    }

    public double equity(final int slot)
    {
        return equities[slot];
    }

    public double initialMargin(final int slot)
    {
        return initialMargins[slot];
    }

    public double maintenanceMargin(final int slot)
    {
        return maintenanceMargins[slot];
    }

    public byte state(final int slot)
    {
        return states[slot];
    }

    public void figures(
        final int slot, final double equity, final double initialMargin, final double maintenanceMargin, final byte state)
    {
        equities[slot] = equity;
        initialMargins[slot] = initialMargin;
        maintenanceMargins[slot] = maintenanceMargin;
        states[slot] = state;
    }
}
