package io.pme.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.Header;
import io.pme.codecs.AccountState;
import io.pme.codecs.AckDecoder;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.MarginQueryEncoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OptionVolatilityEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.SessionChallengeDecoder;
import io.pme.codecs.SessionLogonResultDecoder;
import io.pme.codecs.Side;
import io.pme.codecs.StateDigestDecoder;
import io.pme.protocol.LogonHandshake;
import io.pme.protocol.SessionProof;
import io.pme.protocol.SessionProver;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * A market maker's (or a price feed's) connection to a pme engine over Aeron, IPC or UDP.
 * <pre>
 * try (PmeClient client = PmeClient.connect(new PmeClient.Context().clientId(7).secretHex("...")))
 * {
 *     client.logon();
 *     final long correlationId = client.offerCheck(accountId, instrumentId, Side.BUY, 1.0, 65_000.0, orderId);
 *     client.poll(listener, 10);                  // answers arrive as callbacks
 * }
 * </pre>
 * The {@code offer*} methods and {@link #poll} allocate nothing: an offer returns the request's correlation id, or
 * a negative code ({@link #NOT_CONNECTED}, {@link #BACK_PRESSURED}, {@link #OVERLOADED}, {@link #NOT_LOGGED_ON},
 * {@link #CLOSED}) when it did not send, so nothing is ever dropped silently. {@link #check} and {@link #query} are
 * blocking conveniences for tools. Not thread-safe: one thread offers and polls.
 */
public final class PmeClient implements AutoCloseable
{
    /** Offer result: no engine is connected to the input stream. */
    public static final long NOT_CONNECTED = -1;
    /** Offer result: the input stream stayed back-pressured through the bounded retries. */
    public static final long BACK_PRESSURED = -2;
    /** Offer result: {@link Context#maxInFlight(int)} requests await answers; nothing was sent. */
    public static final long OVERLOADED = -3;
    /** Offer result: the client is closed or its publication unusable. */
    public static final long CLOSED = -4;
    /** Offer result: {@link #logon()} has not succeeded. */
    public static final long NOT_LOGGED_ON = -5;

    private static final int FRAME_CAPACITY = 256;
    private static final long SWEEP_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final Context ctx;
    private final MediaDriver mediaDriver;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private final IdleStrategy idle;
    private final EpochNanoClock clock;
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_CAPACITY));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final OrderCheckEncoder orderCheck = new OrderCheckEncoder();
    private final OrderDoneEncoder orderDone = new OrderDoneEncoder();
    private final MarginQueryEncoder marginQuery = new MarginQueryEncoder();
    private final OraclePriceEncoder oraclePrice = new OraclePriceEncoder();
    private final OptionVolatilityEncoder optionVolatility = new OptionVolatilityEncoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final MarginQueryResultDecoder queryResult = new MarginQueryResultDecoder();
    private final MarginUpdateDecoder marginUpdate = new MarginUpdateDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final AckDecoder ack = new AckDecoder();
    private final Long2LongHashMap inFlight = new Long2LongHashMap(NO_DEADLINE);
    private final LongHashSet accounts = new LongHashSet();
    private final Awaiter awaiter = new Awaiter();
    private final LogonHandshake handshake;
    private final SessionProver prover;
    private PmeClientListener listener;
    private long lastCorrelationId;
    private long nextSweepNs;
    private boolean closed;

    private PmeClient(final Context ctx)
    {
        this.ctx = ctx;
        this.idle = ctx.idleStrategy();
        this.clock = ctx.clock();
        mediaDriver = ctx.embeddedMediaDriver() ? MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(ctx.aeronDirectoryName())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)) : null;
        ownsAeron = null == ctx.aeron();
        try
        {
            // the library must never exit its host: Aeron's default handler does on a driver timeout
            aeron = ownsAeron ? Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(null != mediaDriver ? mediaDriver.aeronDirectoryName() : ctx.aeronDirectoryName())
                .errorHandler(ctx.errorHandler())) : ctx.aeron();
            subscription = aeron.addSubscription(ctx.outputChannel(), ctx.outputStreamId());
            publication = aeron.addExclusivePublication(ctx.inputChannel(), ctx.inputStreamId());
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(mediaDriver);
            throw ex;
        }
        assembler = new FragmentAssembler(this::onFragment);
        handshake = new LogonHandshake(
            (buffer, offset, length) -> publication.offer(buffer, offset, length) > 0, clock, publication.sessionId(),
            LogonHandshake.DEFAULT_RESEND_INTERVAL_NS);
        prover = ctx.secret().length > 0 ? SessionProof.prover(ctx.clientId(), ctx.secret()) : null;
        for (final long account : ctx.accounts())
        {
            accounts.add(account);
        }
        lastCorrelationId = ctx.initialCorrelationId() > 0 ? ctx.initialCorrelationId() - 1 : clock.nanoTime();
    }

    /**
     * Connects to the engine's streams and waits until both are connected or {@link Context#connectTimeoutNs()}
     * passes; then {@link #isConnected()} tells which. Does not log on.
     */
    public static PmeClient connect(final Context ctx)
    {
        ctx.conclude();
        final PmeClient client = new PmeClient(ctx);
        final long deadlineNs = System.nanoTime() + ctx.connectTimeoutNs();
        while (!client.isConnected() && System.nanoTime() - deadlineNs < 0)
        {
            client.idle.idle();
        }
        client.idle.reset();
        return client;
    }

    /**
     * @return true when the engine subscribes to this client's input and this client receives the engine's output.
     */
    public boolean isConnected()
    {
        return publication.isConnected() && subscription.isConnected();
    }

    /**
     * @return true after a successful {@link #logon()}.
     */
    public boolean isLoggedOn()
    {
        return handshake.isLoggedOn();
    }

    /**
     * Logs on (challenge-response with the context's secret), blocking up to {@link Context#logonTimeoutNs()}.
     * Against an engine without a sessions file the logon is accepted at once. Outputs polled meanwhile go to the
     * context's listener.
     *
     * @return ACCEPTED, or why not (TIMED_OUT also when the engine did not answer in time).
     */
    public LogonStatus logon()
    {
        handshake.start(ctx.clientId(), ctx.keyId(), prover, System.nanoTime(), ctx.logonTimeoutNs());
        final PmeClientListener listener = ctx.listener();
        while (!handshake.isDone())
        {
            if (closed || publication.isClosed())
            {
                handshake.cancel();
                break;
            }
            idle.idle(handshake.doWork(System.nanoTime()) + poll(listener, 16));
        }
        idle.reset();
        return handshake.status();
    }

    /**
     * Sends a pre-trade check. Allocation-free.
     *
     * @return the check's correlation id (its answer carries it), or a negative code when nothing was sent.
     */
    public long offerCheck(
        final long accountId, final int instrumentId, final Side side, final double quantity,
        final double limitPrice, final long clientOrderId)
    {
        final long refusal = refusal();
        if (0 != refusal)
        {
            return refusal;
        }
        final long correlationId = lastCorrelationId + 1;
        orderCheck.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(clock.nanoTime()).correlationId(correlationId).clientId(ctx.clientId())
            .accountId(accountId).instrumentId(instrumentId).side(side).quantity(quantity).limitPrice(limitPrice)
            .clientOrderId(clientOrderId);
        return send(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + orderCheck.encodedLength());
    }

    /**
     * Tells the engine an order is done (cancelled, expired, filled), releasing its reservation. Allocation-free.
     *
     * @return the correlation id (answered with an ack or reject), or a negative code when nothing was sent.
     */
    public long offerOrderDone(final long accountId, final long clientOrderId)
    {
        final long refusal = refusal();
        if (0 != refusal)
        {
            return refusal;
        }
        final long correlationId = lastCorrelationId + 1;
        orderDone.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(clock.nanoTime()).correlationId(correlationId).clientId(ctx.clientId())
            .accountId(accountId).clientOrderId(clientOrderId);
        return send(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + orderDone.encodedLength());
    }

    /**
     * Asks for an account's margin figures and, unless {@code instrumentId} is -1, what they would be with a
     * hypothetical order filled at its limit price. Reserves nothing. Allocation-free.
     *
     * @return the correlation id, or a negative code when nothing was sent.
     */
    public long offerQuery(
        final long accountId, final int instrumentId, final Side side, final double quantity, final double limitPrice)
    {
        final long refusal = refusal();
        if (0 != refusal)
        {
            return refusal;
        }
        final long correlationId = lastCorrelationId + 1;
        marginQuery.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(clock.nanoTime()).correlationId(correlationId).clientId(ctx.clientId())
            .accountId(accountId).instrumentId(instrumentId).side(side).quantity(quantity).limitPrice(limitPrice);
        return send(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + marginQuery.encodedLength());
    }

    /**
     * Publishes an oracle price (FEED role, allow-listed source). {@code timestampNs} is the engine clock the price
     * carries: pass the source's time for a deterministic replay. Allocation-free.
     *
     * @return the correlation id, or a negative code when nothing was sent.
     */
    public long offerOraclePrice(
        final long timestampNs, final int sourceId, final int assetId, final double price, final long sourceTimestampNs)
    {
        final long refusal = refusal();
        if (0 != refusal)
        {
            return refusal;
        }
        final long correlationId = lastCorrelationId + 1;
        oraclePrice.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(ctx.clientId())
            .sourceId(sourceId).assetId(assetId).price(price).sourceTimestampNs(sourceTimestampNs);
        return send(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + oraclePrice.encodedLength());
    }

    /**
     * Publishes an option's mark volatility (FEED role, allow-listed source). Allocation-free.
     *
     * @return the correlation id, or a negative code when nothing was sent.
     */
    public long offerOptionVolatility(
        final long timestampNs, final int sourceId, final int instrumentId, final double volatility,
        final long sourceTimestampNs)
    {
        final long refusal = refusal();
        if (0 != refusal)
        {
            return refusal;
        }
        final long correlationId = lastCorrelationId + 1;
        optionVolatility.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(ctx.clientId())
            .sourceId(sourceId).instrumentId(instrumentId).volatility(volatility).sourceTimestampNs(sourceTimestampNs);
        return send(correlationId, MessageHeaderEncoder.ENCODED_LENGTH + optionVolatility.encodedLength());
    }

    /**
     * Delivers the engine's outputs meant for this client (answers to its requests by correlation id, margin updates
     * of the accounts it follows) and times out requests unanswered within {@link Context#requestTimeoutNs()}.
     * Allocation-free.
     *
     * @return fragments read.
     */
    public int poll(final PmeClientListener listener, final int fragmentLimit)
    {
        this.listener = listener;
        final int fragments = subscription.poll(assembler, fragmentLimit);
        if (!inFlight.isEmpty())
        {
            final long nowNs = System.nanoTime();
            if (nowNs - nextSweepNs >= 0)
            {
                nextSweepNs = nowNs + SWEEP_INTERVAL_NS;
                sweep(nowNs, listener);
            }
        }
        return fragments;
    }

    /**
     * Sends a check and waits for its answer. For tools: allocates its result.
     */
    public CheckResponse check(
        final long accountId, final int instrumentId, final Side side, final double quantity,
        final double limitPrice, final long clientOrderId)
    {
        final long correlationId = offerCheck(accountId, instrumentId, side, quantity, limitPrice, clientOrderId);
        if (correlationId < 0)
        {
            return CheckResponse.of(Status.ofOfferResult(correlationId), correlationId, RejectReason.NONE);
        }
        await(correlationId);
        return null != awaiter.check ? awaiter.check :
            CheckResponse.of(awaiter.status, correlationId, awaiter.reason);
    }

    /**
     * Sends a what-if query and waits for its answer. For tools: allocates its result.
     */
    public QueryResponse query(
        final long accountId, final int instrumentId, final Side side, final double quantity, final double limitPrice)
    {
        final long correlationId = offerQuery(accountId, instrumentId, side, quantity, limitPrice);
        if (correlationId < 0)
        {
            return QueryResponse.of(Status.ofOfferResult(correlationId), correlationId, RejectReason.NONE);
        }
        await(correlationId);
        return null != awaiter.query ? awaiter.query :
            QueryResponse.of(awaiter.status, correlationId, awaiter.reason);
    }

    /**
     * Waits for the answer to any request by correlation id (e.g. an OrderDone's ack or reject).
     *
     * @return ACCEPTED (also for an ack or answered query), REJECTED, or TIMED_OUT.
     */
    public Status await(final long correlationId)
    {
        awaiter.reset(correlationId, ctx.listener());
        final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
        while (null == awaiter.status)
        {
            if (!pollUntil(awaiter, deadlineNs))
            {
                inFlight.remove(correlationId);
                awaiter.status = Status.TIMED_OUT;
                awaiter.reason = RejectReason.NONE;
            }
        }
        return awaiter.status;
    }

    /**
     * @return requests sent and not yet answered or timed out.
     */
    public int inFlight()
    {
        return inFlight.size();
    }

    /**
     * @return the correlation id of the last request sent.
     */
    public long lastCorrelationId()
    {
        return lastCorrelationId;
    }

    /**
     * @return the Aeron session id of this client's input publication: the connection id the engine knows it by.
     */
    public int connectionId()
    {
        return publication.sessionId();
    }

    public Context context()
    {
        return ctx;
    }

    /**
     * @return the Aeron client this client uses (its own or the context's), e.g. to add a venue subscription.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    public void close()
    {
        if (!closed)
        {
            closed = true;
            CloseHelper.quietCloseAll(publication, subscription);
            if (ownsAeron)
            {
                CloseHelper.quietClose(aeron);
            }
            CloseHelper.quietClose(mediaDriver);
        }
    }

    /**
     * @return a readable name of an offer result code.
     */
    public static String errorString(final long result)
    {
        if (result >= 0)
        {
            return "SENT";
        }
        return Status.ofOfferResult(result).name();
    }

    private long refusal()
    {
        if (closed || publication.isClosed())
        {
            return CLOSED;
        }
        if (!handshake.isLoggedOn())
        {
            return NOT_LOGGED_ON;
        }
        if (inFlight.size() >= ctx.maxInFlight())
        {
            return OVERLOADED;
        }
        return 0;
    }

    private long send(final long correlationId, final int length)
    {
        // bounded retry: a back-pressured engine gets a few idle cycles, then the caller is told, never left guessing
        for (int attempt = 0; attempt <= ctx.offerRetries(); attempt++)
        {
            final long result = publication.offer(frame, 0, length);
            if (result > 0)
            {
                idle.reset();
                lastCorrelationId = correlationId;
                inFlight.put(correlationId, System.nanoTime() + ctx.requestTimeoutNs());
                return correlationId;
            }
            if (Publication.NOT_CONNECTED == result)
            {
                idle.reset();
                return NOT_CONNECTED;
            }
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                idle.reset();
                return CLOSED;
            }
            idle.idle();
        }
        idle.reset();
        return BACK_PRESSURED;
    }

    private boolean offerUntil(final int length, final long deadlineNs)
    {
        while (publication.offer(frame, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0 || publication.isClosed())
            {
                idle.reset();
                return false;
            }
            idle.idle();
        }
        idle.reset();
        return true;
    }

    private boolean pollUntil(final long deadlineNs)
    {
        return pollUntil(ctx.listener(), deadlineNs);
    }

    private boolean pollUntil(final PmeClientListener listener, final long deadlineNs)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            idle.reset();
            return false;
        }
        idle.idle(poll(listener, 16));
        return true;
    }

    private void sweep(final long nowNs, final PmeClientListener listener)
    {
        final Long2LongHashMap.EntryIterator it = inFlight.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            if (nowNs - it.getLongValue() > 0)
            {
                final long correlationId = it.getLongKey();
                it.remove();
                listener.onTimeout(correlationId);
            }
        }
    }

    private boolean answered(final long correlationId)
    {
        return NO_DEADLINE != inFlight.remove(correlationId);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return;
        }
        final int templateId = headerDecoder.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        final int clientId = ctx.clientId();
        switch (templateId)
        {
            case CheckResultDecoder.TEMPLATE_ID:
                checkResult.wrap(buffer, bodyOffset, blockLength, version);
                if (checkResult.clientId() == clientId && answered(checkResult.correlationId()))
                {
                    listener.onCheckResult(checkResult.correlationId(), checkResult.accountId(),
                        checkResult.clientOrderId(), CheckOutcome.ACCEPTED == checkResult.outcome(),
                        checkResult.reason(), checkResult.state(), checkResult.equity(), checkResult.initialMargin(),
                        checkResult.maintenanceMargin(), checkResult.shortfall());
                }
                break;
            case MarginQueryResultDecoder.TEMPLATE_ID:
                queryResult.wrap(buffer, bodyOffset, blockLength, version);
                if (queryResult.clientId() == clientId && answered(queryResult.correlationId()))
                {
                    listener.onQueryResult(queryResult.correlationId(), queryResult.accountId(),
                        queryResult.instrumentId(), queryResult.reason(),
                        io.pme.codecs.BooleanType.TRUE == queryResult.wouldAccept(), queryResult.state(),
                        queryResult.equity(), queryResult.initialMargin(), queryResult.maintenanceMargin(),
                        queryResult.afterEquity(), queryResult.afterInitialMargin(),
                        queryResult.afterMaintenanceMargin());
                }
                break;
            case MarginUpdateDecoder.TEMPLATE_ID:
                marginUpdate.wrap(buffer, bodyOffset, blockLength, version);
                onMarginUpdate();
                break;
            case RejectDecoder.TEMPLATE_ID:
                reject.wrap(buffer, bodyOffset, blockLength, version);
                if (reject.clientId() == clientId && answered(reject.correlationId()))
                {
                    listener.onReject(reject.correlationId(), reject.templateId(), reject.reason());
                }
                break;
            case AckDecoder.TEMPLATE_ID:
                ack.wrap(buffer, bodyOffset, blockLength, version);
                if (ack.clientId() == clientId && answered(ack.correlationId()))
                {
                    listener.onAck(ack.correlationId(), ack.templateId());
                }
                break;
            case StateDigestDecoder.TEMPLATE_ID:
                break;
            case SessionChallengeDecoder.TEMPLATE_ID:
            case SessionLogonResultDecoder.TEMPLATE_ID:
                handshake.onFrame(buffer, offset, length);
                break;
            default:
                break;
        }
    }

    private void onMarginUpdate()
    {
        final long accountId = marginUpdate.accountId();
        if (!ctx.allAccounts() && !accounts.contains(accountId))
        {
            return;
        }
        final AccountState state = marginUpdate.state();
        final AccountState previous = marginUpdate.previousState();
        listener.onMarginUpdate(marginUpdate.timestampNs(), accountId, state, previous, marginUpdate.equity(),
            marginUpdate.initialMargin(), marginUpdate.maintenanceMargin());
        if ((AccountState.LIQUIDATION == state || AccountState.BANKRUPT == state) && state != previous)
        {
            listener.onLiquidation(marginUpdate.timestampNs(), accountId, state, marginUpdate.equity(),
                marginUpdate.maintenanceMargin());
        }
    }

    /**
     * Catches the answer a blocking call waits for and passes everything else on to the context's listener.
     */
    private static final class Awaiter implements PmeClientListener
    {
        private long correlationId;
        private PmeClientListener next;
        private Status status;
        private RejectReason reason;
        private CheckResponse check;
        private QueryResponse query;

        void reset(final long correlationId, final PmeClientListener next)
        {
            this.correlationId = correlationId;
            this.next = next;
            status = null;
            reason = RejectReason.NONE;
            check = null;
            query = null;
        }

        public void onCheckResult(
            final long correlationId, final long accountId, final long clientOrderId, final boolean accepted,
            final RejectReason reason, final AccountState state, final double equity, final double initialMargin,
            final double maintenanceMargin, final double shortfall)
        {
            if (correlationId != this.correlationId)
            {
                next.onCheckResult(correlationId, accountId, clientOrderId, accepted, reason, state, equity,
                    initialMargin, maintenanceMargin, shortfall);
                return;
            }
            status = accepted ? Status.ACCEPTED : Status.REJECTED;
            this.reason = reason;
            check = new CheckResponse(
                status, correlationId, reason, state, equity, initialMargin, maintenanceMargin, shortfall);
        }

        public void onQueryResult(
            final long correlationId, final long accountId, final int instrumentId, final RejectReason reason,
            final boolean wouldAccept, final AccountState state, final double equity, final double initialMargin,
            final double maintenanceMargin, final double afterEquity, final double afterInitialMargin,
            final double afterMaintenanceMargin)
        {
            if (correlationId != this.correlationId)
            {
                next.onQueryResult(correlationId, accountId, instrumentId, reason, wouldAccept, state, equity,
                    initialMargin, maintenanceMargin, afterEquity, afterInitialMargin, afterMaintenanceMargin);
                return;
            }
            status = RejectReason.NONE == reason ? Status.ANSWERED : Status.REJECTED;
            this.reason = reason;
            query = new QueryResponse(status, correlationId, reason, wouldAccept, state, equity, initialMargin,
                maintenanceMargin, afterEquity, afterInitialMargin, afterMaintenanceMargin);
        }

        public void onMarginUpdate(
            final long timestampNs, final long accountId, final AccountState state, final AccountState previousState,
            final double equity, final double initialMargin, final double maintenanceMargin)
        {
            next.onMarginUpdate(timestampNs, accountId, state, previousState, equity, initialMargin,
                maintenanceMargin);
        }

        public void onLiquidation(
            final long timestampNs, final long accountId, final AccountState state, final double equity,
            final double maintenanceMargin)
        {
            next.onLiquidation(timestampNs, accountId, state, equity, maintenanceMargin);
        }

        public void onReject(final long correlationId, final int templateId, final RejectReason reason)
        {
            if (correlationId != this.correlationId)
            {
                next.onReject(correlationId, templateId, reason);
                return;
            }
            status = Status.REJECTED;
            this.reason = reason;
        }

        public void onAck(final long correlationId, final int templateId)
        {
            if (correlationId != this.correlationId)
            {
                next.onAck(correlationId, templateId);
                return;
            }
            status = Status.ACCEPTED;
        }

        public void onTimeout(final long correlationId)
        {
            if (correlationId != this.correlationId)
            {
                next.onTimeout(correlationId);
                return;
            }
            status = Status.TIMED_OUT;
        }
    }

    /**
     * Settings of a client, Aeron-style: set what differs from the defaults, then {@link PmeClient#connect}
     * concludes it. Defaults match an engine with default settings on the same machine (IPC, streams 1001/1002).
     */
    public static final class Context
    {
        private String aeronDirectoryName = io.aeron.CommonContext.getAeronDirectoryName();
        private Aeron aeron;
        private boolean embeddedMediaDriver;
        private String inputChannel = "aeron:ipc";
        private int inputStreamId = 1001;
        private String outputChannel = "aeron:ipc";
        private int outputStreamId = 1002;
        private int clientId;
        private int keyId = 1;
        private byte[] secret = new byte[0];
        private long[] accounts = new long[0];
        private boolean allAccounts;
        private IdleStrategy idleStrategy = new BackoffIdleStrategy();
        private EpochNanoClock clock = new OffsetEpochNanoClock();
        private PmeClientListener listener = new PmeClientListener()
        {
        };
        private long connectTimeoutNs = TimeUnit.SECONDS.toNanos(10);
        private long logonTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private long requestTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private int maxInFlight = 1024;
        private int offerRetries = 100;
        private long initialCorrelationId;
        private org.agrona.ErrorHandler errorHandler = Throwable::printStackTrace;
        private boolean concluded;

        /**
         * Checks the settings; called by {@link PmeClient#connect}.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("context already concluded");
            }
            if (maxInFlight < 1 || offerRetries < 0 || requestTimeoutNs <= 0 || logonTimeoutNs <= 0)
            {
                throw new IllegalArgumentException("maxInFlight >= 1, offerRetries >= 0 and timeouts > 0 required");
            }
            concluded = true;
            return this;
        }

        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /** Media driver directory: the engine's for IPC, or this client's own driver's. */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public Aeron aeron()
        {
            return aeron;
        }

        /** An Aeron client to share; the client then neither creates nor closes one. */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        public boolean embeddedMediaDriver()
        {
            return embeddedMediaDriver;
        }

        /** Launch a media driver of this client's own in {@link #aeronDirectoryName()} (for UDP to an engine). */
        public Context embeddedMediaDriver(final boolean embeddedMediaDriver)
        {
            this.embeddedMediaDriver = embeddedMediaDriver;
            return this;
        }

        public String inputChannel()
        {
            return inputChannel;
        }

        /** The engine's input channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=engine-host:40123}. */
        public Context inputChannel(final String inputChannel)
        {
            this.inputChannel = inputChannel;
            return this;
        }

        public int inputStreamId()
        {
            return inputStreamId;
        }

        public Context inputStreamId(final int inputStreamId)
        {
            this.inputStreamId = inputStreamId;
            return this;
        }

        public String outputChannel()
        {
            return outputChannel;
        }

        /** The engine's output channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=this-host:40124}. */
        public Context outputChannel(final String outputChannel)
        {
            this.outputChannel = outputChannel;
            return this;
        }

        public int outputStreamId()
        {
            return outputStreamId;
        }

        public Context outputStreamId(final int outputStreamId)
        {
            this.outputStreamId = outputStreamId;
            return this;
        }

        public int clientId()
        {
            return clientId;
        }

        /** The client id this client logs on as and stamps on every input. */
        public Context clientId(final int clientId)
        {
            this.clientId = clientId;
            return this;
        }

        public int keyId()
        {
            return keyId;
        }

        public Context keyId(final int keyId)
        {
            this.keyId = keyId;
            return this;
        }

        byte[] secret()
        {
            return secret;
        }

        /** The shared secret of this client (kept, never printed). */
        public Context secret(final byte[] secret)
        {
            this.secret = secret.clone();
            return this;
        }

        /** The shared secret as hex, as in the engine's sessions file (without the {@code hex:} prefix). */
        public Context secretHex(final String hex)
        {
            this.secret = HexFormat.of().parseHex(hex.startsWith("hex:") ? hex.substring(4) : hex);
            return this;
        }

        public long[] accounts()
        {
            return accounts.clone();
        }

        /** The accounts whose margin updates and liquidations this client delivers. */
        public Context accounts(final long... accounts)
        {
            this.accounts = accounts.clone();
            return this;
        }

        public boolean allAccounts()
        {
            return allAccounts;
        }

        /** Deliver margin updates of every account (a risk monitor). */
        public Context allAccounts(final boolean allAccounts)
        {
            this.allAccounts = allAccounts;
            return this;
        }

        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /** How to wait between retries and in blocking calls. */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        public EpochNanoClock clock()
        {
            return clock;
        }

        /** Stamps {@code timestampNs} of checks and queries, and seeds the correlation ids. */
        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        public PmeClientListener listener()
        {
            return listener;
        }

        /** Receives what blocking calls poll but do not wait for. */
        public Context listener(final PmeClientListener listener)
        {
            this.listener = listener;
            return this;
        }

        public long connectTimeoutNs()
        {
            return connectTimeoutNs;
        }

        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        public long logonTimeoutNs()
        {
            return logonTimeoutNs;
        }

        public Context logonTimeoutNs(final long logonTimeoutNs)
        {
            this.logonTimeoutNs = logonTimeoutNs;
            return this;
        }

        public long requestTimeoutNs()
        {
            return requestTimeoutNs;
        }

        /** How long a request may wait for its answer before it is reported timed out. */
        public Context requestTimeoutNs(final long requestTimeoutNs)
        {
            this.requestTimeoutNs = requestTimeoutNs;
            return this;
        }

        public int maxInFlight()
        {
            return maxInFlight;
        }

        /** Requests awaiting answers at most; beyond it an offer returns {@link PmeClient#OVERLOADED}. */
        public Context maxInFlight(final int maxInFlight)
        {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public int offerRetries()
        {
            return offerRetries;
        }

        /** Retries of a back-pressured offer, one idle each, before {@link PmeClient#BACK_PRESSURED}. */
        public Context offerRetries(final int offerRetries)
        {
            this.offerRetries = offerRetries;
            return this;
        }

        public long initialCorrelationId()
        {
            return initialCorrelationId;
        }

        /**
         * The first correlation id; by default the clock's epoch nanoseconds at connect, so a restarted client
         * stays above every id the engine has seen from it (the engine refuses non-increasing ids as duplicates).
         */
        public Context initialCorrelationId(final long initialCorrelationId)
        {
            this.initialCorrelationId = initialCorrelationId;
            return this;
        }

        public org.agrona.ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /** Errors of the Aeron client this client creates (by default printed; never exits the process). */
        public Context errorHandler(final org.agrona.ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /** Never prints the secret. */
        public String toString()
        {
            return "PmeClient.Context{clientId=" + clientId + ", input=" + inputChannel + "/" + inputStreamId +
                ", output=" + outputChannel + "/" + outputStreamId + ", secret=<hidden>}";
        }
    }
}
