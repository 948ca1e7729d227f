package io.pme.simulation;

import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.Side;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.ByteOrder;

import static io.pme.simulation.MarketCatalogue.LOT_SIZES;

/**
 * The venue's side of the engine's liquidation waterfall: it reads the engine's output frames and answers the
 * liquidation orders (as the exchange, with {@code LiquidationFill}s) and the auctions (as the registered liquidators,
 * with {@code AuctionBid}s into their own accounts, ids {@link MarketSimulation#FIRST_LIQUIDATOR_ACCOUNT_ID} on).
 *
 * <h2>Executing liquidation orders</h2>
 * A {@code LiquidationOrder} finds no liquidity at all one time in ten: nothing is filled and the engine withdraws it
 * at its expiry ({@code ORDER_EXPIRED}). Otherwise it gets one to three executions, the first 50 to 400 ms of message
 * time after the order, each next one 100 to 700 ms after the one before, none at or after the order's expiry; each
 * but the last goes for 30 to 80% of what is left, the last for all of it. An execution of {@code q} contracts at the
 * instrument's mark {@code m} at that moment costs the book
 * <pre>
 *     impact(q) = halfSpread + 0.01 × sqrt(notional(q) / depth)
 * </pre>
 * (the square-root law of market impact: 1% for a notional as large as the book's depth), so a sell executes at
 * {@code m × (1 − impact)} and a buy at {@code m × (1 + impact)}. The notional is {@code q × spot} for a perpetual or
 * future and {@code q × m} (the premium) for an option. The half spread is 2 bp for linear instruments and 30 bp for
 * options; the depth is 5 M USD for BTC, 2 M for ETH and 0.5 M for SOL linear books, 200 k, 100 k and 25 k USD of
 * premium for their options, each order's book scaled by a log-normal factor of dispersion 0.5 (some books are thin).
 * The execution takes the most the limit allows: the largest quantity whose price stays at or better than the limit
 * (rounded down to the lot), at most what it aimed for and at most what is left of the order. A market that moved
 * through the limit since the order was placed (a crash does, in a few hundred ms) fills less or nothing, so large
 * orders fill in parts, and some expire. The price is rounded to the tick towards the order's side of the limit,
 * never past it.
 *
 * <h2>Bidding in auctions</h2>
 * Each liquidator looks at an {@code AUCTION_STARTED} (its equity {@code E}, MM, start price, floor and end) and, with
 * probability one half, wants the portfolio at a discount {@code d} of its MM: it bids {@code E − d × MM} when the
 * descending price has fallen to that, plus a reaction time of 50 to 250 ms. Liquidator {@code i} draws {@code d}
 * uniformly in {@code [0.05 + 0.1 i, 0.45 + 0.1 i]}: the first is the keenest, and a discount beyond the auction's own
 * (half the MM by default) is never reached, so that liquidator does not bid; nor does one whose price would be below
 * what the insurance fund holds (the auction's price never falls below it). The keenest bid arrives first and wins if
 * the bidder passes its margin check with the portfolio; an auction nobody bids in, or whose bidders all fail, ends
 * with the fund taking the portfolio over.
 *
 * <h2>Determinism</h2>
 * Every decision is drawn, in the order the output frames arrive, from the desk's own random stream, or read from the
 * simulated market at the message time of the answer; the engine's outputs are a function of its inputs, so the
 * frames are a function of the seed. Every answer is due at least {@link MarketSimulation#RESPONSE_DELAY_NS} of
 * message time after the output it answers, and the simulation does not step its clock to {@code t} before it has
 * seen an output of an input stamped after {@code t − RESPONSE_DELAY_NS} ({@link #mayAdvanceTo(long)}): by then every
 * answer due at or before {@code t} is known, however far the engine lags behind. What ends an order or an auction
 * ({@code ORDER_EXPIRED}, {@code AUCTION_WON}, {@code TAKEN_BY_FUND}, {@code CLOSED}) cancels only the answers due
 * at least that delay after it, those it is sure to have seen in time; an answer sent into a race is refused by the
 * engine, as a real venue's would be.
 * <p>
 * Allocation free once its tables are built.
 */
