package io.pme.gateway;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.protocol.LogonHandshake;
import io.pme.protocol.SessionProof;
import io.pme.protocol.SessionProver;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;

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
 * <p>
 * Built as Aeron's archive client is: this facade owns the lifecycle, the logon (the protocol's
 * {@link LogonHandshake}), the requests in flight and the blocking calls; a {@link PmeClientProxy} encodes and
 * offers; a {@link PmeClientPoller} decodes the outputs and calls the {@link PmeClientListener}.
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

    private static final int FRAGMENT_LIMIT = 16;
    private static final long SWEEP_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final Context ctx;
    private final MediaDriver mediaDriver;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final IdleStrategy idle;
    private final EpochNanoClock clock;
    private final PmeClientProxy proxy;
    private final PmeClientPoller poller;
    private final LogonHandshake handshake;
    private final SessionProver prover;
    private final Long2LongHashMap inFlight = new Long2LongHashMap(NO_DEADLINE);
    private final AnswerAwaiter awaiter = new AnswerAwaiter();
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
        Aeron client = null;
        try
        {
            // the library must never exit its host: Aeron's default handler does on a driver timeout
            client = ownsAeron ? Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(null != mediaDriver ? mediaDriver.aeronDirectoryName() : ctx.aeronDirectoryName())
                .errorHandler(ctx.errorHandler())) : ctx.aeron();
            subscription = client.addSubscription(ctx.outputChannel(), ctx.outputStreamId());
            publication = client.addExclusivePublication(ctx.inputChannel(), ctx.inputStreamId());
        }
        catch (final RuntimeException ex)
        {
            if (ownsAeron)
            {
                CloseHelper.quietClose(client);
            }
            CloseHelper.quietClose(mediaDriver);
            throw ex;
        }
        aeron = client;
        proxy = new PmeClientProxy(publication, idle, ctx.offerRetries());
        handshake = new LogonHandshake(proxy::tryOffer, clock, publication.sessionId(), ctx.logonResendIntervalNs());
        poller = new PmeClientPoller(
            subscription, ctx.clientId(), ctx.allAccounts(), ctx.accounts(), this::complete, handshake);
        prover = ctx.secret().length > 0 ? SessionProof.prover(ctx.clientId(), ctx.secret()) : null;
        lastCorrelationId = ctx.initialCorrelationId() > 0 ? ctx.initialCorrelationId() - 1 : clock.nanoTime();
    }

    /**
     * Concludes the context, connects to the engine's streams and waits until both are connected or
     * {@link Context#connectTimeoutNs()} passes; then {@link #isConnected()} tells which. Does not log on.
     *
     * @param ctx the client's settings; concluded here, so not to be concluded before.
     * @return the client, connected or not.
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
     * @return true after a successful {@link #logon()}, until the engine refuses this client on this connection.
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
            idle.idle(handshake.doWork(System.nanoTime()) + poll(listener, FRAGMENT_LIMIT));
        }
        idle.reset();
        return handshake.status();
    }

    /**
     * Sends a pre-trade check. Allocation-free.
     *
     * @param accountId     the account the order is for.
     * @param instrumentId  the instrument ordered.
     * @param side          buy or sell.
     * @param quantity      the order's quantity.
     * @param limitPrice    the order's limit price.
     * @param clientOrderId this client's id of the order, for {@link #offerOrderDone} and fills.
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
        return sent(proxy.orderCheck(clock.nanoTime(), lastCorrelationId + 1, ctx.clientId(),
            accountId, instrumentId, side, quantity, limitPrice, clientOrderId));
    }

    /**
     * Tells the engine an order is done (cancelled, expired, filled), releasing its reservation. Allocation-free.
     *
     * @param accountId     the order's account.
     * @param clientOrderId this client's id of the order.
     * @return the correlation id (answered with an ack or reject), or a negative code when nothing was sent.
     */
    public long offerOrderDone(final long accountId, final long clientOrderId)
    {
        final long refusal = refusal();
        if (0 != refusal)
        {
            return refusal;
        }
        return sent(proxy.orderDone(clock.nanoTime(), lastCorrelationId + 1, ctx.clientId(), accountId, clientOrderId));
    }

    /**
     * Asks for an account's margin figures and, unless {@code instrumentId} is -1, what they would be with a
     * hypothetical order filled at its limit price. Reserves nothing. Allocation-free.
     *
     * @param accountId    the account asked about.
     * @param instrumentId the hypothetical order's instrument, or -1 for the figures alone.
     * @param side         the hypothetical order's side.
     * @param quantity     the hypothetical order's quantity.
     * @param limitPrice   the hypothetical order's limit price.
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
        return sent(proxy.marginQuery(clock.nanoTime(), lastCorrelationId + 1, ctx.clientId(),
            accountId, instrumentId, side, quantity, limitPrice));
    }

    /**
     * Publishes an oracle price (FEED role, allow-listed source). {@code timestampNs} is the engine clock the price
     * carries: pass the source's time for a deterministic replay. Allocation-free.
     *
     * @param timestampNs       the engine clock the price carries.
     * @param sourceId          the price source this client publishes as.
     * @param assetId           the asset priced.
     * @param price             the price.
     * @param sourceTimestampNs the source's time of the price.
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
        return sent(proxy.oraclePrice(timestampNs, lastCorrelationId + 1, ctx.clientId(),
            sourceId, assetId, price, sourceTimestampNs));
    }

    /**
     * Publishes an option's mark volatility (FEED role, allow-listed source). Allocation-free.
     *
     * @param timestampNs       the engine clock the volatility carries.
     * @param sourceId          the source this client publishes as.
     * @param instrumentId      the option.
     * @param volatility        its mark volatility.
     * @param sourceTimestampNs the source's time of the volatility.
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
        return sent(proxy.optionVolatility(timestampNs, lastCorrelationId + 1, ctx.clientId(),
            sourceId, instrumentId, volatility, sourceTimestampNs));
    }

    /**
     * Delivers the engine's outputs meant for this client (answers to its requests by correlation id, margin updates
     * of the accounts it follows) and times out requests unanswered within {@link Context#requestTimeoutNs()}.
     * Allocation-free.
     *
     * @param listener      receives the outputs, on this thread.
     * @param fragmentLimit fragments to read at most.
     * @return fragments read.
     */
    public int poll(final PmeClientListener listener, final int fragmentLimit)
    {
        final int fragments = poller.poll(listener, fragmentLimit);
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
     *
     * @param accountId     the account the order is for.
     * @param instrumentId  the instrument ordered.
     * @param side          buy or sell.
     * @param quantity      the order's quantity.
     * @param limitPrice    the order's limit price.
     * @param clientOrderId this client's id of the order.
     * @return the engine's answer, or why there is none.
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
        return null != awaiter.check() ? awaiter.check() :
            CheckResponse.of(awaiter.status(), correlationId, awaiter.reason());
    }

    /**
     * Sends a what-if query and waits for its answer. For tools: allocates its result.
     *
     * @param accountId    the account asked about.
     * @param instrumentId the hypothetical order's instrument, or -1 for the figures alone.
     * @param side         the hypothetical order's side.
     * @param quantity     the hypothetical order's quantity.
     * @param limitPrice   the hypothetical order's limit price.
     * @return the engine's answer, or why there is none.
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
        return null != awaiter.query() ? awaiter.query() :
            QueryResponse.of(awaiter.status(), correlationId, awaiter.reason());
    }

    /**
     * Waits for the answer to any request by correlation id (e.g. an OrderDone's ack or reject). Outputs polled
     * meanwhile that are not the answer go to the context's listener.
     *
     * @param correlationId of a request sent.
     * @return ACCEPTED (also for an ack or answered query), REJECTED, or TIMED_OUT.
     */
    public Status await(final long correlationId)
    {
        awaiter.reset(correlationId, ctx.listener());
        final long deadlineNs = System.nanoTime() + ctx.requestTimeoutNs();
        while (null == awaiter.status())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                inFlight.remove(correlationId);
                awaiter.timedOut();
                break;
            }
            idle.idle(poll(awaiter, FRAGMENT_LIMIT));
        }
        idle.reset();
        return awaiter.status();
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

    /**
     * @return the concluded settings of this client.
     */
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

    /**
     * Closes the streams, then the Aeron client and media driver if this client created them. Idempotent.
     */
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
     * @param result an offer's result.
     * @return a readable name of it: SENT, or the code's name.
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

    private long sent(final long result)
    {
        if (result > 0)
        {
            lastCorrelationId = result;
            inFlight.put(result, System.nanoTime() + ctx.requestTimeoutNs());
        }
        return result;
    }

    private boolean complete(final long correlationId)
    {
        return NO_DEADLINE != inFlight.remove(correlationId);
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

    /**
     * Settings of a client, in Aeron's form: every field starts from {@link PmeClientConfiguration} (system
     * properties or defaults), the setters override it, and {@link #conclude()}, called once by
     * {@link PmeClient#connect}, checks the whole. The defaults match an engine with default settings on the same
     * machine (IPC, the streams of {@link io.pme.protocol.ProtocolConfiguration}).
     */
    public static final class Context
    {
        private String aeronDirectoryName = CommonContext.getAeronDirectoryName();
        private Aeron aeron;
        private boolean embeddedMediaDriver = PmeClientConfiguration.embeddedMediaDriver();
        private String inputChannel = PmeClientConfiguration.inputChannel();
        private int inputStreamId = PmeClientConfiguration.inputStreamId();
        private String outputChannel = PmeClientConfiguration.outputChannel();
        private int outputStreamId = PmeClientConfiguration.outputStreamId();
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
        private long connectTimeoutNs = PmeClientConfiguration.connectTimeoutNs();
        private long logonTimeoutNs = PmeClientConfiguration.logonTimeoutNs();
        private long logonResendIntervalNs = PmeClientConfiguration.logonResendIntervalNs();
        private long requestTimeoutNs = PmeClientConfiguration.requestTimeoutNs();
        private int maxInFlight = PmeClientConfiguration.maxInFlight();
        private int offerRetries = PmeClientConfiguration.offerRetries();
        private long initialCorrelationId;
        private ErrorHandler errorHandler = Throwable::printStackTrace;
        private boolean concluded;

        /**
         * Checks every setting once; called by {@link PmeClient#connect}.
         *
         * @return this context.
         * @throws IllegalStateException    when concluded already.
         * @throws IllegalArgumentException naming the first setting that cannot work.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("PmeClient.Context already concluded");
            }
            if (null == aeron && (null == aeronDirectoryName || aeronDirectoryName.isEmpty()))
            {
                throw new IllegalArgumentException("aeronDirectoryName required when no Aeron client is given");
            }
            if (null != aeron && embeddedMediaDriver)
            {
                throw new IllegalArgumentException("a given Aeron client and an embedded media driver exclude each " +
                    "other: the client would not use the driver");
            }
            requireChannel("inputChannel", inputChannel);
            requireChannel("outputChannel", outputChannel);
            if (0 != clientId && secret.length < SessionProof.MIN_SECRET_LENGTH)
            {
                throw new IllegalArgumentException("clientId " + clientId + " needs a secret of at least " +
                    SessionProof.MIN_SECRET_LENGTH + " bytes, has " + secret.length);
            }
            requireNonNull("idleStrategy", idleStrategy);
            requireNonNull("clock", clock);
            requireNonNull("listener", listener);
            requireNonNull("errorHandler", errorHandler);
            requirePositive("connectTimeoutNs", connectTimeoutNs);
            requirePositive("logonTimeoutNs", logonTimeoutNs);
            requirePositive("logonResendIntervalNs", logonResendIntervalNs);
            requirePositive("requestTimeoutNs", requestTimeoutNs);
            requirePositive("maxInFlight", maxInFlight);
            if (offerRetries < 0)
            {
                throw new IllegalArgumentException("offerRetries must not be negative: " + offerRetries);
            }
            if (initialCorrelationId < 0)
            {
                throw new IllegalArgumentException(
                    "initialCorrelationId must not be negative (0: from the clock): " + initialCorrelationId);
            }
            concluded = true;
            return this;
        }

        /**
         * @return true once {@link #conclude()} succeeded.
         */
        public boolean isConcluded()
        {
            return concluded;
        }

        /**
         * @return the media driver directory.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * Media driver directory: the engine's for IPC, or this client's own driver's. By default Aeron's.
         *
         * @param aeronDirectoryName the directory.
         * @return this context.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * @return the Aeron client to share, or null for one of the client's own.
         */
        public Aeron aeron()
        {
            return aeron;
        }

        /**
         * An Aeron client to share; the client then neither creates nor closes one.
         *
         * @param aeron the Aeron client.
         * @return this context.
         */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        /**
         * @return whether the client launches a media driver of its own.
         * @see PmeClientConfiguration#EMBEDDED_MEDIA_DRIVER_PROP_NAME
         */
        public boolean embeddedMediaDriver()
        {
            return embeddedMediaDriver;
        }

        /**
         * Launch a media driver of this client's own in {@link #aeronDirectoryName()} (for UDP to an engine).
         *
         * @param embeddedMediaDriver true to launch one.
         * @return this context.
         */
        public Context embeddedMediaDriver(final boolean embeddedMediaDriver)
        {
            this.embeddedMediaDriver = embeddedMediaDriver;
            return this;
        }

        /**
         * @return the engine's input channel.
         * @see io.pme.protocol.ProtocolConfiguration#INPUT_CHANNEL_PROP_NAME
         */
        public String inputChannel()
        {
            return inputChannel;
        }

        /**
         * The engine's input channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=engine-host:40123}.
         *
         * @param inputChannel the channel.
         * @return this context.
         */
        public Context inputChannel(final String inputChannel)
        {
            this.inputChannel = inputChannel;
            return this;
        }

        /**
         * @return the engine's input stream id.
         * @see io.pme.protocol.ProtocolConfiguration#INPUT_STREAM_ID_PROP_NAME
         */
        public int inputStreamId()
        {
            return inputStreamId;
        }

        /**
         * The engine's input stream id.
         *
         * @param inputStreamId the stream id.
         * @return this context.
         */
        public Context inputStreamId(final int inputStreamId)
        {
            this.inputStreamId = inputStreamId;
            return this;
        }

        /**
         * @return the engine's output channel.
         * @see io.pme.protocol.ProtocolConfiguration#OUTPUT_CHANNEL_PROP_NAME
         */
        public String outputChannel()
        {
            return outputChannel;
        }

        /**
         * The engine's output channel, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=this-host:40124}.
         *
         * @param outputChannel the channel.
         * @return this context.
         */
        public Context outputChannel(final String outputChannel)
        {
            this.outputChannel = outputChannel;
            return this;
        }

        /**
         * @return the engine's output stream id.
         * @see io.pme.protocol.ProtocolConfiguration#OUTPUT_STREAM_ID_PROP_NAME
         */
        public int outputStreamId()
        {
            return outputStreamId;
        }

        /**
         * The engine's output stream id.
         *
         * @param outputStreamId the stream id.
         * @return this context.
         */
        public Context outputStreamId(final int outputStreamId)
        {
            this.outputStreamId = outputStreamId;
            return this;
        }

        /**
         * @return the client id this client logs on as.
         */
        public int clientId()
        {
            return clientId;
        }

        /**
         * The client id this client logs on as and stamps on every input; not 0 needs a {@link #secret(byte[])}.
         *
         * @param clientId the client id of the engine's sessions file.
         * @return this context.
         */
        public Context clientId(final int clientId)
        {
            this.clientId = clientId;
            return this;
        }

        /**
         * @return which of the client's keys the secret is.
         */
        public int keyId()
        {
            return keyId;
        }

        /**
         * Which of the client's keys the secret is, as the sessions file's {@code key} (by default 1).
         *
         * @param keyId the key id.
         * @return this context.
         */
        public Context keyId(final int keyId)
        {
            this.keyId = keyId;
            return this;
        }

        byte[] secret()
        {
            return secret;
        }

        /**
         * The shared secret of this client (kept, never printed).
         *
         * @param secret the secret, at least {@link SessionProof#MIN_SECRET_LENGTH} bytes; copied.
         * @return this context.
         */
        public Context secret(final byte[] secret)
        {
            this.secret = secret.clone();
            return this;
        }

        /**
         * The shared secret as hex, as in the engine's sessions file (with or without the {@code hex:} prefix).
         *
         * @param hex the secret's hex digits.
         * @return this context.
         */
        public Context secretHex(final String hex)
        {
            this.secret = HexFormat.of().parseHex(hex.startsWith("hex:") ? hex.substring(4) : hex);
            return this;
        }

        /**
         * @return a copy of the accounts whose margin updates this client delivers.
         */
        public long[] accounts()
        {
            return accounts.clone();
        }

        /**
         * The accounts whose margin updates and liquidations this client delivers.
         *
         * @param accounts the account ids; copied.
         * @return this context.
         */
        public Context accounts(final long... accounts)
        {
            this.accounts = accounts.clone();
            return this;
        }

        /**
         * @return whether the margin updates of every account are delivered.
         */
        public boolean allAccounts()
        {
            return allAccounts;
        }

        /**
         * Deliver margin updates of every account (a risk monitor).
         *
         * @param allAccounts true for every account.
         * @return this context.
         */
        public Context allAccounts(final boolean allAccounts)
        {
            this.allAccounts = allAccounts;
            return this;
        }

        /**
         * @return how the client waits between retries and in blocking calls.
         */
        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /**
         * How to wait between retries and in blocking calls (by default a {@link BackoffIdleStrategy}).
         *
         * @param idleStrategy the strategy, used by the client's one thread only.
         * @return this context.
         */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * @return the clock that stamps requests.
         */
        public EpochNanoClock clock()
        {
            return clock;
        }

        /**
         * Stamps {@code timestampNs} of checks and queries, and seeds the correlation ids.
         *
         * @param clock an epoch clock in nanoseconds.
         * @return this context.
         */
        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @return the listener of what blocking calls poll but do not wait for.
         */
        public PmeClientListener listener()
        {
            return listener;
        }

        /**
         * Receives what blocking calls poll but do not wait for (by default nothing does).
         *
         * @param listener the listener.
         * @return this context.
         */
        public Context listener(final PmeClientListener listener)
        {
            this.listener = listener;
            return this;
        }

        /**
         * @return how long {@link PmeClient#connect} waits for the streams.
         * @see PmeClientConfiguration#CONNECT_TIMEOUT_PROP_NAME
         */
        public long connectTimeoutNs()
        {
            return connectTimeoutNs;
        }

        /**
         * How long {@link PmeClient#connect} waits for the streams to connect.
         *
         * @param connectTimeoutNs positive nanoseconds.
         * @return this context.
         */
        public Context connectTimeoutNs(final long connectTimeoutNs)
        {
            this.connectTimeoutNs = connectTimeoutNs;
            return this;
        }

        /**
         * @return how long {@link PmeClient#logon()} may take.
         * @see PmeClientConfiguration#LOGON_TIMEOUT_PROP_NAME
         */
        public long logonTimeoutNs()
        {
            return logonTimeoutNs;
        }

        /**
         * How long {@link PmeClient#logon()} may take in all.
         *
         * @param logonTimeoutNs positive nanoseconds.
         * @return this context.
         */
        public Context logonTimeoutNs(final long logonTimeoutNs)
        {
            this.logonTimeoutNs = logonTimeoutNs;
            return this;
        }

        /**
         * @return how long a logon waits for its challenge before it is sent again.
         * @see PmeClientConfiguration#LOGON_RESEND_INTERVAL_PROP_NAME
         */
        public long logonResendIntervalNs()
        {
            return logonResendIntervalNs;
        }

        /**
         * How long a logon waits for its challenge before it is sent again (the engine drops an answer it cannot
         * publish, e.g. before its output stream counts this client's subscription).
         *
         * @param logonResendIntervalNs positive nanoseconds.
         * @return this context.
         */
        public Context logonResendIntervalNs(final long logonResendIntervalNs)
        {
            this.logonResendIntervalNs = logonResendIntervalNs;
            return this;
        }

        /**
         * @return how long a request may wait for its answer.
         * @see PmeClientConfiguration#REQUEST_TIMEOUT_PROP_NAME
         */
        public long requestTimeoutNs()
        {
            return requestTimeoutNs;
        }

        /**
         * How long a request may wait for its answer before it is reported timed out.
         *
         * @param requestTimeoutNs positive nanoseconds.
         * @return this context.
         */
        public Context requestTimeoutNs(final long requestTimeoutNs)
        {
            this.requestTimeoutNs = requestTimeoutNs;
            return this;
        }

        /**
         * @return requests awaiting answers at most.
         * @see PmeClientConfiguration#MAX_IN_FLIGHT_PROP_NAME
         */
        public int maxInFlight()
        {
            return maxInFlight;
        }

        /**
         * Requests awaiting answers at most; beyond it an offer returns {@link PmeClient#OVERLOADED}.
         *
         * @param maxInFlight positive.
         * @return this context.
         */
        public Context maxInFlight(final int maxInFlight)
        {
            this.maxInFlight = maxInFlight;
            return this;
        }

        /**
         * @return retries of a back-pressured offer.
         * @see PmeClientConfiguration#OFFER_RETRIES_PROP_NAME
         */
        public int offerRetries()
        {
            return offerRetries;
        }

        /**
         * Retries of a back-pressured offer, one idle each, before {@link PmeClient#BACK_PRESSURED}.
         *
         * @param offerRetries zero or more.
         * @return this context.
         */
        public Context offerRetries(final int offerRetries)
        {
            this.offerRetries = offerRetries;
            return this;
        }

        /**
         * @return the first correlation id, or 0 for one from the clock.
         */
        public long initialCorrelationId()
        {
            return initialCorrelationId;
        }

        /**
         * The first correlation id; by default (0) the clock's epoch nanoseconds at connect, so a restarted client
         * stays above every id the engine has seen from it (the engine refuses non-increasing ids as duplicates).
         *
         * @param initialCorrelationId positive, or 0 for the clock's.
         * @return this context.
         */
        public Context initialCorrelationId(final long initialCorrelationId)
        {
            this.initialCorrelationId = initialCorrelationId;
            return this;
        }

        /**
         * @return the handler of the errors of the Aeron client this client creates.
         */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /**
         * Errors of the Aeron client this client creates (by default printed; never exits the process).
         *
         * @param errorHandler the handler.
         * @return this context.
         */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /**
         * Never prints the secret.
         *
         * @return the client id and the streams.
         */
        public String toString()
        {
            return "PmeClient.Context{clientId=" + clientId + ", input=" + inputChannel + "/" + inputStreamId +
                ", output=" + outputChannel + "/" + outputStreamId + ", secret=<hidden>}";
        }

        private static void requireChannel(final String name, final String channel)
        {
            if (null == channel || channel.isBlank())
            {
                throw new IllegalArgumentException(name + " must be an Aeron channel, e.g. aeron:ipc: " + channel);
            }
        }

        private static void requireNonNull(final String name, final Object value)
        {
            if (null == value)
            {
                throw new IllegalArgumentException(name + " must not be null");
            }
        }

        private static void requirePositive(final String name, final long value)
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }
    }
}
