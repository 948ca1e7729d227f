package io.pme.engine.liquidation;

import io.pme.codecs.LiquidationEventType;
import io.pme.engine.logic.Booking;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.logic.MarginModel;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * Auto-deleveraging: when the insurance fund's equity is negative, legs of profitable accounts opposite the fund's
 * positions are closed against the fund so that their profit pays the deficit, exactly and never more.
 * <p>
 * Per fund position (in position order), the candidates are the accounts holding the instrument on the other side
 * with a profit on that leg (a linear leg's P&amp;L at the mark; a long option's value, its premium being paid), not
 * being liquidated, and whose IM the leg's removal would not raise (a leg that hedges the holder's own portfolio is
 * exempt). They are ranked by profit ratio × effective leverage (the leg's profit over its entry notional, times the
 * account's gross notional over its equity); legs whose ranks lie in the same fraction of an octave
 * ({@code ADL_BANDS} bands per doubling) form a band, and the top band pays first, pro rata to the profit of each leg,
 * so a deficit touches the legs it needs, not a fixed share of all holders. A leg paying {@code t} of its profit
 * {@code P} closes the fraction {@code t / P} of itself at its entry price (an option at 0): the holder keeps its
 * stake and gives up exactly that profit.
 */
final class Deleveraging
{
    private static final double NO_PROFIT = 0.0;
    private static final long MAX_OCTAVES = 16;
    private static final double MIN_SCORE = 0x1p-16;
    private static final double MAX_SCORE = 0x1p16;
    private static final double LN2 = StrictMath.log(2.0);

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final MarginModel model;
    private final Booking booking;
    private final AccountRefresh refresh;
    private final LiquidationOutput out;
    private final LiquidationParameters parameters;
    private final LiquidationNotice notice = new LiquidationNotice();
    private final MarginFigures after = new MarginFigures();
    private final MarginFigures now = new MarginFigures();
    private final Exposure exposure;
    private final int[] candidates;
    private final double[] quantities;
    private final double[] profits;
    private final double[] scores;
    private final int[] fundInstruments;
    private int count;

    Deleveraging(
        final EngineState state,
        final MarginModel model,
        final Booking booking,
        final AccountRefresh refresh,
        final LiquidationOutput out,
        final LiquidationParameters parameters)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.model = model;
        this.booking = booking;
        this.refresh = refresh;
        this.out = out;
        this.parameters = parameters;
        this.exposure = new Exposure(state, model);
        final int capacity = accounts.capacity();
        candidates = new int[capacity];
        quantities = new double[capacity];
        profits = new double[capacity];
        scores = new double[capacity];
        fundInstruments = new int[accounts.maxPositions()];
    }

    /**
     * Covers up to {@code deficit} USD of the fund's negative equity; what no profitable leg can pay is announced as
     * {@link LiquidationEventType#UNCOVERED}.
     */
    void cover(final int fund, final double deficit, final long liquidationId)
    {
        double remaining = deficit;
        final int positions = accounts.positionCount(fund);
        for (int i = 0; i < positions; i++)
        {
            fundInstruments[i] = accounts.positionInstrument(fund, i);
        }
        for (int i = 0; i < positions && remaining > 0.0; i++)
        {
            remaining -= coverWith(fund, fundInstruments[i], remaining, liquidationId);
        }
        if (remaining > Liquidator.DEFICIT_FLOOR)
        {
            announce(LiquidationEventType.UNCOVERED, liquidationId, fund, -1, 0.0, 0.0, remaining, 0);
        }
    }

    private double coverWith(final int fund, final int instrumentId, final double deficit, final long liquidationId)
    {
        final int index = accounts.findPosition(fund, instrumentId);
        final double mark = model.markPrice(instrumentId);
        if (index < 0 || !(mark >= 0.0))
        {
            return 0.0;
        }
        final double fundQuantity = accounts.positionQuantity(fund, index);
        collect(fund, instrumentId, fundQuantity, mark);
        sortByScore();
        final long perOctave = parameters.whole(LiquidationParameters.ADL_BANDS);
        double covered = 0.0;
        double fundLeft = Math.abs(fundQuantity);
        for (int from = 0, to; from < count && covered < deficit && fundLeft > 0.0; from = to)
        {
            // sorted by score, so a band is a run of equal band numbers
            final long band = band(scores[from], perOctave);
            to = from + 1;
            while (to < count && band(scores[to], perOctave) == band)
            {
                to++;
            }
            double profit = 0.0;
            double held = 0.0;
            for (int c = from; c < to; c++)
            {
                // a hedge is looked for only in a band that pays: two exact revaluations a leg, so never for all
                if (isHedge(candidates[c], instrumentId, quantities[c], mark))
                {
                    profits[c] = NO_PROFIT;
                    quantities[c] = 0.0;
                    continue;
                }
                profit += profits[c];
                held += Math.abs(quantities[c]);
            }
            if (!(profit > NO_PROFIT))
            {
                continue;
            }
            // the band pays what is left of the deficit, at most its profit and at most what the fund holds
            final double share = Math.min(Math.min(1.0, (deficit - covered) / profit), fundLeft / held);
            for (int c = from; c < to; c++)
            {
                final double closed = Math.abs(quantities[c]) * share;
                if (closed > 0.0)
                {
                    close(fund, candidates[c], instrumentId, Math.signum(quantities[c]) * closed, profits[c] * share,
                        liquidationId);
                }
            }
            covered += profit * share;
            fundLeft -= held * share;
        }
        return covered;
    }

    // the model's holder list when it keeps one (the result is sorted after, so its order does not matter)
    private void collect(final int fund, final int instrumentId, final double fundQuantity, final double mark)
    {
        count = 0;
        final int holders = model.holderCount(instrumentId);
        for (int i = 0, n = holders < 0 ? accounts.count() : holders; i < n; i++)
        {
            final int slot = holders < 0 ? i : model.holder(instrumentId, i);
            if (slot != fund)
            {
                consider(slot, instrumentId, fundQuantity, mark);
            }
        }
    }

    private void consider(final int slot, final int instrumentId, final double fundQuantity, final double mark)
    {
        final int index = accounts.findPosition(slot, instrumentId);
        if (index < 0 || accounts.liquidation(slot) >= 0 || AccountStates.UNMARGINED == accounts.state(slot))
        {
            return;
        }
        final double quantity = accounts.positionQuantity(slot, index);
        if ((quantity > 0.0) == (fundQuantity > 0.0))
        {
            return;
        }
        final boolean option = instruments.isOption(instrumentId);
        final double multiplier = instruments.multiplier(instrumentId);
        final double entry = accounts.positionEntryPrice(slot, index);
        final double profit = option ?
            (quantity > 0.0 ? quantity * multiplier * mark : NO_PROFIT) : quantity * multiplier * (mark - entry);
        if (!(profit > NO_PROFIT))
        {
            return;
        }
        final double equity = exposure.equity(slot);
        if (!(equity > 0.0))
        {
            return;
        }
        final double entryNotional = Math.abs(quantity) * multiplier * (option ? mark : entry);
        candidates[count] = slot;
        quantities[count] = quantity;
        profits[count] = profit;
        scores[count] = profit / entryNotional * exposure.grossNotional(slot) / equity;
        count++;
    }

    // floor(perOctave × log2(score)) within 2^±16, as the published rank's histogram; StrictMath so that a replay on
    // another platform bands alike
    static long band(final double score, final long perOctave)
    {
        if (!(score > MIN_SCORE))
        {
            return -MAX_OCTAVES * perOctave;
        }
        if (!(score < MAX_SCORE))
        {
            return MAX_OCTAVES * perOctave;
        }
        return (long)Math.floor(perOctave * StrictMath.log(score) / LN2);
    }

    // exact figures both: deleveraging decides alike however the model skips work
    private boolean isHedge(final int slot, final int instrumentId, final double quantity, final double mark)
    {
        model.whatIfExact(slot, -1, 0.0, 0.0, now);
        model.whatIfExact(slot, instrumentId, -quantity, mark, after);
        return !after.isMargined() || !now.isMargined() || after.initialMargin > now.initialMargin;
    }

    private void close(
        final int fund, final int slot, final int instrumentId, final double closed, final double transfer,
        final long liquidationId)
    {
        final int index = accounts.findPosition(slot, instrumentId);
        final double price = instruments.isOption(instrumentId) ? 0.0 : accounts.positionEntryPrice(slot, index);
        booking.trade(slot, instrumentId, -closed, price);
        booking.trade(fund, instrumentId, closed, price);
        refresh.accountChanged(slot);
        announce(LiquidationEventType.DELEVERAGED, liquidationId, slot, instrumentId, -closed, price, transfer,
            Liquidator.INSURANCE_FUND_ACCOUNT_ID);
    }

    private void announce(
        final LiquidationEventType stage, final long liquidationId, final int slot, final int instrumentId,
        final double quantity, final double price, final double amount, final long counterparty)
    {
        final LiquidationNotice n = notice.reset(stage, liquidationId, accounts.accountId(slot), 0);
        n.equity = accounts.equity(slot);
        n.initialMargin = accounts.initialMargin(slot);
        n.maintenanceMargin = accounts.maintenanceMargin(slot);
        n.instrumentId = instrumentId;
        n.quantity = quantity;
        n.price = price;
        n.amount = amount;
        n.counterpartyAccountId = counterparty;
        out.event(n);
    }

    // heap sort of the candidates by score, highest first, ties by slot: allocation-free and deterministic
    private void sortByScore()
    {
        for (int i = count / 2 - 1; i >= 0; i--)
        {
            siftDown(i, count);
        }
        for (int end = count - 1; end > 0; end--)
        {
            swap(0, end);
            siftDown(0, end);
        }
    }

    // orders the heap so the root is the candidate that must come last
    private boolean comesLater(final int a, final int b)
    {
        return scores[a] < scores[b] || (scores[a] == scores[b] && candidates[a] > candidates[b]);
    }

    private void siftDown(final int start, final int size)
    {
        int i = start;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                return;
            }
            final int right = left + 1;
            final int child = right < size && comesLater(right, left) ? right : left;
            if (!comesLater(child, i))
            {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(final int i, final int j)
    {
        final int c = candidates[i];
        candidates[i] = candidates[j];
        candidates[j] = c;
        final double q = quantities[i];
        quantities[i] = quantities[j];
        quantities[j] = q;
        final double p = profits[i];
        profits[i] = profits[j];
        profits[j] = p;
        final double s = scores[i];
        scores[i] = scores[j];
        scores[j] = s;
    }
}
