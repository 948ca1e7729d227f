package io.pme.engine.logic;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AdminCommandDecoder;
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
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.ParameterScheduleDecoder;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.WithdrawalDecoder;

/**
 * Block lengths of the templates the engine accepts, indexed by template id.
 */
final class InboundTemplates
{
    private static final int[] BLOCK_LENGTHS = new int[23];

    static
    {
        java.util.Arrays.fill(BLOCK_LENGTHS, -1);
        BLOCK_LENGTHS[AccountOpenDecoder.TEMPLATE_ID] = AccountOpenDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[AssetDefinitionDecoder.TEMPLATE_ID] = AssetDefinitionDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[InstrumentDefinitionDecoder.TEMPLATE_ID] = InstrumentDefinitionDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[DepositDecoder.TEMPLATE_ID] = DepositDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[WithdrawalDecoder.TEMPLATE_ID] = WithdrawalDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[OraclePriceDecoder.TEMPLATE_ID] = OraclePriceDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[OptionVolatilityDecoder.TEMPLATE_ID] = OptionVolatilityDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[FillDecoder.TEMPLATE_ID] = FillDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[OrderCheckDecoder.TEMPLATE_ID] = OrderCheckDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[OrderDoneDecoder.TEMPLATE_ID] = OrderDoneDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[FundingPaymentDecoder.TEMPLATE_ID] = FundingPaymentDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[ParameterUpdateDecoder.TEMPLATE_ID] = ParameterUpdateDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[HeartbeatDecoder.TEMPLATE_ID] = HeartbeatDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[AdminCommandDecoder.TEMPLATE_ID] = AdminCommandDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[MarginQueryDecoder.TEMPLATE_ID] = MarginQueryDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[LiquidationFillDecoder.TEMPLATE_ID] = LiquidationFillDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[AuctionBidDecoder.TEMPLATE_ID] = AuctionBidDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[AccountTransferDecoder.TEMPLATE_ID] = AccountTransferDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[IsolatedAccountOpenDecoder.TEMPLATE_ID] = IsolatedAccountOpenDecoder.BLOCK_LENGTH;
        BLOCK_LENGTHS[ParameterScheduleDecoder.TEMPLATE_ID] = ParameterScheduleDecoder.BLOCK_LENGTH;
    }

    private InboundTemplates()
    {
    }

    /**
     * @return the block length of an inbound template, or -1 when the engine does not accept that template.
     */
    static int blockLength(final int templateId)
    {
        return templateId >= 0 && templateId < BLOCK_LENGTHS.length ? BLOCK_LENGTHS[templateId] : -1;
    }
}
