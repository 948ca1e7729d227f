package io.pme.engine.state;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import org.agrona.DirectBuffer;

/**
 * The one canonical walk over all engine state. It encodes state into a snapshot, decodes a snapshot into state,
 * and the state digest is the hash of that encoding: whatever a snapshot preserves, the digest checks.
 * Not on the hot path: called on snapshot and digest requests only.
 */
public final class StateSnapshot
{
    private static final int MAGIC = 0x504D4553; // "PMES"
    // 2: risk vectors in the five-line layout, with the spot each current vector was last moved to
    // 6: accounts carry their parent and liquidation; the liquidations in progress follow the ledger
    // 7: the oracle's book, the parameter version and the scheduled parameter sets follow the ADL ranks
    // 8: where the last scheduled snapshot was taken (input sequence, engine clock) follows the scheduled sets
    // 9: debts stored scaled by their asset's index; the ledger's interest, the debt pools and the last interest
    //    epoch follow the ledger's funding; risk vectors carry each leg's de-peg add-on (rulebook section 7)
    private static final int FORMAT_VERSION = 9;
    // magic, version and input sequence: not state, so the digest leaves them out and refused inputs keep it
    private static final int HEADER_LENGTH = 16;

    /** The first chunk of an encoding's buffer: a small state holds a small buffer. */
    public static final int FIRST_CHUNK_BYTES = 1 << 20;
    /** The largest chunk of an encoding's buffer, which each next chunk doubles towards. */
    public static final int MAX_CHUNK_BYTES = 256 << 20;
    // reading a file through a window this large costs a read call every 8 MiB, and holds no more
    private static final int MAX_WINDOW_BYTES = 8 << 20;

    private final SnapshotChunks chunks;
    private final int windowBytes;
    private final int hashChunkBytes;
    private final Digest digest = new Digest();
    private SnapshotChunks hashChunk;
    private ByteBuffer window;
    private long clientsStart;
    private long clientsEnd;
    private long encodedClientsStart;
    private long encodedClientsEnd;

    /**
     * A codec whose encodings are in chunks of {@link #FIRST_CHUNK_BYTES} growing to {@link #MAX_CHUNK_BYTES}.
     */
    public StateSnapshot()
    {
        this(FIRST_CHUNK_BYTES, MAX_CHUNK_BYTES);
    }

    /**
     * A codec with chunks of the sizes given: tests use tiny ones so that values cross chunks' ends.
     *
     * @param firstChunkBytes the size of the first chunk, at least 8.
     * @param maxChunkBytes   the size each next chunk doubles towards, at least the first's.
     */
    public StateSnapshot(final int firstChunkBytes, final int maxChunkBytes)
    {
        chunks = new SnapshotChunks(firstChunkBytes, maxChunkBytes);
        windowBytes = Math.min(maxChunkBytes, MAX_WINDOW_BYTES);
        // a stream of longs hashed as the chunk fills keeps up to 7 bytes of one not yet whole
        hashChunkBytes = Math.max(16, firstChunkBytes);
    }

    /**
     * Encodes the state over the chunks of the last encoding, allocating only beyond the longest so far.
     *
     * @return the length of the encoding, whose bytes {@link #byteBuffers(long)} gives.
     */
    public long encode(final EngineState state)
    {
        chunks.rewind();
        final long length = encode(chunks, state);
        clientsStart = encodedClientsStart;
        clientsEnd = encodedClientsEnd;
        return length;
    }

    private long encode(final SnapshotChunks w, final EngineState state)
    {
        w.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(state.inputSequence());
        w.startHashing();
        w.putLong(state.nowNs()).putDouble(state.feesCollected());
        encodeAssets(w, state.assets());
        encodeInstruments(w, state.instruments());
        encodeAccounts(w, state.accounts(), state.openOrders());
        encodeRiskVectors(w, state.accounts().count(), state.riskVectors());
        encodeLedger(w, state.ledger(), state.debtPools());
        encodeLiquidations(w, state.liquidations());
        encodeAdlRanks(w, state.adlRanks());
        encodeOracle(w, state.assets(), state.oracleBook());
        encodeSchedule(w, state.parameterVersion(), state.scheduledParameters());
        w.putLong(state.snapshotSchedule().lastInputSequence()).putLong(state.snapshotSchedule().lastTimeNs());
        w.stopHashing();
        encodedClientsStart = w.position();
        encodeClients(w, state.clients());
        encodedClientsEnd = w.position();
        w.startHashing();
        encodeParameters(w, state.parameterLog());
        w.stopHashing();
        return w.position();
    }

