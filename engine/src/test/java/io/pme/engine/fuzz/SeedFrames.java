package io.pme.engine.fuzz;

import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.AccountTransferEncoder;
import io.pme.codecs.AdminCommandEncoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.AssetDefinitionEncoder;
import io.pme.codecs.AuctionBidEncoder;
import io.pme.codecs.DepositEncoder;
import io.pme.codecs.FillEncoder;
import io.pme.codecs.FundingPaymentEncoder;
import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.InstrumentDefinitionEncoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.IsolatedAccountOpenEncoder;
import io.pme.codecs.LiquidationFillEncoder;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OptionRight;
import io.pme.codecs.OptionVolatilityEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.MarginQueryEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterScheduleEncoder;
import io.pme.codecs.ParameterUpdateEncoder;
import io.pme.codecs.Side;
import io.pme.codecs.WithdrawalEncoder;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.SimulationConfig;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.Liquidations;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Valid frames to start mutations from: the simulation's stream, plus one frame of every inbound template built
 * against the ids of a state, since the simulation never sends some templates (parameter updates, admin commands).
 */
final class SeedFrames
{
    /** Client ids the fuzzers send as; the simulation's are 1 … 4. */
    static final int FUZZ_CLIENT_BASE = 1000;
    static final int FUZZ_CLIENTS = 4;

    private final MarketSimulation simulation;

    SeedFrames(final long seed, final int accounts)
    {
        simulation = new MarketSimulation(new SimulationConfig().seed(seed).accounts(accounts));
    }

    int referenceFrameCount()
    {
        return simulation.referenceFrameCount();
    }

