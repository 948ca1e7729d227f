package io.pme.simulation;

import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.AssetDefinitionEncoder;
import io.pme.codecs.AuctionBidEncoder;
import io.pme.codecs.DepositEncoder;
import io.pme.codecs.FillEncoder;
import io.pme.codecs.FundingPaymentEncoder;
import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.InstrumentDefinitionEncoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.LiquidationFillEncoder;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OptionRight;
import io.pme.codecs.OptionVolatilityEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateEncoder;
import io.pme.codecs.Side;
import io.pme.codecs.WithdrawalEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes one frame at offset 0 of a reused buffer, stamping the simulated time, the sending client and that
 * client's next correlation id. Each method returns the frame length.
 */
final class FrameWriter
{
    static final int ADMIN = 1;
    static final int PRICE_FEED = 2;
    static final int GATEWAY = 3;
    static final int EXCHANGE = 4;
    /** The simulation's liquidators, bidding in liquidation auctions into their own accounts. */
    static final int LIQUIDATOR = 5;
    /** The source of the option volatilities, and of USD's price; the oracle's sources: {@link OracleFeed}. */
    static final int ORACLE_SOURCE_ID = 1;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MutableDirectBuffer buffer;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AccountOpenEncoder accountOpen = new AccountOpenEncoder();
    private final AssetDefinitionEncoder assetDefinition = new AssetDefinitionEncoder();
    private final InstrumentDefinitionEncoder instrumentDefinition = new InstrumentDefinitionEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawalEncoder withdrawal = new WithdrawalEncoder();
    private final OraclePriceEncoder oraclePrice = new OraclePriceEncoder();
    private final OptionVolatilityEncoder optionVolatility = new OptionVolatilityEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final OrderCheckEncoder orderCheck = new OrderCheckEncoder();
    private final OrderDoneEncoder orderDone = new OrderDoneEncoder();
    private final FundingPaymentEncoder fundingPayment = new FundingPaymentEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final ParameterUpdateEncoder parameterUpdate = new ParameterUpdateEncoder();
    private final LiquidationFillEncoder liquidationFill = new LiquidationFillEncoder();
    private final AuctionBidEncoder auctionBid = new AuctionBidEncoder();
    private final long[] lastCorrelationId = new long[LIQUIDATOR + 1];
    private long timestampNs;

    FrameWriter(final MutableDirectBuffer buffer, final long startTimeNs)
    {
        this.buffer = buffer;
        this.timestampNs = startTimeNs;
    }

    long timestampNs()
    {
        return timestampNs;
    }

    void timestampNs(final long timestampNs)
    {
        this.timestampNs = timestampNs;
    }

    int assetDefinition(final int assetId, final String symbol)
    {
        assetDefinition.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(ADMIN))
            .clientId(ADMIN)
            .assetId(assetId)
            .symbol(symbol);

