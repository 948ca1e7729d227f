package io.pme.engine.logic;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.MarginMode;
import io.pme.codecs.OptionRight;
import io.pme.codecs.RejectReason;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * Accounts, assets and instruments coming into being. The market data that moves them is
 * {@link io.pme.engine.market.MarketData}'s.
 */
final class ReferenceData
{
    private final EngineState state;
    private final Assets assets;
    private final Instruments instruments;
    private final Accounts accounts;
    private final RiskModelBinding risk;
    private final MarginNotifier notifier;

    ReferenceData(final EngineState state, final RiskModelBinding risk, final MarginNotifier notifier)
    {
        this.state = state;
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.accounts = state.accounts();
        this.risk = risk;
        this.notifier = notifier;
    }

    RejectReason onAccountOpen(final AccountOpenDecoder message)
    {
        final long accountId = message.accountId();
        final MarginMode mode = Enums.marginMode(message.marginModeRaw());
        if (accountId <= 0)
        {
            return RejectReason.INVALID_VALUE;
        }
        if (MarginMode.CROSS != mode && MarginMode.ISOLATED != mode)
        {
            return RejectReason.INVALID_ENUM;
        }
        if (accounts.slot(accountId) >= 0)
        {
            return RejectReason.ALREADY_DEFINED;
        }
        final int slot = accounts.open(accountId, MarginMode.CROSS == mode ? Accounts.CROSS : Accounts.ISOLATED);
        if (slot < 0)
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        notifier.accountOpened(slot);
        return RejectReason.NONE;
    }

    RejectReason onAssetDefinition(final AssetDefinitionDecoder message)
    {
        final int assetId = message.assetId();
        if (!assets.isValidId(assetId))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        if (assets.isDefined(assetId))
        {
            return RejectReason.ALREADY_DEFINED;
        }
        final String symbol = message.symbol();
        if (!Checks.isPrintableSymbol(symbol))
        {
            return RejectReason.INVALID_VALUE;
        }
        if (assets.findBySymbol(symbol) >= 0)
        {
            return RejectReason.ALREADY_DEFINED;
        }
        assets.define(assetId, symbol);
        risk.defineAsset(assetId, symbol);
        return RejectReason.NONE;
    }

    RejectReason onInstrumentDefinition(final InstrumentDefinitionDecoder message)
    {
        final int instrumentId = message.instrumentId();
        if (!instruments.isValidId(instrumentId))
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        if (instruments.isDefined(instrumentId))
        {
            return RejectReason.ALREADY_DEFINED;
        }
        final int underlying = message.underlyingAssetId();
        if (!assets.isDefined(underlying) || assets.isUsd(underlying))
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        final InstrumentKind kind = Enums.kind(message.kindRaw());
        final OptionRight right = Enums.right(message.rightRaw());
        final RejectReason termsProblem = checkTerms(kind, right, message);
        if (RejectReason.NONE != termsProblem)
        {
            return termsProblem;
        }
        final String symbol = message.symbol();
        if (!Checks.isPrintableSymbol(symbol))
        {
            return RejectReason.INVALID_VALUE;
        }
        instruments.define(
            instrumentId, symbol, kindCode(kind), rightCode(right), underlying, message.multiplier(),
            InstrumentKind.OPTION == kind ? message.strike() : 0.0,
            InstrumentKind.PERPETUAL == kind ? 0L : message.expiryNs());
        return RejectReason.NONE;
    }

    private static RejectReason checkTerms(
        final InstrumentKind kind, final OptionRight right, final InstrumentDefinitionDecoder message)
    {
        if (InstrumentKind.PERPETUAL != kind && InstrumentKind.FUTURE != kind && InstrumentKind.OPTION != kind)
        {
            return RejectReason.INVALID_ENUM;
        }
        if (!Checks.isPositiveBounded(message.multiplier()))
        {
            return RejectReason.INVALID_VALUE;
        }
        if (InstrumentKind.OPTION == kind)
        {
            if (OptionRight.CALL != right && OptionRight.PUT != right)
            {
                return RejectReason.INVALID_ENUM;
            }
            if (!Checks.isPositiveBounded(message.strike()))
            {
                return RejectReason.INVALID_PRICE;
            }
        }
        if (InstrumentKind.PERPETUAL != kind && message.expiryNs() <= 0)
        {
            return RejectReason.INVALID_TIMESTAMP;
        }
        return RejectReason.NONE;
    }

    private static byte kindCode(final InstrumentKind kind)
    {
        switch (kind)
        {
            case PERPETUAL:
                return Instruments.PERPETUAL;
            case FUTURE:
                return Instruments.FUTURE;
            default:
                return Instruments.OPTION;
        }
    }

    private static byte rightCode(final OptionRight right)
    {
        switch (right)
        {
            case CALL:
                return Instruments.RIGHT_CALL;
            case PUT:
                return Instruments.RIGHT_PUT;
            default:
                return Instruments.RIGHT_NONE;
        }
    }
}
