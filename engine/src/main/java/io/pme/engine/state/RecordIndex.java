package io.pme.engine.state;

import java.util.Arrays;

/**
 * Finds a record by a long key the record itself holds, in an array its owner keeps: an open-addressing table of
 * record numbers only (4 bytes a slot, the key is read back from the owner's array), linear probing, and deletion
 * by backward shift, so a removal leaves no tombstone behind and the table never needs rehashing. It is sized once
 * for every record at once, at most half full, and allocates nothing after construction.
 * <p>
 * The owner must not change a record's key while the record is in the index: the key is both how the record is
 * found and where it sits. Nothing iterates the index, so its slot order never reaches the state or its digest.
 */
final class RecordIndex
{
    /** The largest number of records an index is built for: its table of twice the power of two is an array. */
    static final int MAX_RECORDS = 1 << 29;

    private static final int EMPTY = -1;
    // Fibonacci hashing: the ids are consecutive, and the multiply spreads runs of them across the whole table
    private static final long GOLDEN_RATIO = 0x9E3779B97F4A7C15L;

    private final long[] keys;
    private final int[] table;
    private final int mask;
    private final int shift;
    private int size;

    /** @param keys the owner's key of each record, indexed by record; its length is the number of records. */
    RecordIndex(final long[] keys)
    {
        if (keys.length > MAX_RECORDS)
        {
            throw new IllegalArgumentException("at most " + MAX_RECORDS + " records, not " + keys.length);
        }
        this.keys = keys;
        // a slot at least twice per record keeps probes short with every record in, and the table never grows
        final int slots = 2 * Integer.highestOneBit(Math.max(1, 2 * keys.length - 1));
        table = new int[slots];
        Arrays.fill(table, EMPTY);
        mask = slots - 1;
        shift = Long.SIZE - Integer.numberOfTrailingZeros(slots);
    }

    /** @return the slots of the table, 4 bytes each. */
    int slots()
    {
        return table.length;
    }

    /** @return records in the index. */
    int size()
    {
        return size;
    }

    /** Removes every record. */
    void clear()
    {
        Arrays.fill(table, EMPTY);
        size = 0;
    }

    /** @return the record whose key it is, or -1. */
    int get(final long key)
    {
        final int[] table = this.table;
        for (int i = home(key); ; i = (i + 1) & mask)
        {
            final int record = table[i];
            if (EMPTY == record)
            {
                return -1;
            }
            if (key == keys[record])
            {
                return record;
            }
        }
    }

    /**
     * Indexes the record by its key as it is now; a record already indexed under that key gives way to it, as a map's
     * put would.
     */
    void put(final int record)
    {
        final long key = keys[record];
        int i = home(key);
        for (int existing = table[i]; EMPTY != existing; existing = table[i])
        {
            if (key == keys[existing])
            {
                table[i] = record;
                return;
            }
            i = (i + 1) & mask;
        }
        // every record once is half the table: more means the owner indexed a record twice, and one more would
        // leave no empty slot to end a probe
        if (size == keys.length)
        {
            throw new IllegalStateException("more keys than the " + keys.length + " records");
        }
        table[i] = record;
        size++;
    }

    /** Removes the record, found by its key as it is now; nothing when it is not in the index. */
    void remove(final int record)
    {
        int hole = home(keys[record]);
        for (int existing = table[hole]; record != existing; existing = table[hole])
        {
            if (EMPTY == existing)
            {
                return;
            }
            hole = (hole + 1) & mask;
        }
        // close the gap: a later record of the run moves back into the hole unless its home lies after the hole,
        // so that every record stays reachable from its home without a tombstone
        for (int i = (hole + 1) & mask; EMPTY != table[i]; i = (i + 1) & mask)
        {
            final int moving = table[i];
            if (((i - home(keys[moving])) & mask) >= ((i - hole) & mask))
            {
                table[hole] = moving;
                hole = i;
            }
        }
        table[hole] = EMPTY;
        size--;
    }

    private int home(final long key)
    {
        return (int)((key * GOLDEN_RATIO) >>> shift);
    }
}
