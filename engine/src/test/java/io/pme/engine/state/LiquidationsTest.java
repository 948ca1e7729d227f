package io.pme.engine.state;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiquidationsTest
{
    private static final int CAPACITY = 10_000;

    @Test
    void idsAndOrderIdsFindTheirRecordsUntilTheyEnd()
    {
        final Liquidations liquidations = new Liquidations(4);
        final int a = liquidations.start(7, Liquidations.PARTIAL, 100);
        final int b = liquidations.start(8, Liquidations.PARTIAL, 100);
        final long orderA = liquidations.placeOrder(a, 3, -1.0, 99.0, 200);
        final long orderB = liquidations.placeOrder(b, 3, 1.0, 101.0, 200);
        assertEquals(a, liquidations.byId(liquidations.id(a)));
        assertEquals(b, liquidations.byId(liquidations.id(b)));
        assertEquals(a, liquidations.byOrderId(orderA));
        assertEquals(b, liquidations.byOrderId(orderB));

        final long replaced = liquidations.placeOrder(a, 4, -2.0, 98.0, 300);
        assertEquals(-1, liquidations.byOrderId(orderA), "the order replaced is no longer live");
        assertEquals(a, liquidations.byOrderId(replaced));

        final long idA = liquidations.id(a);
        liquidations.end(a);
        assertEquals(-1, liquidations.byId(idA));
        assertEquals(-1, liquidations.byOrderId(replaced));
        assertEquals(b, liquidations.byOrderId(orderB));
        assertEquals(-1, liquidations.byOrderId(0), "a record without an order is not found by order id 0");
    }

    @Test
    void aRecordRestoredTwiceIsIndexedByItsLastIdsOnly()
    {
        final Liquidations liquidations = new Liquidations(4);
        liquidations.restoreRecord(2, 5, 1, Liquidations.PARTIAL, 0, 0, 0, 0);
        liquidations.restoreOrder(2, 9, 1, 1.0, 1.0, 10);
        liquidations.restoreRecord(2, 6, 1, Liquidations.PARTIAL, 0, 0, 0, 0);
        liquidations.restoreOrder(2, 11, 1, 1.0, 1.0, 10);
        assertEquals(1, liquidations.active());
        assertEquals(-1, liquidations.byId(5));
        assertEquals(-1, liquidations.byOrderId(9));
        assertEquals(2, liquidations.byId(6));
        assertEquals(2, liquidations.byOrderId(11));
    }

    /** What a partial step does to the records, at full capacity, for many times the indexes' size. */
    @Test
    void stepsAndRestartsAllocateNothing()
    {
        final Liquidations liquidations = new Liquidations(CAPACITY);
        for (int slot = 0; slot < CAPACITY; slot++)
        {
            liquidations.placeOrder(liquidations.start(slot, Liquidations.PARTIAL, 0), 1, 1.0, 1.0, 1);
        }
        churn(liquidations, 100_000);
        final long before = ThreadAllocation.bytes();
        final long found = churn(liquidations, 1_000_000);
        final long allocated = ThreadAllocation.bytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes (" + found + ")");
        assertEquals(CAPACITY, liquidations.active());
    }

    private static long churn(final Liquidations liquidations, final int steps)
    {
        long found = 0;
        for (int i = 0; i < steps; i++)
        {
            final int record = (int)((i * 7919L) % CAPACITY);
            found += liquidations.byOrderId(liquidations.orderId(record));
            liquidations.orderDone(record);
            liquidations.placeOrder(record, 1, 1.0, 1.0, i);
            if (0 == i % 16)
            {
                final int slot = liquidations.slot(record);
                found += liquidations.byId(liquidations.id(record));
                liquidations.end(record);
                liquidations.placeOrder(liquidations.start(slot, Liquidations.PARTIAL, i), 1, 1.0, 1.0, i);
            }
        }
        return found;
    }
}