    /**
     * The latest encoding's bytes as views of its chunks, in order, each positioned at its start: what a gathering
     * write puts in a file. No copy is made, so they hold until the next {@link #encode(EngineState)}.
     *
     * @param length of the latest encoding, as {@link #encode(EngineState)} returned it.
     * @return views of the encoding, together exactly {@code length} bytes.
     */
    public ByteBuffer[] byteBuffers(final long length)
    {
        return chunks.byteBuffers(length);
    }

    /**
     * The digest of the business state: everything a snapshot holds except the header and the clients' correlation
     * sequences, which are session bookkeeping (a refused input consumes its correlation id and nothing else).
     * The encoding is hashed as it is made, through one small chunk, so a digest of any state holds no copy of it;
     * the latest {@link #encode(EngineState)} is left as it was.
     */
    public long digest(final EngineState state)
    {
        if (null == hashChunk)
        {
            hashChunk = new SnapshotChunks(hashChunkBytes, hashChunkBytes);
        }
        hashChunk.rewindHashing(digest);
        final long length = encode(hashChunk, state);
        return digest.add(length - (encodedClientsEnd - encodedClientsStart)).value();
    }

    /** @return where the clients' correlation sequences start in the latest encoding. */
    public long clientsStart()
    {
        return clientsStart;
    }

    /** @return where the clients' correlation sequences end in the latest encoding. */
    public long clientsEnd()
    {
        return clientsEnd;
    }

    /**
     * The digest {@link #digest(EngineState)} gives, of the latest encoding, so that another thread (the snapshot
     * writer) can hash it while the business logic goes on without encoding again.
     *
     * @param length       of the latest encoding.
     * @param clientsStart {@link #clientsStart()} of that encoding.
     * @param clientsEnd   {@link #clientsEnd()} of that encoding.
     * @return the digest of the business state the encoding holds.
     */
    public long digestOf(final long length, final long clientsStart, final long clientsEnd)
    {
        return digestOf(new Digest(), length, clientsStart, clientsEnd);
    }

    private long digestOf(final Digest digest, final long length, final long clientsStart, final long clientsEnd)
    {
        digest.reset();
        chunks.hash(digest, HEADER_LENGTH, clientsStart);
        chunks.hash(digest, clientsEnd, length);
        return digest.add(length - (clientsEnd - clientsStart)).value();
    }

    /**
     * The digest {@link #digest(EngineState)} gives, of an encoding held whole in one buffer.
     *
     * @param buffer       holding the encoding from offset 0.
     * @param length       of the encoding.
     * @param clientsStart where the clients' correlation sequences start in it.
     * @param clientsEnd   where they end.
     * @return the digest of the business state the encoding holds.
     */
    public static long digestOf(
        final DirectBuffer buffer, final int length, final int clientsStart, final int clientsEnd)
    {
        final Digest digest = new Digest();
        hash(digest, buffer, HEADER_LENGTH, clientsStart);
        hash(digest, buffer, clientsEnd, length);
        return digest.add((long)length - (clientsEnd - clientsStart)).value();
    }

    private static void hash(final Digest digest, final DirectBuffer buffer, final int from, final int to)
    {
        int i = from;
        for (; i + 8 <= to; i += 8)
        {
            digest.add(buffer.getLong(i));
        }
        for (; i < to; i++)
        {
            digest.add(buffer.getByte(i));
        }
    }

    /**
     * Replaces the state with the content of a snapshot held whole in a buffer.
     *
     * @throws IllegalArgumentException when the bytes are not a snapshot this version understands.
     */
    public void decode(final DirectBuffer buffer, final int offset, final int length, final EngineState state)
    {
        decode(new SnapshotInput(buffer, offset, length), state);
    }

