package io.pme.protocol.json;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.AccountState;
import io.pme.codecs.AckDecoder;
import io.pme.codecs.AckEncoder;
import io.pme.codecs.AdminCommandDecoder;
import io.pme.codecs.AdminCommandEncoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.AssetDefinitionEncoder;
import io.pme.codecs.BooleanType;
import io.pme.codecs.BorrowRateDecoder;
import io.pme.codecs.BorrowRateEncoder;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.CheckResultEncoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.DepositEncoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FillEncoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.FundingPaymentEncoder;
import io.pme.codecs.HeartbeatDecoder;
import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.InstrumentDefinitionEncoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MarginUpdateEncoder;
import io.pme.codecs.OptionRight;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OptionVolatilityEncoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.ParameterUpdateEncoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectEncoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.codecs.StateDigestDecoder;
import io.pme.codecs.StateDigestEncoder;
import io.pme.codecs.WithdrawalDecoder;
import io.pme.codecs.WithdrawalEncoder;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.MarginQueryDecoder;
import io.pme.codecs.MarginQueryEncoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginQueryResultEncoder;
import io.pme.codecs.SessionChallengeDecoder;
import io.pme.codecs.SessionChallengeEncoder;
import io.pme.codecs.SessionLogonDecoder;
import io.pme.codecs.SessionLogonEncoder;
import io.pme.codecs.SessionLogonResponseDecoder;
import io.pme.codecs.SessionLogonResponseEncoder;
import io.pme.codecs.SessionLogonResultDecoder;
import io.pme.codecs.SessionLogonResultEncoder;
import io.pme.codecs.SessionRole;
import io.pme.codecs.AccountTransferDecoder;
import io.pme.codecs.AccountTransferEncoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.AuctionBidEncoder;
import io.pme.codecs.AdlRankDecoder;
import io.pme.codecs.AdlRankEncoder;
import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.InsuranceFundEncoder;
import io.pme.codecs.IsolatedAccountOpenDecoder;
import io.pme.codecs.IsolatedAccountOpenEncoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventEncoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.LiquidationFillEncoder;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.LiquidationOrderEncoder;
import io.pme.codecs.OrderReleasedDecoder;
import io.pme.codecs.OrderReleasedEncoder;
import io.pme.codecs.OracleCause;
import io.pme.codecs.OracleState;
import io.pme.codecs.OracleStatusDecoder;
import io.pme.codecs.OracleStatusEncoder;
import io.pme.codecs.ParameterChangeDecoder;
import io.pme.codecs.ParameterChangeEncoder;
import io.pme.codecs.ParameterChangeStatus;
import io.pme.codecs.ParameterScheduleDecoder;
import io.pme.codecs.ParameterScheduleEncoder;

import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of every message in the schema: fields after the common {@link Prefix}, in schema order.
 * Adding a message to the schema means adding one block here. Holds codec flyweights, so one per user.
 */
final class Templates
{
    private static final EnumType<MarginMode> MARGIN_MODE = new EnumType<>(MarginMode.values(), MarginMode::value);
    private static final EnumType<InstrumentKind> INSTRUMENT_KIND =
        new EnumType<>(InstrumentKind.values(), InstrumentKind::value);
    private static final EnumType<OptionRight> OPTION_RIGHT = new EnumType<>(OptionRight.values(), OptionRight::value);
    private static final EnumType<Side> SIDE = new EnumType<>(Side.values(), Side::value);
    private static final EnumType<ParameterId> PARAMETER_ID = new EnumType<>(ParameterId.values(), ParameterId::value);
    private static final EnumType<AdminCommandType> ADMIN_COMMAND_TYPE =
        new EnumType<>(AdminCommandType.values(), AdminCommandType::value);
    private static final EnumType<CheckOutcome> CHECK_OUTCOME =
        new EnumType<>(CheckOutcome.values(), CheckOutcome::value);
    private static final EnumType<RejectReason> REJECT_REASON =
        new EnumType<>(RejectReason.values(), RejectReason::value);
    private static final EnumType<AccountState> ACCOUNT_STATE =
        new EnumType<>(AccountState.values(), AccountState::value);
    private static final EnumType<BooleanType> BOOLEAN_TYPE = new EnumType<>(BooleanType.values(), BooleanType::value);

    private static final EnumType<SessionRole> SESSION_ROLE = new EnumType<>(SessionRole.values(), SessionRole::value);
    private static final EnumType<LogonStatus> LOGON_STATUS = new EnumType<>(LogonStatus.values(), LogonStatus::value);

    private static final EnumType<LiquidationEventType> LIQUIDATION_EVENT_TYPE =
        new EnumType<>(LiquidationEventType.values(), LiquidationEventType::value);
    private static final EnumType<OracleState> ORACLE_STATE = new EnumType<>(OracleState.values(), OracleState::value);
    private static final EnumType<OracleCause> ORACLE_CAUSE = new EnumType<>(OracleCause.values(), OracleCause::value);
    private static final EnumType<ParameterChangeStatus> PARAMETER_CHANGE_STATUS =
        new EnumType<>(ParameterChangeStatus.values(), ParameterChangeStatus::value);

