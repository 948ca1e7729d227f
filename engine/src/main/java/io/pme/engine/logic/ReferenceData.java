package io.pme.engine.logic;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.IsolatedAccountOpenDecoder;
import io.pme.codecs.MarginMode;
import io.pme.codecs.OptionRight;
import io.pme.codecs.RejectReason;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.liquidation.Liquidator;
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
    private final Lender lender;

    ReferenceData(
        final EngineState state, final RiskModelBinding risk, final MarginNotifier notifier, final Lender lender)
    {
        this.lender = lender;
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

    /**
     * An isolated account under a cross parent: margined on its own collateral only, funded and emptied by
     * transfers with its parent, and liquidated without touching it (the insurance fund, never the parent, pays
     * its deficit).
     */
    RejectReason onIsolatedAccountOpen(final IsolatedAccountOpenDecoder message)
    {
        final long accountId = message.accountId();
        if (accountId <= 0)
        {
            return RejectReason.INVALID_VALUE;
        }
        final int parent = accounts.slot(message.parentAccountId());
        if (parent < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (Accounts.CROSS != accounts.marginMode(parent) || accounts.parent(parent) >= 0 ||
            Liquidator.INSURANCE_FUND_ACCOUNT_ID == message.parentAccountId())
        {
            return RejectReason.NOT_LINKED;
        }
        if (accounts.slot(accountId) >= 0)
        {
            return RejectReason.ALREADY_DEFINED;
        }
        final int slot = accounts.open(accountId, Accounts.ISOLATED);
        if (slot < 0)
        {
            return RejectReason.CAPACITY_EXCEEDED;
        }
        accounts.parent(slot, parent);
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
        lender.defineAsset(assetId, symbol);
        // an underlying defined after an asset wrapping it: that asset's holders are margined by section 7 from now
        for (int a = 0, n = assets.capacity(); a < n; a++)
        {
            if (a != assetId && risk.wrappedUnderlying(a) == assetId)
            {
                risk.model().onAssetRiskChange(a, notifier);
            }
        }
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
        if (!assets.isDefined(underlying))
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        // an instrument on an asset without a scenario grid could never be margined: every holder would be
        // UNMARGINED, so the definition is refused rather than the orders later
        if (assets.isUsd(underlying) || !risk.isUnderlying(underlying))
        {
            return RejectReason.NOT_AN_UNDERLYING;
        }
        final InstrumentKind kind = Enums.kind(message.kindRaw());
        final OptionRight right = Enums.right(message.rightRaw());
        final RejectReason termsProblem = checkTerms(kind, right, message);
        if (RejectReason.NONE != termsProblem)
        {
            return termsProblem;
        }
        final RejectReason expiryProblem = checkExpiry(kind, message.expiryNs(), message.timestampNs());
        if (RejectReason.NONE != expiryProblem)
        {
            return expiryProblem;
        }
        final String symbol = message.symbol();
        if (!Checks.isPrintableSymbol(symbol))
        {
            return RejectReason.INVALID_VALUE;
        }
        instruments.define(
            instrumentId, symbol, kindCode(kind), rightCode(right), underlying, message.multiplier(),
            message.strike(), message.expiryNs());
        return RejectReason.NONE;
    }

    // Terms that contradict the kind are refused, not ignored: a perpetual with a strike is a mistake upstream.
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
        final boolean option = InstrumentKind.OPTION == kind;
        if (option ? OptionRight.CALL != right && OptionRight.PUT != right : OptionRight.NONE != right)
        {
            return RejectReason.INVALID_ENUM;
        }
        if (option ? !Checks.isPositiveBounded(message.strike()) : 0.0 != message.strike())
        {
            return RejectReason.INVALID_PRICE;
        }
        return RejectReason.NONE;
    }

    // A perpetual has no expiry; anything else expires after the definition takes effect and within the tenor.
    private RejectReason checkExpiry(final InstrumentKind kind, final long expiryNs, final long timestampNs)
    {
        if (InstrumentKind.PERPETUAL == kind)
        {
            return 0 == expiryNs ? RejectReason.NONE : RejectReason.INVALID_TIMESTAMP;
        }
        if (expiryNs <= 0)
        {
            return RejectReason.INVALID_TIMESTAMP;
        }
        final long nowNs = Math.max(state.nowNs(), timestampNs);
        if (expiryNs <= nowNs)
        {
            return RejectReason.INSTRUMENT_EXPIRED;
        }
        // subtracted, not added: now + tenor could overflow past Long.MAX_VALUE
        if (expiryNs - nowNs > Checks.MAX_TENOR_NS)
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
