package io.pme.engine.state;

import java.util.Arrays;

/**
 * Orders accepted by a pre-trade check and not yet done: a fixed pool with a free list and, per account, a singly
 * linked list in acceptance order. An account holds few open orders, so finding one by client order id walks a
 * short list and needs no hash map keyed by two longs.
 */
public final class OpenOrders
{
    public static final int NONE = -1;

    private final int capacity;
    private final int[] headByAccountSlot;
    private final int[] next;
    private final int[] accountSlots;
    private final long[] clientOrderIds;
    private final int[] instruments;
    private final double[] signedQuantities;
    private final double[] limitPrices;
    private int freeHead;
    private int count;

    /**
     * @param capacity    open orders at most, all accounts together.
     * @param maxAccounts account slots.
     */
    public OpenOrders(final int capacity, final int maxAccounts)
    {
        this.capacity = capacity;
        headByAccountSlot = new int[maxAccounts];
        next = new int[capacity];
        accountSlots = new int[capacity];
        clientOrderIds = new long[capacity];
        instruments = new int[capacity];
        signedQuantities = new double[capacity];
        limitPrices = new double[capacity];
        clear();
    }

    /** Forgets every order. */
    public void clear()
    {
        Arrays.fill(headByAccountSlot, NONE);
        Arrays.fill(accountSlots, NONE);
        Arrays.fill(clientOrderIds, 0L);
        Arrays.fill(instruments, NONE);
        Arrays.fill(signedQuantities, 0.0);
        Arrays.fill(limitPrices, 0.0);
        for (int i = 0; i < capacity; i++)
        {
            next[i] = i + 1 < capacity ? i + 1 : NONE;
        }
        freeHead = capacity > 0 ? 0 : NONE;
        count = 0;
    }

    /** @return open orders held. */
    public int count()
    {
        return count;
    }

    /** @return open orders at most. */
    public int capacity()
    {
        return capacity;
    }

    /** @return the account's first open order, or {@link #NONE}. */
    public int first(final int accountSlot)
    {
        return headByAccountSlot[accountSlot];
    }

    /** @return the next open order of the same account, or {@link #NONE}. */
    public int next(final int order)
    {
        return next[order];
    }

    /** @return the account's open order with the client order id, or {@link #NONE}. */
    public int find(final int accountSlot, final long clientOrderId)
    {
        for (int o = headByAccountSlot[accountSlot]; o != NONE; o = next[o])
        {
            if (clientOrderIds[o] == clientOrderId)
            {
                return o;
            }
        }
        return NONE;
    }

    /**
     * @return the order's handle, or {@link #NONE} when the pool is full.
     */
    public int add(
        final int accountSlot,
        final long clientOrderId,
        final int instrumentId,
        final double signedQuantity,
        final double limitPrice)
    {
        final int o = freeHead;
        if (NONE == o)
        {
            return NONE;
        }
        freeHead = next[o];
        next[o] = NONE;
        int tail = headByAccountSlot[accountSlot];
        if (NONE == tail)
        {
            headByAccountSlot[accountSlot] = o;
        }
        else
        {
            while (NONE != next[tail])
            {
                tail = next[tail];
            }
            next[tail] = o;
        }
        accountSlots[o] = accountSlot;
        clientOrderIds[o] = clientOrderId;
        instruments[o] = instrumentId;
        signedQuantities[o] = signedQuantity;
        limitPrices[o] = limitPrice;
        count++;
        return o;
    }

    /** Removes the order, releasing its reservation. */
    public void remove(final int order)
    {
        final int accountSlot = accountSlots[order];
        int prev = NONE;
        for (int o = headByAccountSlot[accountSlot]; o != NONE; prev = o, o = next[o])
        {
            if (o == order)
            {
                if (NONE == prev)
                {
                    headByAccountSlot[accountSlot] = next[o];
                }
                else
                {
                    next[prev] = next[o];
                }
                break;
            }
        }
        accountSlots[order] = NONE;
        clientOrderIds[order] = 0L;
        instruments[order] = NONE;
        signedQuantities[order] = 0.0;
        limitPrices[order] = 0.0;
        next[order] = freeHead;
        freeHead = order;
        count--;
    }

    /** @return the order's client order id. */
    public long clientOrderId(final int order)
    {
        return clientOrderIds[order];
    }

    /** @return the order's instrument. */
    public int instrument(final int order)
    {
        return instruments[order];
    }

    /** @return the order's remaining quantity, positive to buy. */
    public double signedQuantity(final int order)
    {
        return signedQuantities[order];
    }

    /** Sets the order's remaining quantity after a partial fill. */
    public void signedQuantity(final int order, final double quantity)
    {
        signedQuantities[order] = quantity;
    }

    /** @return the order's limit price. */
    public double limitPrice(final int order)
    {
        return limitPrices[order];
    }
}
