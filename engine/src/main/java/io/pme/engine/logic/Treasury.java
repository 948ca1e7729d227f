package io.pme.engine.logic;

import io.pme.codecs.AccountTransferDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.WithdrawalDecoder;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.borrowing.Lender;
import io.pme.engine.liquidation.Liquidator;

/**
 * Money moving in and out of accounts: deposits (which repay a debt first), withdrawals (which may borrow, within
 * the borrowing limits and the margin rule) and perpetual funding.
 */
final class Treasury
{
    private final EngineState state;
    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final MarginModel model;
    private final MarginNotifier notifier;
    private final Liquidator liquidator;
    private final Booking booking;
    private final Lender lender;
    private final MarginFigures figures = new MarginFigures();

    Treasury(
        final EngineState state,
        final MarginModel model,
        final MarginNotifier notifier,
        final Liquidator liquidator,
        final Lender lender)
    {
        this.lender = lender;
        this.liquidator = liquidator;
        this.booking = new Booking(state);
        this.state = state;
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.model = model;
        this.notifier = notifier;
    }

    RejectReason onDeposit(final DepositDecoder message)
    {
        // a deposit to the insurance fund's id seeds the fund, opening its account the first time
        final int slot = Liquidator.INSURANCE_FUND_ACCOUNT_ID == message.accountId() &&
            checkTransfer(0, message.assetId(), message.amount()) == RejectReason.NONE ?
            liquidator.fundSlot() : accounts.slot(message.accountId());
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
        final RejectReason takeProblem = checkTakeOut(slot, assetId, amount, true);
        if (RejectReason.NONE != takeProblem)
        {
            return takeProblem;
        }
        accounts.addBalance(slot, assetId, -amount);
        state.ledger().withdrew(assetId, amount);
        notifier.accountChanged(slot);
        return RejectReason.NONE;
    }

    // the one rule for money leaving an account, by withdrawal or by transfer; only a withdrawal may borrow: a
    // transfer that left a debt behind would fund one side of an isolated pair with the other's credit
    private RejectReason checkTakeOut(final int slot, final int assetId, final double amount, final boolean mayBorrow)
    {
        if (accounts.liquidation(slot) >= 0)
        {
            return RejectReason.IN_LIQUIDATION;
        }
        final boolean borrows = accounts.balance(slot, assetId) < amount;
        if (borrows && !mayBorrow)
        {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        final RejectReason borrowProblem = lender.checkBorrow(slot, assetId, amount);
        if (RejectReason.NONE != borrowProblem)
        {
            return borrowProblem;
        }
        if (borrows && !model.isLoaded())
        {
            // a debt is only ever lent against margin
            return RejectReason.MARGIN_MODEL_NOT_LOADED;
        }
        return checkMarginAfter(slot, assetId, amount);
    }

    /**
     * A balance moved between an isolated account and its parent, either way: taken out of the one under the
     * withdrawal rule, into the other as a deposit; no money crosses the accounts' boundary.
     */
    RejectReason onAccountTransfer(final AccountTransferDecoder message)
    {
        final int from = accounts.slot(message.fromAccountId());
        final int to = accounts.slot(message.toAccountId());
        final int assetId = message.assetId();
        final double amount = message.amount();
        final RejectReason problem = checkTransfer(from, assetId, amount);
        if (RejectReason.NONE != problem)
        {
            return problem;
        }
        if (to < 0)
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (from == to || (accounts.parent(from) != to && accounts.parent(to) != from))
        {
            return RejectReason.NOT_LINKED;
        }
        final RejectReason takeProblem = checkTakeOut(from, assetId, amount, false);
        if (RejectReason.NONE != takeProblem)
        {
            return takeProblem;
        }
        booking.transfer(from, to, assetId, amount);
        notifier.accountChanged(from);
        notifier.accountChanged(to);
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