    private final List<Template<?, ?>> all = new ArrayList<>();
    private final Map<String, Template<?, ?>> byName = new HashMap<>();
    private final Int2ObjectHashMap<Template<?, ?>> byId = new Int2ObjectHashMap<>();

    Templates()
    {
        inbound();
        inboundMarketAndTrading();
        outbound();
        sessions();
        liquidationInbound();
        liquidationOutbound();
        oracle();
        borrowing();
    }

    List<Template<?, ?>> all()
    {
        return Collections.unmodifiableList(all);
    }

    /**
     * @return the template of that name, or null.
     */
    Template<?, ?> byName(final String name)
    {
        return byName.get(name);
    }

    /**
     * @return the template of that id, or null.
     */
    Template<?, ?> byId(final int templateId)
    {
        return byId.get(templateId);
    }

    private void inbound()
    {
        add(new Template<>("AccountOpen", AccountOpenEncoder.TEMPLATE_ID, AccountOpenEncoder.BLOCK_LENGTH,
            new AccountOpenEncoder(), AccountOpenEncoder::wrap, new AccountOpenDecoder(), AccountOpenDecoder::wrap)
            .int64("accountId", AccountOpenEncoder::accountId, AccountOpenDecoder::accountId)
            .enumeration("marginMode", MARGIN_MODE, AccountOpenEncoder::marginMode, AccountOpenDecoder::marginModeRaw));

        add(new Template<>("AssetDefinition", AssetDefinitionEncoder.TEMPLATE_ID, AssetDefinitionEncoder.BLOCK_LENGTH,
            new AssetDefinitionEncoder(), AssetDefinitionEncoder::wrap,
            new AssetDefinitionDecoder(), AssetDefinitionDecoder::wrap)
            .int32("assetId", AssetDefinitionEncoder::assetId, AssetDefinitionDecoder::assetId)
            .chars("symbol", AssetDefinitionEncoder.symbolLength(),
                AssetDefinitionEncoder::symbol, AssetDefinitionDecoder::symbol));

        add(new Template<>("InstrumentDefinition",
            InstrumentDefinitionEncoder.TEMPLATE_ID, InstrumentDefinitionEncoder.BLOCK_LENGTH,
            new InstrumentDefinitionEncoder(), InstrumentDefinitionEncoder::wrap,
            new InstrumentDefinitionDecoder(), InstrumentDefinitionDecoder::wrap)
            .int32("instrumentId", InstrumentDefinitionEncoder::instrumentId, InstrumentDefinitionDecoder::instrumentId)
            .int32("underlyingAssetId",
                InstrumentDefinitionEncoder::underlyingAssetId, InstrumentDefinitionDecoder::underlyingAssetId)
            .enumeration("kind", INSTRUMENT_KIND,
                InstrumentDefinitionEncoder::kind, InstrumentDefinitionDecoder::kindRaw)
            .enumeration("right", OPTION_RIGHT,
                InstrumentDefinitionEncoder::right, InstrumentDefinitionDecoder::rightRaw)
            .float64("multiplier", InstrumentDefinitionEncoder::multiplier, InstrumentDefinitionDecoder::multiplier)
            .float64("strike", InstrumentDefinitionEncoder::strike, InstrumentDefinitionDecoder::strike)
            .nanos("expiryNs", InstrumentDefinitionEncoder::expiryNs, InstrumentDefinitionDecoder::expiryNs)
            .chars("symbol", InstrumentDefinitionEncoder.symbolLength(),
                InstrumentDefinitionEncoder::symbol, InstrumentDefinitionDecoder::symbol));

        add(new Template<>("Deposit", DepositEncoder.TEMPLATE_ID, DepositEncoder.BLOCK_LENGTH,
            new DepositEncoder(), DepositEncoder::wrap, new DepositDecoder(), DepositDecoder::wrap)
            .int64("accountId", DepositEncoder::accountId, DepositDecoder::accountId)
            .int32("assetId", DepositEncoder::assetId, DepositDecoder::assetId)
            .float64("amount", DepositEncoder::amount, DepositDecoder::amount));

        add(new Template<>("Withdrawal", WithdrawalEncoder.TEMPLATE_ID, WithdrawalEncoder.BLOCK_LENGTH,
            new WithdrawalEncoder(), WithdrawalEncoder::wrap, new WithdrawalDecoder(), WithdrawalDecoder::wrap)
            .int64("accountId", WithdrawalEncoder::accountId, WithdrawalDecoder::accountId)
            .int32("assetId", WithdrawalEncoder::assetId, WithdrawalDecoder::assetId)
            .float64("amount", WithdrawalEncoder::amount, WithdrawalDecoder::amount));

    }

