package io.pme.engine.state;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountsTest
{
    private static final int MAX_ASSETS = 8;
    private static final int MAX_POSITIONS = 6;
    private static final int CHUNK = Accounts.CHUNK_ACCOUNTS;
    private static final int[] EDGE_SLOTS = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1, 2 * CHUNK };

    @Test
    void recordIsWholeCacheLinesWithRoomForEverything()
    {
        final Accounts accounts = new Accounts(10, MAX_ASSETS, MAX_POSITIONS);
        // header 64 + balances 64 + instruments 24 (+ 0 pad) + quantities 48 + entry prices 48 = 248 -> 256
        assertEquals(256, accounts.recordLength());
        assertEquals(0, accounts.allocatedBytes());
        // 64 + 512 + 28 (padded to 32) + 56 + 56 = 720 -> 768
        assertEquals(768, new Accounts(10, 64, 7).recordLength());
    }

    @Test
    void openedAccountStartsEmptyAndUnmargined()
    {
        final Accounts accounts = new Accounts(10, MAX_ASSETS, MAX_POSITIONS);
        assertEquals(-1, accounts.slot(77));
        final int slot = accounts.open(77, Accounts.ISOLATED);
        assertEquals(0, slot);
        assertEquals(slot, accounts.slot(77));
        assertEquals(77, accounts.accountId(slot));
        assertEquals(Accounts.ISOLATED, accounts.marginMode(slot));
        assertEquals(AccountStates.UNMARGINED, accounts.state(slot));
        assertEquals(0, accounts.positionCount(slot));
        assertEquals(-1, accounts.positionInstrument(slot, 0));
        assertEquals(0.0, accounts.equity(slot));
        for (int asset = 0; asset < MAX_ASSETS; asset++)
        {
            assertEquals(0.0, accounts.balance(slot, asset));
        }
        // a table of 10 allocates 10 records, not a whole chunk
        assertEquals(10L * accounts.recordLength(), accounts.allocatedBytes());
    }

    @Test
    void balancesAndFiguresAreKeptPerAccount()
    {
        final Accounts accounts = new Accounts(3, MAX_ASSETS, MAX_POSITIONS);
        final int a = accounts.open(1, Accounts.CROSS);
        final int b = accounts.open(2, Accounts.CROSS);
        accounts.addBalance(a, 0, 100.0);
        accounts.addBalance(a, 0, -30.5);
        accounts.addBalance(a, MAX_ASSETS - 1, 2.0);
        accounts.addBalance(b, 0, 7.0);
        accounts.figures(a, 69.5, 10.0, 8.0, AccountStates.HEALTHY);
        accounts.figures(b, 1.0, 2.0, 3.0, AccountStates.LIQUIDATION);

        assertEquals(69.5, accounts.balance(a, 0));
        assertEquals(2.0, accounts.balance(a, MAX_ASSETS - 1));
        assertEquals(0.0, accounts.balance(a, 1));
        assertEquals(7.0, accounts.balance(b, 0));
        assertEquals(69.5, accounts.equity(a));
        assertEquals(10.0, accounts.initialMargin(a));
        assertEquals(8.0, accounts.maintenanceMargin(a));
        assertEquals(AccountStates.HEALTHY, accounts.state(a));
        assertEquals(3.0, accounts.maintenanceMargin(b));
        assertEquals(AccountStates.LIQUIDATION, accounts.state(b));
        assertEquals(1, accounts.accountId(a), "figures and balances leave the header's id alone");
    }

    @Test
    void positionsAreAddedUpdatedAndRemovedByMovingTheLastIntoTheHole()
    {
        final Accounts accounts = new Accounts(1, MAX_ASSETS, 3);
        final int slot = accounts.open(5, Accounts.CROSS);
        accounts.setPosition(slot, 10, 1.0, 100.0);
        accounts.setPosition(slot, 20, -2.0, 200.0);
        accounts.setPosition(slot, 30, 3.0, 300.0);
        assertEquals(3, accounts.positionCount(slot));
        assertEquals(1, accounts.findPosition(slot, 20));
        assertEquals(-1, accounts.findPosition(slot, 40));
        assertTrue(accounts.hasPositionRoom(slot, 30));
        assertTrue(!accounts.hasPositionRoom(slot, 40));

        accounts.setPosition(slot, 20, -4.0, 210.0);
        assertEquals(3, accounts.positionCount(slot));
        assertEquals(-4.0, accounts.positionQuantity(slot, 1));
        assertEquals(210.0, accounts.positionEntryPrice(slot, 1));

        accounts.setPosition(slot, 10, 0.0, 0.0);
        assertEquals(2, accounts.positionCount(slot));
        assertEquals(30, accounts.positionInstrument(slot, 0));
        assertEquals(3.0, accounts.positionQuantity(slot, 0));
        assertEquals(300.0, accounts.positionEntryPrice(slot, 0));
        assertEquals(20, accounts.positionInstrument(slot, 1));
        assertEquals(-1, accounts.positionInstrument(slot, 2));
        assertEquals(0.0, accounts.positionQuantity(slot, 2));
        assertEquals(-1, accounts.findPosition(slot, 10));

        accounts.setPosition(slot, 20, 0.0, 0.0);
        accounts.setPosition(slot, 99, 0.0, 0.0);
        assertEquals(1, accounts.positionCount(slot));
        assertEquals(0, accounts.findPosition(slot, 30));
        assertTrue(accounts.hasPositionRoom(slot, 40));
    }

    @Test
    void accountsInDifferentChunksDoNotOverlap()
    {
        final int capacity = EDGE_SLOTS[EDGE_SLOTS.length - 1] + 1;
        final Accounts accounts = new Accounts(capacity, MAX_ASSETS, MAX_POSITIONS);
        for (int slot = 0; slot < capacity; slot++)
        {
            assertEquals(slot, accounts.open(1_000_000L + slot, Accounts.CROSS));
        }
        assertEquals((long)capacity * accounts.recordLength(), accounts.allocatedBytes());
        for (final int slot : EDGE_SLOTS)
        {
            fill(accounts, slot);
        }
        for (final int slot : EDGE_SLOTS)
        {
            assertFilled(accounts, slot);
        }
        for (final int untouched : new int[]{ 2, CHUNK - 2, CHUNK + 2, 2 * CHUNK - 2 })
        {
            assertEquals(0, accounts.positionCount(untouched));
            assertEquals(0.0, accounts.balance(untouched, MAX_ASSETS - 1));
            assertEquals(AccountStates.UNMARGINED, accounts.state(untouched));
            assertEquals(1_000_000L + untouched, accounts.accountId(untouched));
        }
        assertEquals(-1, accounts.open(42, Accounts.CROSS), "capacity exhausted");
        assertEquals(capacity, accounts.count());
        assertEquals(-1, accounts.slot(42));
    }

    @Test
    void clearForgetsEveryAccountAndZeroesTheRecords()
    {
        final Accounts accounts = new Accounts(CHUNK + 2, MAX_ASSETS, MAX_POSITIONS);
        for (int slot = 0; slot < CHUNK + 2; slot++)
        {
            accounts.open(slot + 1, Accounts.CROSS);
        }
        fill(accounts, 0);
        fill(accounts, CHUNK + 1);
        final long allocated = accounts.allocatedBytes();

        accounts.clear();
        assertEquals(0, accounts.count());
        assertEquals(-1, accounts.slot(1));
        assertEquals(allocated, accounts.allocatedBytes(), "chunks are kept for reuse");
        for (int n = 0; n < CHUNK + 2; n++)
        {
            assertEquals(n, accounts.open(500 + n, Accounts.ISOLATED));
        }
        for (final int slot : new int[]{ 0, CHUNK + 1 })
        {
            assertEquals(500 + slot, accounts.accountId(slot));
            assertEquals(Accounts.ISOLATED, accounts.marginMode(slot));
            assertEquals(AccountStates.UNMARGINED, accounts.state(slot));
            assertEquals(0, accounts.positionCount(slot));
            assertEquals(-1, accounts.findPosition(slot, 3));
            assertEquals(0.0, accounts.balance(slot, 1));
            assertEquals(0.0, accounts.equity(slot));
        }
    }

    @Test
    void capacityExhaustionReturnsMinusOne()
    {
        final Accounts accounts = new Accounts(2, MAX_ASSETS, MAX_POSITIONS);
        assertEquals(0, accounts.open(1, Accounts.CROSS));
        assertEquals(1, accounts.open(2, Accounts.CROSS));
        assertEquals(-1, accounts.open(3, Accounts.CROSS));
        assertEquals(2, accounts.count());
    }

    @Test
    void accessorsAllocateNothing()
    {
        final Accounts accounts = new Accounts(CHUNK + 1, MAX_ASSETS, MAX_POSITIONS);
        for (int slot = 0; slot < CHUNK + 1; slot++)
        {
            accounts.open(slot + 1, Accounts.CROSS);
        }
        churn(accounts, 20_000);
        final long before = ThreadAllocation.bytes();
        final double sum = churn(accounts, 200_000);
        final long allocated = ThreadAllocation.bytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes (" + sum + ")");
    }

    /**
     * Any sequence of balance, position and figure updates leaves the same observable state as a plain on-heap
     * model of the documented behaviour, in every chunk.
     */
    @Property(tries = 60)
    void matchesOnHeapModel(@ForAll @Size(max = 400) final List<@IntRange(min = 0) Integer> operations)
    {
        final int capacity = 2 * CHUNK + 1;
        final Accounts accounts = new Accounts(capacity, MAX_ASSETS, MAX_POSITIONS);
        final Model model = new Model(EDGE_SLOTS.length);
        for (int slot = 0; slot < capacity; slot++)
        {
            accounts.open(7_000_000L + slot, 0 == slot % 2 ? Accounts.CROSS : Accounts.ISOLATED);
        }
        for (final int op : operations)
        {
            final int e = (op >>> 2) % EDGE_SLOTS.length;
            final int slot = EDGE_SLOTS[e];
            final int a = (op >>> 6) & 0xFF;
            final double value = ((op >>> 14) % 9 - 4) * 1.25;
            switch (op & 3)
            {
                case 0:
                    accounts.addBalance(slot, a % MAX_ASSETS, value);
                    model.balances[e][a % MAX_ASSETS] += value;
                    break;
                case 1:
                    final int instrument = a % 10;
                    assertEquals(model.hasRoom(e, instrument), accounts.hasPositionRoom(slot, instrument));
                    if (model.hasRoom(e, instrument))
                    {
                        accounts.setPosition(slot, instrument, value, a);
                        model.setPosition(e, instrument, value, a);
                    }
                    break;
                default:
                    accounts.figures(slot, value, a, -value, (byte)(a % 5));
                    model.figures[e][0] = value;
                    model.figures[e][1] = a;
                    model.figures[e][2] = -value;
                    model.states[e] = (byte)(a % 5);
                    break;
            }
        }
        for (int e = 0; e < EDGE_SLOTS.length; e++)
        {
            model.assertSame(accounts, EDGE_SLOTS[e], e);
        }
    }

    private static final class Model
    {
        final double[][] balances;
        final int[] positionCounts;
        final int[][] instruments;
        final double[][] quantities;
        final double[][] entryPrices;
        final double[][] figures;
        final byte[] states;

        Model(final int accounts)
        {
            balances = new double[accounts][MAX_ASSETS];
            positionCounts = new int[accounts];
            instruments = new int[accounts][MAX_POSITIONS];
            quantities = new double[accounts][MAX_POSITIONS];
            entryPrices = new double[accounts][MAX_POSITIONS];
            figures = new double[accounts][3];
            states = new byte[accounts];
            Arrays.fill(states, AccountStates.UNMARGINED);
        }

        int find(final int e, final int instrument)
        {
            for (int i = 0; i < positionCounts[e]; i++)
            {
                if (instruments[e][i] == instrument)
                {
                    return i;
                }
            }
            return -1;
        }

        boolean hasRoom(final int e, final int instrument)
        {
            return positionCounts[e] < MAX_POSITIONS || find(e, instrument) >= 0;
        }

        void setPosition(final int e, final int instrument, final double quantity, final double entryPrice)
        {
            final int i = find(e, instrument);
            if (0.0 == quantity)
            {
                if (i >= 0)
                {
                    final int last = --positionCounts[e];
                    instruments[e][i] = instruments[e][last];
                    quantities[e][i] = quantities[e][last];
                    entryPrices[e][i] = entryPrices[e][last];
                }
                return;
            }
            final int index = i >= 0 ? i : positionCounts[e]++;
            instruments[e][index] = instrument;
            quantities[e][index] = quantity;
            entryPrices[e][index] = entryPrice;
        }

        void assertSame(final Accounts accounts, final int slot, final int e)
        {
            assertEquals(7_000_000L + slot, accounts.accountId(slot));
            assertEquals(0 == slot % 2 ? Accounts.CROSS : Accounts.ISOLATED, accounts.marginMode(slot));
            for (int asset = 0; asset < MAX_ASSETS; asset++)
            {
                assertEquals(balances[e][asset], accounts.balance(slot, asset));
            }
            assertEquals(positionCounts[e], accounts.positionCount(slot));
            for (int i = 0; i < positionCounts[e]; i++)
            {
                assertEquals(instruments[e][i], accounts.positionInstrument(slot, i));
                assertEquals(quantities[e][i], accounts.positionQuantity(slot, i));
                assertEquals(entryPrices[e][i], accounts.positionEntryPrice(slot, i));
            }
            for (int instrument = 0; instrument < 10; instrument++)
            {
                assertEquals(find(e, instrument), accounts.findPosition(slot, instrument));
            }
            assertEquals(figures[e][0], accounts.equity(slot));
            assertEquals(figures[e][1], accounts.initialMargin(slot));
            assertEquals(figures[e][2], accounts.maintenanceMargin(slot));
            assertEquals(states[e], accounts.state(slot));
        }
    }

    private static void fill(final Accounts accounts, final int slot)
    {
        for (int asset = 0; asset < MAX_ASSETS; asset++)
        {
            accounts.addBalance(slot, asset, slot + asset + 0.5);
        }
        for (int i = 0; i < MAX_POSITIONS; i++)
        {
            accounts.setPosition(slot, 100 + i, slot + i + 0.25, slot * 10.0 + i);
        }
        accounts.figures(slot, slot + 0.125, slot + 0.25, slot + 0.375, AccountStates.RESTRICTED);
    }

    private static void assertFilled(final Accounts accounts, final int slot)
    {
        assertEquals(1_000_000L + slot, accounts.accountId(slot));
        assertEquals(Accounts.CROSS, accounts.marginMode(slot));
        for (int asset = 0; asset < MAX_ASSETS; asset++)
        {
            assertEquals(slot + asset + 0.5, accounts.balance(slot, asset));
        }
        assertEquals(MAX_POSITIONS, accounts.positionCount(slot));
        for (int i = 0; i < MAX_POSITIONS; i++)
        {
            assertEquals(100 + i, accounts.positionInstrument(slot, i));
            assertEquals(i, accounts.findPosition(slot, 100 + i));
            assertEquals(slot + i + 0.25, accounts.positionQuantity(slot, i));
            assertEquals(slot * 10.0 + i, accounts.positionEntryPrice(slot, i));
        }
        assertEquals(slot + 0.125, accounts.equity(slot));
        assertEquals(slot + 0.25, accounts.initialMargin(slot));
        assertEquals(slot + 0.375, accounts.maintenanceMargin(slot));
        assertEquals(AccountStates.RESTRICTED, accounts.state(slot));
    }

    private static double churn(final Accounts accounts, final int rounds)
    {
        double sum = 0;
        for (int r = 0; r < rounds; r++)
        {
            final int slot = 0 == (r & 1) ? r % 7 : Accounts.CHUNK_ACCOUNTS;
            final int instrument = r % 9;
            accounts.addBalance(slot, r % MAX_ASSETS, 1.0);
            accounts.setPosition(slot, instrument, 0 == r % 3 ? 0.0 : r, r);
            accounts.figures(slot, r, r, r, AccountStates.HEALTHY);
            sum += accounts.balance(slot, 0) + accounts.equity(slot) + accounts.findPosition(slot, instrument) +
                accounts.positionCount(slot) + accounts.state(slot) + accounts.accountId(slot);
        }
        return sum;
    }
}
