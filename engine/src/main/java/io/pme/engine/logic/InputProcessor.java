package io.pme.engine.logic;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AdminCommandDecoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.AccountTransferDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.IsolatedAccountOpenDecoder;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.HeartbeatDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.MarginQueryDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.ParameterScheduleDecoder;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.WithdrawalDecoder;
import io.pme.engine.EngineCounters;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.market.MarketData;
import io.pme.engine.market.Oracle;
import io.pme.engine.state.EngineState;
import io.pme.protocol.ProtocolConfiguration;
import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The business logic: applies one input frame to the engine state and emits its answers. It is a pure function of
 * the input sequence (time comes in on the messages), which is what makes journal replay exact. Every input gets
 * exactly one direct answer (ack, reject, check result or digest); a refused input changes no state.
 */
public final class InputProcessor
{
    private static final int COMMON_PREFIX_LENGTH = 20;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AccountOpenDecoder accountOpen = new AccountOpenDecoder();
    private final AssetDefinitionDecoder assetDefinition = new AssetDefinitionDecoder();
    private final InstrumentDefinitionDecoder instrumentDefinition = new InstrumentDefinitionDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawalDecoder withdrawal = new WithdrawalDecoder();
    private final OraclePriceDecoder oraclePrice = new OraclePriceDecoder();
    private final OptionVolatilityDecoder optionVolatility = new OptionVolatilityDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final OrderCheckDecoder orderCheck = new OrderCheckDecoder();
    private final OrderDoneDecoder orderDone = new OrderDoneDecoder();
    private final FundingPaymentDecoder fundingPayment = new FundingPaymentDecoder();
    private final ParameterUpdateDecoder parameterUpdate = new ParameterUpdateDecoder();
    private final ParameterScheduleDecoder parameterSchedule = new ParameterScheduleDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final MarginQueryDecoder marginQuery = new MarginQueryDecoder();
    private final LiquidationFillDecoder liquidationFill = new LiquidationFillDecoder();
    private final AuctionBidDecoder auctionBid = new AuctionBidDecoder();
    private final AccountTransferDecoder accountTransfer = new AccountTransferDecoder();
    private final IsolatedAccountOpenDecoder isolatedAccountOpen = new IsolatedAccountOpenDecoder();

    private final EngineState state;
    private final EngineCounters counters;
    private final Responses responses;
    private final ReferenceData referenceData;
    private final MarketData marketData;
    private final Treasury treasury;
    private final Trading trading;
    private final Admin admin;
    private final MarginQueries marginQueries;
    private final MarginNotifier notifier;
    private final Liquidator liquidator;
    private final Oracle oracle;
    private final ParameterSets parameterSets;
    private final Lender lender;
    private final RiskModelBinding risk;
    private final long snapshotIntervalInputs;
    private final long snapshotIntervalNs;

    /**
     * As the full constructor, with the default snapshot schedule ({@link SnapshotIntervals#DEFAULT}), which an
     * engine of default settings also has.
     *
     * @param state        the engine state the inputs change.
     * @param risk         the risk model and its parameters.
     * @param counters     where inputs, rejects and margin counts are counted.
     * @param outbox       where the output frames go.
     * @param snapshotSink what persists a snapshot when an input asks for one.
     */
    public InputProcessor(
        final EngineState state,
        final RiskModelBinding risk,
        final EngineCounters counters,
        final Outbox outbox,
        final SnapshotSink snapshotSink)
    {
        this(state, risk, counters, outbox, snapshotSink, SnapshotIntervals.DEFAULT);
    }

