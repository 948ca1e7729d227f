package io.pme.engine.fuzz;

import io.pme.codecs.AckDecoder;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
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
 * and announces nothing, an applied one leaves every balance, position and order finite, and every value held within
 * the bounds of docs/bounds.md: no subnormal anywhere, prices, volatilities and instrument terms inside their sets,
 * expiries within the tenor, each asset an underlying or not as it was when defined, parameters inside theirs.
 */
final class FuzzHarness
{
    static final int MAX_ASSETS = 64;
    static final int MAX_INSTRUMENTS = 256;
    static final int MAX_ACCOUNTS = 64;
    static final int MAX_POSITIONS = 32;
    static final int MAX_OPEN_ORDERS = 1024;
    static final int MAX_CLIENTS = 16;

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
        answers.reset();
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
    // Per asset, all balances add up to the flows across the accounts' boundary: deposits less withdrawals, and in
    // USD the premiums and realised P&L of fills, funding, less fees.
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
            double expected = ledger.deposits(asset) - ledger.withdrawals(asset);
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
        final int length = snapshotCodec.encode(state);
        try
        {
            restoredCodec.decode(snapshotCodec.buffer(), 0, length, restored);
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

    /** Records the answers to one input. */
    private static final class Answers implements Outbox
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final RejectDecoder reject = new RejectDecoder();
        private final CheckResultDecoder checkResult = new CheckResultDecoder();
        private final MarginQueryResultDecoder marginQueryResult = new MarginQueryResultDecoder();
        int direct;
        int marginUpdates;
        int templateId;
        long timestampNs;
        long correlationId;
        int clientId;
        int rejectedTemplateId;
        boolean refused;
        RejectReason reason = RejectReason.NONE;

        void reset()
        {
            direct = 0;
            marginUpdates = 0;
            templateId = 0;
            refused = false;
            reason = RejectReason.NONE;
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
    }
}