    /**
     * @return the next frames of the simulation, in order.
     */
    List<byte[]> next(final int count)
    {
        final List<byte[]> frames = new ArrayList<>(count);
        while (frames.size() < count)
        {
            simulation.generate((buffer, offset, length) ->
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(offset, frame);
                frames.add(frame);
                return true;
            }, count - frames.size());
        }
        return frames;
    }

    /**
     * @return a valid frame of every inbound template, aimed at ids that exist in the state.
     */
    static List<byte[]> everyTemplate(final EngineState state)
    {
        final Builder b = new Builder(state.nowNs() + 1);
        final long account = state.accounts().accountId(0);
        final int usd = state.assets().usdAssetId();
        final int btc = state.assets().findBySymbol("BTC");
        final int perpetual = firstOf(state, Instruments.PERPETUAL);
        final int option = firstOf(state, Instruments.OPTION);
        final List<byte[]> frames = new ArrayList<>();
        frames.add(b.accountOpen(account + 1_000_000));
        frames.add(b.assetDefinition(state.assets().capacity() - 1, "FUZZ"));
        final long expiryNs = state.nowNs() + 86_400_000_000_000L;
        final int lastInstrument = state.instruments().capacity() - 1;
        frames.add(b.instrumentDefinition(lastInstrument, btc, expiryNs));
        frames.add(b.instrumentDefinition(lastInstrument - 1, btc, InstrumentKind.PERPETUAL, OptionRight.NONE, 0, 0));
        frames.add(b.instrumentDefinition(
            lastInstrument - 2, btc, InstrumentKind.FUTURE, OptionRight.NONE, 0, expiryNs * 2 - state.nowNs()));
        frames.add(b.deposit(account, usd, 1_000.0));
        frames.add(b.withdrawal(account, usd, 10.0));
        frames.add(b.oraclePrice(btc, state.assets().price(btc) * 1.001));
        frames.add(b.optionVolatility(option, 0.6));
        frames.add(b.fill(account, perpetual, 0.01, state.assets().price(btc), 0.1, 0));
        frames.add(b.fill(account, option, -0.1, 100.0, 0.1, 0));
        frames.add(b.orderCheck(account, perpetual, Side.BUY, 0.01, state.assets().price(btc), 77));
        frames.add(b.orderCheck(account, option, Side.SELL, 0.1, 0.0, 78));
        frames.add(b.fill(account, perpetual, -0.01, state.assets().price(btc), -0.05, 78));
        frames.add(b.orderDone(account, 77));
        frames.add(b.marginQuery(account, perpetual, Side.SELL, 0.5, state.assets().price(btc)));
        frames.add(b.marginQuery(account, -1, Side.BUY, 0.0, 0.0));
        frames.add(b.fundingPayment(perpetual, 1.5));
        frames.add(b.parameterUpdate(ParameterId.MM_FACTOR, -1, 0, 0.6, 0.0));
        frames.add(b.parameterUpdate(ParameterId.PRICE_RANGE, btc, 0, 0.2, 0.0));
        frames.add(b.parameterUpdate(ParameterId.HAIRCUT_TIER, usd, 1, 1e6, 0.1));
        frames.add(b.parameterUpdate(ParameterId.TAIL_SHOCK, -1, 2, 0.6, 0.0));
        frames.add(b.parameterUpdate(ParameterId.SHORT_TERM_VEGA_POWER, -1, 0, 0.35, 0.0));
        frames.add(b.parameterUpdate(ParameterId.CORRELATION_SET, btc, 2, 0.0, 0.0));
        frames.add(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, -1, ParameterId.MM_FACTOR.value(), 0.0, 0.0));
        frames.add(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, btc, ParameterId.PRICE_RANGE.value(), 0.0, 0.0));
        frames.add(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, usd, ParameterId.HAIRCUT_TIER.value(), 0.0, 0.0));
        frames.add(b.parameterUpdate(ParameterId.LIQUIDATION, -1, 1, 0.3, 0.0));
        frames.add(b.parameterUpdate(ParameterId.LIQUIDATION, -1, 8, 5, 0.0));
        frames.add(b.parameterUpdate(ParameterId.ORACLE, btc, 4, 0.5, 0.0));
        frames.add(b.parameterUpdate(ParameterId.ORACLE, -1, 0, 3.6e12, 0.0));
        frames.add(b.parameterUpdate(ParameterId.ORACLE_SOURCE, btc, 1, 1.0, 0.0));
        frames.add(b.oraclePrice(btc, state.assets().price(btc) * 0.999));
        frames.add(b.parameterSchedule(state.nowNs() + 1_000_000_000L, 7, 2, ParameterId.PNL_OFFSET, btc, 0, 0.5));
        frames.add(b.parameterSchedule(state.nowNs() + 1_000_000_000L, 7, 2, ParameterId.MM_FACTOR, -1, 0, 0.7));
        frames.add(b.parameterSchedule(0, 8, 1, ParameterId.ORACLE, btc, 1, 1.0));
        frames.add(b.heartbeat());
        frames.add(b.adminCommand(AdminCommandType.DIGEST));
        frames.add(b.adminCommand(AdminCommandType.SNAPSHOT));
        frames.addAll(liquidationTemplates(state));
        return frames;
    }

    /**
     * The inputs added with liquidation (issue 13), in {@link #everyTemplate(EngineState)} since the engine takes them
     * (and a fill on the other side of its order no longer grows it), and on their own for the test that breaks each
     * at length.
     *
     * @return a valid frame of each: an isolated account under a cross one, transfers both ways, an execution of
     * and a bid for ids that need not exist, and when the state has a live liquidation order or an auction, an
     * execution of a tenth of that order at its limit and a large bid for that auction.
     */
    static List<byte[]> liquidationTemplates(final EngineState state)
    {
        final Builder b = new Builder(state.nowNs() + 1);
        final long parent = state.accounts().accountId(firstCross(state));
        final long isolated = parent + 2_000_000;
        final int usd = state.assets().usdAssetId();
        final int btc = state.assets().findBySymbol("BTC");
        final List<byte[]> frames = new ArrayList<>();
        frames.add(b.isolatedAccountOpen(isolated, parent));
        frames.add(b.accountTransfer(parent, isolated, usd, 100.0));
        frames.add(b.accountTransfer(isolated, parent, usd, 10.0));
        frames.add(b.liquidationFill(1, 0.01, state.assets().price(btc)));
        frames.add(b.auctionBid(1, state.accounts().accountId(0), 1_000.0));
        final Liquidations liquidations = state.liquidations();
        boolean order = false;
        boolean auction = false;
        for (int record = 0; record < liquidations.highWater(); record++)
        {
            if (!liquidations.isLive(record))
            {
                continue;
            }
            if (!order && 0 != liquidations.orderId(record))
            {
                order = true;
                frames.add(b.liquidationFill(liquidations.orderId(record),
                    Math.abs(liquidations.orderRemaining(record)) / 10, liquidations.orderLimit(record)));
            }
            if (!auction && Liquidations.AUCTION == liquidations.stage(record))
            {
                auction = true;
                frames.add(b.auctionBid(liquidations.id(record), parent, 1e6));
            }
        }
        return frames;
    }

    private static int firstCross(final EngineState state)
    {
        for (int slot = 0; slot < state.accounts().count(); slot++)
        {
            if (Accounts.CROSS == state.accounts().marginMode(slot))
            {
                return slot;
            }
        }
        throw new IllegalStateException("no cross account");
    }

    private static int firstOf(final EngineState state, final byte kind)
    {
        for (int i = 0; i < state.instruments().capacity(); i++)
        {
            if (state.instruments().isDefined(i) && kind == state.instruments().kind(i))
            {
                return i;
            }
        }
        throw new IllegalStateException("no instrument of kind " + kind);
    }

    /** Encodes frames with a fuzz client's prefix; the fuzzers give each a fresh correlation id before use. */
    static final class Builder
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final long timestampNs;

        Builder(final long timestampNs)
        {
            this.timestampNs = timestampNs;
        }

        long timestampNs()
        {
            return timestampNs;
        }

        byte[] accountOpen(final long accountId)
        {
            final AccountOpenEncoder e = new AccountOpenEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .accountId(accountId).marginMode(MarginMode.CROSS);
            return copy(e.encodedLength());
        }

        byte[] assetDefinition(final int assetId, final String symbol)
        {
            final AssetDefinitionEncoder e = new AssetDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).assetId(assetId).symbol(symbol);
            return copy(e.encodedLength());
        }

        byte[] instrumentDefinition(final int instrumentId, final int underlying, final long expiryNs)
        {
            return instrumentDefinition(
                instrumentId, underlying, InstrumentKind.OPTION, OptionRight.CALL, 100_000.0, expiryNs);
        }

        byte[] instrumentDefinition(
            final int instrumentId, final int underlying, final InstrumentKind kind, final OptionRight right,
            final double strike, final long expiryNs)
        {
            final InstrumentDefinitionEncoder e =
                new InstrumentDefinitionEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .instrumentId(instrumentId).underlyingAssetId(underlying).kind(kind)
                .right(right).multiplier(1.0).strike(strike).expiryNs(expiryNs).symbol("FUZZ-" + kind.name());
            return copy(e.encodedLength());
        }

        byte[] deposit(final long accountId, final int assetId, final double amount)
        {
            final DepositEncoder e = new DepositEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .accountId(accountId).assetId(assetId).amount(amount);
            return copy(e.encodedLength());
        }

        byte[] withdrawal(final long accountId, final int assetId, final double amount)
        {
            final WithdrawalEncoder e = new WithdrawalEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .accountId(accountId).assetId(assetId).amount(amount);
            return copy(e.encodedLength());
        }

        byte[] oraclePrice(final int assetId, final double price)
        {
            final OraclePriceEncoder e = new OraclePriceEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .sourceId(1).assetId(assetId).price(price).sourceTimestampNs(timestampNs);
            return copy(e.encodedLength());
        }

        byte[] optionVolatility(final int instrumentId, final double volatility)
        {
            final OptionVolatilityEncoder e = new OptionVolatilityEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .sourceId(1).instrumentId(instrumentId).volatility(volatility).sourceTimestampNs(timestampNs);
            return copy(e.encodedLength());
        }

        byte[] fill(
            final long accountId, final int instrumentId, final double quantity, final double price, final double fee,
            final long clientOrderId)
        {
            final FillEncoder e = new FillEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).accountId(accountId)
                .instrumentId(instrumentId).quantity(quantity).price(price).fee(fee).clientOrderId(clientOrderId);
            return copy(e.encodedLength());
        }

        byte[] marginQuery(
            final long accountId, final int instrumentId, final Side side, final double quantity,
            final double limitPrice)
        {
            final MarginQueryEncoder e = new MarginQueryEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).accountId(accountId)
                .instrumentId(instrumentId).side(side).quantity(quantity).limitPrice(limitPrice);
            return copy(e.encodedLength());
        }

        byte[] orderCheck(
            final long accountId, final int instrumentId, final Side side, final double quantity,
            final double limitPrice, final long clientOrderId)
        {
            final OrderCheckEncoder e = new OrderCheckEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).accountId(accountId)
                .instrumentId(instrumentId).side(side).quantity(quantity).limitPrice(limitPrice)
                .clientOrderId(clientOrderId);
            return copy(e.encodedLength());
        }

        byte[] orderDone(final long accountId, final long clientOrderId)
        {
            final OrderDoneEncoder e = new OrderDoneEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .accountId(accountId).clientOrderId(clientOrderId);
            return copy(e.encodedLength());
        }

        byte[] fundingPayment(final int instrumentId, final double amountPerContract)
        {
            final FundingPaymentEncoder e = new FundingPaymentEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .instrumentId(instrumentId).amountPerContract(amountPerContract);
            return copy(e.encodedLength());
        }

        byte[] parameterUpdate(
            final ParameterId parameterId, final int assetId, final int index, final double value,
            final double value2)
        {
            final ParameterUpdateEncoder e = new ParameterUpdateEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).parameterId(parameterId)
                .assetId(assetId).index(index).value(value).value2(value2);
            return copy(e.encodedLength());
        }

        byte[] parameterSchedule(
            final long effectiveNs, final long groupId, final int groupSize, final ParameterId parameterId,
            final int assetId, final int index, final double value)
        {
            final ParameterScheduleEncoder e = new ParameterScheduleEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).effectiveNs(effectiveNs)
                .groupId(groupId).groupSize(groupSize).parameterId(parameterId).assetId(assetId).index(index)
                .value(value).value2(0.0);
            return copy(e.encodedLength());
        }

        byte[] heartbeat()
        {
            final HeartbeatEncoder e = new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE);
            return copy(e.encodedLength());
        }

        byte[] adminCommand(final AdminCommandType command)
        {
            final AdminCommandEncoder e = new AdminCommandEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE).command(command);
            return copy(e.encodedLength());
        }

        byte[] liquidationFill(final long liquidationOrderId, final double quantity, final double price)
        {
            final LiquidationFillEncoder e = new LiquidationFillEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .liquidationOrderId(liquidationOrderId).quantity(quantity).price(price);
            return copy(e.encodedLength());
        }

        byte[] auctionBid(final long liquidationId, final long bidderAccountId, final double maxPrice)
        {
            final AuctionBidEncoder e = new AuctionBidEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .liquidationId(liquidationId).bidderAccountId(bidderAccountId).maxPrice(maxPrice);
            return copy(e.encodedLength());
        }

        byte[] accountTransfer(
            final long fromAccountId, final long toAccountId, final int assetId, final double amount)
        {
            final AccountTransferEncoder e = new AccountTransferEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .fromAccountId(fromAccountId).toAccountId(toAccountId).assetId(assetId).amount(amount);
            return copy(e.encodedLength());
        }

        byte[] isolatedAccountOpen(final long accountId, final long parentAccountId)
        {
            final IsolatedAccountOpenEncoder e =
                new IsolatedAccountOpenEncoder().wrapAndApplyHeader(buffer, 0, header);
            e.timestampNs(timestampNs).correlationId(1).clientId(FUZZ_CLIENT_BASE)
                .accountId(accountId).parentAccountId(parentAccountId);
            return copy(e.encodedLength());
        }

        private byte[] copy(final int bodyLength)
        {
            final byte[] frame = new byte[MessageHeaderEncoder.ENCODED_LENGTH + bodyLength];
            buffer.getBytes(0, frame);
            return frame;
        }
    }
}