    private void inboundMarketAndTrading()
    {
        add(new Template<>("OraclePrice", OraclePriceEncoder.TEMPLATE_ID, OraclePriceEncoder.BLOCK_LENGTH,
            new OraclePriceEncoder(), OraclePriceEncoder::wrap, new OraclePriceDecoder(), OraclePriceDecoder::wrap)
            .int32("sourceId", OraclePriceEncoder::sourceId, OraclePriceDecoder::sourceId)
            .int32("assetId", OraclePriceEncoder::assetId, OraclePriceDecoder::assetId)
            .float64("price", OraclePriceEncoder::price, OraclePriceDecoder::price)
            .nanos("sourceTimestampNs", OraclePriceEncoder::sourceTimestampNs, OraclePriceDecoder::sourceTimestampNs));

        add(new Template<>("OptionVolatility",
            OptionVolatilityEncoder.TEMPLATE_ID, OptionVolatilityEncoder.BLOCK_LENGTH,
            new OptionVolatilityEncoder(), OptionVolatilityEncoder::wrap,
            new OptionVolatilityDecoder(), OptionVolatilityDecoder::wrap)
            .int32("sourceId", OptionVolatilityEncoder::sourceId, OptionVolatilityDecoder::sourceId)
            .int32("instrumentId", OptionVolatilityEncoder::instrumentId, OptionVolatilityDecoder::instrumentId)
            .float64("volatility", OptionVolatilityEncoder::volatility, OptionVolatilityDecoder::volatility)
            .nanos("sourceTimestampNs",
                OptionVolatilityEncoder::sourceTimestampNs, OptionVolatilityDecoder::sourceTimestampNs));

        add(new Template<>("Fill", FillEncoder.TEMPLATE_ID, FillEncoder.BLOCK_LENGTH,
            new FillEncoder(), FillEncoder::wrap, new FillDecoder(), FillDecoder::wrap)
            .int64("accountId", FillEncoder::accountId, FillDecoder::accountId)
            .int32("instrumentId", FillEncoder::instrumentId, FillDecoder::instrumentId)
            .float64("quantity", FillEncoder::quantity, FillDecoder::quantity)
            .float64("price", FillEncoder::price, FillDecoder::price)
            .float64("fee", FillEncoder::fee, FillDecoder::fee)
            .int64("clientOrderId", FillEncoder::clientOrderId, FillDecoder::clientOrderId));

        add(new Template<>("OrderCheck", OrderCheckEncoder.TEMPLATE_ID, OrderCheckEncoder.BLOCK_LENGTH,
            new OrderCheckEncoder(), OrderCheckEncoder::wrap, new OrderCheckDecoder(), OrderCheckDecoder::wrap)
            .int64("accountId", OrderCheckEncoder::accountId, OrderCheckDecoder::accountId)
            .int32("instrumentId", OrderCheckEncoder::instrumentId, OrderCheckDecoder::instrumentId)
            .enumeration("side", SIDE, OrderCheckEncoder::side, OrderCheckDecoder::sideRaw)
            .float64("quantity", OrderCheckEncoder::quantity, OrderCheckDecoder::quantity)
            .float64("limitPrice", OrderCheckEncoder::limitPrice, OrderCheckDecoder::limitPrice)
            .int64("clientOrderId", OrderCheckEncoder::clientOrderId, OrderCheckDecoder::clientOrderId));

        add(new Template<>("OrderDone", OrderDoneEncoder.TEMPLATE_ID, OrderDoneEncoder.BLOCK_LENGTH,
            new OrderDoneEncoder(), OrderDoneEncoder::wrap, new OrderDoneDecoder(), OrderDoneDecoder::wrap)
            .int64("accountId", OrderDoneEncoder::accountId, OrderDoneDecoder::accountId)
            .int64("clientOrderId", OrderDoneEncoder::clientOrderId, OrderDoneDecoder::clientOrderId));

        add(new Template<>("FundingPayment", FundingPaymentEncoder.TEMPLATE_ID, FundingPaymentEncoder.BLOCK_LENGTH,
            new FundingPaymentEncoder(), FundingPaymentEncoder::wrap,
            new FundingPaymentDecoder(), FundingPaymentDecoder::wrap)
            .int32("instrumentId", FundingPaymentEncoder::instrumentId, FundingPaymentDecoder::instrumentId)
            .float64("amountPerContract",
                FundingPaymentEncoder::amountPerContract, FundingPaymentDecoder::amountPerContract));

        add(new Template<>("ParameterUpdate", ParameterUpdateEncoder.TEMPLATE_ID, ParameterUpdateEncoder.BLOCK_LENGTH,
            new ParameterUpdateEncoder(), ParameterUpdateEncoder::wrap,
            new ParameterUpdateDecoder(), ParameterUpdateDecoder::wrap)
            .enumeration("parameterId", PARAMETER_ID,
                ParameterUpdateEncoder::parameterId, ParameterUpdateDecoder::parameterIdRaw)
            .int32("assetId", ParameterUpdateEncoder::assetId, ParameterUpdateDecoder::assetId)
            .int32("index", ParameterUpdateEncoder::index, ParameterUpdateDecoder::index)
            .float64("value", ParameterUpdateEncoder::value, ParameterUpdateDecoder::value)
            .float64("value2", ParameterUpdateEncoder::value2, ParameterUpdateDecoder::value2));

        add(new Template<>("Heartbeat", HeartbeatEncoder.TEMPLATE_ID, HeartbeatEncoder.BLOCK_LENGTH,
            new HeartbeatEncoder(), HeartbeatEncoder::wrap, new HeartbeatDecoder(), HeartbeatDecoder::wrap));

        add(new Template<>("AdminCommand", AdminCommandEncoder.TEMPLATE_ID, AdminCommandEncoder.BLOCK_LENGTH,
            new AdminCommandEncoder(), AdminCommandEncoder::wrap, new AdminCommandDecoder(), AdminCommandDecoder::wrap)
            .enumeration("command", ADMIN_COMMAND_TYPE, AdminCommandEncoder::command, AdminCommandDecoder::commandRaw));
    }