    /**
     * @param state             the engine state the inputs change.
     * @param risk              the risk model and its parameters.
     * @param counters          where inputs, rejects and margin counts are counted.
     * @param outbox            where the output frames go.
     * @param snapshotSink      what persists a snapshot when an input asks for one or the schedule decides one.
     * @param snapshotIntervals when the business logic takes a snapshot of its own; a replay must use the live run's.
     */
    public InputProcessor(
        final EngineState state,
        final RiskModelBinding risk,
        final EngineCounters counters,
        final Outbox outbox,
        final SnapshotSink snapshotSink,
        final SnapshotIntervals snapshotIntervals)
    {
        this.snapshotIntervalInputs = snapshotIntervals.inputs();
        this.snapshotIntervalNs = snapshotIntervals.messageTimeNs();
        this.state = state;
        this.counters = counters;
        this.responses = new Responses(outbox, counters);
        notifier = new MarginNotifier(state, risk.model(), responses, counters);
        liquidator = new Liquidator(state, risk.model(), notifier, notifier);
        notifier.liquidator(liquidator);
        lender = new Lender(state, notifier);
        notifier.lender(lender);
        referenceData = new ReferenceData(state, risk, notifier, lender);
        oracle = new Oracle(state, risk, notifier, notifier, counters, liquidator);
        marketData = new MarketData(state, risk, notifier, oracle);
        treasury = new Treasury(state, risk.model(), notifier, liquidator, lender);
        trading = new Trading(state, risk.model(), notifier, responses, counters, oracle, lender);
        admin = new Admin(state, risk, notifier, snapshotSink, liquidator, oracle, lender);
        parameterSets = new ParameterSets(state, risk, notifier, liquidator, oracle, admin, counters, lender);
        marginQueries = new MarginQueries(state, risk.model(), responses, oracle, lender);
        this.risk = risk;
    }

    /** Directs the output frames elsewhere from the next input on. */
    public void outbox(final Outbox outbox)
    {
        responses.outbox(outbox);
    }

    /** @return the engine state the inputs change. */
    public EngineState state()
    {
        return state;
    }

    /**
     * Applies one input frame. {@code journalIndex} is where the frame sits in the journal (for snapshots).
     */
    public void process(final DirectBuffer buffer, final int offset, final int length, final long journalIndex)
    {
        state.nextInputSequence();
        counters.inputs().incrementRelease();

        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            responses.reject(0, 0, 0, 0, RejectReason.MALFORMED_FRAME);
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int bodyLength = length - MessageHeaderDecoder.ENCODED_LENGTH;
        final boolean prefixReadable =
            bodyLength >= COMMON_PREFIX_LENGTH && header.blockLength() >= COMMON_PREFIX_LENGTH;
        final long timestampNs = prefixReadable ? buffer.getLong(bodyOffset, LITTLE_ENDIAN) : 0;
        final long correlationId = prefixReadable ? buffer.getLong(bodyOffset + 8, LITTLE_ENDIAN) : 0;
        final int clientId = prefixReadable ? buffer.getInt(bodyOffset + 16, LITTLE_ENDIAN) : 0;

        final RejectReason frameProblem = checkFrame(templateId, length, bodyLength);
        if (RejectReason.NONE != frameProblem)
        {
            responses.reject(timestampNs, correlationId, clientId, templateId, frameProblem);
            return;
        }
        final RejectReason sequenceProblem = checkSequence(timestampNs, correlationId, clientId);
        if (RejectReason.NONE != sequenceProblem)
        {
            responses.reject(timestampNs, correlationId, clientId, templateId, sequenceProblem);
            return;
        }

        // a well-formed input with a fresh correlation id consumes it even when refused: a client that resends
        // it after a crash (not knowing the answer) gets DUPLICATE, exactly as an uninterrupted engine would answer
        state.clients().lastCorrelationId(clientId, correlationId);
        notifier.input(timestampNs, correlationId, clientId);
        // rulebook section 8: the epoch boundaries the input's time reaches are taken before it is applied, so it
        // sees its debts with their interest; a refused input undoes them, a read-only query takes none
        final int moved = MarginQueryDecoder.TEMPLATE_ID == templateId ? 0 : lender.accrueTo(timestampNs);
        for (int i = 0; i < moved; i++)
        {
            risk.model().onDebtIndexPending(lender.movedAsset(i));
        }
        processSequenced(templateId, buffer, bodyOffset, timestampNs, correlationId, clientId, journalIndex);
        lender.publish();
    }

