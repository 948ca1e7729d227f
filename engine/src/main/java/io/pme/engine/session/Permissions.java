package io.pme.engine.session;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AccountTransferDecoder;
import io.pme.codecs.AdminCommandDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.HeartbeatDecoder;
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
import io.pme.codecs.SessionRole;
import io.pme.codecs.WithdrawalDecoder;

import java.util.Arrays;

/**
 * Which inbound templates each role may send, and where a template carries the account it acts for or the price
 * source it publishes as (offsets in the body, after the message header).
 * <p>
 * One account is checked per frame. An {@code AccountTransfer} names two, and only the one the money leaves is
 * checked here: the business logic refuses ({@code NOT_LINKED}) a transfer whose two accounts are not an isolated
 * account and its parent, so money moves only within such a pair, but to an account of it the client may not be
 * entitled to. A {@code LiquidationFill} names no account: any exchange may execute any liquidation order.
 */
final class Permissions
{
    static final int NO_FIELD = -1;
    private static final int TEMPLATES = 64;

    private static final long[] ROLE_TEMPLATES = new long[SessionRole.LIQUIDATOR.value() + 1];
    private static final int[] ACCOUNT_OFFSET = new int[TEMPLATES];
    private static final int[] SOURCE_OFFSET = new int[TEMPLATES];
    private static final int[] BLOCK_LENGTH = new int[TEMPLATES];

