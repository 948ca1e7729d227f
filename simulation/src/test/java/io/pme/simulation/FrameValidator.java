package io.pme.simulation;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.HeartbeatDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OptionRight;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.Side;
import io.pme.codecs.WithdrawalDecoder;
import org.agrona.DirectBuffer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Sink decoding every frame with the generated decoders and checking the protocol invariants and the
 * order/fill/done consistency; counts what it saw.
 */
final class FrameValidator implements FrameSink
{
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
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final ParameterUpdateDecoder parameterUpdate = new ParameterUpdateDecoder();
    private final LiquidationFillDecoder liquidationFill = new LiquidationFillDecoder();
    private final AuctionBidDecoder auctionBid = new AuctionBidDecoder();

    private final long[] lastCorrelationId = new long[6];
    private final int[] templateCounts = new int[32];
    private final Set<Long> openedAccounts = new HashSet<>();
    private final Set<Integer> instruments = new HashSet<>();
    private final Map<String, double[]> openOrders = new HashMap<>();
    private final Map<Long, Long> lastClientOrderId = new HashMap<>();
    private final StringBuilder templateSequence = new StringBuilder();
    private long lastTimestampNs;
    private int frames;
    private int unknownAccountChecks;
    private int orderFills;
    private int openingFills;
    private int venueDeposits;
    private int parameterUpdates;
    private int oracleRules;

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        assertEquals(MessageHeaderEncoder.SCHEMA_ID, header.schemaId());
        assertEquals(MessageHeaderEncoder.SCHEMA_VERSION, header.version());
        final int templateId = header.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength());

        final long timestampNs = buffer.getLong(bodyOffset, java.nio.ByteOrder.LITTLE_ENDIAN);
        final long correlationId = buffer.getLong(bodyOffset + 8, java.nio.ByteOrder.LITTLE_ENDIAN);
        final int clientId = buffer.getInt(bodyOffset + 16, java.nio.ByteOrder.LITTLE_ENDIAN);
        assertTrue(timestampNs >= lastTimestampNs, "timestamp went backwards");
        assertTrue(clientId >= 1 && clientId <= 5, "client " + clientId);
        assertEquals(lastCorrelationId[clientId] + 1, correlationId, "correlation id of client " + clientId);
        lastCorrelationId[clientId] = correlationId;
        lastTimestampNs = timestampNs;

        decode(templateId, clientId, buffer, bodyOffset, header.blockLength());
        templateCounts[templateId]++;
        if (frames < 2_000)
        {
            templateSequence.append((char)('A' + templateId));
        }
        frames++;

        return true;
    }

    int frames()
    {
        return frames;
    }

    int count(final int templateId)
    {
        return templateCounts[templateId];
    }

    int unknownAccountChecks()
    {
        return unknownAccountChecks;
    }

    int orderFills()
    {
        return orderFills;
    }

    int openingFills()
    {
        return openingFills;
    }

    int venueDeposits()
    {
        return venueDeposits;
    }

    int parameterUpdates()
    {
        return parameterUpdates;
    }

    int oracleRules()
    {
        return oracleRules;
    }

    private static boolean isVenueAccount(final long accountId)
    {
        return MarketSimulation.INSURANCE_FUND_ACCOUNT_ID == accountId ||
            accountId >= MarketSimulation.FIRST_LIQUIDATOR_ACCOUNT_ID &&
            accountId < MarketSimulation.FIRST_LIQUIDATOR_ACCOUNT_ID + MarketSimulation.MAX_LIQUIDATORS;
    }

    int instrumentCount()
    {
        return instruments.size();
    }

    String templateSequence()
    {
        return templateSequence.toString();
    }

    private void decode(
        final int templateId, final int clientId, final DirectBuffer buffer, final int offset, final int blockLength)
    {
        switch (templateId)
        {
            case AssetDefinitionDecoder.TEMPLATE_ID:
                assetDefinition.wrap(buffer, offset, blockLength, 1);
                assertEquals(1, clientId);
                assertTrue(assetDefinition.symbol().length() >= 3);
                break;

            case InstrumentDefinitionDecoder.TEMPLATE_ID:
                checkInstrument(buffer, offset, blockLength, clientId);
                break;

            case AccountOpenDecoder.TEMPLATE_ID:
                accountOpen.wrap(buffer, offset, blockLength, 1);
                assertEquals(1, clientId);
                assertNotEquals(MarginMode.NULL_VAL, accountOpen.marginMode());
                assertTrue(openedAccounts.add(accountOpen.accountId()), "account opened twice");
                break;

            case DepositDecoder.TEMPLATE_ID:
                checkDeposit(buffer, offset, blockLength, clientId);
                break;

            case ParameterUpdateDecoder.TEMPLATE_ID:
                checkParameterUpdate(buffer, offset, blockLength, clientId);
                break;

            case WithdrawalDecoder.TEMPLATE_ID:
                withdrawal.wrap(buffer, offset, blockLength, 1);
                assertEquals(1, clientId);
                assertTrue(openedAccounts.contains(withdrawal.accountId()));
                assertTrue(withdrawal.amount() > 0.0 && Double.isFinite(withdrawal.amount()));
                break;

            case OraclePriceDecoder.TEMPLATE_ID:
                oraclePrice.wrap(buffer, offset, blockLength, 1);
                assertEquals(2, clientId);
                assertTrue(oraclePrice.sourceId() >= 1 && oraclePrice.sourceId() <= OracleFeed.SOURCE_COUNT);
                assertTrue(oraclePrice.price() > 0.0 && Double.isFinite(oraclePrice.price()));
                assertTrue(oraclePrice.assetId() >= 0 && oraclePrice.assetId() < MarketCatalogue.ASSET_COUNT);
                assertTrue(MarketCatalogue.USD != oraclePrice.assetId() ||
                    1.0 == oraclePrice.price() && FrameWriter.ORACLE_SOURCE_ID == oraclePrice.sourceId());
                break;

            case OptionVolatilityDecoder.TEMPLATE_ID:
                optionVolatility.wrap(buffer, offset, blockLength, 1);
                assertEquals(2, clientId);
                assertTrue(instruments.contains(optionVolatility.instrumentId()));
                assertTrue(optionVolatility.volatility() >= 0.05 && optionVolatility.volatility() <= 3.0);
                break;

            case OrderCheckDecoder.TEMPLATE_ID:
                checkOrder(buffer, offset, blockLength, clientId);
                break;

            case FillDecoder.TEMPLATE_ID:
                checkFill(buffer, offset, blockLength, clientId);
                break;

            case OrderDoneDecoder.TEMPLATE_ID:
                orderDone.wrap(buffer, offset, blockLength, 1);
                assertEquals(3, clientId);
                assertNotNull(
                    openOrders.remove(orderDone.accountId() + "/" + orderDone.clientOrderId()), "done for no order");
                break;

            case FundingPaymentDecoder.TEMPLATE_ID:
                fundingPayment.wrap(buffer, offset, blockLength, 1);
                assertEquals(4, clientId);
                assertTrue(Math.abs(fundingPayment.amountPerContract()) < 0.01 * 200_000.0);
                break;

            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeat.wrap(buffer, offset, blockLength, 1);
                break;

            case LiquidationFillDecoder.TEMPLATE_ID:
            case AuctionBidDecoder.TEMPLATE_ID:
                checkLiquidationAnswer(templateId, buffer, offset, blockLength, clientId);
                break;

            default:
                fail("unexpected template " + templateId);
        }
    }

    // the venue's liquidation rules for every asset, the oracle's for an asset but USD
    private void checkParameterUpdate(
        final DirectBuffer buffer, final int offset, final int blockLength, final int clientId)
    {
        parameterUpdate.wrap(buffer, offset, blockLength, 1);
        assertEquals(1, clientId);
        assertEquals(0.0, parameterUpdate.value2());
        if (ParameterId.LIQUIDATION == parameterUpdate.parameterId())
        {
            assertEquals(-1, parameterUpdate.assetId());
            parameterUpdates++;
            return;
        }
        assertTrue(ParameterId.ORACLE == parameterUpdate.parameterId() ||
            ParameterId.ORACLE_SOURCE == parameterUpdate.parameterId(), parameterUpdate::toString);
        assertTrue(
            parameterUpdate.assetId() > MarketCatalogue.USD && parameterUpdate.assetId() < MarketCatalogue.ASSET_COUNT);
        oracleRules++;
    }

    private void checkDeposit(final DirectBuffer buffer, final int offset, final int blockLength, final int clientId)
    {
        deposit.wrap(buffer, offset, blockLength, 1);
        assertEquals(1, clientId);
        // the insurance fund's account is the engine's, never opened: a deposit seeds it
        assertTrue(openedAccounts.contains(deposit.accountId()) ||
            MarketSimulation.INSURANCE_FUND_ACCOUNT_ID == deposit.accountId());
        assertTrue(deposit.amount() > 0.0 && Double.isFinite(deposit.amount()), "deposit " + deposit.amount());
        // USD only for the venue's own accounts (liquidators and the fund), as auction prices are paid in it
        assertTrue(deposit.assetId() >= 0 && deposit.assetId() < MarketCatalogue.ASSET_COUNT);
        assertTrue(deposit.assetId() > 0 || isVenueAccount(deposit.accountId()), "USD deposit to a trader");
        if (isVenueAccount(deposit.accountId()))
        {
            venueDeposits++;
        }
    }

    private void checkLiquidationAnswer(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int clientId)
    {
        if (LiquidationFillDecoder.TEMPLATE_ID == templateId)
        {
            liquidationFill.wrap(buffer, offset, blockLength, 1);
            assertEquals(4, clientId);
            assertTrue(liquidationFill.quantity() > 0.0 && Double.isFinite(liquidationFill.quantity()));
            assertTrue(liquidationFill.price() >= 0.0 && Double.isFinite(liquidationFill.price()));
            return;
        }
        auctionBid.wrap(buffer, offset, blockLength, 1);
        assertEquals(5, clientId);
        assertTrue(isVenueAccount(auctionBid.bidderAccountId()) && 0 != auctionBid.bidderAccountId());
        assertTrue(Double.isFinite(auctionBid.maxPrice()));
    }

    private void checkInstrument(
        final DirectBuffer buffer, final int offset, final int blockLength, final int clientId)
    {
        instrumentDefinition.wrap(buffer, offset, blockLength, 1);
        assertEquals(1, clientId);
        assertEquals(1.0, instrumentDefinition.multiplier());
        assertTrue(instruments.add(instrumentDefinition.instrumentId()));
        final boolean option = InstrumentKind.OPTION == instrumentDefinition.kind();
        assertEquals(option, OptionRight.NONE != instrumentDefinition.right());
        assertEquals(option, instrumentDefinition.strike() > 0.0);
        assertEquals(InstrumentKind.PERPETUAL == instrumentDefinition.kind(), 0 == instrumentDefinition.expiryNs());
    }

    private void checkOrder(final DirectBuffer buffer, final int offset, final int blockLength, final int clientId)
    {
        orderCheck.wrap(buffer, offset, blockLength, 1);
        assertEquals(3, clientId);
        assertNotEquals(Side.NULL_VAL, orderCheck.side());
        assertTrue(orderCheck.quantity() > 0.0 && Double.isFinite(orderCheck.quantity()));
        assertTrue(orderCheck.limitPrice() > 0.0 && Double.isFinite(orderCheck.limitPrice()));
        assertTrue(instruments.contains(orderCheck.instrumentId()));

        final long accountId = orderCheck.accountId();
        if (!openedAccounts.contains(accountId))
        {
            unknownAccountChecks++;
            return;
        }

        final Long previous = lastClientOrderId.put(accountId, orderCheck.clientOrderId());
        assertTrue(null == previous || previous < orderCheck.clientOrderId(), "client order id not increasing");
        final double sign = Side.BUY == orderCheck.side() ? 1.0 : -1.0;
        openOrders.put(
            accountId + "/" + orderCheck.clientOrderId(),
            new double[]{ orderCheck.instrumentId(), sign * orderCheck.quantity(), orderCheck.limitPrice() });
    }

    private void checkFill(final DirectBuffer buffer, final int offset, final int blockLength, final int clientId)
    {
        fill.wrap(buffer, offset, blockLength, 1);
        assertEquals(4, clientId);
        assertTrue(openedAccounts.contains(fill.accountId()));
        assertTrue(instruments.contains(fill.instrumentId()));
        assertTrue(fill.quantity() != 0.0 && Double.isFinite(fill.quantity()));
        assertTrue(fill.price() > 0.0 && fill.fee() >= 0.0);
        if (0 == fill.clientOrderId())
        {
            openingFills++;
            return;
        }

        final double[] order = openOrders.get(fill.accountId() + "/" + fill.clientOrderId());
        assertNotNull(order, "fill for no open order");
        assertEquals(order[0], fill.instrumentId());
        assertEquals(order[2], fill.price());
        assertTrue(Math.signum(order[1]) == Math.signum(fill.quantity()), "fill side");
        assertTrue(Math.abs(fill.quantity()) <= Math.abs(order[1]) + 1e-12, "fill larger than order");
        orderFills++;
    }
}
