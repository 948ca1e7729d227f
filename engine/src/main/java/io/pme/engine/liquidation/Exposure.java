package io.pme.engine.liquidation;

import io.pme.engine.logic.MarginModel;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * An account's equity and gross notional for ranking it for deleveraging: the rulebook's equity (collateral after
 * haircuts plus positions at the marks) from the balances, prices and marks alone, never from figures the margin
 * model keeps approximately, so a rank comes out alike however the model skips work.
 */
final class Exposure
{
    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final MarginModel model;

    Exposure(final EngineState state, final MarginModel model)
    {
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.model = model;
    }

    /** @return the account's equity, NaN when a price or a mark is missing. */
    double equity(final int slot)
    {
        double equity = 0.0;
        for (int a = 0, n = accounts.maxAssets(); a < n; a++)
        {
            final double balance = accounts.balance(slot, a);
            if (0.0 != balance)
            {
                final double price = assets.price(a);
                if (!(price >= 0.0))
                {
                    return Double.NaN;
                }
                equity += model.collateralValue(a, balance * price);
            }
        }
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final int instrumentId = accounts.positionInstrument(slot, i);
            final double mark = model.markPrice(instrumentId);
            if (!(mark >= 0.0))
            {
                return Double.NaN;
            }
            final double quantity = accounts.positionQuantity(slot, i);
            final double price = instruments.isOption(instrumentId) ? 0.0 : accounts.positionEntryPrice(slot, i);
            equity += quantity * instruments.multiplier(instrumentId) * (mark - price);
        }
        return equity;
    }

    /** @return the sum over its positions of contracts × multiplier × index. */
    double grossNotional(final int slot)
    {
        double gross = 0.0;
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final int instrumentId = accounts.positionInstrument(slot, i);
            gross += Math.abs(accounts.positionQuantity(slot, i)) * instruments.multiplier(instrumentId) *
                assets.price(instruments.underlying(instrumentId));
        }
        return gross;
    }
}
