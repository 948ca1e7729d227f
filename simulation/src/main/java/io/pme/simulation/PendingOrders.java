package io.pme.simulation;

/**
 * Checked orders awaiting their fill and OrderDone, in a fixed ring of parallel primitive arrays. Follow-ups
 * leave in check order: an order due early waits behind an older one, which keeps the flow simple and
 * deterministic.
 */
final class PendingOrders
{
    private final int mask;
    private final int[] account;
    private final int[] instrument;
    private final long[] clientOrderId;
    private final double[] signedQuantity;
    private final double[] price;
    private final long[] dueNs;
    private final boolean[] fill;
    private long head;
    private long tail;

    PendingOrders(final int capacity)
    {
        mask = capacity - 1;
        account = new int[capacity];
        instrument = new int[capacity];
        clientOrderId = new long[capacity];
        signedQuantity = new double[capacity];
        price = new double[capacity];
        dueNs = new long[capacity];
        fill = new boolean[capacity];
    }

    int size()
    {
        return (int)(tail - head);
    }

    boolean isFull()
    {
        return size() > mask;
    }

    boolean isHeadDue(final long nowNs)
    {
        return head < tail && dueNs[index(head)] <= nowNs;
    }

    void add(
        final int accountIndex,
        final int instrumentId,
        final long orderId,
        final double quantity,
        final double limitPrice,
        final long due,
        final boolean willFill)
    {
        final int i = index(tail++);
        account[i] = accountIndex;
        instrument[i] = instrumentId;
        clientOrderId[i] = orderId;
        signedQuantity[i] = quantity;
        price[i] = limitPrice;
        dueNs[i] = due;
        fill[i] = willFill;
    }

    int headAccount()
    {
        return account[index(head)];
    }

    int headInstrument()
    {
        return instrument[index(head)];
    }

    long headClientOrderId()
    {
        return clientOrderId[index(head)];
    }

    double headSignedQuantity()
    {
        return signedQuantity[index(head)];
    }

    double headPrice()
    {
        return price[index(head)];
    }

    boolean headNeedsFill()
    {
        return fill[index(head)];
    }

    /**
     * The head's fill has been sent; its OrderDone comes next.
     */
    void headFilled()
    {
        fill[index(head)] = false;
    }

    void removeHead()
    {
        head++;
    }

    private int index(final long sequence)
    {
        return (int)sequence & mask;
    }
}
