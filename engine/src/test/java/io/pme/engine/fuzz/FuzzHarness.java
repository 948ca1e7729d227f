package io.pme.engine.fuzz;

import io.pme.engine.state.Encodings;
import io.pme.codecs.AckDecoder;
import io.pme.codecs.AdlRankDecoder;
import io.pme.codecs.OracleCause;
import io.pme.codecs.OracleState;
import io.pme.codecs.OracleStatusDecoder;
import io.pme.codecs.ParameterChangeDecoder;
import io.pme.codecs.ParameterChangeStatus;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OrderReleasedDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.codecs.StateDigestDecoder;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.Checks;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.AccountStates;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.rulebook.ScenarioGrid;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.Liquidations;
import io.pme.engine.state.OpenOrders;
import io.pme.engine.state.StateSnapshot;
import org.agrona.DirectBuffer;

import static io.pme.engine.fuzz.InboundLayout.CLIENT_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.CORRELATION_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.HEADER_LENGTH;
import static io.pme.engine.fuzz.InboundLayout.PREFIX_LENGTH;
import static io.pme.engine.fuzz.InboundLayout.TIMESTAMP_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A real input processor with the portfolio risk model over a small state, and the oracle every input must pass:
 * nothing thrown, exactly one direct answer echoing the input, a refused input leaves the state digest as it was
 * and announces nothing (no margin update, no liquidation output), an applied one leaves every balance, position,
 * order and liquidation finite, money conserved, and every value held within the bounds of docs/bounds.md: no
 * subnormal anywhere, prices, volatilities and instrument terms inside their sets, expiries within the tenor, each
 * asset an underlying or not as it was when defined, parameters inside theirs. The liquidation's announcements
 * (orders, events, released orders, the insurance fund, ADL rank bands) echo the input that caused them, are well
 * formed and carry finite figures; an event's account figures are NaN only together, for an account without
 * figures (docs/liquidation.md).
 */
final class FuzzHarness
{
    static final int MAX_ASSETS = 64;
    static final int MAX_INSTRUMENTS = 256;
    static final int MAX_ACCOUNTS = 64;
    static final int MAX_POSITIONS = 32;
    static final int MAX_OPEN_ORDERS = 1024;
    static final int MAX_CLIENTS = 16;
    /** The bands an ADL rank is published in: quintiles of the last sweep (docs/liquidation.md). */
    private static final int ADL_QUINTILES = 5;

    private final EngineState state = newState();
    private final EngineCounters counters = EngineCounters.local();
    private final Answers answers = new Answers();
    private final StateSnapshot snapshotCodec = new StateSnapshot();
    private final StateSnapshot restoredCodec = new StateSnapshot();
    private final EngineState restored = newState();
    private final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
    private final boolean[] underlyings = new boolean[MAX_ASSETS];
    private final boolean[] assetsSeen = new boolean[MAX_ASSETS];
    private final InputProcessor processor;
    private final String context;
    private long journalIndex;
    private long refused;
    private String snapshotProblem;

    /**
     * @param context printed with any failure, e.g. the seed that reproduces it.
     */
    FuzzHarness(final String context)
    {
        this.context = context;
        processor = new InputProcessor(state, risk, counters, answers, this::snapshot);
    }

    static EngineState newState()
    {
        return new EngineState(
            MAX_ASSETS, MAX_INSTRUMENTS, MAX_ACCOUNTS, MAX_POSITIONS, MAX_OPEN_ORDERS, MAX_CLIENTS, 4);
    }

    EngineState state()
    {
        return state;
    }

    InputProcessor processor()
    {
        return processor;
    }

    EngineCounters counters()
    {
        return counters;
    }

    long refused()
    {
        return refused;
    }

