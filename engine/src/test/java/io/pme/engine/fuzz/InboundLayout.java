package io.pme.engine.fuzz;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AccountTransferDecoder;
import io.pme.codecs.AdminCommandDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.IsolatedAccountOpenDecoder;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.MarginQueryDecoder;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.ParameterScheduleDecoder;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.WithdrawalDecoder;

/**
 * Where the typed fields of each inbound template sit after the common prefix, so mutations can aim at a field
 * with values of its own type instead of at random bytes. Offsets are relative to the start of the body.
 */
final class InboundLayout
{
    static final int HEADER_LENGTH = 8;
    static final int TIMESTAMP_OFFSET = 0;
    static final int CORRELATION_ID_OFFSET = 8;
    static final int CLIENT_ID_OFFSET = 16;
    static final int PREFIX_LENGTH = 20;

    enum Kind
    {
        INT64, INT32, DOUBLE, ENUM8, ENUM16, CHARS
    }

    record Field(int offset, Kind kind, int length)
    {
    }

    private static final Field[][] FIELDS = new Field[ParameterScheduleDecoder.TEMPLATE_ID + 1][];
    private static final Field[] NONE = new Field[0];

    static
    {
        FIELDS[AccountOpenDecoder.TEMPLATE_ID] = new Field[]{
            int64(AccountOpenDecoder.accountIdEncodingOffset()),
            enum8(AccountOpenDecoder.marginModeEncodingOffset()) };
        FIELDS[AssetDefinitionDecoder.TEMPLATE_ID] = new Field[]{
            int32(AssetDefinitionDecoder.assetIdEncodingOffset()),
            chars(AssetDefinitionDecoder.symbolEncodingOffset(), AssetDefinitionDecoder.symbolLength()) };
        FIELDS[InstrumentDefinitionDecoder.TEMPLATE_ID] = new Field[]{
            int32(InstrumentDefinitionDecoder.instrumentIdEncodingOffset()),
            int32(InstrumentDefinitionDecoder.underlyingAssetIdEncodingOffset()),
            enum8(InstrumentDefinitionDecoder.kindEncodingOffset()),
            enum8(InstrumentDefinitionDecoder.rightEncodingOffset()),
            float64(InstrumentDefinitionDecoder.multiplierEncodingOffset()),
            float64(InstrumentDefinitionDecoder.strikeEncodingOffset()),
            int64(InstrumentDefinitionDecoder.expiryNsEncodingOffset()),
            chars(InstrumentDefinitionDecoder.symbolEncodingOffset(), InstrumentDefinitionDecoder.symbolLength()) };
        FIELDS[DepositDecoder.TEMPLATE_ID] = new Field[]{
            int64(DepositDecoder.accountIdEncodingOffset()),
            int32(DepositDecoder.assetIdEncodingOffset()),
            float64(DepositDecoder.amountEncodingOffset()) };
        FIELDS[WithdrawalDecoder.TEMPLATE_ID] = new Field[]{
            int64(WithdrawalDecoder.accountIdEncodingOffset()),
            int32(WithdrawalDecoder.assetIdEncodingOffset()),
            float64(WithdrawalDecoder.amountEncodingOffset()) };
        FIELDS[OraclePriceDecoder.TEMPLATE_ID] = new Field[]{
            int32(OraclePriceDecoder.sourceIdEncodingOffset()),
            int32(OraclePriceDecoder.assetIdEncodingOffset()),
            float64(OraclePriceDecoder.priceEncodingOffset()),
            int64(OraclePriceDecoder.sourceTimestampNsEncodingOffset()) };
        FIELDS[OptionVolatilityDecoder.TEMPLATE_ID] = new Field[]{
            int32(OptionVolatilityDecoder.sourceIdEncodingOffset()),
            int32(OptionVolatilityDecoder.instrumentIdEncodingOffset()),
            float64(OptionVolatilityDecoder.volatilityEncodingOffset()),
            int64(OptionVolatilityDecoder.sourceTimestampNsEncodingOffset()) };
        FIELDS[FillDecoder.TEMPLATE_ID] = new Field[]{
            int64(FillDecoder.accountIdEncodingOffset()),
            int32(FillDecoder.instrumentIdEncodingOffset()),
            float64(FillDecoder.quantityEncodingOffset()),
            float64(FillDecoder.priceEncodingOffset()),
            float64(FillDecoder.feeEncodingOffset()),
            int64(FillDecoder.clientOrderIdEncodingOffset()) };
        FIELDS[OrderCheckDecoder.TEMPLATE_ID] = new Field[]{
            int64(OrderCheckDecoder.accountIdEncodingOffset()),
            int32(OrderCheckDecoder.instrumentIdEncodingOffset()),
            enum8(OrderCheckDecoder.sideEncodingOffset()),
            float64(OrderCheckDecoder.quantityEncodingOffset()),
            float64(OrderCheckDecoder.limitPriceEncodingOffset()),
            int64(OrderCheckDecoder.clientOrderIdEncodingOffset()) };
        FIELDS[OrderDoneDecoder.TEMPLATE_ID] = new Field[]{
            int64(OrderDoneDecoder.accountIdEncodingOffset()),
            int64(OrderDoneDecoder.clientOrderIdEncodingOffset()) };
        FIELDS[FundingPaymentDecoder.TEMPLATE_ID] = new Field[]{
            int32(FundingPaymentDecoder.instrumentIdEncodingOffset()),
            float64(FundingPaymentDecoder.amountPerContractEncodingOffset()) };
        FIELDS[ParameterUpdateDecoder.TEMPLATE_ID] = new Field[]{
            enum16(ParameterUpdateDecoder.parameterIdEncodingOffset()),
            int32(ParameterUpdateDecoder.assetIdEncodingOffset()),
            int32(ParameterUpdateDecoder.indexEncodingOffset()),
            float64(ParameterUpdateDecoder.valueEncodingOffset()),
            float64(ParameterUpdateDecoder.value2EncodingOffset()) };
        FIELDS[AdminCommandDecoder.TEMPLATE_ID] = new Field[]{
            enum8(AdminCommandDecoder.commandEncodingOffset()) };
        FIELDS[MarginQueryDecoder.TEMPLATE_ID] = new Field[]{
            int64(MarginQueryDecoder.accountIdEncodingOffset()),
            int32(MarginQueryDecoder.instrumentIdEncodingOffset()),
            enum8(MarginQueryDecoder.sideEncodingOffset()),
            float64(MarginQueryDecoder.quantityEncodingOffset()),
            float64(MarginQueryDecoder.limitPriceEncodingOffset()) };
        FIELDS[LiquidationFillDecoder.TEMPLATE_ID] = new Field[]{
            int64(LiquidationFillDecoder.liquidationOrderIdEncodingOffset()),
            float64(LiquidationFillDecoder.quantityEncodingOffset()),
            float64(LiquidationFillDecoder.priceEncodingOffset()) };
        FIELDS[AuctionBidDecoder.TEMPLATE_ID] = new Field[]{
            int64(AuctionBidDecoder.liquidationIdEncodingOffset()),
            int64(AuctionBidDecoder.bidderAccountIdEncodingOffset()),
            float64(AuctionBidDecoder.maxPriceEncodingOffset()) };
        FIELDS[AccountTransferDecoder.TEMPLATE_ID] = new Field[]{
            int64(AccountTransferDecoder.fromAccountIdEncodingOffset()),
            int64(AccountTransferDecoder.toAccountIdEncodingOffset()),
            int32(AccountTransferDecoder.assetIdEncodingOffset()),
            float64(AccountTransferDecoder.amountEncodingOffset()) };
        FIELDS[IsolatedAccountOpenDecoder.TEMPLATE_ID] = new Field[]{
            int64(IsolatedAccountOpenDecoder.accountIdEncodingOffset()),
            int64(IsolatedAccountOpenDecoder.parentAccountIdEncodingOffset()) };
        FIELDS[ParameterScheduleDecoder.TEMPLATE_ID] = new Field[]{
            int64(ParameterScheduleDecoder.effectiveNsEncodingOffset()),
            int64(ParameterScheduleDecoder.groupIdEncodingOffset()),
            int32(ParameterScheduleDecoder.groupSizeEncodingOffset()),
            enum16(ParameterScheduleDecoder.parameterIdEncodingOffset()),
            int32(ParameterScheduleDecoder.assetIdEncodingOffset()),
            int32(ParameterScheduleDecoder.indexEncodingOffset()),
            float64(ParameterScheduleDecoder.valueEncodingOffset()),
            float64(ParameterScheduleDecoder.value2EncodingOffset()) };
    }

    private InboundLayout()
    {
    }

    /**
     * @return the typed fields after the common prefix, none for a template that is not an input of the schema
     * (or has no field after the prefix).
     */
    static Field[] fields(final int templateId)
    {
        return templateId >= 0 && templateId < FIELDS.length && null != FIELDS[templateId] ?
            FIELDS[templateId] : NONE;
    }

    private static Field int64(final int offset)
    {
        return new Field(offset, Kind.INT64, 8);
    }

    private static Field int32(final int offset)
    {
        return new Field(offset, Kind.INT32, 4);
    }

    private static Field float64(final int offset)
    {
        return new Field(offset, Kind.DOUBLE, 8);
    }

    private static Field enum8(final int offset)
    {
        return new Field(offset, Kind.ENUM8, 1);
    }

    private static Field enum16(final int offset)
    {
        return new Field(offset, Kind.ENUM16, 2);
    }

    private static Field chars(final int offset, final int length)
    {
        return new Field(offset, Kind.CHARS, length);
    }
}