    /**
     * Replaces the state with the content of a snapshot read from a channel, through a window reused between
     * decodes: a snapshot file of any size, read once.
     *
     * @param channel positioned at the encoding's start.
     * @param length  of the encoding.
     * @param state   to replace.
     * @throws IllegalArgumentException when the bytes are not a snapshot this version understands.
     * @throws java.io.UncheckedIOException when the channel cannot be read.
     */
    public void decode(final ReadableByteChannel channel, final long length, final EngineState state)
    {
        if (null == window)
        {
            window = ByteBuffer.allocateDirect(windowBytes);
        }
        window.clear();
        decode(new SnapshotInput(channel, length, window), state);
    }

    private static void decode(final SnapshotInput r, final EngineState state)
    {
        if (r.getInt() != MAGIC || r.getInt() != FORMAT_VERSION)
        {
            throw new IllegalArgumentException("not a pme state snapshot of format " + FORMAT_VERSION);
        }
        state.clear();
        final long inputSequence = r.getLong();
        final long nowNs = r.getLong();
        state.restoreClock(nowNs, r.getDouble());
        state.inputSequence(inputSequence);
        decodeAssets(r, state.assets());
        decodeInstruments(r, state.instruments());
        decodeAccounts(r, state.accounts(), state.openOrders());
        decodeRiskVectors(r, state.accounts().count(), state.riskVectors());
        decodeLedger(r, state.ledger(), state.debtPools());
        decodeLiquidations(r, state.liquidations());
        decodeAdlRanks(r, state.adlRanks());
        decodeOracle(r, state.assets(), state.oracleBook());
        state.parameterVersion(r.getLong());
        decodeSchedule(r, state.scheduledParameters());
        final long lastSnapshotSequence = r.getLong();
        state.snapshotSchedule().set(lastSnapshotSequence, r.getLong());
        decodeClients(r, state.clients());
        decodeParameters(r, state.parameterLog());
        if (r.position() != r.length())
        {
            throw new IllegalArgumentException("snapshot has " + (r.length() - r.position()) + " trailing bytes");
        }
    }

    private static void encodeAssets(final SnapshotChunks w, final Assets assets)
    {
        w.putInt(assets.capacity());
        for (int id = 0; id < assets.capacity(); id++)
        {
            if (assets.isDefined(id))
            {
                w.putInt(id).putString(assets.symbol(id))
                    .putDouble(assets.price(id)).putLong(assets.priceTimeNs(id)).putInt(assets.priceSource(id));
            }
        }
        w.putInt(-1);
    }

    private static void decodeAssets(final SnapshotInput r, final Assets assets)
    {
        r.expectCapacity("assets", assets.capacity());
        for (int id = r.getInt(); id >= 0; id = r.getInt())
        {
            assets.define(id, r.getString());
            final double price = r.getDouble();
            final long timeNs = r.getLong();
            assets.price(id, price, timeNs, r.getInt());
        }
    }

    private static void encodeInstruments(final SnapshotChunks w, final Instruments instruments)
    {
        w.putInt(instruments.capacity());
        for (int id = 0; id < instruments.capacity(); id++)
        {
            if (instruments.isDefined(id))
            {
                w.putInt(id).putString(instruments.symbol(id))
                    .putByte(instruments.kind(id)).putByte(instruments.right(id)).putInt(instruments.underlying(id))
                    .putDouble(instruments.multiplier(id)).putDouble(instruments.strike(id))
                    .putLong(instruments.expiryNs(id))
                    .putDouble(instruments.vol(id)).putLong(instruments.volTimeNs(id));
            }
        }
        w.putInt(-1);
    }

    private static void decodeInstruments(final SnapshotInput r, final Instruments instruments)
    {
        r.expectCapacity("instruments", instruments.capacity());
        for (int id = r.getInt(); id >= 0; id = r.getInt())
        {
            final String symbol = r.getString();
            final byte kind = r.getByte();
            final byte right = r.getByte();
            final int underlying = r.getInt();
            final double multiplier = r.getDouble();
            final double strike = r.getDouble();
            final long expiryNs = r.getLong();
            instruments.define(id, symbol, kind, right, underlying, multiplier, strike, expiryNs);
            final double vol = r.getDouble();
            instruments.vol(id, vol, r.getLong());
        }
    }