    // After an input its epochs preceded was applied: the accounts owing an asset whose index moved are revalued.
    private void interestApplied()
    {
        for (int i = 0, n = lender.movedCount(); i < n; i++)
        {
            final int assetId = lender.movedAsset(i);
            if (0.0 != state.debtPools().scaledDebt(assetId))
            {
                risk.model().onDebtIndex(assetId, notifier);
            }
        }
        lender.applied();
        risk.model().onDebtIndexSettled();
    }

    private void interestRefused()
    {
        lender.refused();
        risk.model().onDebtIndexSettled();
    }

    private void processSequenced(
        final int templateId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final long timestampNs,
        final long correlationId,
        final int clientId,
        final long journalIndex)
    {
        if (OrderCheckDecoder.TEMPLATE_ID == templateId)
        {
            if (trading.onOrderCheck(orderCheck.wrap(buffer, bodyOffset, header.blockLength(), header.version())))
            {
                accept(timestampNs, correlationId, clientId);
                interestApplied();
                timePasses(state.nowNs());
                liquidator.onInputEnd();
                snapshotIfDue(journalIndex);
            }
            else
            {
                interestRefused();
            }
            return;
        }
        if (MarginQueryDecoder.TEMPLATE_ID == templateId)
        {
            // read-only: consumes its correlation id like every input, but leaves the clock, reservations and figures
            // as they were (the account takes its pending volatility changes, as on any input of its own)
            marginQueries.onMarginQuery(marginQuery.wrap(buffer, bodyOffset, header.blockLength(), header.version()));
            return;
        }
        if (AdminCommandDecoder.TEMPLATE_ID == templateId)
        {
            onAdminCommand(adminCommand.wrap(buffer, bodyOffset, header.blockLength(), header.version()), journalIndex);
            return;
        }

        final RejectReason result = dispatch(templateId, buffer, bodyOffset);
        if (RejectReason.NONE == result)
        {
            accept(timestampNs, correlationId, clientId);
            responses.ack(timestampNs, correlationId, clientId, templateId);
            // after the answer: what the input started (a liquidation, a due step) and what its time decided follow
            // it on the wire
            interestApplied();
            timePasses(state.nowNs());
            liquidator.onInputEnd();
            snapshotIfDue(journalIndex);
        }
        else
        {
            interestRefused();
            responses.reject(timestampNs, correlationId, clientId, templateId, result);
        }
    }

    // Decided by the inputs alone (their count and their message time), at the end of an applied input, after its
    // answers: replay takes the same snapshots at the same inputs. The schedule moves, and the state settles,
    // whether or not the file is then written, as for an asked-for snapshot.
    private void snapshotIfDue(final long journalIndex)
    {
        if ((0 == snapshotIntervalInputs && 0 == snapshotIntervalNs) ||
            !state.snapshotSchedule().isDue(
            state.inputSequence(), state.nowNs(), snapshotIntervalInputs, snapshotIntervalNs))
        {
            return;
        }
        state.snapshotSchedule().set(state.inputSequence(), state.nowNs());
        // a snapshot holds no work in progress: the borrowers an epoch left to review are reviewed first
        risk.model().finishDebtSweeps(notifier);
        try
        {
            admin.takeScheduledSnapshot(journalIndex);
        }
        catch (final RuntimeException ex)
        {
            // not an input's outcome: the engine goes on, its journal intact; the sink keeps the error
            counters.snapshotFailures().incrementRelease();
        }
    }

    // What message time alone decides (a scheduled set due, a source going stale, a jump persisting, a pause
    // ending), at the end of each applied input, by the clock it moved: a refused input changes nothing, and a
    // decision within an input sees what the oracle's time would decide without it (Oracle.isDegraded).
    private void timePasses(final long nowNs)
    {
        // a set due now is in force when the oracle decides at the same time
        parameterSets.timePasses(nowNs);
        oracle.timePasses(nowNs);
        risk.model().sweepDebts(notifier);
    }

    private void accept(final long timestampNs, final long correlationId, final int clientId)
    {
        state.advanceClock(timestampNs);
    }