    private void outbound()
    {
        add(new Template<>("CheckResult", CheckResultEncoder.TEMPLATE_ID, CheckResultEncoder.BLOCK_LENGTH,
            new CheckResultEncoder(), CheckResultEncoder::wrap, new CheckResultDecoder(), CheckResultDecoder::wrap)
            .int64("accountId", CheckResultEncoder::accountId, CheckResultDecoder::accountId)
            .int64("clientOrderId", CheckResultEncoder::clientOrderId, CheckResultDecoder::clientOrderId)
            .enumeration("outcome", CHECK_OUTCOME, CheckResultEncoder::outcome, CheckResultDecoder::outcomeRaw)
            .enumeration("reason", REJECT_REASON, CheckResultEncoder::reason, CheckResultDecoder::reasonRaw)
            .enumeration("state", ACCOUNT_STATE, CheckResultEncoder::state, CheckResultDecoder::stateRaw)
            .float64("equity", CheckResultEncoder::equity, CheckResultDecoder::equity)
            .float64("initialMargin", CheckResultEncoder::initialMargin, CheckResultDecoder::initialMargin)
            .float64("maintenanceMargin", CheckResultEncoder::maintenanceMargin, CheckResultDecoder::maintenanceMargin)
            .float64("shortfall", CheckResultEncoder::shortfall, CheckResultDecoder::shortfall));

        add(new Template<>("MarginUpdate", MarginUpdateEncoder.TEMPLATE_ID, MarginUpdateEncoder.BLOCK_LENGTH,
            new MarginUpdateEncoder(), MarginUpdateEncoder::wrap, new MarginUpdateDecoder(), MarginUpdateDecoder::wrap)
            .int64("accountId", MarginUpdateEncoder::accountId, MarginUpdateDecoder::accountId)
            .enumeration("state", ACCOUNT_STATE, MarginUpdateEncoder::state, MarginUpdateDecoder::stateRaw)
            .enumeration("previousState", ACCOUNT_STATE,
                MarginUpdateEncoder::previousState, MarginUpdateDecoder::previousStateRaw)
            .float64("equity", MarginUpdateEncoder::equity, MarginUpdateDecoder::equity)
            .float64("initialMargin", MarginUpdateEncoder::initialMargin, MarginUpdateDecoder::initialMargin)
            .float64("maintenanceMargin",
                MarginUpdateEncoder::maintenanceMargin, MarginUpdateDecoder::maintenanceMargin)
            .float64("debt", MarginUpdateEncoder::debt, MarginUpdateDecoder::debt));

        add(new Template<>("Reject", RejectEncoder.TEMPLATE_ID, RejectEncoder.BLOCK_LENGTH,
            new RejectEncoder(), RejectEncoder::wrap, new RejectDecoder(), RejectDecoder::wrap)
            .uint16("templateId", RejectEncoder::templateId, RejectDecoder::templateId)
            .enumeration("reason", REJECT_REASON, RejectEncoder::reason, RejectDecoder::reasonRaw));

        add(new Template<>("Ack", AckEncoder.TEMPLATE_ID, AckEncoder.BLOCK_LENGTH,
            new AckEncoder(), AckEncoder::wrap, new AckDecoder(), AckDecoder::wrap)
            .uint16("templateId", AckEncoder::templateId, AckDecoder::templateId));

        add(new Template<>("StateDigest", StateDigestEncoder.TEMPLATE_ID, StateDigestEncoder.BLOCK_LENGTH,
            new StateDigestEncoder(), StateDigestEncoder::wrap, new StateDigestDecoder(), StateDigestDecoder::wrap)
            .digest("digest", StateDigestEncoder::digest, StateDigestDecoder::digest)
            .int64("inputSequence", StateDigestEncoder::inputSequence, StateDigestDecoder::inputSequence)
            .enumeration("snapshotTaken", BOOLEAN_TYPE,
                StateDigestEncoder::snapshotTaken, StateDigestDecoder::snapshotTakenRaw)
            .digest("correlationDigest", StateDigestEncoder::correlationDigest, StateDigestDecoder::correlationDigest));
    }

