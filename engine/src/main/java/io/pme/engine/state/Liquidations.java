package io.pme.engine.state;

import java.util.Arrays;

/**
 * The liquidations in progress, one record each, and the ids they are known by on the wire. A record is allocated
 * from a stack of free ones (so the record an account gets is a pure function of the input sequence) and holds the
 * liquidation's stage, its steps, its one open order and its auction. Sized at start; nothing grows, and a step
 * allocates nothing: the two ids are found through {@link RecordIndex}es of the records' own id arrays.
 */
public final class Liquidations
{
    /** Partial steps: orders for slices of the position that relieves the maintenance margin most. */
    public static final byte PARTIAL = 1;
    /** The whole portfolio offered to the liquidators at a descending price. */
    public static final byte AUCTION = 2;
    /** The insurance fund unwinding what it took over: orders until it is flat, no recovery stop. */
    public static final byte UNWIND = 3;

    private final int capacity;
    private final long[] ids;
    private final int[] slots;
    private final byte[] stages;
    private final long[] startedNs;
    private final int[] steps;
    private final long[] nextStepNs;
    private final long[] dueNs;
    private final long[] orderIds;
    private final int[] orderInstruments;
    private final double[] orderRemaining;
    private final double[] orderLimits;
    private final long[] orderExpiresNs;
    private final long[] auctionStartNs;
    private final long[] auctionEndNs;
    private final double[] auctionStartPrices;
    private final double[] auctionFloorPrices;
    private final int[] free;
    private final RecordIndex recordById;
    private final RecordIndex recordByOrderId;
    private int freeCount;
    private int highWater;
    private int active;
    private long lastLiquidationId;
    private long lastOrderId;

    /** @param capacity liquidations in progress at most. */
    public Liquidations(final int capacity)
    {
        this.capacity = capacity;
        ids = new long[capacity];
        slots = new int[capacity];
        stages = new byte[capacity];
        startedNs = new long[capacity];
        steps = new int[capacity];
        nextStepNs = new long[capacity];
        dueNs = new long[capacity];
        orderIds = new long[capacity];
        orderInstruments = new int[capacity];
        orderRemaining = new double[capacity];
        orderLimits = new double[capacity];
        orderExpiresNs = new long[capacity];
        auctionStartNs = new long[capacity];
        auctionEndNs = new long[capacity];
        auctionStartPrices = new double[capacity];
        auctionFloorPrices = new double[capacity];
        free = new int[capacity];
        recordById = new RecordIndex(ids);
        recordByOrderId = new RecordIndex(orderIds);
    }

    /** Forgets every liquidation and restarts the ids. */
    public void clear()
    {
        Arrays.fill(ids, 0L);
        Arrays.fill(stages, (byte)0);
        recordById.clear();
        recordByOrderId.clear();
        freeCount = 0;
        highWater = 0;
        active = 0;
        lastLiquidationId = 0;
        lastOrderId = 0;
    }

    /** @return liquidations in progress at most. */
    public int capacity()
    {
        return capacity;
    }

    /** @return liquidations in progress. */
    public int active()
    {
        return active;
    }

    /** @return one more than the highest record ever used: every live record is below it. */
    public int highWater()
    {
        return highWater;
    }

    /** @return true when the record holds a liquidation in progress. */
    public boolean isLive(final int record)
    {
        return 0 != stages[record];
    }

    /**
     * Starts a liquidation of the account in the stage.
     *
     * @return its record, or -1 when every record is in use.
     */
    public int start(final int slot, final byte stage, final long nowNs)
    {
        final int record;
        if (freeCount > 0)
        {
            record = free[--freeCount];
        }
        else if (highWater < capacity)
        {
            record = highWater++;
        }
        else
        {
            return -1;
        }
        active++;
        ids[record] = ++lastLiquidationId;
        slots[record] = slot;
        stages[record] = stage;
        startedNs[record] = nowNs;
        steps[record] = 0;
        nextStepNs[record] = nowNs;
        dueNs[record] = nowNs;
        clearOrder(record);
        auctionStartNs[record] = 0;
        auctionEndNs[record] = 0;
        auctionStartPrices[record] = 0.0;
        auctionFloorPrices[record] = 0.0;
        recordById.put(record);
        return record;
    }

    /** Ends the liquidation: its record is free for the next. */
    public void end(final int record)
    {
        // out of the indexes before the ids are cleared: an index finds a record by the id it holds
        orderDone(record);
        recordById.remove(record);
        stages[record] = 0;
        ids[record] = 0;
        free[freeCount++] = record;
        active--;
    }

    /** @return the record of the liquidation with that wire id, or -1. */
    public int byId(final long liquidationId)
    {
        return recordById.get(liquidationId);
    }

    /** @return the record whose open order has that wire id, or -1. */
    public int byOrderId(final long liquidationOrderId)
    {
        return recordByOrderId.get(liquidationOrderId);
    }

    /** @return the liquidation's wire id. */
    public long id(final int record)
    {
        return ids[record];
    }

    /** @return the account being liquidated. */
    public int slot(final int record)
    {
        return slots[record];
    }

    /** @return {@link #PARTIAL}, {@link #AUCTION} or {@link #UNWIND}. */
    public byte stage(final int record)
    {
        return stages[record];
    }

    /** Moves the liquidation to another stage. */
    public void stage(final int record, final byte stage)
    {
        stages[record] = stage;
    }

    /** @return message time the liquidation started at. */
    public long startedNs(final int record)
    {
        return startedNs[record];
    }

    /** @return partial steps taken so far. */
    public int steps(final int record)
    {
        return steps[record];
    }

