package io.pme.engine.risk;

import io.pme.engine.logic.MarginFigures;
import io.pme.engine.logic.MarginListener;
import io.pme.engine.logic.MarginModel;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.margin.RiskParameters;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.OpenOrders;

import java.nio.file.Path;

/**
 * The rulebook's portfolio margin, kept current for every account of the engine. A price tick recomputes the
 * risk arrays of the instruments on that underlying once, then every exposed account from those arrays; accounts
 * that change state are reported at once.
 */
public final class PortfolioRiskModel implements RiskModelBinding, MarginModel
{
    private static final int MAX_WHAT_IF_TRADES = 4096;

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final OpenOrders orders;
    private final Path parametersFile;
    private final long[] exposureMasks;
    private final long[] balanceMasks;
    private final Trades trades = new Trades(MAX_WHAT_IF_TRADES);
    private final MarginFigures figures = new MarginFigures();
    private final MarginFigures buys = new MarginFigures();
    private final MarginFigures sells = new MarginFigures();
    private RiskParameters parameters;
    private InstrumentRiskCache cache;
    private AccountRiskCalculator calculator;

    /**
     * @param parametersFile the parameter file, or null for the defaults shipped with the engine.
     */
    public PortfolioRiskModel(final EngineState state, final Path parametersFile)
    {
        if (state.assets().capacity() > Long.SIZE)
        {
            throw new IllegalArgumentException("exposure masks cover " + Long.SIZE + " assets, configured " +
                state.assets().capacity());
        }
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.orders = state.openOrders();
        this.parametersFile = parametersFile;
        exposureMasks = new long[accounts.capacity()];
        balanceMasks = new long[accounts.capacity()];
        resetParameters();
    }

    public MarginModel model()
    {
        return this;
    }

    public RiskParameters parameters()
    {
        return parameters;
    }

    public void defineAsset(final int assetId, final String symbol)
    {
        parameters.defineAsset(assetId, symbol);
        cache.invalidateUnderlying(assetId);
    }

    public int applyParameter(
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        return parameters.apply(parameterId, assetId, index, value, value2);
    }

    public void resetParameters()
    {
        final int maxAssets = state.assets().capacity();
        parameters = null == parametersFile ?
            RiskParameters.loadDefaults(maxAssets) : RiskParameters.load(parametersFile, maxAssets);
        cache = new InstrumentRiskCache(state, parameters);
        calculator = new AccountRiskCalculator(state, parameters, cache);
    }

    public long parametersDigest()
    {
        return parameters.digestInto(0x5EED_0F_9A2A4E7EL);
    }

    public boolean isLoaded()
    {
        return true;
    }

    public void refresh(final int slot)
    {
        balanceMasks[slot] = balanceMask(slot);
        exposureMasks[slot] = balanceMasks[slot] | positionMask(slot);
        recompute(slot);
    }

    // Balances and positions are as they were: only prices, volatilities or parameters moved.
    private void recompute(final int slot)
    {
        trades.clear();
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, figures);
        accounts.figures(slot, figures.equity, figures.initialMargin, figures.maintenanceMargin, figures.state);
    }

    public void onPrice(final int assetId, final MarginListener listener)
    {
        cache.invalidateUnderlying(assetId);
        final long bit = 1L << assetId;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (0 != (exposureMasks[slot] & bit))
            {
                refreshAndReport(slot, listener);
            }
        }
    }

    public void onVolatility(final int instrumentId, final MarginListener listener)
    {
        cache.invalidateInstrument(instrumentId);
        final long bit = 1L << instruments.underlying(instrumentId);
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (0 != (exposureMasks[slot] & bit) && accounts.findPosition(slot, instrumentId) >= 0)
            {
                refreshAndReport(slot, listener);
            }
        }
    }

    public void onRestore()
    {
        cache.invalidateAll();
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            balanceMasks[slot] = balanceMask(slot);
            exposureMasks[slot] = balanceMasks[slot] | positionMask(slot);
        }
    }

    public void onParametersChange(final MarginListener listener)
    {
        cache.invalidateAll();
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            refreshAndReport(slot, listener);
        }
    }

    public void whatIf(
        final int slot, final int instrumentId, final double signedQuantity, final double price, final int assetId,
        final double balanceDelta, final MarginFigures out)
    {
        openOrdersAsFilled(slot);
        if (instrumentId >= 0 && !trades.add(instrumentId, signedQuantity, price))
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, io.pme.engine.state.AccountStates.UNMARGINED);
            return;
        }
        calculator.compute(slot, balanceMasks[slot], trades, assetId, balanceDelta, out);
    }

    public void withOpenOrders(final int slot, final MarginFigures out)
    {
        openOrdersAsFilled(slot);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, out);
    }

    private void refreshAndReport(final int slot, final MarginListener listener)
    {
        final byte previous = accounts.state(slot);
        recompute(slot);
        if (previous != accounts.state(slot))
        {
            listener.onStateChange(slot, previous);
        }
    }

    private long balanceMask(final int slot)
    {
        long mask = 0;
        for (int a = 0, n = state.assets().capacity(); a < n; a++)
        {
            if (0.0 != accounts.balance(slot, a))
            {
                mask |= 1L << a;
            }
        }
        return mask;
    }

    private long positionMask(final int slot)
    {
        long mask = 0;
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            mask |= 1L << instruments.underlying(accounts.positionInstrument(slot, i));
        }
        return mask;
    }

    // Per instrument, the account's open buys or its open sells, whichever alone needs the higher margin, filled
    // at their limits: an account cannot have both sides filled against the same reservation, and margin must
    // hold for the worse one.
    private void openOrdersAsFilled(final int slot)
    {
        trades.clear();
        for (int o = orders.first(slot); o != OpenOrders.NONE; o = orders.next(o))
        {
            final int instrumentId = orders.instrument(o);
            if (isFirstOrderOn(slot, o, instrumentId))
            {
                addWorseSide(slot, instrumentId);
            }
        }
    }

    private boolean isFirstOrderOn(final int slot, final int order, final int instrumentId)
    {
        for (int o = orders.first(slot); o != order; o = orders.next(o))
        {
            if (orders.instrument(o) == instrumentId)
            {
                return false;
            }
        }
        return true;
    }

    private void addWorseSide(final int slot, final int instrumentId)
    {
        double buyQuantity = 0.0;
        double buyCost = 0.0;
        double sellQuantity = 0.0;
        double sellCost = 0.0;
        for (int o = orders.first(slot); o != OpenOrders.NONE; o = orders.next(o))
        {
            if (orders.instrument(o) == instrumentId)
            {
                final double quantity = orders.signedQuantity(o);
                if (quantity > 0.0)
                {
                    buyQuantity += quantity;
                    buyCost += quantity * orders.limitPrice(o);
                }
                else
                {
                    sellQuantity += quantity;
                    sellCost += quantity * orders.limitPrice(o);
                }
            }
        }
        if (0.0 == sellQuantity)
        {
            trades.add(instrumentId, buyQuantity, buyCost / buyQuantity);
            return;
        }
        if (0.0 == buyQuantity)
        {
            trades.add(instrumentId, sellQuantity, sellCost / sellQuantity);
            return;
        }
        trades.add(instrumentId, buyQuantity, buyCost / buyQuantity);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, buys);
        trades.removeLast();
        trades.add(instrumentId, sellQuantity, sellCost / sellQuantity);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, sells);
        if (buys.initialMargin - buys.equity > sells.initialMargin - sells.equity)
        {
            trades.removeLast();
            trades.add(instrumentId, buyQuantity, buyCost / buyQuantity);
        }
    }
}