    // added with sessions (issue 6): the what-if query and the session layer (never journaled, shown for completeness)
    private void sessions()
    {
        add(new Template<>("MarginQuery", MarginQueryEncoder.TEMPLATE_ID, MarginQueryEncoder.BLOCK_LENGTH,
            new MarginQueryEncoder(), MarginQueryEncoder::wrap, new MarginQueryDecoder(), MarginQueryDecoder::wrap)
            .int64("accountId", MarginQueryEncoder::accountId, MarginQueryDecoder::accountId)
            .int32("instrumentId", MarginQueryEncoder::instrumentId, MarginQueryDecoder::instrumentId)
            .enumeration("side", SIDE, MarginQueryEncoder::side, MarginQueryDecoder::sideRaw)
            .float64("quantity", MarginQueryEncoder::quantity, MarginQueryDecoder::quantity)
            .float64("limitPrice", MarginQueryEncoder::limitPrice, MarginQueryDecoder::limitPrice));

        add(new Template<>("SessionLogon", SessionLogonEncoder.TEMPLATE_ID, SessionLogonEncoder.BLOCK_LENGTH,
            new SessionLogonEncoder(), SessionLogonEncoder::wrap, new SessionLogonDecoder(), SessionLogonDecoder::wrap)
            .int32("keyId", SessionLogonEncoder::keyId, SessionLogonDecoder::keyId));

        add(new Template<>("SessionLogonResponse",
            SessionLogonResponseEncoder.TEMPLATE_ID, SessionLogonResponseEncoder.BLOCK_LENGTH,
            new SessionLogonResponseEncoder(), SessionLogonResponseEncoder::wrap,
            new SessionLogonResponseDecoder(), SessionLogonResponseDecoder::wrap)
            .int32("connectionId", SessionLogonResponseEncoder::connectionId, SessionLogonResponseDecoder::connectionId)
            .int64("mac0", SessionLogonResponseEncoder::mac0, SessionLogonResponseDecoder::mac0)
            .int64("mac1", SessionLogonResponseEncoder::mac1, SessionLogonResponseDecoder::mac1)
            .int64("mac2", SessionLogonResponseEncoder::mac2, SessionLogonResponseDecoder::mac2)
            .int64("mac3", SessionLogonResponseEncoder::mac3, SessionLogonResponseDecoder::mac3));

        add(new Template<>("MarginQueryResult",
            MarginQueryResultEncoder.TEMPLATE_ID, MarginQueryResultEncoder.BLOCK_LENGTH,
            new MarginQueryResultEncoder(), MarginQueryResultEncoder::wrap,
            new MarginQueryResultDecoder(), MarginQueryResultDecoder::wrap)
            .int64("accountId", MarginQueryResultEncoder::accountId, MarginQueryResultDecoder::accountId)
            .int32("instrumentId", MarginQueryResultEncoder::instrumentId, MarginQueryResultDecoder::instrumentId)
            .enumeration("reason", REJECT_REASON, MarginQueryResultEncoder::reason, MarginQueryResultDecoder::reasonRaw)
            .enumeration("wouldAccept", BOOLEAN_TYPE,
                MarginQueryResultEncoder::wouldAccept, MarginQueryResultDecoder::wouldAcceptRaw)
            .enumeration("state", ACCOUNT_STATE, MarginQueryResultEncoder::state, MarginQueryResultDecoder::stateRaw)
            .float64("equity", MarginQueryResultEncoder::equity, MarginQueryResultDecoder::equity)
            .float64("initialMargin", MarginQueryResultEncoder::initialMargin, MarginQueryResultDecoder::initialMargin)
            .float64("maintenanceMargin",
                MarginQueryResultEncoder::maintenanceMargin, MarginQueryResultDecoder::maintenanceMargin)
            .float64("afterEquity", MarginQueryResultEncoder::afterEquity, MarginQueryResultDecoder::afterEquity)
            .float64("afterInitialMargin",
                MarginQueryResultEncoder::afterInitialMargin, MarginQueryResultDecoder::afterInitialMargin)
            .float64("afterMaintenanceMargin",
                MarginQueryResultEncoder::afterMaintenanceMargin, MarginQueryResultDecoder::afterMaintenanceMargin));

        add(new Template<>("SessionChallenge",
            SessionChallengeEncoder.TEMPLATE_ID, SessionChallengeEncoder.BLOCK_LENGTH,
            new SessionChallengeEncoder(), SessionChallengeEncoder::wrap,
            new SessionChallengeDecoder(), SessionChallengeDecoder::wrap)
            .int32("connectionId", SessionChallengeEncoder::connectionId, SessionChallengeDecoder::connectionId)
            .int64("nonce0", SessionChallengeEncoder::nonce0, SessionChallengeDecoder::nonce0)
            .int64("nonce1", SessionChallengeEncoder::nonce1, SessionChallengeDecoder::nonce1));

        add(new Template<>("SessionLogonResult",
            SessionLogonResultEncoder.TEMPLATE_ID, SessionLogonResultEncoder.BLOCK_LENGTH,
            new SessionLogonResultEncoder(), SessionLogonResultEncoder::wrap,
            new SessionLogonResultDecoder(), SessionLogonResultDecoder::wrap)
            .int32("connectionId", SessionLogonResultEncoder::connectionId, SessionLogonResultDecoder::connectionId)
            .enumeration("status", LOGON_STATUS,
                SessionLogonResultEncoder::status, SessionLogonResultDecoder::statusRaw)
            .enumeration("role", SESSION_ROLE, SessionLogonResultEncoder::role, SessionLogonResultDecoder::roleRaw));
    }