    private RejectReason checkFrame(final int templateId, final int length, final int bodyLength)
    {
        // no schema has a template 0: it is how the receiver journals a frame too long for a ring slot (its first
        // bytes), so the oversize frame is answered here, and again on replay, as the malformed frame it was
        if (0 == templateId || length > ProtocolConfiguration.MAX_FRAME_LENGTH)
        {
            return RejectReason.MALFORMED_FRAME;
        }
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return RejectReason.UNSUPPORTED_SCHEMA;
        }
        if (header.version() != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return RejectReason.UNSUPPORTED_VERSION;
        }
        final int expectedBlockLength = InboundTemplates.blockLength(templateId);
        if (expectedBlockLength < 0)
        {
            return RejectReason.UNKNOWN_TEMPLATE;
        }
        if (header.blockLength() != expectedBlockLength || bodyLength < expectedBlockLength)
        {
            return RejectReason.MALFORMED_FRAME;
        }
        return RejectReason.NONE;
    }

    private RejectReason checkSequence(final long timestampNs, final long correlationId, final int clientId)
    {
        if (timestampNs <= 0)
        {
            return RejectReason.INVALID_TIMESTAMP;
        }
        if (!state.clients().isKnown(clientId) && !state.clients().hasRoom())
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        if (correlationId <= state.clients().lastCorrelationId(clientId))
        {
            return RejectReason.DUPLICATE_CORRELATION_ID;
        }
        return RejectReason.NONE;
    }

    private RejectReason dispatch(final int templateId, final DirectBuffer buffer, final int bodyOffset)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case AccountOpenDecoder.TEMPLATE_ID:
                return referenceData.onAccountOpen(accountOpen.wrap(buffer, bodyOffset, blockLength, version));
            case AssetDefinitionDecoder.TEMPLATE_ID:
                return referenceData.onAssetDefinition(assetDefinition.wrap(buffer, bodyOffset, blockLength, version));
            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                return referenceData.onInstrumentDefinition(
                    instrumentDefinition.wrap(buffer, bodyOffset, blockLength, version));
            case DepositDecoder.TEMPLATE_ID:
                return treasury.onDeposit(deposit.wrap(buffer, bodyOffset, blockLength, version));
            case WithdrawalDecoder.TEMPLATE_ID:
                return treasury.onWithdrawal(withdrawal.wrap(buffer, bodyOffset, blockLength, version));
            case OraclePriceDecoder.TEMPLATE_ID:
                return marketData.onOraclePrice(oraclePrice.wrap(buffer, bodyOffset, blockLength, version));
            case OptionVolatilityDecoder.TEMPLATE_ID:
                return marketData.onOptionVolatility(
                    optionVolatility.wrap(buffer, bodyOffset, blockLength, version));
            case FillDecoder.TEMPLATE_ID:
                return trading.onFill(fill.wrap(buffer, bodyOffset, blockLength, version));
            case OrderDoneDecoder.TEMPLATE_ID:
                return trading.onOrderDone(orderDone.wrap(buffer, bodyOffset, blockLength, version));
            case FundingPaymentDecoder.TEMPLATE_ID:
                return treasury.onFundingPayment(fundingPayment.wrap(buffer, bodyOffset, blockLength, version));
            case ParameterUpdateDecoder.TEMPLATE_ID:
                return parameterSets.onParameterUpdate(parameterUpdate.wrap(buffer, bodyOffset, blockLength, version));
            case ParameterScheduleDecoder.TEMPLATE_ID:
                return parameterSets.onParameterSchedule(
                    parameterSchedule.wrap(buffer, bodyOffset, blockLength, version));
            case LiquidationFillDecoder.TEMPLATE_ID:
                liquidationFill.wrap(buffer, bodyOffset, blockLength, version);
                return liquidator.onFill(
                    liquidationFill.liquidationOrderId(), liquidationFill.quantity(), liquidationFill.price());
            case AuctionBidDecoder.TEMPLATE_ID:
                auctionBid.wrap(buffer, bodyOffset, blockLength, version);
                return liquidator.onBid(auctionBid.liquidationId(), auctionBid.bidderAccountId(),
                    auctionBid.maxPrice(), auctionBid.timestampNs());
            case AccountTransferDecoder.TEMPLATE_ID:
                return treasury.onAccountTransfer(accountTransfer.wrap(buffer, bodyOffset, blockLength, version));
            case IsolatedAccountOpenDecoder.TEMPLATE_ID:
                return referenceData.onIsolatedAccountOpen(
                    isolatedAccountOpen.wrap(buffer, bodyOffset, blockLength, version));
            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeat.wrap(buffer, bodyOffset, blockLength, version);
                return RejectReason.NONE;
            default:
                return RejectReason.UNKNOWN_TEMPLATE;
        }
    }

    private void onAdminCommand(final AdminCommandDecoder command, final long journalIndex)
    {
        final AdminCommandType type = Enums.command(command.commandRaw());
        if (AdminCommandType.SNAPSHOT != type && AdminCommandType.DIGEST != type)
        {
            responses.reject(
                command.timestampNs(), command.correlationId(), command.clientId(), AdminCommandDecoder.TEMPLATE_ID,
                RejectReason.INVALID_ENUM);
            interestRefused();
            return;
        }
        // the digest reports the state after this input, so the clock and sequence move first
        accept(command.timestampNs(), command.correlationId(), command.clientId());
        interestApplied();
        timePasses(state.nowNs());
        final boolean snapshot = AdminCommandType.SNAPSHOT == type;
        risk.model().finishDebtSweeps(notifier);
        // both commands move the state alike, so that a journal answers the same whether its snapshots were written
        admin.settleForSnapshot();
        final boolean taken;
        try
        {
            taken = snapshot && admin.takeSnapshot(journalIndex);
        }
        catch (final RuntimeException ex)
        {
            // the write's outcome is not an input: the state stays exactly as a written snapshot would leave it,
            // so replay (which writes none) still reproduces it; only the answer tells of the failure
            counters.snapshotFailures().incrementRelease();
            responses.reject(
                command.timestampNs(), command.correlationId(), command.clientId(), AdminCommandDecoder.TEMPLATE_ID,
                RejectReason.SNAPSHOT_FAILED);
            snapshotIfDue(journalIndex);
            return;
        }
        responses.stateDigest(
            command.timestampNs(), command.correlationId(), command.clientId(), admin.digest(),
            state.inputSequence(), taken, state.clients().digest());
        snapshotIfDue(journalIndex);
    }

    /**
     * Makes the risk model's parameters and caches match a state just decoded from a snapshot.
     */
    public void onRestore(final RiskModelBinding risk)
    {
        risk.resetParameters();
        final io.pme.engine.state.Assets assets = state.assets();
        for (int id = 0; id < assets.capacity(); id++)
        {
            if (assets.isDefined(id))
            {
                risk.defineAsset(id, assets.symbol(id));
            }
        }
        final io.pme.engine.state.ParameterLog log = state.parameterLog();
        lender.parameters().reset();
        for (int id = 0; id < assets.capacity(); id++)
        {
            if (assets.isDefined(id))
            {
                lender.parameters().defineAsset(id, assets.symbol(id));
            }
        }
        liquidator.parameters().reset();
        oracle.parameters().reset();
        for (int i = 0; i < log.size(); i++)
        {
            admin.reapply(log.parameterId(i), log.assetId(i), log.index(i), log.value(i), log.value2(i));
        }
        oracle.onRestore();
        parameterSets.onRestore();
        risk.model().onRestore();
        liquidator.onRestore();
        state.debtPools().clearChanged();
        notifier.recount();
    }

    /** Recounts the account gauges, after a replay. */
    public void recount()
    {
        notifier.recount();
    }

    /**
     * @return the digest of the clients' last correlation ids, which replay must reproduce beside
     * {@link #digest()}: it proves that inputs already used stay refused as duplicates.
     */
    public long correlationDigest()
    {
        return state.clients().digest();
    }

    /**
     * @return the state digest that replay must reproduce.
     */
    public long digest()
    {
        return admin.digest();
    }
}