    /**
     * Applies one input and checks the oracle.
     *
     * @return the reason of the refusal, {@link RejectReason#NONE} when applied.
     */
    RejectReason apply(final DirectBuffer buffer, final int length)
    {
        final long digestBefore = processor.digest();
        final long rejectsBefore = counters.rejects().get();
        final long nowBefore = state.nowNs();
        answers.reset(buffer, length);
        try
        {
            processor.process(buffer, 0, length, ++journalIndex);
        }
        catch (final Throwable ex)
        {
            throw failure("process threw " + ex, buffer, length, ex);
        }
        if (1 != answers.direct)
        {
            throw failure("direct answers: " + answers.direct, buffer, length, null);
        }
        checkEcho(buffer, length);
        check(null == answers.problem, answers.problem, buffer, length);
        check(state.nowNs() >= nowBefore, "clock went backwards", buffer, length);
        check(0 == counters.errors().get(), "errors counter moved", buffer, length);
        check(null == snapshotProblem, snapshotProblem, buffer, length);
        if (answers.refused)
        {
            refused++;
            check(RejectReason.NONE != answers.reason && RejectReason.NULL_VAL != answers.reason,
                "refused without a reason", buffer, length);
            check(rejectsBefore + 1 == counters.rejects().get(), "rejects counter not counted once", buffer, length);
            check(0 == answers.marginUpdates, "refused input announced margin updates", buffer, length);
            check(0 == answers.announcements, "refused input announced liquidation outputs", buffer, length);
            final long digestAfter = processor.digest();
            check(digestBefore == digestAfter, "refused input changed the state digest", buffer, length);
            return answers.reason;
        }
        check(rejectsBefore == counters.rejects().get(), "rejects counter moved on an applied input", buffer, length);
        checkConsistent(buffer, length);
        return RejectReason.NONE;
    }

    private void checkEcho(final DirectBuffer buffer, final int length)
    {
        final boolean readable = length >= HEADER_LENGTH + PREFIX_LENGTH &&
            (buffer.getShort(0, LITTLE_ENDIAN) & 0xFFFF) >= PREFIX_LENGTH;
        final long timestampNs = readable ? buffer.getLong(HEADER_LENGTH + TIMESTAMP_OFFSET, LITTLE_ENDIAN) : 0;
        final long correlationId = readable ? buffer.getLong(HEADER_LENGTH + CORRELATION_ID_OFFSET, LITTLE_ENDIAN) : 0;
        final int clientId = readable ? buffer.getInt(HEADER_LENGTH + CLIENT_ID_OFFSET, LITTLE_ENDIAN) : 0;
        check(timestampNs == answers.timestampNs && correlationId == answers.correlationId &&
            clientId == answers.clientId, "answer does not echo the input's prefix", buffer, length);
        if (RejectDecoder.TEMPLATE_ID == answers.templateId)
        {
            final int templateId = length >= HEADER_LENGTH ? buffer.getShort(2, LITTLE_ENDIAN) & 0xFFFF : 0;
            check(templateId == answers.rejectedTemplateId, "reject names another template", buffer, length);
        }
    }

    /** An applied input must leave every stored amount finite, and margined figures finite too. */
    // Per asset, all balances add up to the flows across the accounts' boundary: deposits less withdrawals less the
    // interest debts paid, and in USD the premiums and realised P&L of fills, funding, less fees.
    private void checkMoneyConserved(final DirectBuffer buffer, final int length)
    {
        final Accounts accounts = state.accounts();
        final io.pme.engine.state.Ledger ledger = state.ledger();
        final int usd = state.assets().usdAssetId();
        for (int asset = 0; asset < accounts.maxAssets(); asset++)
        {
            double total = 0.0;
            double scale = Math.abs(ledger.deposits(asset)) + Math.abs(ledger.withdrawals(asset));
            for (int slot = 0; slot < accounts.count(); slot++)
            {
                total += accounts.balance(slot, asset);
                scale += Math.abs(accounts.balance(slot, asset));
            }
            double expected = ledger.deposits(asset) - ledger.withdrawals(asset) - ledger.interest(asset);
            scale += Math.abs(ledger.interest(asset));
            if (asset == usd)
            {
                expected += ledger.tradeCash() + ledger.funding() - state.feesCollected();
                scale += Math.abs(ledger.tradeCash()) + Math.abs(ledger.funding()) + Math.abs(state.feesCollected());
            }
            if (Math.abs(total - expected) > 1e-9 * scale + 1e-9)
            {
                throw failure("money not conserved in asset " + asset + ": balances add up to " + total +
                    ", flows to " + expected, buffer, length, null);
            }
        }
    }