    // added with liquidation (issue 13): the exchange's executions, the liquidators' bids, isolated accounts
    private void liquidationInbound()
    {
        add(new Template<>("LiquidationFill", LiquidationFillEncoder.TEMPLATE_ID, LiquidationFillEncoder.BLOCK_LENGTH,
            new LiquidationFillEncoder(), LiquidationFillEncoder::wrap,
            new LiquidationFillDecoder(), LiquidationFillDecoder::wrap)
            .int64("liquidationOrderId",
                LiquidationFillEncoder::liquidationOrderId, LiquidationFillDecoder::liquidationOrderId)
            .float64("quantity", LiquidationFillEncoder::quantity, LiquidationFillDecoder::quantity)
            .float64("price", LiquidationFillEncoder::price, LiquidationFillDecoder::price));

        add(new Template<>("AuctionBid", AuctionBidEncoder.TEMPLATE_ID, AuctionBidEncoder.BLOCK_LENGTH,
            new AuctionBidEncoder(), AuctionBidEncoder::wrap, new AuctionBidDecoder(), AuctionBidDecoder::wrap)
            .int64("liquidationId", AuctionBidEncoder::liquidationId, AuctionBidDecoder::liquidationId)
            .int64("bidderAccountId", AuctionBidEncoder::bidderAccountId, AuctionBidDecoder::bidderAccountId)
            .float64("maxPrice", AuctionBidEncoder::maxPrice, AuctionBidDecoder::maxPrice));

        add(new Template<>("AccountTransfer", AccountTransferEncoder.TEMPLATE_ID, AccountTransferEncoder.BLOCK_LENGTH,
            new AccountTransferEncoder(), AccountTransferEncoder::wrap,
            new AccountTransferDecoder(), AccountTransferDecoder::wrap)
            .int64("fromAccountId", AccountTransferEncoder::fromAccountId, AccountTransferDecoder::fromAccountId)
            .int64("toAccountId", AccountTransferEncoder::toAccountId, AccountTransferDecoder::toAccountId)
            .int32("assetId", AccountTransferEncoder::assetId, AccountTransferDecoder::assetId)
            .float64("amount", AccountTransferEncoder::amount, AccountTransferDecoder::amount));

        add(new Template<>("IsolatedAccountOpen",
            IsolatedAccountOpenEncoder.TEMPLATE_ID, IsolatedAccountOpenEncoder.BLOCK_LENGTH,
            new IsolatedAccountOpenEncoder(), IsolatedAccountOpenEncoder::wrap,
            new IsolatedAccountOpenDecoder(), IsolatedAccountOpenDecoder::wrap)
            .int64("accountId", IsolatedAccountOpenEncoder::accountId, IsolatedAccountOpenDecoder::accountId)
            .int64("parentAccountId",
                IsolatedAccountOpenEncoder::parentAccountId, IsolatedAccountOpenDecoder::parentAccountId));
    }

