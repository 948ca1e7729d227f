package io.pme.engine.state;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

/**
 * Accounts in slots allocated in opening order (so every walk over them is deterministic): balances per asset,
 * positions per instrument, and the latest margin figures.
 * <p>
 * Each slot is one fixed-size record off-heap, a multiple of 64 bytes: a header cache line with what a pre-trade
 * check reads together (account id, figures, position count, margin mode, state), then the balances, then the
 * positions as arrays inside the record (instrument ids, quantities, entry prices), so a position lookup scans
 * contiguous ints. Records live in chunks allocated as accounts open, so memory follows the accounts actually held.
 */
public final class Accounts
{
    // Margin modes are stored in snapshots, so they stay literal; a test holds them to the wire's numbering.

    /** Wire {@code MarginMode.CROSS}. */
    public static final byte CROSS = 1;
    /** Wire {@code MarginMode.ISOLATED}. */
    public static final byte ISOLATED = 2;

    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_ACCOUNTS = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK_ACCOUNTS - 1;

    // header cache line
    private static final int ACCOUNT_ID_OFFSET = 0;
    private static final int EQUITY_OFFSET = 8;
    private static final int INITIAL_MARGIN_OFFSET = 16;
    private static final int MAINTENANCE_MARGIN_OFFSET = 24;
    private static final int POSITION_COUNT_OFFSET = 32;
    private static final int MARGIN_MODE_OFFSET = 36;
    private static final int STATE_OFFSET = 37;
    private static final int PARENT_OFFSET = 40;
    private static final int LIQUIDATION_OFFSET = 44;
    private static final int ADL_BAND_OFFSET = 48;
    private static final int HEADER_LENGTH = BitUtil.CACHE_LINE_LENGTH;
    private static final int BALANCES_OFFSET = HEADER_LENGTH;

    private final int capacity;
    private final int maxAssets;
    private final int maxPositions;
    private final int instrumentsOffset;
    private final int quantitiesOffset;
    private final int entryPricesOffset;
    private final int recordLength;
    private final LongIntHashMap slotByAccountId;
    private final UnsafeBuffer[] chunks;
    private final DebtPools debtPools;
    private int count;

    /**
     * @param capacity     accounts at most.
     * @param maxAssets    asset ids a balance may be held in.
     * @param maxPositions positions one account may hold.
     */
    public Accounts(final int capacity, final int maxAssets, final int maxPositions)
    {
        this(capacity, maxAssets, maxPositions, new DebtPools(maxAssets));
    }

    /**
     * @param capacity     accounts at most.
     * @param maxAssets    asset ids a balance may be held in.
     * @param maxPositions positions one account may hold.
     * @param debtPools    the debt indices negative balances are stored by.
     */
    public Accounts(final int capacity, final int maxAssets, final int maxPositions, final DebtPools debtPools)
    {
        this.debtPools = debtPools;
        this.capacity = capacity;
        this.maxAssets = maxAssets;
        this.maxPositions = maxPositions;
        instrumentsOffset = BALANCES_OFFSET + maxAssets * Double.BYTES;
        quantitiesOffset = BitUtil.align(instrumentsOffset + maxPositions * Integer.BYTES, Double.BYTES);
        entryPricesOffset = quantitiesOffset + maxPositions * Double.BYTES;
        recordLength = BitUtil.align(entryPricesOffset + maxPositions * Double.BYTES, BitUtil.CACHE_LINE_LENGTH);
        if ((long)recordLength * Math.min(capacity, CHUNK_ACCOUNTS) > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("account record of " + recordLength + " bytes is too large");
        }
        slotByAccountId = new LongIntHashMap(capacity);
        chunks = new UnsafeBuffer[(capacity + CHUNK_MASK) >> CHUNK_SHIFT];
    }

    /**
     * Forgets every account; the chunks allocated so far are zeroed and kept for the accounts opened next.
     */
    public void clear()
    {
        slotByAccountId.clear();
        for (final UnsafeBuffer chunk : chunks)
        {
            if (null != chunk)
            {
                chunk.setMemory(0, chunk.capacity(), (byte)0);
            }
        }
        count = 0;
    }

    /** @return accounts at most. */
    public int capacity()
    {
        return capacity;
    }

    /** @return accounts opened so far; their slots are 0 … count − 1. */
    public int count()
    {
        return count;
    }

    /** @return asset ids a balance may be held in. */
    public int maxAssets()
    {
        return maxAssets;
    }

    /** @return positions one account may hold. */
    public int maxPositions()
    {
        return maxPositions;
    }

    /**
     * @return bytes of one account record off-heap (a multiple of the cache line).
     */
    public int recordLength()
    {
        return recordLength;
    }

