package io.pme.engine.state;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordIndexTest
{
    @Test
    void tableIsTwiceThePowerOfTwoOfTheRecords()
    {
        assertEquals(2, new RecordIndex(new long[0]).slots());
        assertEquals(2, new RecordIndex(new long[1]).slots());
        assertEquals(4, new RecordIndex(new long[2]).slots());
        assertEquals(8, new RecordIndex(new long[3]).slots());
        assertEquals(8, new RecordIndex(new long[4]).slots());
        assertEquals(1 << 21, new RecordIndex(new long[1_000_000]).slots());
        assertEquals(1 << 18, new RecordIndex(new long[100_000]).slots());
    }

    /**
     * The ids the engine hands out: every record live, the oldest ended and a new id taken, for many times the
     * table's size, so that every run of the table has been shifted back many times over.
     */
    @Test
    void ascendingIdsChurnedThroughEveryRecordStayFound()
    {
        for (final int records : new int[]{ 1, 2, 3, 5, 64, 1000, 4097 })
        {
            final long[] keys = new long[records];
            final RecordIndex index = new RecordIndex(keys);
            final SplittableRandom random = new SplittableRandom(records);
            long lastId = 0;
            for (int record = 0; record < records; record++)
            {
                keys[record] = ++lastId;
                index.put(record);
            }
            for (int i = 0; i < 50 * records + 100; i++)
            {
                final int record = random.nextInt(records);
                assertEquals(record, index.get(keys[record]));
                index.remove(record);
                assertEquals(-1, index.get(keys[record]));
                keys[record] = ++lastId;
                index.put(record);
            }
            assertEquals(records, index.size());
            for (int record = 0; record < records; record++)
            {
                assertEquals(record, index.get(keys[record]), "record " + record + " of " + records);
            }
            assertEquals(-1, index.get(0));
            assertEquals(-1, index.get(lastId + 1));
        }
    }

    /** Any mix of puts and removes, keys clustered so that runs wrap the table's end, agrees with a map. */
    @Test
    void agreesWithAMapUnderRandomPutsAndRemoves()
    {
        for (long seed = 1; seed <= 40; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final int records = 1 + random.nextInt(200);
            final long[] keys = new long[records];
            final boolean[] indexed = new boolean[records];
            final RecordIndex index = new RecordIndex(keys);
            final Map<Long, Integer> model = new HashMap<>();
            final long keyRange = 1 + random.nextInt(4 * records);
            for (int op = 0; op < 20_000; op++)
            {
                final int record = random.nextInt(records);
                if (indexed[record])
                {
                    index.remove(record);
                    model.remove(keys[record]);
                    indexed[record] = false;
                }
                else
                {
                    final long key = random.nextBoolean() ? random.nextLong(keyRange) : random.nextLong();
                    if (model.containsKey(key))
                    {
                        continue;
                    }
                    keys[record] = key;
                    index.put(record);
                    model.put(key, record);
                    indexed[record] = true;
                }
                assertEquals(model.size(), index.size());
                final long probe = random.nextLong(keyRange);
                assertEquals(model.getOrDefault(probe, -1), index.get(probe), "seed " + seed + ", op " + op);
            }
            for (final Map.Entry<Long, Integer> e : model.entrySet())
            {
                assertEquals(e.getValue(), index.get(e.getKey()));
            }
        }
    }

    @Test
    void removingARecordNotIndexedChangesNothing()
    {
        final long[] keys = { 10, 11, 12 };
        final RecordIndex index = new RecordIndex(keys);
        index.put(0);
        index.put(1);
        index.remove(2);
        assertEquals(2, index.size());
        assertEquals(0, index.get(10));
        assertEquals(1, index.get(11));
        assertEquals(-1, index.get(12));
    }

    @Test
    void aRecordPutUnderAKeyAlreadyIndexedTakesItsPlaceAsAMapWould()
    {
        final long[] keys = { 7, 7 };
        final RecordIndex index = new RecordIndex(keys);
        index.put(0);
        index.put(1);
        assertEquals(1, index.size());
        assertEquals(1, index.get(7));
        index.remove(0);
        assertEquals(1, index.get(7), "record 0 was no longer indexed");
    }

    @Test
    void refusesMoreKeysThanRecordsRatherThanFillingTheTable()
    {
        final long[] keys = { 1, 2 };
        final RecordIndex index = new RecordIndex(keys);
        index.put(0);
        index.put(1);
        keys[1] = 3;
        assertThrows(IllegalStateException.class, () -> index.put(1));
    }

    @Test
    void clearEmptiesIt()
    {
        final long[] keys = { 1, 2, 3 };
        final RecordIndex index = new RecordIndex(keys);
        for (int record = 0; record < keys.length; record++)
        {
            index.put(record);
        }
        index.clear();
        assertEquals(0, index.size());
        assertEquals(-1, index.get(2));
        index.put(2);
        assertEquals(2, index.get(3));
    }
}