        return HEADER + assetDefinition.encodedLength();
    }

    int instrumentDefinition(
        final int instrumentId,
        final int underlyingAssetId,
        final InstrumentKind kind,
        final OptionRight right,
        final double strike,
        final long expiryNs,
        final String symbol)
    {
        instrumentDefinition.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(ADMIN))
            .clientId(ADMIN)
            .instrumentId(instrumentId)
            .underlyingAssetId(underlyingAssetId)
            .kind(kind)
            .right(right)
            .multiplier(1.0)
            .strike(strike)
            .expiryNs(expiryNs)
            .symbol(symbol);

        return HEADER + instrumentDefinition.encodedLength();
    }

    int accountOpen(final long accountId, final MarginMode marginMode)
    {
        accountOpen.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(ADMIN))
            .clientId(ADMIN)
            .accountId(accountId)
            .marginMode(marginMode);

        return HEADER + accountOpen.encodedLength();
    }

    int deposit(final long accountId, final int assetId, final double amount)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(ADMIN))
            .clientId(ADMIN)
            .accountId(accountId)
            .assetId(assetId)
            .amount(amount);

        return HEADER + deposit.encodedLength();
    }

    int withdrawal(final long accountId, final int assetId, final double amount)
    {
        withdrawal.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(ADMIN))
            .clientId(ADMIN)
            .accountId(accountId)
            .assetId(assetId)
            .amount(amount);

        return HEADER + withdrawal.encodedLength();
    }

    int oraclePrice(final int sourceId, final int assetId, final double price)
    {
        oraclePrice.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(PRICE_FEED))
            .clientId(PRICE_FEED)
            .sourceId(sourceId)
            .assetId(assetId)
            .price(price)
            .sourceTimestampNs(timestampNs);

        return HEADER + oraclePrice.encodedLength();
    }

    int optionVolatility(final int instrumentId, final double volatility)
    {
        optionVolatility.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(PRICE_FEED))
            .clientId(PRICE_FEED)
            .sourceId(ORACLE_SOURCE_ID)
            .instrumentId(instrumentId)
            .volatility(volatility)
            .sourceTimestampNs(timestampNs);

        return HEADER + optionVolatility.encodedLength();
    }

    int fill(
        final long accountId,
        final int instrumentId,
        final double quantity,
        final double price,
        final double fee,
        final long clientOrderId)
    {
        fill.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(EXCHANGE))
            .clientId(EXCHANGE)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .quantity(quantity)
            .price(price)
            .fee(fee)
            .clientOrderId(clientOrderId);

        return HEADER + fill.encodedLength();
    }

    int orderCheck(
        final long accountId,
        final int instrumentId,
        final Side side,
        final double quantity,
        final double limitPrice,
        final long clientOrderId)
    {
        orderCheck.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(GATEWAY))
            .clientId(GATEWAY)
            .accountId(accountId)
            .instrumentId(instrumentId)
            .side(side)
            .quantity(quantity)
            .limitPrice(limitPrice)
            .clientOrderId(clientOrderId);

        return HEADER + orderCheck.encodedLength();
    }

    int orderDone(final long accountId, final long clientOrderId)
    {
        orderDone.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(GATEWAY))
            .clientId(GATEWAY)
            .accountId(accountId)
            .clientOrderId(clientOrderId);

        return HEADER + orderDone.encodedLength();
    }

    int fundingPayment(final int instrumentId, final double amountPerContract)
    {
        fundingPayment.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(EXCHANGE))
            .clientId(EXCHANGE)
            .instrumentId(instrumentId)
            .amountPerContract(amountPerContract);

        return HEADER + fundingPayment.encodedLength();
    }

    int parameterUpdate(
        final ParameterId parameterId, final int assetId, final int index, final double value, final double value2)
    {
        parameterUpdate.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(ADMIN))
            .clientId(ADMIN)
            .parameterId(parameterId)
            .assetId(assetId)
            .index(index)
            .value(value)
            .value2(value2);

        return HEADER + parameterUpdate.encodedLength();
    }

    int liquidationFill(final long liquidationOrderId, final double quantity, final double price)
    {
        liquidationFill.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(EXCHANGE))
            .clientId(EXCHANGE)
            .liquidationOrderId(liquidationOrderId)
            .quantity(quantity)
            .price(price);

        return HEADER + liquidationFill.encodedLength();
    }

    int auctionBid(final long liquidationId, final long bidderAccountId, final double maxPrice)
    {
        auctionBid.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(LIQUIDATOR))
            .clientId(LIQUIDATOR)
            .liquidationId(liquidationId)
            .bidderAccountId(bidderAccountId)
            .maxPrice(maxPrice);

        return HEADER + auctionBid.encodedLength();
    }

    int heartbeat(final int clientId)
    {
        heartbeat.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .correlationId(nextCorrelationId(clientId))
            .clientId(clientId);

        return HEADER + heartbeat.encodedLength();
    }

    private long nextCorrelationId(final int clientId)
    {
        return ++lastCorrelationId[clientId];
    }
}