    /**
     * @return bytes allocated off-heap so far.
     */
    public long allocatedBytes()
    {
        long bytes = 0;
        for (final UnsafeBuffer chunk : chunks)
        {
            bytes += null != chunk ? chunk.capacity() : 0;
        }
        return bytes;
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
        final int c = slot >> CHUNK_SHIFT;
        if (null == chunks[c])
        {
            chunks[c] = allocateChunk(c);
        }
        slotByAccountId.put(accountId, slot);

        final UnsafeBuffer chunk = chunks[c];
        final int record = record(slot);
        chunk.setMemory(record, recordLength, (byte)0);
        chunk.putLong(record + ACCOUNT_ID_OFFSET, accountId);
        chunk.putByte(record + MARGIN_MODE_OFFSET, marginMode);
        chunk.putByte(record + STATE_OFFSET, AccountStates.UNMARGINED);
        for (int i = 0; i < maxPositions; i++)
        {
            chunk.putInt(record + instrumentsOffset + i * Integer.BYTES, -1);
        }
        return slot;
    }

    private UnsafeBuffer allocateChunk(final int c)
    {
        // the last chunk holds only what the capacity needs, so a small table costs little
        final int records = Math.min(CHUNK_ACCOUNTS, capacity - (c << CHUNK_SHIFT));
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(records * recordLength, BitUtil.CACHE_LINE_LENGTH));
    }

    private UnsafeBuffer chunk(final int slot)
    {
        return chunks[slot >> CHUNK_SHIFT];
    }

    private int record(final int slot)
    {
        return (slot & CHUNK_MASK) * recordLength;
    }

    /** @return the account id of the slot. */
    public long accountId(final int slot)
    {
        return chunk(slot).getLong(record(slot) + ACCOUNT_ID_OFFSET);
    }

    /** @return {@link #CROSS} or {@link #ISOLATED}. */
    public byte marginMode(final int slot)
    {
        return chunk(slot).getByte(record(slot) + MARGIN_MODE_OFFSET);
    }

    /** @return the slot of an isolated account's parent, or -1 for an account without one. */
    public int parent(final int slot)
    {
        return chunk(slot).getInt(record(slot) + PARENT_OFFSET) - 1;
    }

    /** Sets an isolated account's parent slot (-1 for none). */
    public void parent(final int slot, final int parentSlot)
    {
        chunk(slot).putInt(record(slot) + PARENT_OFFSET, parentSlot + 1);
    }

    /** @return the record of the liquidation the account is in ({@link Liquidations}), or -1 when it is in none. */
    public int liquidation(final int slot)
    {
        return chunk(slot).getInt(record(slot) + LIQUIDATION_OFFSET) - 1;
    }

    /** Sets the record of the account's liquidation, -1 when it leaves it. */
    public void liquidation(final int slot, final int liquidationRecord)
    {
        chunk(slot).putInt(record(slot) + LIQUIDATION_OFFSET, liquidationRecord + 1);
    }

    /** @return the account's auto-deleveraging rank band as last published, 0..5. */
    public byte adlBand(final int slot)
    {
        return chunk(slot).getByte(record(slot) + ADL_BAND_OFFSET);
    }

    /** Sets the account's published auto-deleveraging rank band. */
    public void adlBand(final int slot, final byte band)
    {
        chunk(slot).putByte(record(slot) + ADL_BAND_OFFSET, band);
    }

    /** @return the account's balance of the asset; a debt (negative) at the asset's current debt index. */
    public double balance(final int slot, final int assetId)
    {
        final double stored = chunk(slot).getDouble(record(slot) + BALANCES_OFFSET + assetId * Double.BYTES);
        return stored < 0.0 ? stored * debtPools.index(assetId) : stored;
    }

    /**
     * @return the balance as stored: a positive one as it is, a debt scaled by the index it was taken at (what a
     * snapshot keeps, bit for bit).
     */
    public double storedBalance(final int slot, final int assetId)
    {
        return chunk(slot).getDouble(record(slot) + BALANCES_OFFSET + assetId * Double.BYTES);
    }

    /**
     * Adds to the account's balance of the asset (negative to take): a credit repays a debt first, and what the
     * balance owes after is stored scaled by the current index and counted in the asset's total scaled debt.
     */
    public void addBalance(final int slot, final int assetId, final double delta)
    {
        final UnsafeBuffer chunk = chunk(slot);
        final int offset = record(slot) + BALANCES_OFFSET + assetId * Double.BYTES;
        final double stored = chunk.getDouble(offset);
        final double index = debtPools.index(assetId);
        final double after = (stored < 0.0 ? stored * index : stored) + delta;
        final double storedAfter = after < 0.0 ? after / index : after;
        chunk.putDouble(offset, storedAfter);
        debtPools.addScaledDebt(assetId, Math.max(-storedAfter, 0.0) - Math.max(-stored, 0.0));
    }

    void restoreStoredBalance(final int slot, final int assetId, final double stored)
    {
        chunk(slot).putDouble(record(slot) + BALANCES_OFFSET + assetId * Double.BYTES, stored);
    }

    /** @return how many positions the account holds, at indices 0 … count − 1. */
    public int positionCount(final int slot)
    {
        return chunk(slot).getInt(record(slot) + POSITION_COUNT_OFFSET);
    }

    /** @return the instrument of the account's position at the index. */
    public int positionInstrument(final int slot, final int index)
    {
        return chunk(slot).getInt(record(slot) + instrumentsOffset + index * Integer.BYTES);
    }

    /** @return the signed quantity of the account's position at the index. */
    public double positionQuantity(final int slot, final int index)
    {
        return chunk(slot).getDouble(record(slot) + quantitiesOffset + index * Double.BYTES);
    }

    /** @return the entry price of the account's position at the index (linear instruments; 0 for options). */
    public double positionEntryPrice(final int slot, final int index)
    {
        return chunk(slot).getDouble(record(slot) + entryPricesOffset + index * Double.BYTES);
    }

    /**
     * @return the index of the account's position in the instrument, or -1.
     */
    public int findPosition(final int slot, final int instrumentId)
    {
        final UnsafeBuffer chunk = chunk(slot);
        final int record = record(slot);
        final int instruments = record + instrumentsOffset;
        for (int i = 0, n = chunk.getInt(record + POSITION_COUNT_OFFSET); i < n; i++)
        {
            if (chunk.getInt(instruments + i * Integer.BYTES) == instrumentId)
            {
                return i;
            }
        }
        return -1;
    }

    /** @return true when the account holds a position in the instrument or has room for one more. */
    public boolean hasPositionRoom(final int slot, final int instrumentId)
    {
        return positionCount(slot) < maxPositions || findPosition(slot, instrumentId) >= 0;
    }

    /**
     * Sets a position, adding it when new and removing it when the quantity becomes zero (the last position moves
     * into the hole, which keeps the walk order a pure function of the input sequence).
     */
    public void setPosition(final int slot, final int instrumentId, final double quantity, final double entryPrice)
    {
        final UnsafeBuffer chunk = chunk(slot);
        final int record = record(slot);
        int index = findPosition(slot, instrumentId);
        if (0.0 == quantity)
        {
            if (index >= 0)
            {
                final int last = chunk.getInt(record + POSITION_COUNT_OFFSET) - 1;
                chunk.putInt(record + POSITION_COUNT_OFFSET, last);
                movePosition(chunk, record, last, index);
            }
            return;
        }
        if (index < 0)
        {
            index = chunk.getInt(record + POSITION_COUNT_OFFSET);
            chunk.putInt(record + POSITION_COUNT_OFFSET, index + 1);
            chunk.putInt(record + instrumentsOffset + index * Integer.BYTES, instrumentId);
        }
        chunk.putDouble(record + quantitiesOffset + index * Double.BYTES, quantity);
        chunk.putDouble(record + entryPricesOffset + index * Double.BYTES, entryPrice);
    }

    private void movePosition(final UnsafeBuffer chunk, final int record, final int from, final int to)
    {
        final int fromInstrument = record + instrumentsOffset + from * Integer.BYTES;
        final int fromQuantity = record + quantitiesOffset + from * Double.BYTES;
        final int fromEntryPrice = record + entryPricesOffset + from * Double.BYTES;
        chunk.putInt(record + instrumentsOffset + to * Integer.BYTES, chunk.getInt(fromInstrument));
        chunk.putDouble(record + quantitiesOffset + to * Double.BYTES, chunk.getDouble(fromQuantity));
        chunk.putDouble(record + entryPricesOffset + to * Double.BYTES, chunk.getDouble(fromEntryPrice));
        chunk.putInt(fromInstrument, -1);
        chunk.putDouble(fromQuantity, 0.0);
        chunk.putDouble(fromEntryPrice, 0.0);
    }

    /** @return the equity of the latest figures, NaN when unmargined. */
    public double equity(final int slot)
    {
        return chunk(slot).getDouble(record(slot) + EQUITY_OFFSET);
    }

    /** @return the initial margin of the latest figures, NaN when unmargined. */
    public double initialMargin(final int slot)
    {
        return chunk(slot).getDouble(record(slot) + INITIAL_MARGIN_OFFSET);
    }

    /** @return the maintenance margin of the latest figures, NaN when unmargined. */
    public double maintenanceMargin(final int slot)
    {
        return chunk(slot).getDouble(record(slot) + MAINTENANCE_MARGIN_OFFSET);
    }

    /** @return the {@link AccountStates} code of the latest figures. */
    public byte state(final int slot)
    {
        return chunk(slot).getByte(record(slot) + STATE_OFFSET);
    }

    /** Sets the account's latest figures and the state they put it in. */
    public void figures(
        final int slot,
        final double equity,
        final double initialMargin,
        final double maintenanceMargin,
        final byte state)
    {
        final UnsafeBuffer chunk = chunk(slot);
        final int record = record(slot);
        chunk.putDouble(record + EQUITY_OFFSET, equity);
        chunk.putDouble(record + INITIAL_MARGIN_OFFSET, initialMargin);
        chunk.putDouble(record + MAINTENANCE_MARGIN_OFFSET, maintenanceMargin);
        chunk.putByte(record + STATE_OFFSET, state);
    }
}
