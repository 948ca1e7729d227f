package io.pme.tools.stress;

import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.rulebook.MarginCalculator;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.Portfolio;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

import java.util.function.LongConsumer;

/**
 * Every account of a replica state revalued in full by the rulebook's calculator at a set of prices and
 * volatilities: the replica's own (the figures before) or a scenario's shocked copies (after). The calculator is
 * the engine's model without its incremental bookkeeping, so a shock needs no ticks through the replica and leaves
 * it as replayed, ready for the next scenario.
 */
final class StressBook
{
    private final EngineState state;
    private final RiskParameters parameters;
    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final MarginCalculator calculator;
    private final Portfolio portfolio;
    private final MarginResult result;
    private final double[] prices;
    private final double[] vols;
    private final int fundSlot;

    /**
     * @param state      the replica, as replayed.
     * @param parameters the risk parameters in force at its end (the oracle's factors applied).
     */
    StressBook(final EngineState state, final RiskParameters parameters)
    {
        this.state = state;
        this.parameters = parameters;
        accounts = state.accounts();
        assets = state.assets();
        instruments = state.instruments();
        calculator = new MarginCalculator(parameters, assets.capacity());
        portfolio = new Portfolio(assets.capacity(), Math.max(1, accounts.maxPositions()));
        result = new MarginResult(assets.capacity());
        prices = new double[assets.capacity()];
        vols = new double[instruments.capacity()];
        for (int a = 0; a < prices.length; a++)
        {
            // an asset without a price yet stays unknown, and the calculator says so for an account that needs it
            prices[a] = assets.isDefined(a) && !assets.isUsd(a) && assets.price(a) > 0.0 ? assets.price(a) : Double.NaN;
        }
        for (int i = 0; i < vols.length; i++)
        {
            vols[i] = instruments.isDefined(i) && instruments.isOption(i) ? instruments.vol(i) : Double.NaN;
        }
        fundSlot = accounts.slot(Liquidator.INSURANCE_FUND_ACCOUNT_ID);
    }

    /** @return a copy of the replica's prices by asset id (NaN for none). */
    double[] prices()
    {
        return prices.clone();
    }

    /** @return a copy of the replica's option mark volatilities by instrument id. */
    double[] vols()
    {
        return vols.clone();
    }

    RiskParameters parameters()
    {
        return parameters;
    }

    EngineState state()
    {
        return state;
    }

    /** @return how many accounts the replica holds, the insurance fund's included. */
    int count()
    {
        return accounts.count();
    }

    /** @return the insurance fund's slot, or −1 when it was never opened. */
    int fundSlot()
    {
        return fundSlot;
    }

    /**
     * Revalues every account.
     *
     * @param atPrices prices by asset id.
     * @param atVols   option mark volatilities by instrument id.
     * @param progress told how many accounts are done, now and then.
     * @return the figures of every slot.
     */
    Figures evaluate(final double[] atPrices, final double[] atVols, final LongConsumer progress)
    {
        final int n = accounts.count();
        final Figures figures = new Figures(n);
        for (int slot = 0; slot < n; slot++)
        {
            load(slot, atPrices, atVols);
            calculator.compute(portfolio, result);
            figures.set(slot, result);
            if (0 == (slot & 0xFFF))
            {
                progress.accept(slot);
            }
        }
        progress.accept(n);
        return figures;
    }

    // the account as the offline calculator's portfolio (pme audit --portfolio-out writes the same): balances,
    // positions, and the engine's valuation time, its underlyings' latest price time (its clock without positions)
    private void load(final int slot, final double[] atPrices, final double[] atVols)
    {
        portfolio.clear();
        for (int a = 0; a < atPrices.length; a++)
        {
            if (assets.isDefined(a) && !assets.isUsd(a))
            {
                portfolio.price(a, atPrices[a]);
            }
            final double balance = assets.isDefined(a) && a < accounts.maxAssets() ? accounts.balance(slot, a) : 0.0;
            if (0.0 != balance)
            {
                portfolio.balance(a, balance);
            }
        }
        long valuationNs = Long.MIN_VALUE;
        for (int p = 0, positions = accounts.positionCount(slot); p < positions; p++)
        {
            final int id = accounts.positionInstrument(slot, p);
            final double quantity = accounts.positionQuantity(slot, p);
            final int underlying = instruments.underlying(id);
            valuationNs = Math.max(valuationNs, assets.priceTimeNs(underlying));
            if (0.0 == quantity)
            {
                continue;
            }
            if (instruments.isOption(id))
            {
                portfolio.option(underlying, instruments.multiplier(id), quantity, instruments.strike(id),
                    instruments.expiryNs(id), Instruments.RIGHT_CALL == instruments.right(id), atVols[id]);
            }
            else
            {
                portfolio.linear(
                    underlying, instruments.multiplier(id), quantity, accounts.positionEntryPrice(slot, p));
            }
        }
        portfolio.valuationTimeNs(Long.MIN_VALUE == valuationNs ? state.nowNs() : valuationNs);
    }

    /** Equity, IM, MM and state of every slot, from one revaluation. */
    static final class Figures
    {
        private final double[] equity;
        private final double[] initialMargin;
        private final double[] maintenanceMargin;
        private final byte[] states;

        Figures(final int count)
        {
            equity = new double[count];
            initialMargin = new double[count];
            maintenanceMargin = new double[count];
            states = new byte[count];
        }

        void set(final int slot, final MarginResult result)
        {
            final boolean margined = MarginResult.STATUS_OK == result.status();
            equity[slot] = margined ? result.equity() : Double.NaN;
            initialMargin[slot] = margined ? result.initialMargin() : Double.NaN;
            maintenanceMargin[slot] = margined ? result.maintenanceMargin() : Double.NaN;
            states[slot] = (byte)(margined ? result.state() : AccountStates.UNMARGINED);
        }

        double equity(final int slot)
        {
            return equity[slot];
        }

        double initialMargin(final int slot)
        {
            return initialMargin[slot];
        }

        double maintenanceMargin(final int slot)
        {
            return maintenanceMargin[slot];
        }

        byte state(final int slot)
        {
            return states[slot];
        }
    }
}