    private static void encodeAccounts(final SnapshotChunks w, final Accounts accounts, final OpenOrders orders)
    {
        w.putInt(accounts.maxAssets()).putInt(accounts.maxPositions()).putInt(accounts.count());
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            w.putLong(accounts.accountId(slot)).putByte(accounts.marginMode(slot))
                .putDouble(accounts.equity(slot)).putDouble(accounts.initialMargin(slot))
                .putDouble(accounts.maintenanceMargin(slot)).putByte(accounts.state(slot))
                .putInt(accounts.parent(slot)).putInt(accounts.liquidation(slot)).putByte(accounts.adlBand(slot));
            for (int asset = 0; asset < accounts.maxAssets(); asset++)
            {
                final double balance = accounts.storedBalance(slot, asset);
                if (0L != Double.doubleToRawLongBits(balance))
                {
                    w.putInt(asset).putDouble(balance);
                }
            }
            w.putInt(-1);
            w.putInt(accounts.positionCount(slot));
            for (int i = 0; i < accounts.positionCount(slot); i++)
            {
                w.putInt(accounts.positionInstrument(slot, i))
                    .putDouble(accounts.positionQuantity(slot, i)).putDouble(accounts.positionEntryPrice(slot, i));
            }
            for (int o = orders.first(slot); o != OpenOrders.NONE; o = orders.next(o))
            {
                w.putInt(orders.instrument(o)).putLong(orders.clientOrderId(o))
                    .putDouble(orders.signedQuantity(o)).putDouble(orders.limitPrice(o));
            }
            w.putInt(-1);
        }
    }

    private static void decodeAccounts(final SnapshotInput r, final Accounts accounts, final OpenOrders orders)
    {
        r.expectCapacity("assets per account", accounts.maxAssets());
        r.expectCapacity("positions per account", accounts.maxPositions());
        final int count = r.getInt();
        if (count > accounts.capacity())
        {
            throw new IllegalArgumentException("snapshot holds " + count + " accounts, capacity is " +
                accounts.capacity());
        }
        for (int n = 0; n < count; n++)
        {
            final int slot = accounts.open(r.getLong(), r.getByte());
            final double equity = r.getDouble();
            final double im = r.getDouble();
            final double mm = r.getDouble();
            accounts.figures(slot, equity, im, mm, r.getByte());
            accounts.parent(slot, r.getInt());
            accounts.liquidation(slot, r.getInt());
            accounts.adlBand(slot, r.getByte());
            for (int asset = r.getInt(); asset >= 0; asset = r.getInt())
            {
                accounts.restoreStoredBalance(slot, asset, r.getDouble());
            }
            final int positions = r.getInt();
            for (int i = 0; i < positions; i++)
            {
                final int instrument = r.getInt();
                final double quantity = r.getDouble();
                accounts.setPosition(slot, instrument, quantity, r.getDouble());
            }
            for (int instrument = r.getInt(); instrument >= 0; instrument = r.getInt())
            {
                final long clientOrderId = r.getLong();
                final double quantity = r.getDouble();
                if (OpenOrders.NONE == orders.add(slot, clientOrderId, instrument, quantity, r.getDouble()))
                {
                    throw new IllegalArgumentException("snapshot holds more open orders than the capacity");
                }
            }
        }
    }

    private static void encodeRiskVectors(final SnapshotChunks w, final int accounts, final RiskVectors vectors)
    {
        w.putInt(vectors.maxUnderlyings()).putInt(vectors.denseCount());
        for (int d = 0; d < vectors.denseCount(); d++)
        {
            w.putInt(vectors.assetOf(d));
        }
        for (int slot = 0; slot < accounts; slot++)
        {
            final long mask = vectors.mask(slot);
            w.putLong(mask).putDouble(vectors.baseEquity(slot)).putLong(vectors.refreshTimeNs(slot))
                .putDouble(vectors.volatilityBudget(slot));
            for (long m = mask; 0 != m; m &= m - 1)
            {
                final int d = Long.numberOfTrailingZeros(m);
                for (int field = 0; field < RiskVectors.STRIDE; field++)
                {
                    w.putLong(vectors.getLong(slot, d, field));
                }
                w.putDouble(vectors.movedSpot(slot, d)).putLong(vectors.movedTimeNs(slot, d));
            }
        }
    }

    private static void decodeRiskVectors(final SnapshotInput r, final int accounts, final RiskVectors vectors)
    {
        r.expectCapacity("underlyings", vectors.maxUnderlyings());
        for (int d = 0, n = r.getInt(); d < n; d++)
        {
            vectors.restoreDense(r.getInt(), d);
        }
        for (int slot = 0; slot < accounts; slot++)
        {
            final long mask = r.getLong();
            vectors.mask(slot, mask);
            vectors.baseEquity(slot, r.getDouble());
            vectors.refreshTimeNs(slot, r.getLong());
            vectors.volatilityBudget(slot, r.getDouble());
            for (long m = mask; 0 != m; m &= m - 1)
            {
                final int d = Long.numberOfTrailingZeros(m);
                for (int field = 0; field < RiskVectors.STRIDE; field++)
                {
                    vectors.putLong(slot, d, field, r.getLong());
                }
                vectors.movedSpot(slot, d, r.getDouble());
                vectors.movedTimeNs(slot, d, r.getLong());
            }
        }
    }

    private static void encodeLedger(final SnapshotChunks w, final Ledger ledger, final DebtPools pools)
    {
        w.putInt(ledger.capacity());
        for (int a = 0; a < ledger.capacity(); a++)
        {
            w.putDouble(ledger.deposits(a)).putDouble(ledger.withdrawals(a)).putDouble(ledger.interest(a))
                .putDouble(pools.index(a)).putDouble(pools.scaledDebt(a));
        }
        w.putDouble(ledger.tradeCash()).putDouble(ledger.funding()).putLong(pools.lastEpochNs());
    }

    private static void decodeLedger(final SnapshotInput r, final Ledger ledger, final DebtPools pools)
    {
        r.expectCapacity("ledger assets", ledger.capacity());
        for (int a = 0; a < ledger.capacity(); a++)
        {
            final double deposited = r.getDouble();
            final double withdrawn = r.getDouble();
            ledger.restore(a, deposited, withdrawn, r.getDouble());
            final double index = r.getDouble();
            pools.restore(a, index, r.getDouble());
        }
        final double tradeCash = r.getDouble();
        ledger.restore(tradeCash, r.getDouble());
        pools.lastEpochNs(r.getLong());
    }

    private static void encodeOracle(final SnapshotChunks w, final Assets assets, final OracleBook book)
    {
        for (int a = 0; a < assets.capacity(); a++)
        {
            if (!assets.isDefined(a))
            {
                continue;
            }
            w.putByte(book.status(a)).putDouble(book.index(a)).putLong(book.indexTimeNs(a))
                .putLong(book.pendingSinceNs(a)).putDouble(book.pendingPrice(a))
                .putDouble(book.variance(a)).putLong(book.varianceTimeNs(a)).putDouble(book.volatilityFactor(a))
                .putLong(book.depeggedSinceNs(a)).putLong(book.deadlineNs(a));
            for (int s = OracleBook.firstSlot(a), end = s + OracleBook.SLOTS; s < end; s++)
            {
                w.putInt(book.slotSource(s)).putDouble(book.slotPrice(s)).putLong(book.slotSourceTimeNs(s))
                    .putLong(book.slotArrivalNs(s));
            }
        }
    }

    private static void decodeOracle(final SnapshotInput r, final Assets assets, final OracleBook book)
    {
        for (int a = 0; a < assets.capacity(); a++)
        {
            if (!assets.isDefined(a))
            {
                continue;
            }
            book.status(a, r.getByte());
            final double index = r.getDouble();
            book.index(a, index, r.getLong());
            final long pendingSinceNs = r.getLong();
            book.pending(a, pendingSinceNs, r.getDouble());
            final double variance = r.getDouble();
            book.variance(a, variance, r.getLong());
            book.volatilityFactor(a, r.getDouble());
            book.depeggedSinceNs(a, r.getLong());
            book.deadlineNs(a, r.getLong());
            for (int s = OracleBook.firstSlot(a), end = s + OracleBook.SLOTS; s < end; s++)
            {
                final int source = r.getInt();
                final double price = r.getDouble();
                final long sourceTimeNs = r.getLong();
                book.slot(s, source, price, sourceTimeNs, r.getLong());
            }
        }
    }

    private static void encodeLiquidations(final SnapshotChunks w, final Liquidations liquidations)
    {
        // not the capacity: engines sized differently replay a journal to the same digest
        w.putLong(liquidations.lastLiquidationId())
            .putLong(liquidations.lastOrderId()).putInt(liquidations.highWater());
        for (int record = 0; record < liquidations.highWater(); record++)
        {
            if (!liquidations.isLive(record))
            {
                continue;
            }
            w.putInt(record).putLong(liquidations.id(record)).putInt(liquidations.slot(record))
                .putByte(liquidations.stage(record)).putLong(liquidations.startedNs(record))
                .putInt(liquidations.steps(record)).putLong(liquidations.nextStepNs(record))
                .putLong(liquidations.dueNs(record))
                .putLong(liquidations.orderId(record)).putInt(liquidations.orderInstrument(record))
                .putDouble(liquidations.orderRemaining(record)).putDouble(liquidations.orderLimit(record))
                .putLong(liquidations.orderExpiresNs(record))
                .putLong(liquidations.auctionStartNs(record)).putLong(liquidations.auctionEndNs(record))
                .putDouble(liquidations.auctionStartPrice(record)).putDouble(liquidations.auctionFloorPrice(record));
        }
        w.putInt(-1);
        // the free stack decides which record the next liquidation gets, so it is state
        w.putInt(liquidations.freeCount());
        for (int i = 0; i < liquidations.freeCount(); i++)
        {
            w.putInt(liquidations.free(i));
        }
    }

    private static void decodeLiquidations(final SnapshotInput r, final Liquidations liquidations)
    {
        final long lastLiquidationId = r.getLong();
        final long lastOrderId = r.getLong();
        final int highWater = r.getInt();
        if (highWater > liquidations.capacity())
        {
            throw new IllegalArgumentException("snapshot has used " + highWater + " liquidation records, capacity is " +
                liquidations.capacity());
        }
        liquidations.restoreCounters(lastLiquidationId, lastOrderId, highWater);
        for (int record = r.getInt(); record >= 0; record = r.getInt())
        {
            final long id = r.getLong();
            final int slot = r.getInt();
            final byte stage = r.getByte();
            final long startedNs = r.getLong();
            final int steps = r.getInt();
            final long nextStepNs = r.getLong();
            liquidations.restoreRecord(record, id, slot, stage, startedNs, steps, nextStepNs, r.getLong());
            final long orderId = r.getLong();
            final int instrument = r.getInt();
            final double remaining = r.getDouble();
            final double limit = r.getDouble();
            liquidations.restoreOrder(record, orderId, instrument, remaining, limit, r.getLong());
            final long startNs = r.getLong();
            final long endNs = r.getLong();
            final double startPrice = r.getDouble();
            liquidations.restoreAuction(record, startNs, endNs, startPrice, r.getDouble());
        }
        for (int n = r.getInt(); n > 0; n--)
        {
            liquidations.restoreFree(r.getInt());
        }
    }

    // sparse: a histogram is mostly empty buckets; sides by index, so the encoding is one for one state
    private static void encodeAdlRanks(final SnapshotChunks w, final AdlRanks ranks)
    {
        w.putByte((byte)(ranks.isSweeping() ? 1 : 0)).putInt(ranks.cursor()).putLong(ranks.nextSweepNs());
        final int sides = ranks.maxInstruments() * 2;
        for (int i = 0; i < sides * AdlRanks.BUCKETS; i++)
        {
            if (0 != ranks.count(i))
            {
                w.putInt(i).putInt(ranks.count(i));
            }
        }
        w.putInt(-1);
        for (int side = 0; side < sides; side++)
        {
            if (ranks.known(side))
            {
                w.putInt(side);
                for (int c = 0; c < AdlRanks.CUTS; c++)
                {
                    w.putDouble(ranks.cut(side * AdlRanks.CUTS + c));
                }
            }
        }
        w.putInt(-1);
    }

    private static void decodeAdlRanks(final SnapshotInput r, final AdlRanks ranks)
    {
        final boolean sweeping = 0 != r.getByte();
        final int cursor = r.getInt();
        ranks.restore(sweeping, cursor, r.getLong());
        final int sides = ranks.maxInstruments() * 2;
        for (int i = r.getInt(); i >= 0; i = r.getInt())
        {
            if (i >= sides * AdlRanks.BUCKETS)
            {
                throw new IllegalArgumentException("ADL rank bucket " + i + " beyond the instrument capacity");
            }
            ranks.count(i, r.getInt());
        }
        for (int side = r.getInt(); side >= 0; side = r.getInt())
        {
            if (side >= sides)
            {
                throw new IllegalArgumentException("ADL rank side " + side + " beyond the instrument capacity");
            }
            ranks.known(side, true);
            for (int c = 0; c < AdlRanks.CUTS; c++)
            {
                ranks.cut(side * AdlRanks.CUTS + c, r.getDouble());
            }
        }
    }

    private static void encodeClients(final SnapshotChunks w, final Clients clients)
    {
        final int[] ids = clients.sortedClientIds();
        w.putInt(ids.length);
        for (final int id : ids)
        {
            w.putInt(id).putLong(clients.lastCorrelationId(id));
        }
    }

    private static void decodeClients(final SnapshotInput r, final Clients clients)
    {
        for (int n = r.getInt(); n > 0; n--)
        {
            final int id = r.getInt();
            clients.lastCorrelationId(id, r.getLong());
        }
    }

    private static void encodeSchedule(final SnapshotChunks w, final long version, final ScheduledParameters schedule)
    {
        w.putLong(version).putInt(schedule.size());
        for (int i = 0; i < schedule.size(); i++)
        {
            w.putInt(schedule.clientId(i)).putLong(schedule.groupId(i)).putInt(schedule.groupSize(i))
                .putLong(schedule.effectiveNs(i)).putLong(schedule.version(i)).putInt(schedule.parameterId(i))
                .putInt(schedule.assetId(i)).putInt(schedule.index(i)).putDouble(schedule.value(i))
                .putDouble(schedule.value2(i));
        }
    }

    private static void decodeSchedule(final SnapshotInput r, final ScheduledParameters schedule)
    {
        schedule.clear();
        for (int n = r.getInt(); n > 0; n--)
        {
            final int clientId = r.getInt();
            final long groupId = r.getLong();
            final int groupSize = r.getInt();
            final long effectiveNs = r.getLong();
            final long version = r.getLong();
            final int parameterId = r.getInt();
            final int assetId = r.getInt();
            final int index = r.getInt();
            final double value = r.getDouble();
            schedule.add(clientId, groupId, groupSize, effectiveNs, version, parameterId, assetId, index, value,
                r.getDouble());
        }
    }

    private static void encodeParameters(final SnapshotChunks w, final ParameterLog log)
    {
        w.putInt(log.size());
        for (int i = 0; i < log.size(); i++)
        {
            w.putInt(log.parameterId(i)).putInt(log.assetId(i)).putInt(log.index(i))
                .putDouble(log.value(i)).putDouble(log.value2(i));
        }
    }

    private static void decodeParameters(final SnapshotInput r, final ParameterLog log)
    {
        for (int n = r.getInt(); n > 0; n--)
        {
            final int parameterId = r.getInt();
            final int assetId = r.getInt();
            final int index = r.getInt();
            final double value = r.getDouble();
            log.add(parameterId, assetId, index, value, r.getDouble());
        }
    }

}
