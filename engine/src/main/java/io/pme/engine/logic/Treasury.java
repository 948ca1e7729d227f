package io.pme.engine.logic;

import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.WithdrawalDecoder;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * Money moving in and out of accounts: deposits, withdrawals and perpetual funding.
 */
final class Treasury
{
    private final EngineState state;
    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final MarginModel model;
    private final MarginNotifier notifier;
    private final MarginFigures figures = new MarginFigures();

    Treasury(final EngineState state, final MarginModel model, final MarginNotifier notifier)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.model = model;
        this.notifier = notifier;
    }

    RejectReason onDeposit(final DepositDecoder message)
    {
        final int slot = accounts.slot(message.accountId());
        final RejectReason problem = checkTransfer(slot, message.assetId(), message.amount());
        if (RejectReason.NONE != problem)
        {
            return problem;
        }
        accounts.addBalance(slot, message.assetId(), message.amount());
        state.ledger().deposited(message.assetId(), message.amount());
        notifier.accountChanged(slot);
        return RejectReason.NONE;
    }

    private RejectReason checkTransfer(final int slot, final int assetId, final double amount)
    {
        if (slot < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (!assets.isDefined(assetId))
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        if (!Checks.isPositiveBounded(amount))
        {
            return RejectReason.INVALID_QUANTITY;
        }
        return RejectReason.NONE;
    }

    RejectReason onWithdrawal(final WithdrawalDecoder message)
    {
        final int slot = accounts.slot(message.accountId());
        final int assetId = message.assetId();
        final double amount = message.amount();
        final RejectReason problem = checkTransfer(slot, assetId, amount);
        if (RejectReason.NONE != problem)
        {
            return problem;
        }
        if (accounts.balance(slot, assetId) < amount)
        {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        final RejectReason marginProblem = checkMarginAfter(slot, assetId, amount);
        if (RejectReason.NONE != marginProblem)
        {
            return marginProblem;
        }
        accounts.addBalance(slot, assetId, -amount);
        state.ledger().withdrew(assetId, amount);
        notifier.accountChanged(slot);
        return RejectReason.NONE;
    }

    private RejectReason checkMarginAfter(final int slot, final int assetId, final double amount)
    {
        if (!model.isLoaded())
        {
            // without a model only an account with nothing at risk may take money out
            return hasExposure(slot) ? RejectReason.MARGIN_MODEL_NOT_LOADED : RejectReason.NONE;
        }
        model.whatIf(slot, -1, 0.0, 0.0, assetId, -amount, figures);
        if (!figures.isMargined())
        {
            return RejectReason.PRICE_UNAVAILABLE;
        }
        if (AccountStates.HEALTHY != figures.state)
        {
            return RejectReason.INSUFFICIENT_MARGIN;
        }
        return RejectReason.NONE;
    }

    private boolean hasExposure(final int slot)
    {
        return accounts.positionCount(slot) > 0 || state.openOrders().first(slot) >= 0;
    }

    RejectReason onFundingPayment(final FundingPaymentDecoder message)
    {
        final int instrumentId = message.instrumentId();
        final double amountPerContract = message.amountPerContract();
        if (!instruments.isDefined(instrumentId))
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (Instruments.PERPETUAL != instruments.kind(instrumentId))
        {
            return RejectReason.INVALID_VALUE;
        }
        if (!Checks.isBounded(amountPerContract))
        {
            return RejectReason.INVALID_PRICE;
        }
        final int usd = assets.usdAssetId();
        if (usd < 0)
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        final double multiplier = instruments.multiplier(instrumentId);
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            final int index = accounts.findPosition(slot, instrumentId);
            if (index >= 0)
            {
                final double paid = -accounts.positionQuantity(slot, index) * multiplier * amountPerContract;
                accounts.addBalance(slot, usd, paid);
                state.ledger().funding(paid);
                notifier.accountChanged(slot);
            }
        }
        return RejectReason.NONE;
    }
}
