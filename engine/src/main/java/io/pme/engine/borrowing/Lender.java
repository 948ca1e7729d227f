package io.pme.engine.borrowing;

import io.pme.codecs.RejectReason;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.DebtPools;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Ledger;

/**
 * Borrowing's decisions (rulebook section 8): interest epochs before each input, the limits an input that would
 * create or raise a debt must pass, and the announcement of every pool that changed. An epoch multiplies each
 * borrowable asset's index once, whatever the number of borrowers: their debts are stored scaled by it.
 */
public final class Lender
{
    /** An index grows no further than this: every debt a million billion times what was borrowed. */
    public static final double MAX_INDEX = 1.0e15;

    /**
     * Boundaries one input takes one by one, each at the utilization it finds (a little over a year of hourly epochs);
     * any further ones, after an idle spell longer than that, compound at the rate of the last, in one step.
     */
    public static final long MAX_EPOCHS_ONE_BY_ONE = 10_000;

    private static final double NS_PER_YEAR = 365.0 * 86_400.0 * 1.0e9;

    private final Accounts accounts;
    private final Assets assets;
    private final DebtPools pools;
    private final Ledger ledger;
    private final BorrowListener listener;
    private final BorrowingParameters parameters;
    private final int[] moved;
    private final double[] indexBefore;
    private final double[] interestBefore;
    private int movedCount;
    private long lastEpochBefore;
    private long epochs;

    /**
     * @param state    the engine state whose debts accrue.
     * @param listener told of every pool that changed, at the end of each input.
     */
    public Lender(final EngineState state, final BorrowListener listener)
    {
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.pools = state.debtPools();
        this.ledger = state.ledger();
        this.listener = listener;
        this.parameters = new BorrowingParameters(state.assets().capacity());
        this.moved = new int[state.assets().capacity()];
        this.indexBefore = new double[state.assets().capacity()];
        this.interestBefore = new double[state.assets().capacity()];
    }

    /** @return the borrowing rules in force. */
    public BorrowingParameters parameters()
    {
        return parameters;
    }

    /** An asset just defined takes its symbol's defaults; a borrowable one is announced. */
    public void defineAsset(final int assetId, final String symbol)
    {
        parameters.defineAsset(assetId, symbol);
        if (parameters.isBorrowable(assetId))
        {
            pools.markChanged(assetId);
        }
    }

    /** A borrowing rule of the asset changed: its pool is announced with the rate that follows. */
    public void onRuleChange(final int assetId)
    {
        if (assetId >= 0)
        {
            pools.markChanged(assetId);
        }
    }

    /**
     * Takes every interest epoch boundary (a multiple of the interval, counted from the Unix epoch) that
     * {@code timestampNs} reaches or passes, in order, each at the utilization as it stands then, before the input
     * is applied; the first input only starts the count. Until {@link #refused()} or the next call it can be undone:
     * a refused input leaves borrowing as it found it.
     *
     * @return how many assets' debts moved, each then given by {@link #movedAsset(int)}.
     */
    public int accrueTo(final long timestampNs)
    {
        movedCount = 0;
        final long last = pools.lastEpochNs();
        lastEpochBefore = last;
        if (DebtPools.NO_EPOCH == last)
        {
            pools.lastEpochNs(timestampNs);
            return 0;
        }
        final long interval = parameters.intervalNs();
        final long from = Math.floorDiv(last, interval);
        final long to = Math.floorDiv(timestampNs, interval);
        if (to <= from)
        {
            return 0;
        }
        final double yearFraction = interval / NS_PER_YEAR;
        final long oneByOne = Math.min(to - from, MAX_EPOCHS_ONE_BY_ONE);
        for (long epoch = 0; epoch < oneByOne; epoch++)
        {
            for (int i = 0, n = parameters.borrowableCount(); i < n; i++)
            {
                accrue(parameters.borrowableAsset(i), yearFraction, 1.0);
            }
        }
        final long rest = to - from - oneByOne;
        if (rest > 0)
        {
            for (int i = 0, n = parameters.borrowableCount(); i < n; i++)
            {
                accrue(parameters.borrowableAsset(i), yearFraction, rest);
            }
        }
        epochs += to - from;
        pools.lastEpochNs(to * interval);
        return movedCount;
    }

    // count epochs compounded at the rate of the first: exact for one, the bound on work for an idle venue's rest
    private void accrue(final int assetId, final double yearFraction, final double count)
    {
        final double utilization = parameters.utilization(assetId, pools.totalDebt(assetId));
        final double step = 1.0 + parameters.rate(assetId, utilization) * yearFraction;
        final double factor = 1.0 == count ? step : StrictMath.pow(step, count);
        // saturates rather than overflow: a clock moved centuries ahead would otherwise make every debt infinite
        if (1.0 == factor || !(pools.index(assetId) * factor <= MAX_INDEX))
        {
            return;
        }
        addMoved(assetId);
        final double income = pools.accrue(assetId, factor);
        ledger.interestCharged(assetId, income);
    }