    // added with liquidation (issue 13): what a liquidation sends, to the exchange and to everyone watching it
    private void liquidationOutbound()
    {
        add(new Template<>("LiquidationOrder",
            LiquidationOrderEncoder.TEMPLATE_ID, LiquidationOrderEncoder.BLOCK_LENGTH,
            new LiquidationOrderEncoder(), LiquidationOrderEncoder::wrap,
            new LiquidationOrderDecoder(), LiquidationOrderDecoder::wrap)
            .int64("liquidationId", LiquidationOrderEncoder::liquidationId, LiquidationOrderDecoder::liquidationId)
            .int64("liquidationOrderId",
                LiquidationOrderEncoder::liquidationOrderId, LiquidationOrderDecoder::liquidationOrderId)
            .int64("accountId", LiquidationOrderEncoder::accountId, LiquidationOrderDecoder::accountId)
            .int32("instrumentId", LiquidationOrderEncoder::instrumentId, LiquidationOrderDecoder::instrumentId)
            .enumeration("side", SIDE, LiquidationOrderEncoder::side, LiquidationOrderDecoder::sideRaw)
            .float64("quantity", LiquidationOrderEncoder::quantity, LiquidationOrderDecoder::quantity)
            .float64("limitPrice", LiquidationOrderEncoder::limitPrice, LiquidationOrderDecoder::limitPrice)
            .nanos("expiresNs", LiquidationOrderEncoder::expiresNs, LiquidationOrderDecoder::expiresNs));

        add(new Template<>("LiquidationEvent",
            LiquidationEventEncoder.TEMPLATE_ID, LiquidationEventEncoder.BLOCK_LENGTH,
            new LiquidationEventEncoder(), LiquidationEventEncoder::wrap,
            new LiquidationEventDecoder(), LiquidationEventDecoder::wrap)
            .int64("liquidationId", LiquidationEventEncoder::liquidationId, LiquidationEventDecoder::liquidationId)
            .int64("accountId", LiquidationEventEncoder::accountId, LiquidationEventDecoder::accountId)
            .enumeration("stage", LIQUIDATION_EVENT_TYPE,
                LiquidationEventEncoder::stage, LiquidationEventDecoder::stageRaw)
            .int32("step", LiquidationEventEncoder::step, LiquidationEventDecoder::step)
            .float64("equity", LiquidationEventEncoder::equity, LiquidationEventDecoder::equity)
            .float64("initialMargin", LiquidationEventEncoder::initialMargin, LiquidationEventDecoder::initialMargin)
            .float64("maintenanceMargin",
                LiquidationEventEncoder::maintenanceMargin, LiquidationEventDecoder::maintenanceMargin)
            .int32("instrumentId", LiquidationEventEncoder::instrumentId, LiquidationEventDecoder::instrumentId)
            .float64("quantity", LiquidationEventEncoder::quantity, LiquidationEventDecoder::quantity)
            .float64("price", LiquidationEventEncoder::price, LiquidationEventDecoder::price)
            .float64("amount", LiquidationEventEncoder::amount, LiquidationEventDecoder::amount)
            .int64("counterpartyAccountId",
                LiquidationEventEncoder::counterpartyAccountId, LiquidationEventDecoder::counterpartyAccountId)
            .int64("liquidationOrderId",
                LiquidationEventEncoder::liquidationOrderId, LiquidationEventDecoder::liquidationOrderId)
            .nanos("untilNs", LiquidationEventEncoder::untilNs, LiquidationEventDecoder::untilNs)
            .int32("worstUnderlyingAssetId",
                LiquidationEventEncoder::worstUnderlyingAssetId, LiquidationEventDecoder::worstUnderlyingAssetId)
            .int32("worstScenario", LiquidationEventEncoder::worstScenario, LiquidationEventDecoder::worstScenario)
            .float64("worstScenarioLoss",
                LiquidationEventEncoder::worstScenarioLoss, LiquidationEventDecoder::worstScenarioLoss)
            .float64("contribution", LiquidationEventEncoder::contribution, LiquidationEventDecoder::contribution));

        add(new Template<>("OrderReleased", OrderReleasedEncoder.TEMPLATE_ID, OrderReleasedEncoder.BLOCK_LENGTH,
            new OrderReleasedEncoder(), OrderReleasedEncoder::wrap,
            new OrderReleasedDecoder(), OrderReleasedDecoder::wrap)
            .int64("accountId", OrderReleasedEncoder::accountId, OrderReleasedDecoder::accountId)
            .int64("clientOrderId", OrderReleasedEncoder::clientOrderId, OrderReleasedDecoder::clientOrderId)
            .int64("liquidationId", OrderReleasedEncoder::liquidationId, OrderReleasedDecoder::liquidationId));

        add(new Template<>("InsuranceFund", InsuranceFundEncoder.TEMPLATE_ID, InsuranceFundEncoder.BLOCK_LENGTH,
            new InsuranceFundEncoder(), InsuranceFundEncoder::wrap,
            new InsuranceFundDecoder(), InsuranceFundDecoder::wrap)
            .float64("balance", InsuranceFundEncoder::balance, InsuranceFundDecoder::balance)
            .float64("change", InsuranceFundEncoder::change, InsuranceFundDecoder::change)
            .int64("liquidationId", InsuranceFundEncoder::liquidationId, InsuranceFundDecoder::liquidationId));

        add(new Template<>("AdlRank", AdlRankEncoder.TEMPLATE_ID, AdlRankEncoder.BLOCK_LENGTH,
            new AdlRankEncoder(), AdlRankEncoder::wrap, new AdlRankDecoder(), AdlRankDecoder::wrap)
            .int64("accountId", AdlRankEncoder::accountId, AdlRankDecoder::accountId)
            .int32("band", AdlRankEncoder::band, AdlRankDecoder::band)
            .int32("instrumentId", AdlRankEncoder::instrumentId, AdlRankDecoder::instrumentId)
            .float64("score", AdlRankEncoder::score, AdlRankDecoder::score));
    }