    void checkConsistent(final DirectBuffer buffer, final int length)
    {
        final Accounts accounts = state.accounts();
        final OpenOrders orders = state.openOrders();
        check(Double.isFinite(state.feesCollected()), "fees collected not finite", buffer, length);
        checkMoneyConserved(buffer, length);
        checkMarketWithinBounds(buffer, length);
        checkParametersWithinBounds(buffer, length);
        checkLiquidationsFinite(buffer, length);
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            for (int asset = 0; asset < accounts.maxAssets(); asset++)
            {
                if (!Double.isFinite(accounts.balance(slot, asset)) || isSubnormal(accounts.balance(slot, asset)))
                {
                    throw failure("balance not finite: account " + accounts.accountId(slot) + " asset " + asset +
                        " = " + accounts.balance(slot, asset), buffer, length, null);
                }
            }
            for (int i = 0; i < accounts.positionCount(slot); i++)
            {
                final double quantity = accounts.positionQuantity(slot, i);
                final double entry = accounts.positionEntryPrice(slot, i);
                if (!Double.isFinite(quantity) || 0.0 == quantity || !Double.isFinite(entry) ||
                    isSubnormal(quantity) || isSubnormal(entry))
                {
                    throw failure("position not finite: account " + accounts.accountId(slot) + " quantity " +
                        quantity + " entry " + entry, buffer, length, null);
                }
            }
            for (int o = orders.first(slot); o != OpenOrders.NONE; o = orders.next(o))
            {
                if (!Checks.isNonZeroBounded(orders.signedQuantity(o)) || !Checks.isBounded(orders.limitPrice(o)))
                {
                    throw failure("open order not finite: account " + accounts.accountId(slot), buffer, length, null);
                }
            }
            if (AccountStates.UNMARGINED != accounts.state(slot) && !(Double.isFinite(accounts.equity(slot)) &&
                Double.isFinite(accounts.initialMargin(slot)) && Double.isFinite(accounts.maintenanceMargin(slot))))
            {
                throw failure("margined account with figures not finite: account " + accounts.accountId(slot) +
                    " equity " + accounts.equity(slot) + " IM " + accounts.initialMargin(slot), buffer, length, null);
            }
        }
    }

    // a live liquidation's open order is a non-zero bounded quantity at a finite limit, its auction finite prices
    private void checkLiquidationsFinite(final DirectBuffer buffer, final int length)
    {
        final Liquidations liquidations = state.liquidations();
        for (int record = 0; record < liquidations.highWater(); record++)
        {
            if (!liquidations.isLive(record))
            {
                continue;
            }
            final int slot = liquidations.slot(record);
            check(state.accounts().liquidation(slot) == record, "liquidation " + liquidations.id(record) +
                " is not its account's", buffer, length);
            if (0 != liquidations.orderId(record))
            {
                final double limit = liquidations.orderLimit(record);
                check(Checks.isNonZeroBounded(liquidations.orderRemaining(record)) && Double.isFinite(limit) &&
                    limit >= 0.0, "liquidation order " + liquidations.orderId(record) + " not finite: " +
                    liquidations.orderRemaining(record) + " at " + limit, buffer, length);
            }
            if (Liquidations.AUCTION == liquidations.stage(record))
            {
                check(Double.isFinite(liquidations.auctionStartPrice(record)) &&
                    Double.isFinite(liquidations.auctionFloorPrice(record)),
                    "auction of liquidation " + liquidations.id(record) + " not finite", buffer, length);
            }
        }
    }

    private static boolean isSubnormal(final double value)
    {
        return 0.0 != value && Math.abs(value) < Double.MIN_NORMAL;
    }

    private void checkMarketWithinBounds(final DirectBuffer buffer, final int length)
    {
        final Assets assets = state.assets();
        for (int a = 0; a < assets.capacity(); a++)
        {
            if (!assets.isDefined(a))
            {
                continue;
            }
            final double price = assets.price(a);
            // NaN: no price yet
            check(Double.isNaN(price) || (Checks.isPositiveBounded(price) && (!assets.isUsd(a) || 1.0 == price)),
                "asset " + a + " priced " + price, buffer, length);
            if (!assetsSeen[a])
            {
                assetsSeen[a] = true;
                underlyings[a] = risk.isUnderlying(a);
            }
            check(underlyings[a] == risk.isUnderlying(a), "asset " + a + " changed being an underlying", buffer,
                length);
        }
        final Instruments instruments = state.instruments();
        for (int i = 0; i < instruments.capacity(); i++)
        {
            if (!instruments.isDefined(i))
            {
                continue;
            }
            final long expiryNs = instruments.expiryNs(i);
            final boolean perpetual = Instruments.PERPETUAL == instruments.kind(i);
            final boolean option = instruments.isOption(i);
            final double vol = instruments.vol(i);
            check(Checks.isPositiveBounded(instruments.multiplier(i)) &&
                (option ? Checks.isPositiveBounded(instruments.strike(i)) : 0.0 == instruments.strike(i)) &&
                (perpetual ? 0 == expiryNs : expiryNs > 0 && expiryNs - state.nowNs() <= Checks.MAX_TENOR_NS) &&
                (Double.isNaN(vol) || (option && Checks.isVolatility(vol))) &&
                risk.isUnderlying(instruments.underlying(i)),
                "instrument " + i + " outside its bounds", buffer, length);
        }
    }

    private void checkParametersWithinBounds(final DirectBuffer buffer, final int length)
    {
        final RiskParameters p = risk.parameters();
        check(p.mmFactor() >= 0.1 && p.mmFactor() <= 1.0, "MM factor " + p.mmFactor(), buffer, length);
        check(p.shortTermVegaPower() <= 1.0 && p.longTermVegaPower() <= 1.0 && p.volRangeUp() <= 2.0 &&
            p.minVolForShockUp() <= 10.0 && p.optionContingency() <= 0.1 && p.linearContingency() <= 0.1 &&
            p.riskFreeRate() >= -0.1 && p.riskFreeRate() <= 0.5, "a global parameter out of bounds", buffer, length);
        for (int t = 0; t < ScenarioGrid.TAIL_COUNT; t++)
        {
            final double tail = Math.abs(p.tailShock(t));
            check(tail >= 0.01 && tail <= 10.0 && p.tailShock(t) >= -0.99, "tail " + t, buffer, length);
        }
        for (int a = 0; a < state.assets().capacity(); a++)
        {
            if (state.assets().isDefined(a))
            {
                final double range = p.priceRange(a);
                check(p.isUnderlying(a) ? range >= 0.01 && range <= 0.95 : 0.0 == range && 0.0 == p.pnlOffset(a),
                    "asset " + a + " price range " + range, buffer, length);
                for (int tier = 0; tier < p.tierCount(a); tier++)
                {
                    final double haircut = p.tierHaircut(a, tier);
                    check(!isSubnormal(haircut) && haircut <= 1.0 && p.tierBound(a, tier) <= 1e15,
                        "asset " + a + " tier " + tier, buffer, length);
                }
            }
        }
    }

    // The snapshot must carry everything the digest checks: decode it into a second state and compare.
    private boolean snapshot(final long index)
    {
        final long length = snapshotCodec.encode(state);
        try
        {
            restoredCodec.decode(Encodings.channel(Encodings.bytes(snapshotCodec, length)), length, restored);
            if (restoredCodec.digest(restored) != snapshotCodec.digest(state))
            {
                snapshotProblem = "snapshot does not reproduce the state digest";
            }
        }
        catch (final RuntimeException ex)
        {
            snapshotProblem = "snapshot does not decode: " + ex;
        }
        return true;
    }

    private void check(final boolean condition, final String what, final DirectBuffer buffer, final int length)
    {
        if (!condition)
        {
            throw failure(what, buffer, length, null);
        }
    }

    private AssertionError failure(
        final String what, final DirectBuffer buffer, final int length, final Throwable cause)
    {
        final StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            hex.append(String.format("%02x", buffer.getByte(i)));
        }
        return new AssertionError(
            what + " [" + context + ", input " + journalIndex + ", answer " + answers.templateId + "/" +
            answers.reason + ", frame " + length + " bytes: " + hex + "]", cause);
    }

    /** Records the answers to one input, and checks each liquidation announcement as it comes. */
    private static final class Answers implements Outbox
    {
        private final io.pme.codecs.BorrowRateDecoder borrowRate = new io.pme.codecs.BorrowRateDecoder();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final RejectDecoder reject = new RejectDecoder();
        private final CheckResultDecoder checkResult = new CheckResultDecoder();
        private final MarginQueryResultDecoder marginQueryResult = new MarginQueryResultDecoder();
        private final LiquidationOrderDecoder liquidationOrder = new LiquidationOrderDecoder();
        private final LiquidationEventDecoder liquidationEvent = new LiquidationEventDecoder();
        private final OrderReleasedDecoder orderReleased = new OrderReleasedDecoder();
        private final InsuranceFundDecoder insuranceFund = new InsuranceFundDecoder();
        private final AdlRankDecoder adlRank = new AdlRankDecoder();
        private final OracleStatusDecoder oracleStatus = new OracleStatusDecoder();
        private final ParameterChangeDecoder parameterChange = new ParameterChangeDecoder();
        private long inputTimestampNs;
        private long inputCorrelationId;
        private int inputClientId;
        int direct;
        int marginUpdates;
        int announcements;
        String problem;
        int templateId;
        long timestampNs;
        long correlationId;
        int clientId;
        int rejectedTemplateId;
        boolean refused;
        RejectReason reason = RejectReason.NONE;

        /** Before an input: forgets the last one's answers and keeps its prefix, which announcements must echo. */
        void reset(final DirectBuffer input, final int length)
        {
            direct = 0;
            marginUpdates = 0;
            announcements = 0;
            problem = null;
            templateId = 0;
            refused = false;
            reason = RejectReason.NONE;
            // only an applied input announces, and its prefix is readable; a garbled one's is never compared
            final boolean readable = length >= HEADER_LENGTH + PREFIX_LENGTH;
            inputTimestampNs = readable ? input.getLong(HEADER_LENGTH + TIMESTAMP_OFFSET, LITTLE_ENDIAN) : 0;
            inputCorrelationId = readable ? input.getLong(HEADER_LENGTH + CORRELATION_ID_OFFSET, LITTLE_ENDIAN) : 0;
            inputClientId = readable ? input.getInt(HEADER_LENGTH + CLIENT_ID_OFFSET, LITTLE_ENDIAN) : 0;
        }

        public void publish(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int template = header.templateId();
            if (MarginUpdateDecoder.TEMPLATE_ID == template)
            {
                marginUpdates++;
                return;
            }
            if (isAnnouncement(template))
            {
                announcements++;
                checkAnnouncement(buffer, offset, length, template);
                return;
            }
            direct++;
            templateId = template;
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            timestampNs = buffer.getLong(body + TIMESTAMP_OFFSET, LITTLE_ENDIAN);
            correlationId = buffer.getLong(body + CORRELATION_ID_OFFSET, LITTLE_ENDIAN);
            clientId = buffer.getInt(body + CLIENT_ID_OFFSET, LITTLE_ENDIAN);
            if (RejectDecoder.TEMPLATE_ID == template)
            {
                reject.wrap(buffer, body, header.blockLength(), header.version());
                refused = true;
                reason = reject.reason();
                rejectedTemplateId = reject.templateId();
            }
            else if (CheckResultDecoder.TEMPLATE_ID == template)
            {
                checkResult.wrap(buffer, body, header.blockLength(), header.version());
                refused = CheckOutcome.REJECTED == checkResult.outcome();
                reason = checkResult.reason();
            }
            else if (MarginQueryResultDecoder.TEMPLATE_ID == template)
            {
                marginQueryResult.wrap(buffer, body, header.blockLength(), header.version());
                refused = RejectReason.NONE != marginQueryResult.reason();
                reason = marginQueryResult.reason();
            }
            else if (AckDecoder.TEMPLATE_ID != template && StateDigestDecoder.TEMPLATE_ID != template)
            {
                throw new AssertionError("unknown output template " + template);
            }
        }

        static boolean isAnnouncement(final int template)
        {
            return LiquidationOrderDecoder.TEMPLATE_ID == template || LiquidationEventDecoder.TEMPLATE_ID == template ||
                OrderReleasedDecoder.TEMPLATE_ID == template || InsuranceFundDecoder.TEMPLATE_ID == template ||
                AdlRankDecoder.TEMPLATE_ID == template || OracleStatusDecoder.TEMPLATE_ID == template ||
                ParameterChangeDecoder.TEMPLATE_ID == template ||
                io.pme.codecs.BorrowRateDecoder.TEMPLATE_ID == template;
        }

        // the first problem of an input's announcements is kept: apply fails on it, with the frame
        private void checkAnnouncement(
            final DirectBuffer buffer, final int offset, final int length, final int template)
        {
            final String found = problemOf(
                buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, length - MessageHeaderDecoder.ENCODED_LENGTH,
                template);
            if (null == problem && null != found)
            {
                problem = "announcement " + template + ": " + found;
            }
        }

        private String borrowRateProblem(final DirectBuffer buffer, final int body, final int blockLength)
        {
            final io.pme.codecs.BorrowRateDecoder r = borrowRate.wrap(buffer, body, blockLength, header.version());
            final boolean ok = io.pme.codecs.BorrowRateDecoder.BLOCK_LENGTH == blockLength &&
                r.utilization() >= 0.0 && Double.isFinite(r.utilization()) && r.rate() >= 0.0 &&
                Double.isFinite(r.rate()) && r.index() >= 1.0 && Double.isFinite(r.index()) &&
                r.totalDebt() >= 0.0 && r.poolSupply() > 0.0 && r.interestIncome() >= 0.0;
            return ok ? null : r.toString();
        }

        /** @return what is wrong with the announcement, null when nothing is. */
        private String problemOf(final DirectBuffer buffer, final int body, final int bodyLength, final int template)
        {
            final int blockLength = header.blockLength();
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.version() !=
                MessageHeaderDecoder.SCHEMA_VERSION || blockLength > bodyLength)
            {
                return "header " + header;
            }
            if (buffer.getLong(body + TIMESTAMP_OFFSET, LITTLE_ENDIAN) != inputTimestampNs ||
                buffer.getLong(body + CORRELATION_ID_OFFSET, LITTLE_ENDIAN) != inputCorrelationId ||
                buffer.getInt(body + CLIENT_ID_OFFSET, LITTLE_ENDIAN) != inputClientId)
            {
                return "does not echo the input's prefix";
            }
            switch (template)
            {
                case LiquidationOrderDecoder.TEMPLATE_ID:
                {
                    final LiquidationOrderDecoder o =
                        liquidationOrder.wrap(buffer, body, blockLength, header.version());
                    final boolean ok = LiquidationOrderDecoder.BLOCK_LENGTH == blockLength &&
                        o.liquidationId() > 0 && o.liquidationOrderId() > 0 && o.accountId() >= 0 &&
                        o.instrumentId() >= 0 && (Side.BUY == o.side() || Side.SELL == o.side()) &&
                        Checks.isPositiveBounded(o.quantity()) && Double.isFinite(o.limitPrice()) &&
                        o.limitPrice() >= 0.0 &&
                        // at the end of time a deadline is the end of time, never wrapped into the past
                        (o.expiresNs() > o.timestampNs() || Long.MAX_VALUE == o.expiresNs());
                    return ok ? null : o.toString();
                }
                case LiquidationEventDecoder.TEMPLATE_ID:
                {
                    final LiquidationEventDecoder e =
                        liquidationEvent.wrap(buffer, body, blockLength, header.version());
                    final boolean figuresNaN = Double.isNaN(e.equity()) && Double.isNaN(e.initialMargin()) &&
                        Double.isNaN(e.maintenanceMargin());
                    final boolean figuresFinite = Double.isFinite(e.equity()) && Double.isFinite(e.initialMargin()) &&
                        Double.isFinite(e.maintenanceMargin());
                    final boolean ok = LiquidationEventDecoder.BLOCK_LENGTH == blockLength &&
                        LiquidationEventType.NULL_VAL != e.stage() && e.liquidationId() >= 0 && e.accountId() >= 0 &&
                        e.step() >= 0 && (figuresNaN || figuresFinite) && Double.isFinite(e.quantity()) &&
                        Double.isFinite(e.price()) && Double.isFinite(e.amount()) &&
                        Double.isFinite(e.worstScenarioLoss()) && Double.isFinite(e.contribution()) &&
                        e.instrumentId() >= -1 && e.worstUnderlyingAssetId() >= -1 && e.worstScenario() >= -1 &&
                        e.worstScenario() < ScenarioGrid.SCENARIO_COUNT && e.counterpartyAccountId() >= 0 &&
                        e.liquidationOrderId() >= 0 && e.untilNs() >= 0;
                    return ok ? null : e.toString();
                }
                case OrderReleasedDecoder.TEMPLATE_ID:
                {
                    final OrderReleasedDecoder r = orderReleased.wrap(buffer, body, blockLength, header.version());
                    final boolean ok = OrderReleasedDecoder.BLOCK_LENGTH == blockLength && r.accountId() > 0 &&
                        0 != r.clientOrderId() && r.liquidationId() > 0;
                    return ok ? null : r.toString();
                }
                case AdlRankDecoder.TEMPLATE_ID:
                {
                    // band 0: no leg could be deleveraged, no instrument, no score; else a quintile and its leg
                    final AdlRankDecoder r = adlRank.wrap(buffer, body, blockLength, header.version());
                    final boolean ok = AdlRankDecoder.BLOCK_LENGTH == blockLength && r.accountId() >= 0 &&
                        (0 == r.band() ? -1 == r.instrumentId() && 0.0 == r.score() :
                        r.band() >= 1 && r.band() <= ADL_QUINTILES && r.instrumentId() >= 0 &&
                        Double.isFinite(r.score()) && r.score() > 0.0);
                    return ok ? null : r.toString();
                }
                case OracleStatusDecoder.TEMPLATE_ID:
                {
                    // the index is NaN only before an asset's first; the candidate NaN only without a quorum
                    final OracleStatusDecoder o = oracleStatus.wrap(buffer, body, blockLength, header.version());
                    final boolean ok = OracleStatusDecoder.BLOCK_LENGTH == blockLength && o.assetId() >= 0 &&
                        OracleState.NULL_VAL != o.status() && OracleState.NULL_VAL != o.previousStatus() &&
                        OracleCause.NULL_VAL != o.cause() && o.sourceId() >= -1 &&
                        (Double.isNaN(o.indexPrice()) || Checks.isPositiveBounded(o.indexPrice())) &&
                        (Double.isNaN(o.candidatePrice()) || Checks.isPositiveBounded(o.candidatePrice())) &&
                        o.sourcesUsed() >= 0 && o.sourcesUsed() <= o.sourcesFresh() && o.oldestAgeNs() >= 0;
                    return ok ? null : o.toString();
                }
                case ParameterChangeDecoder.TEMPLATE_ID:
                {
                    final ParameterChangeDecoder c = parameterChange.wrap(buffer, body, blockLength, header.version());
                    final boolean ok = ParameterChangeDecoder.BLOCK_LENGTH == blockLength && c.version() >= 0 &&
                        ParameterChangeStatus.NULL_VAL != c.status() && Double.isFinite(c.value()) &&
                        Double.isFinite(c.value2());
                    return ok ? null : c.toString();
                }
                case io.pme.codecs.BorrowRateDecoder.TEMPLATE_ID:
                    return borrowRateProblem(buffer, body, blockLength);
                default:
                {
                    final InsuranceFundDecoder f = insuranceFund.wrap(buffer, body, blockLength, header.version());
                    final boolean ok = InsuranceFundDecoder.BLOCK_LENGTH == blockLength &&
                        Double.isFinite(f.balance()) && Double.isFinite(f.change()) && f.liquidationId() >= 0;
                    return ok ? null : f.toString();
                }
            }
        }
    }
}