    /** @return message time before which no further step is taken. */
    public long nextStepNs(final int record)
    {
        return nextStepNs[record];
    }

    /**
     * @return message time the liquidation is next looked at: what orders the liquidations' work, so it is state
     * (a restore rebuilds the queue from it).
     */
    public long dueNs(final int record)
    {
        return dueNs[record];
    }

    /** Sets when the liquidation is next looked at. */
    public void dueNs(final int record, final long atNs)
    {
        dueNs[record] = atNs;
    }

    /** Counts a step and sets when the next may come. */
    public void stepTaken(final int record, final long nextStepNs)
    {
        steps[record]++;
        this.nextStepNs[record] = nextStepNs;
    }

    /**
     * Gives the liquidation an open order, in place of the one it had.
     *
     * @return the order's wire id.
     */
    public long placeOrder(
        final int record, final int instrumentId, final double signedQuantity, final double limitPrice,
        final long expiresNs)
    {
        orderDone(record);
        final long orderId = ++lastOrderId;
        orderIds[record] = orderId;
        orderInstruments[record] = instrumentId;
        orderRemaining[record] = signedQuantity;
        orderLimits[record] = limitPrice;
        orderExpiresNs[record] = expiresNs;
        recordByOrderId.put(record);
        return orderId;
    }

    /** @return the wire id of the liquidation's open order, 0 when it has none. */
    public long orderId(final int record)
    {
        return orderIds[record];
    }

    /** @return the instrument of the open order. */
    public int orderInstrument(final int record)
    {
        return orderInstruments[record];
    }

    /** @return what is left of the open order, signed: positive buys. */
    public double orderRemaining(final int record)
    {
        return orderRemaining[record];
    }

    /** Sets what is left of the open order. */
    public void orderRemaining(final int record, final double signedQuantity)
    {
        orderRemaining[record] = signedQuantity;
    }

    /** @return the open order's limit price. */
    public double orderLimit(final int record)
    {
        return orderLimits[record];
    }

    /** @return message time after which the open order is withdrawn. */
    public long orderExpiresNs(final int record)
    {
        return orderExpiresNs[record];
    }

    /** The open order is done: filled, expired or withdrawn. */
    public void orderDone(final int record)
    {
        if (0 != orderIds[record])
        {
            recordByOrderId.remove(record);
        }
        clearOrder(record);
    }

    private void clearOrder(final int record)
    {
        orderIds[record] = 0;
        orderInstruments[record] = -1;
        orderRemaining[record] = 0.0;
        orderLimits[record] = 0.0;
        orderExpiresNs[record] = 0;
    }

    /** Opens the liquidation's auction. */
    public void auction(
        final int record, final long startNs, final long endNs, final double startPrice, final double floorPrice)
    {
        stages[record] = AUCTION;
        auctionStartNs[record] = startNs;
        auctionEndNs[record] = endNs;
        auctionStartPrices[record] = startPrice;
        auctionFloorPrices[record] = floorPrice;
    }

    /** @return message time the auction opened at. */
    public long auctionStartNs(final int record)
    {
        return auctionStartNs[record];
    }

    /** @return message time the auction closes at. */
    public long auctionEndNs(final int record)
    {
        return auctionEndNs[record];
    }

    /** @return the price the auction opened at, USD for the whole portfolio. */
    public double auctionStartPrice(final int record)
    {
        return auctionStartPrices[record];
    }

    /** @return the price the auction descends to by its end. */
    public double auctionFloorPrice(final int record)
    {
        return auctionFloorPrices[record];
    }

    /** @return the id the last liquidation started got. */
    public long lastLiquidationId()
    {
        return lastLiquidationId;
    }

    /** @return the id the last liquidation order got. */
    public long lastOrderId()
    {
        return lastOrderId;
    }

    /** @return how many free records are stacked for reuse. */
    int freeCount()
    {
        return freeCount;
    }

    /** @return the free record at that depth of the stack (0 = bottom). */
    int free(final int depth)
    {
        return free[depth];
    }

    void restoreCounters(final long lastLiquidationId, final long lastOrderId, final int highWater)
    {
        this.lastLiquidationId = lastLiquidationId;
        this.lastOrderId = lastOrderId;
        this.highWater = highWater;
    }

    void restoreFree(final int record)
    {
        free[freeCount++] = record;
    }

    void restoreRecord(
        final int record, final long id, final int slot, final byte stage, final long startedNs, final int steps,
        final long nextStepNs,
        final long dueNs)
    {
        // a snapshot naming the record twice must not leave it indexed by ids it no longer holds
        if (record == recordById.get(ids[record]))
        {
            recordById.remove(record);
            active--;
        }
        orderDone(record);
        this.dueNs[record] = dueNs;
        ids[record] = id;
        slots[record] = slot;
        stages[record] = stage;
        this.startedNs[record] = startedNs;
        this.steps[record] = steps;
        this.nextStepNs[record] = nextStepNs;
        recordById.put(record);
        active++;
    }

    void restoreOrder(
        final int record, final long orderId, final int instrumentId, final double remaining, final double limit,
        final long expiresNs)
    {
        orderDone(record);
        orderIds[record] = orderId;
        orderInstruments[record] = instrumentId;
        orderRemaining[record] = remaining;
        orderLimits[record] = limit;
        orderExpiresNs[record] = expiresNs;
        if (0 != orderId)
        {
            recordByOrderId.put(record);
        }
    }

    void restoreAuction(
        final int record, final long startNs, final long endNs, final double startPrice, final double floorPrice)
    {
        auctionStartNs[record] = startNs;
        auctionEndNs[record] = endNs;
        auctionStartPrices[record] = startPrice;
        auctionFloorPrices[record] = floorPrice;
    }
}