    // added with the guarded oracle (issue 14): scheduled parameter sets in, index quality and versions out
    private void oracle()
    {
        add(new Template<>("ParameterSchedule",
            ParameterScheduleEncoder.TEMPLATE_ID, ParameterScheduleEncoder.BLOCK_LENGTH,
            new ParameterScheduleEncoder(), ParameterScheduleEncoder::wrap,
            new ParameterScheduleDecoder(), ParameterScheduleDecoder::wrap)
            .nanos("effectiveNs", ParameterScheduleEncoder::effectiveNs, ParameterScheduleDecoder::effectiveNs)
            .int64("groupId", ParameterScheduleEncoder::groupId, ParameterScheduleDecoder::groupId)
            .int32("groupSize", ParameterScheduleEncoder::groupSize, ParameterScheduleDecoder::groupSize)
            .enumeration("parameterId", PARAMETER_ID,
                ParameterScheduleEncoder::parameterId, ParameterScheduleDecoder::parameterIdRaw)
            .int32("assetId", ParameterScheduleEncoder::assetId, ParameterScheduleDecoder::assetId)
            .int32("index", ParameterScheduleEncoder::index, ParameterScheduleDecoder::index)
            .float64("value", ParameterScheduleEncoder::value, ParameterScheduleDecoder::value)
            .float64("value2", ParameterScheduleEncoder::value2, ParameterScheduleDecoder::value2));

        add(new Template<>("OracleStatus", OracleStatusEncoder.TEMPLATE_ID, OracleStatusEncoder.BLOCK_LENGTH,
            new OracleStatusEncoder(), OracleStatusEncoder::wrap, new OracleStatusDecoder(), OracleStatusDecoder::wrap)
            .int32("assetId", OracleStatusEncoder::assetId, OracleStatusDecoder::assetId)
            .enumeration("status", ORACLE_STATE, OracleStatusEncoder::status, OracleStatusDecoder::statusRaw)
            .enumeration("previousStatus", ORACLE_STATE,
                OracleStatusEncoder::previousStatus, OracleStatusDecoder::previousStatusRaw)
            .enumeration("cause", ORACLE_CAUSE, OracleStatusEncoder::cause, OracleStatusDecoder::causeRaw)
            .int32("sourceId", OracleStatusEncoder::sourceId, OracleStatusDecoder::sourceId)
            .float64("indexPrice", OracleStatusEncoder::indexPrice, OracleStatusDecoder::indexPrice)
            .float64("candidatePrice", OracleStatusEncoder::candidatePrice, OracleStatusDecoder::candidatePrice)
            .int32("sourcesFresh", OracleStatusEncoder::sourcesFresh, OracleStatusDecoder::sourcesFresh)
            .int32("sourcesUsed", OracleStatusEncoder::sourcesUsed, OracleStatusDecoder::sourcesUsed)
            .float64("spread", OracleStatusEncoder::spread, OracleStatusDecoder::spread)
            .int64("oldestAgeNs", OracleStatusEncoder::oldestAgeNs, OracleStatusDecoder::oldestAgeNs));

        add(new Template<>("ParameterChange", ParameterChangeEncoder.TEMPLATE_ID, ParameterChangeEncoder.BLOCK_LENGTH,
            new ParameterChangeEncoder(), ParameterChangeEncoder::wrap,
            new ParameterChangeDecoder(), ParameterChangeDecoder::wrap)
            .int64("version", ParameterChangeEncoder::version, ParameterChangeDecoder::version)
            .enumeration("status", PARAMETER_CHANGE_STATUS,
                ParameterChangeEncoder::status, ParameterChangeDecoder::statusRaw)
            .nanos("effectiveNs", ParameterChangeEncoder::effectiveNs, ParameterChangeDecoder::effectiveNs)
            .enumeration("parameterId", PARAMETER_ID,
                ParameterChangeEncoder::parameterId, ParameterChangeDecoder::parameterIdRaw)
            .int32("assetId", ParameterChangeEncoder::assetId, ParameterChangeDecoder::assetId)
            .int32("index", ParameterChangeEncoder::index, ParameterChangeDecoder::index)
            .float64("value", ParameterChangeEncoder::value, ParameterChangeDecoder::value)
            .float64("value2", ParameterChangeEncoder::value2, ParameterChangeDecoder::value2));
    }

    // added with borrowing (issue 16, rulebook section 8): each borrowable asset's pool
    private void borrowing()
    {
        add(new Template<>("BorrowRate", BorrowRateEncoder.TEMPLATE_ID, BorrowRateEncoder.BLOCK_LENGTH,
            new BorrowRateEncoder(), BorrowRateEncoder::wrap, new BorrowRateDecoder(), BorrowRateDecoder::wrap)
            .int32("assetId", BorrowRateEncoder::assetId, BorrowRateDecoder::assetId)
            .float64("utilization", BorrowRateEncoder::utilization, BorrowRateDecoder::utilization)
            .float64("rate", BorrowRateEncoder::rate, BorrowRateDecoder::rate)
            .float64("index", BorrowRateEncoder::index, BorrowRateDecoder::index)
            .float64("totalDebt", BorrowRateEncoder::totalDebt, BorrowRateDecoder::totalDebt)
            .float64("poolSupply", BorrowRateEncoder::poolSupply, BorrowRateDecoder::poolSupply)
            .float64("interestIncome", BorrowRateEncoder::interestIncome, BorrowRateDecoder::interestIncome));
    }

    private void add(final Template<?, ?> template)
    {
        all.add(template);
        byName.put(template.name(), template);
        byId.put(template.templateId(), template);
    }
}