final class LiquidationDesk
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int FIRST_OUTPUT_TEMPLATE = 100;
    private static final int FIRST_SESSION_TEMPLATE = 120;
    private static final long MISSING = -1;
    private static final long NEVER = Long.MAX_VALUE;
    private static final long MILLIS = 1_000_000L;

    private static final byte FILL = 0;
    private static final byte BID = 1;
    private static final int ACTION_CAPACITY = 1 << 16;
    private static final int ORDER_CAPACITY = 1 << 14;
    private static final int AUCTION_CAPACITY = 1 << 12;

    private static final double NO_LIQUIDITY_PROBABILITY = 0.1;
    private static final int MAX_EXECUTIONS = 3;
    private static final long FIRST_EXECUTION_MIN_NS = 50 * MILLIS;
    private static final long FIRST_EXECUTION_MAX_NS = 400 * MILLIS;
    private static final long NEXT_EXECUTION_MIN_NS = 100 * MILLIS;
    private static final long NEXT_EXECUTION_MAX_NS = 700 * MILLIS;
    private static final double MIN_SHARE = 0.3;
    private static final double MAX_SHARE = 0.8;
    private static final double IMPACT = 0.01;
    private static final double LINEAR_HALF_SPREAD = 2.0e-4;
    private static final double OPTION_HALF_SPREAD = 3.0e-3;
    private static final double[] LINEAR_DEPTH_USD = { 5.0e6, 2.0e6, 5.0e5 };
    private static final double[] OPTION_DEPTH_USD = { 2.0e5, 1.0e5, 2.5e4 };
    private static final double DEPTH_DISPERSION = 0.5;

    private static final double BID_PROBABILITY = 0.5;
    private static final double KEENEST_DISCOUNT = 0.05;
    private static final double DISCOUNT_STEP = 0.1;
    private static final double DISCOUNT_RANGE = 0.4;
    private static final long REACTION_RANGE_NS = 200 * MILLIS;

    private final FrameWriter writer;
    private final Quotes quotes;
    private final MarketCatalogue catalogue;
    private final SimRandom random;
    private final long startTimeNs;
    private final int liquidators;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final LiquidationEventDecoder event = new LiquidationEventDecoder();
    private final InsuranceFundDecoder fund = new InsuranceFundDecoder();

    private final long[] actionDueNs = new long[ACTION_CAPACITY];
    private final long[] actionSequence = new long[ACTION_CAPACITY];
    private final byte[] actionKind = new byte[ACTION_CAPACITY];
    private final int[] actionRecord = new int[ACTION_CAPACITY];
    private final int[] actionLiquidator = new int[ACTION_CAPACITY];
    private final double[] actionValue = new double[ACTION_CAPACITY];
    private int actionCount;
    private long nextSequence;

    private final Long2LongHashMap orderById = new Long2LongHashMap(ORDER_CAPACITY * 2, 0.65f, MISSING);
    private final long[] orderId = new long[ORDER_CAPACITY];
    private final int[] orderInstrument = new int[ORDER_CAPACITY];
    private final boolean[] orderBuys = new boolean[ORDER_CAPACITY];
    private final double[] orderLeft = new double[ORDER_CAPACITY];
    private final double[] orderLimit = new double[ORDER_CAPACITY];
    private final double[] orderDepthFactor = new double[ORDER_CAPACITY];
    private final long[] orderWithdrawnNs = new long[ORDER_CAPACITY];
    private final int[] orderPending = new int[ORDER_CAPACITY];
    private final int[] freeOrders = new int[ORDER_CAPACITY];
    private int freeOrderCount;

    private final Long2LongHashMap auctionById = new Long2LongHashMap(AUCTION_CAPACITY * 2, 0.65f, MISSING);
    private final long[] auctionId = new long[AUCTION_CAPACITY];
    private final long[] auctionEndedNs = new long[AUCTION_CAPACITY];
    private final int[] auctionPending = new int[AUCTION_CAPACITY];
    private final int[] freeAuctions = new int[AUCTION_CAPACITY];
    private int freeAuctionCount;

    private long lastOutputNs;
    private double fundEquity;

    LiquidationDesk(
        final SimulationConfig config, final FrameWriter writer, final Quotes quotes, final SimRandom random)
    {
        this.writer = writer;
        this.quotes = quotes;
        this.catalogue = quotes.catalogue();
        this.random = random;
        this.startTimeNs = config.startTimeNs();
        this.liquidators = config.liquidators();
        this.fundEquity = config.insuranceFundUsd();
        // nothing is stamped before the start: outputs of the opening book are the first that can be waited for
        lastOutputNs = startTimeNs - 1;
        for (int i = 0; i < ORDER_CAPACITY; i++)
        {
            freeOrders[freeOrderCount++] = ORDER_CAPACITY - 1 - i;
        }
        for (int i = 0; i < AUCTION_CAPACITY; i++)
        {
            freeAuctions[freeAuctionCount++] = AUCTION_CAPACITY - 1 - i;
        }
    }

    /**
     * Takes one output frame of the engine; frames must come in the order the engine published them.
     */
    void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER + 8)
        {
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId() ||
            templateId < FIRST_OUTPUT_TEMPLATE || templateId >= FIRST_SESSION_TEMPLATE)
        {
            // the session layer's frames are the receiver's, outside the business logic's order
            return;
        }

        // every output carries the time of the input that caused it, its first field
        lastOutputNs = Math.max(lastOutputNs, buffer.getLong(offset + HEADER, ByteOrder.LITTLE_ENDIAN));
        final int bodyOffset = offset + HEADER;
        switch (templateId)
        {
            case LiquidationOrderDecoder.TEMPLATE_ID:
                order.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                onOrder();
                break;

            case LiquidationEventDecoder.TEMPLATE_ID:
                event.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                onEvent();
                break;

            case InsuranceFundDecoder.TEMPLATE_ID:
                fund.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                fundEquity = fund.balance();
                break;

            default:
                break;
        }
    }

    /**
     * @param timestampNs message time the simulation wants to step its clock to.
     * @return true when every answer due at or before that time is known: an output of an input stamped after
     * {@code timestampNs − RESPONSE_DELAY_NS} has arrived, or no input is stamped that early.
     */
    boolean mayAdvanceTo(final long timestampNs)
    {
        final long answeredUpTo = timestampNs - MarketSimulation.RESPONSE_DELAY_NS;

        return answeredUpTo < startTimeNs || lastOutputNs > answeredUpTo;
    }

    boolean isHeadDue(final long nowNs)
    {
        return actionCount > 0 && actionDueNs[0] <= nowNs;
    }

    /**
     * Carries out the earliest due answer, at the writer's time.
     *
     * @return the length of the frame written at offset 0 of the writer's buffer, or 0 when the answer came to
     * nothing (cancelled, or no liquidity within the limit).
     */
    int next(final long nowNs)
    {
        final long dueNs = actionDueNs[0];
        final byte kind = actionKind[0];
        final int record = actionRecord[0];
        final int liquidator = actionLiquidator[0];
        final double value = actionValue[0];
        removeHead();

        return FILL == kind ? execute(record, dueNs, value, nowNs) : bid(record, liquidator, dueNs, value);
    }

    private void onOrder()
    {
        final long placedNs = order.timestampNs();
        final long expiresNs = order.expiresNs();
        final boolean noLiquidity = random.chance(NO_LIQUIDITY_PROBABILITY);
        final double depthFactor = StrictMath.exp(DEPTH_DISPERSION * random.nextGaussian());
        final int executions = 1 + random.nextInt(MAX_EXECUTIONS);
        if (noLiquidity || 0 == freeOrderCount || !(order.quantity() > 0.0))
        {
            return;
        }

        final int record = freeOrders[--freeOrderCount];
        final long id = order.liquidationOrderId();
        orderById.put(id, record);
        orderId[record] = id;
        orderInstrument[record] = order.instrumentId();
        orderBuys[record] = Side.BUY == order.side();
        orderLeft[record] = order.quantity();
        orderLimit[record] = order.limitPrice();
        orderDepthFactor[record] = depthFactor;
        orderWithdrawnNs[record] = NEVER;
        orderPending[record] = 0;

        long atNs = placedNs;
        for (int i = 0; i < executions; i++)
        {
            atNs += 0 == i ?
                between(FIRST_EXECUTION_MIN_NS, FIRST_EXECUTION_MAX_NS) :
                between(NEXT_EXECUTION_MIN_NS, NEXT_EXECUTION_MAX_NS);
            final double share = i == executions - 1 ? 1.0 : random.uniform(MIN_SHARE, MAX_SHARE);
            if (atNs < expiresNs && schedule(atNs, FILL, record, 0, share))
            {
                orderPending[record]++;
            }
        }
        releaseOrderIfDone(record);
    }

    private void onEvent()
    {
        final long atNs = event.timestampNs();
        switch (event.stage())
        {
            case ORDER_EXPIRED:
            {
                final int record = (int)orderById.get(event.liquidationOrderId());
                if (MISSING != record)
                {
                    orderWithdrawnNs[record] = Math.min(orderWithdrawnNs[record], atNs);
                }
                break;
            }

            case AUCTION_STARTED:
                onAuction();
                break;

            case AUCTION_WON:
            case TAKEN_BY_FUND:
            case CLOSED:
            {
                final int record = (int)auctionById.get(event.liquidationId());
                if (MISSING != record)
                {
                    auctionEndedNs[record] = Math.min(auctionEndedNs[record], atNs);
                }
                break;
            }

            default:
                break;
        }
    }

    private void onAuction()
    {
        final long id = event.liquidationId();
        final long startNs = event.timestampNs();
        final long endNs = event.untilNs();
        final double startPrice = event.price();
        final double floor = event.amount();
        final double mm = event.maintenanceMargin();
        int record = (int)auctionById.get(id);
        if (MISSING == record)
        {
            if (0 == freeAuctionCount)
            {
                return;
            }
            record = freeAuctions[--freeAuctionCount];
            auctionById.put(id, record);
            auctionId[record] = id;
            auctionPending[record] = 0;
        }
        // an auction the fund had no room to end is opened again under the same id
        auctionEndedNs[record] = NEVER;

        final double span = startPrice - floor;
        for (int i = 0; i < liquidators; i++)
        {
            final boolean wants = random.chance(BID_PROBABILITY);
            final double low = KEENEST_DISCOUNT + DISCOUNT_STEP * i;
            final double discount = random.uniform(low, low + DISCOUNT_RANGE);
            final long reactionNs = MarketSimulation.RESPONSE_DELAY_NS + between(0, REACTION_RANGE_NS);
            if (!wants || !(span > 0.0) || !(mm > 0.0) || endNs <= startNs)
            {
                continue;
            }

            final double price = startPrice - discount * mm;
            final double fraction = (startPrice - price) / span;
            final long bidNs = startNs + (long)Math.ceil(fraction * (endNs - startNs)) + reactionNs;
            if (fraction <= 1.0 && price >= -fundEquity && bidNs <= endNs &&
                schedule(bidNs, BID, record, i, price))
            {
                auctionPending[record]++;
            }
        }
        releaseAuctionIfDone(record);
    }

    private int execute(final int record, final long dueNs, final double share, final long nowNs)
    {
        orderPending[record]--;
        final int length = orderWithdrawnNs[record] <= dueNs - MarketSimulation.RESPONSE_DELAY_NS ?
            0 : fill(record, share, nowNs);
        releaseOrderIfDone(record);

        return length;
    }

    private int fill(final int record, final double share, final long nowNs)
    {
        final int instrument = orderInstrument[record];
        final double left = orderLeft[record];
        if (!(left > 0.0) || quotes.isExpired(instrument, nowNs))
        {
            return 0;
        }

        final int u = catalogue.underlying(instrument);
        final boolean option = catalogue.isOption(instrument);
        final double mark = quotes.mark(instrument, nowNs);
        final double limit = orderLimit[record];
        final boolean buys = orderBuys[record];
        if (!(mark > 0.0))
        {
            return 0;
        }

        final double halfSpread = option ? OPTION_HALF_SPREAD : LINEAR_HALF_SPREAD;
        final double depth = (option ? OPTION_DEPTH_USD[u] : LINEAR_DEPTH_USD[u]) * orderDepthFactor[record];
        final double notionalPerContract = option ? mark : quotes.paths().spot(u);
        final double room = (buys ? limit / mark - 1.0 : 1.0 - limit / mark) - halfSpread;
        if (!(room > 0.0))
        {
            return 0;
        }

        final double fillable = depth / notionalPerContract * (room / IMPACT) * (room / IMPACT);
        final double wanted = share >= 1.0 ? left : left * share;
        double quantity = Math.min(wanted, fillable);
        if (quantity < left)
        {
            quantity = Math.min(left, Quotes.roundDown(quantity, LOT_SIZES[u]));
        }
        else
        {
            quantity = left;
        }
        if (!(quantity > 0.0))
        {
            return 0;
        }

        final double impact = halfSpread + IMPACT * Math.sqrt(quantity * notionalPerContract / depth);
        final double price = Quotes.roundPrice(mark * (buys ? 1.0 + impact : 1.0 - impact));
        orderLeft[record] = quantity == left ? 0.0 : left - quantity;

        // never through the limit, whatever the rounding did
        return writer.liquidationFill(
            orderId[record], quantity, buys ? Math.min(limit, price) : Math.max(limit, price));
    }

    private int bid(final int record, final int liquidator, final long dueNs, final double maxPrice)
    {
        auctionPending[record]--;
        final boolean ended = auctionEndedNs[record] <= dueNs - MarketSimulation.RESPONSE_DELAY_NS;
        final long id = auctionId[record];
        releaseAuctionIfDone(record);
        if (ended)
        {
            return 0;
        }

        return writer.auctionBid(id, MarketSimulation.FIRST_LIQUIDATOR_ACCOUNT_ID + liquidator, maxPrice);
    }

    private void releaseOrderIfDone(final int record)
    {
        if (0 == orderPending[record])
        {
            orderById.remove(orderId[record]);
            freeOrders[freeOrderCount++] = record;
        }
    }

    private void releaseAuctionIfDone(final int record)
    {
        if (0 == auctionPending[record])
        {
            auctionById.remove(auctionId[record]);
            freeAuctions[freeAuctionCount++] = record;
        }
    }

    private long between(final long lowNs, final long highNs)
    {
        return lowNs + (long)(random.nextDouble() * (highNs - lowNs));
    }

    // a binary heap ordered by due time, then by the order the answers were planned in
    private boolean schedule(
        final long dueNs, final byte kind, final int record, final int liquidator, final double value)
    {
        if (ACTION_CAPACITY == actionCount)
        {
            return false;
        }

        int i = actionCount++;
        final long sequence = nextSequence++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!isBefore(dueNs, sequence, parent))
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        put(i, dueNs, sequence, kind, record, liquidator, value);

        return true;
    }

    private void removeHead()
    {
        final int last = --actionCount;
        if (0 == last)
        {
            return;
        }

        final long dueNs = actionDueNs[last];
        final long sequence = actionSequence[last];
        final byte kind = actionKind[last];
        final int record = actionRecord[last];
        final int liquidator = actionLiquidator[last];
        final double value = actionValue[last];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= last)
            {
                break;
            }
            if (child + 1 < last && isBefore(actionDueNs[child + 1], actionSequence[child + 1], child))
            {
                child++;
            }
            if (!isBefore(actionDueNs[child], actionSequence[child], dueNs, sequence))
            {
                break;
            }
            move(child, i);
            i = child;
        }
        put(i, dueNs, sequence, kind, record, liquidator, value);
    }

    private boolean isBefore(final long dueNs, final long sequence, final int slot)
    {
        return isBefore(dueNs, sequence, actionDueNs[slot], actionSequence[slot]);
    }

    private static boolean isBefore(
        final long dueNs, final long sequence, final long otherDueNs, final long otherSequence)
    {
        return dueNs < otherDueNs || (dueNs == otherDueNs && sequence < otherSequence);
    }

    private void move(final int from, final int to)
    {
        put(to, actionDueNs[from], actionSequence[from], actionKind[from], actionRecord[from],
            actionLiquidator[from], actionValue[from]);
    }

    private void put(
        final int slot,
        final long dueNs,
        final long sequence,
        final byte kind,
        final int record,
        final int liquidator,
        final double value)
    {
        actionDueNs[slot] = dueNs;
        actionSequence[slot] = sequence;
        actionKind[slot] = kind;
        actionRecord[slot] = record;
        actionLiquidator[slot] = liquidator;
        actionValue[slot] = value;
    }
}
