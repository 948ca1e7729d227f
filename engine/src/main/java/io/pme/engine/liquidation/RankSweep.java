package io.pme.engine.liquidation;

import io.pme.engine.logic.MarginModel;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.AdlRanks;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * Publishes every account's auto-deleveraging rank band. Every {@link LiquidationParameters#ADL_RANK_INTERVAL_NS} a
 * sweep walks the accounts in slot order, {@link LiquidationParameters#ADL_RANKS_PER_INPUT} per applied input. It
 * ranks each leg that deleveraging could take (as {@link Deleveraging} does: profit ratio × effective leverage, a
 * linear leg in profit or a long option), counts the rank in its instrument side's histogram for the next sweep, and
 * bands it by the last sweep's quintiles; the account's band is its best leg's, announced when it changes.
 * <p>
 * Equity here is the rulebook's (collateral after haircuts plus positions at the marks), computed from the
 * balances, prices and marks alone, so the bands come out alike however the margin model skips work.
 */
final class RankSweep
{
    private final EngineState state;
    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final AdlRanks ranks;
    private final MarginModel model;
    private final Exposure exposure;
    private final LiquidationParameters parameters;
    private final LiquidationOutput out;

    RankSweep(
        final EngineState state,
        final MarginModel model,
        final LiquidationParameters parameters,
        final LiquidationOutput out)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.ranks = state.adlRanks();
        this.model = model;
        this.exposure = new Exposure(state, model);
        this.parameters = parameters;
        this.out = out;
    }

    /** At the end of an applied input: the sweep moves on, or starts when its time has come. */
    void onInputEnd(final long nowNs)
    {
        if (!ranks.isSweeping())
        {
            if (nowNs < ranks.nextSweepNs())
            {
                return;
            }
            ranks.startSweep();
        }
        final int count = accounts.count();
        final long perInput = parameters.whole(LiquidationParameters.ADL_RANKS_PER_INPUT);
        final int end = (int)Math.min(count, ranks.cursor() + perInput);
        for (int slot = ranks.cursor(); slot < end; slot++)
        {
            rank(slot);
        }
        ranks.cursor(end);
        if (end >= count)
        {
            ranks.closeSweep();
            final long interval = parameters.whole(LiquidationParameters.ADL_RANK_INTERVAL_NS);
            ranks.endSweep(LiquidationParameters.after(nowNs, interval));
        }
    }

    private void rank(final int slot)
    {
        if (Liquidator.INSURANCE_FUND_ACCOUNT_ID == accounts.accountId(slot))
        {
            return;
        }
        final double equity = exposure.equity(slot);
        int band = 0;
        int bandInstrument = -1;
        double bandRank = 0.0;
        if (equity > 0.0)
        {
            final double leverage = exposure.grossNotional(slot) / equity;
            for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
            {
                final int instrumentId = accounts.positionInstrument(slot, i);
                final double quantity = accounts.positionQuantity(slot, i);
                final double rank = legRank(instrumentId, quantity, accounts.positionEntryPrice(slot, i)) * leverage;
                if (!(rank > 0.0) || Double.isInfinite(rank))
                {
                    continue;
                }
                ranks.count(instrumentId, quantity > 0.0, rank);
                final int legBand = ranks.band(instrumentId, quantity > 0.0, rank);
                if (legBand > band || (legBand == band && rank > bandRank))
                {
                    band = legBand;
                    bandInstrument = instrumentId;
                    bandRank = rank;
                }
            }
        }
        if (band != accounts.adlBand(slot))
        {
            accounts.adlBand(slot, (byte)band);
            out.adlRank(accounts.accountId(slot), band, 0 == band ? -1 : bandInstrument, 0 == band ? 0.0 : bandRank);
        }
    }

    // the leg's profit over its entry notional; 0 for a leg deleveraging would not take
    private double legRank(final int instrumentId, final double quantity, final double entry)
    {
        final double mark = model.markPrice(instrumentId);
        if (!(mark > 0.0))
        {
            return 0.0;
        }
        final double multiplier = instruments.multiplier(instrumentId);
        if (instruments.isOption(instrumentId))
        {
            return quantity > 0.0 ? 1.0 : 0.0;
        }
        final double profit = quantity * multiplier * (mark - entry);
        return profit > 0.0 ? profit / (Math.abs(quantity) * multiplier * entry) : 0.0;
    }
}