    static
    {
        allow(SessionRole.ADMIN,
            AccountOpenDecoder.TEMPLATE_ID, AssetDefinitionDecoder.TEMPLATE_ID, InstrumentDefinitionDecoder.TEMPLATE_ID,
            DepositDecoder.TEMPLATE_ID, WithdrawalDecoder.TEMPLATE_ID, ParameterUpdateDecoder.TEMPLATE_ID,
            AdminCommandDecoder.TEMPLATE_ID, HeartbeatDecoder.TEMPLATE_ID, MarginQueryDecoder.TEMPLATE_ID,
            IsolatedAccountOpenDecoder.TEMPLATE_ID, AccountTransferDecoder.TEMPLATE_ID,
            ParameterScheduleDecoder.TEMPLATE_ID);
        allow(SessionRole.FEED,
            OraclePriceDecoder.TEMPLATE_ID, OptionVolatilityDecoder.TEMPLATE_ID, HeartbeatDecoder.TEMPLATE_ID);
        allow(SessionRole.TRADER,
            OrderCheckDecoder.TEMPLATE_ID, OrderDoneDecoder.TEMPLATE_ID, MarginQueryDecoder.TEMPLATE_ID,
            AccountTransferDecoder.TEMPLATE_ID);
        allow(SessionRole.EXCHANGE,
            FillDecoder.TEMPLATE_ID, FundingPaymentDecoder.TEMPLATE_ID, HeartbeatDecoder.TEMPLATE_ID,
            LiquidationFillDecoder.TEMPLATE_ID);
        allow(SessionRole.LIQUIDATOR,
            AuctionBidDecoder.TEMPLATE_ID, HeartbeatDecoder.TEMPLATE_ID, MarginQueryDecoder.TEMPLATE_ID);

        Arrays.fill(ACCOUNT_OFFSET, NO_FIELD);
        Arrays.fill(SOURCE_OFFSET, NO_FIELD);
        Arrays.fill(BLOCK_LENGTH, NO_FIELD);
        BLOCK_LENGTH[AccountOpenDecoder.TEMPLATE_ID] = AccountOpenDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[AssetDefinitionDecoder.TEMPLATE_ID] = AssetDefinitionDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[InstrumentDefinitionDecoder.TEMPLATE_ID] = InstrumentDefinitionDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[DepositDecoder.TEMPLATE_ID] = DepositDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[WithdrawalDecoder.TEMPLATE_ID] = WithdrawalDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[OraclePriceDecoder.TEMPLATE_ID] = OraclePriceDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[OptionVolatilityDecoder.TEMPLATE_ID] = OptionVolatilityDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[FillDecoder.TEMPLATE_ID] = FillDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[OrderCheckDecoder.TEMPLATE_ID] = OrderCheckDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[OrderDoneDecoder.TEMPLATE_ID] = OrderDoneDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[FundingPaymentDecoder.TEMPLATE_ID] = FundingPaymentDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[ParameterUpdateDecoder.TEMPLATE_ID] = ParameterUpdateDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[HeartbeatDecoder.TEMPLATE_ID] = HeartbeatDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[AdminCommandDecoder.TEMPLATE_ID] = AdminCommandDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[MarginQueryDecoder.TEMPLATE_ID] = MarginQueryDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[LiquidationFillDecoder.TEMPLATE_ID] = LiquidationFillDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[AuctionBidDecoder.TEMPLATE_ID] = AuctionBidDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[AccountTransferDecoder.TEMPLATE_ID] = AccountTransferDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[IsolatedAccountOpenDecoder.TEMPLATE_ID] = IsolatedAccountOpenDecoder.BLOCK_LENGTH;
        BLOCK_LENGTH[ParameterScheduleDecoder.TEMPLATE_ID] = ParameterScheduleDecoder.BLOCK_LENGTH;

        ACCOUNT_OFFSET[AccountOpenDecoder.TEMPLATE_ID] = AccountOpenDecoder.accountIdEncodingOffset();
        ACCOUNT_OFFSET[DepositDecoder.TEMPLATE_ID] = DepositDecoder.accountIdEncodingOffset();
        ACCOUNT_OFFSET[WithdrawalDecoder.TEMPLATE_ID] = WithdrawalDecoder.accountIdEncodingOffset();
        ACCOUNT_OFFSET[FillDecoder.TEMPLATE_ID] = FillDecoder.accountIdEncodingOffset();
        ACCOUNT_OFFSET[OrderCheckDecoder.TEMPLATE_ID] = OrderCheckDecoder.accountIdEncodingOffset();
        ACCOUNT_OFFSET[OrderDoneDecoder.TEMPLATE_ID] = OrderDoneDecoder.accountIdEncodingOffset();
        ACCOUNT_OFFSET[MarginQueryDecoder.TEMPLATE_ID] = MarginQueryDecoder.accountIdEncodingOffset();
        // the account that takes the portfolio over: a liquidator bids only into its own accounts
        ACCOUNT_OFFSET[AuctionBidDecoder.TEMPLATE_ID] = AuctionBidDecoder.bidderAccountIdEncodingOffset();
        ACCOUNT_OFFSET[AccountTransferDecoder.TEMPLATE_ID] = AccountTransferDecoder.fromAccountIdEncodingOffset();
        ACCOUNT_OFFSET[IsolatedAccountOpenDecoder.TEMPLATE_ID] = IsolatedAccountOpenDecoder.accountIdEncodingOffset();

        SOURCE_OFFSET[OraclePriceDecoder.TEMPLATE_ID] = OraclePriceDecoder.sourceIdEncodingOffset();
        SOURCE_OFFSET[OptionVolatilityDecoder.TEMPLATE_ID] = OptionVolatilityDecoder.sourceIdEncodingOffset();
    }

    private Permissions()
    {
    }

    private static void allow(final SessionRole role, final int... templateIds)
    {
        for (final int templateId : templateIds)
        {
            ROLE_TEMPLATES[role.value()] |= 1L << templateId;
        }
    }

    static boolean maySend(final SessionRole role, final int templateId)
    {
        return templateId >= 0 && templateId < TEMPLATES && (ROLE_TEMPLATES[role.value()] & (1L << templateId)) != 0;
    }

    /**
     * @return the block length the template must have for its fields to be checked, or {@link #NO_FIELD}.
     */
    static int blockLength(final int templateId)
    {
        return templateId >= 0 && templateId < TEMPLATES ? BLOCK_LENGTH[templateId] : NO_FIELD;
    }

    static int accountOffset(final int templateId)
    {
        return ACCOUNT_OFFSET[templateId];
    }

    static int sourceOffset(final int templateId)
    {
        return SOURCE_OFFSET[templateId];
    }
}