    private void addMoved(final int assetId)
    {
        for (int i = 0; i < movedCount; i++)
        {
            if (moved[i] == assetId)
            {
                return;
            }
        }
        indexBefore[assetId] = pools.index(assetId);
        interestBefore[assetId] = ledger.interest(assetId);
        moved[movedCount++] = assetId;
    }

    /**
     * The input the last {@link #accrueTo(long)} preceded was refused: its epochs are undone, bit for bit, and
     * nothing about them is announced.
     */
    public void refused()
    {
        for (int i = 0; i < movedCount; i++)
        {
            final int assetId = moved[i];
            pools.undoIndex(assetId, indexBefore[assetId]);
            ledger.undoInterest(assetId, interestBefore[assetId]);
        }
        movedCount = 0;
        pools.lastEpochNs(lastEpochBefore);
        pools.clearChanged();
    }

    /** @return how many assets' debt index the last {@link #accrueTo(long)} moved. */
    public int movedCount()
    {
        return movedCount;
    }

    /** The input the last {@link #accrueTo(long)} preceded was applied: its epochs stand. */
    public void applied()
    {
        movedCount = 0;
    }

    /** @return the i-th asset whose debt index the last {@link #accrueTo(long)} moved. */
    public int movedAsset(final int i)
    {
        return moved[i];
    }

    /** @return interest epochs taken since this engine started (not state: a gauge). */
    public long epochs()
    {
        return epochs;
    }

    /**
     * The one borrowing rule for money leaving an account (a withdrawal, an option's premium): when it
     * would create or raise a debt of the asset, the asset must be borrowable, and afterwards the pool's
     * utilization may not exceed {@code maxUtilization} nor the account's debt notional {@code maxBorrowUsd}.
     * Whether the account stays healthy is the margin rule's to say.
     *
     * @param amount units of the asset the account would pay, positive.
     * @return NONE when no debt is created or raised, or when the debt passes its limits; else
     * INSUFFICIENT_BALANCE (the asset lends nothing), UTILIZATION_LIMIT, BORROW_LIMIT or PRICE_UNAVAILABLE.
     */
    public RejectReason checkBorrow(final int slot, final int assetId, final double amount)
    {
        final double before = accounts.balance(slot, assetId);
        final double after = before - amount;
        if (after >= 0.0 || !(amount > 0.0))
        {
            return RejectReason.NONE;
        }
        if (!parameters.isBorrowable(assetId))
        {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        final double added = -after - Math.max(0.0, -before);
        final double utilization = parameters.utilization(assetId, pools.totalDebt(assetId) + added);
        if (utilization > parameters.value(assetId, BorrowingParameters.MAX_UTILIZATION))
        {
            return RejectReason.UTILIZATION_LIMIT;
        }
        final double price = assets.price(assetId);
        if (!(price >= 0.0 && price < Double.MAX_VALUE))
        {
            return RejectReason.PRICE_UNAVAILABLE;
        }
        if (-after * price > parameters.value(assetId, BorrowingParameters.MAX_BORROW_USD))
        {
            return RejectReason.BORROW_LIMIT;
        }
        return RejectReason.NONE;
    }

    /** @return USD notional of the account's debts of borrowable assets at their current index and price. */
    public double debtUsd(final int slot)
    {
        double debt = 0.0;
        for (int i = 0, n = parameters.borrowableCount(); i < n; i++)
        {
            final int assetId = parameters.borrowableAsset(i);
            final double balance = accounts.balance(slot, assetId);
            if (balance < 0.0)
            {
                debt -= balance * assets.price(assetId);
            }
        }
        return debt;
    }

    /** At the end of an input: each pool whose debt, index or rules changed, announced once, in order. */
    public void publish()
    {
        for (int i = 0, n = pools.changedCount(); i < n; i++)
        {
            final int assetId = pools.changedAsset(i);
            if (parameters.isBorrowable(assetId))
            {
                final double totalDebt = pools.totalDebt(assetId);
                final double utilization = parameters.utilization(assetId, totalDebt);
                listener.borrowRate(assetId, utilization, parameters.rate(assetId, utilization),
                    pools.index(assetId), totalDebt, parameters.value(assetId, BorrowingParameters.POOL_SUPPLY),
                    ledger.interest(assetId));
            }
        }
        pools.clearChanged();
    }
}
