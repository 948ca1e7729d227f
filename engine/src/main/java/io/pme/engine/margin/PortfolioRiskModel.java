package io.pme.engine.margin;

import io.pme.engine.logic.MarginFigures;
import io.pme.engine.logic.MarginListener;
import io.pme.engine.logic.MarginModel;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.OpenOrders;
import io.pme.engine.state.RiskVectors;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * The rulebook's portfolio margin, kept current for every account of the engine, incrementally. A tick on an
 * underlying moves each exposed account's scenario vector by its stored expansion (no walk over positions); an
 * account is revalued exactly from its positions when its change is its own (deposit, fill…), when the spot has
 * moved more than {@link #REFRESH_MOVE} from its reference, when the reference is older than {@link #MAX_AGE_NS} of
 * message time, or when its figures come within {@link #DECISION_BAND} of its IM or MM, so every state decision is
 * taken on exact figures. Accounts that change state are reported at once.
 * <p>
 * A tick visits only the accounts it can bring near a threshold or due for a refresh: after every evaluation each
 * account gets, per underlying it holds, a spot band within which the distance of its figures to every threshold,
 * shrinking at most at the account's bounded slopes, stays positive (the distance is shared out among its
 * underlyings, so any combination of ticks within the bands is safe). A tick inside the band changes nothing a
 * visit would decide; the account's vectors and figures are moved to the new spots when next read
 * ({@link #settle()}, checks, queries), by the same arithmetic a visit would have done, so skipping changes no
 * figure and no digest.
 */
public final class PortfolioRiskModel implements RiskModelBinding, MarginModel
{
    /** Relative spot move from the reference after which an account is revalued exactly. */
    public static final double REFRESH_MOVE = 0.005;
    /**
     * Message time after which an account's expansion is rebuilt (options decay), less a stagger of up to a quarter
     * by slot, so that accounts refreshed together do not all come due on the same tick.
     */
    public static final long MAX_AGE_NS = 1_000_000_000L;
    private static final int STAGGER_MASK = 255;
    private static final long STAGGER_NS = MAX_AGE_NS >> 10;
    /** Relative distance to IM or MM within which the figures are recomputed exactly before deciding the state. */
    public static final double DECISION_BAND = 0.002;

    private static final int MAX_WHAT_IF_TRADES = 4096;

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final OpenOrders orders;
    private final RiskVectors vectors;
    private final Path parametersFile;
    private final long[] balanceMasks;
    private final Holders holders;
    private final Trades trades = new Trades(MAX_WHAT_IF_TRADES);
    private final MarginFigures figures = new MarginFigures();
    private final MarginFigures buys = new MarginFigures();
    private final MarginFigures sells = new MarginFigures();
    private final boolean skipSafeAccounts;
    private RiskParameters parameters;
    private InstrumentRiskCache cache;
    private AccountRiskCalculator calculator;
    private IncrementalAccounts incremental;
    private long tickVisits;
    private int tradesSlot = -1;
    private long tradesInputSequence = -1;

    /**
     * @param parametersFile the parameter file, or null for the defaults shipped with the engine.
     */
    public PortfolioRiskModel(final EngineState state, final Path parametersFile)
    {
        this(state, parametersFile, true);
    }

    /**
     * @param parametersFile   the parameter file, or null for the defaults shipped with the engine.
     * @param skipSafeAccounts whether ticks leave accounts inside their safe band to be moved when read (the
     *                         default); false visits every holder on every tick, e.g. to compare.
     */
    public PortfolioRiskModel(final EngineState state, final Path parametersFile, final boolean skipSafeAccounts)
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
        this.vectors = state.riskVectors();
        this.parametersFile = parametersFile;
        this.skipSafeAccounts = skipSafeAccounts;
        balanceMasks = new long[accounts.capacity()];
        holders = new Holders(accounts.capacity(), vectors.maxUnderlyings());
        resetParameters();
    }

    @Override
    public MarginModel model()
    {
        return this;
    }

    /** @return the risk parameters in force. */
    public RiskParameters parameters()
    {
        return parameters;
    }

    @Override
    public void defineAsset(final int assetId, final String symbol)
    {
        parameters.defineAsset(assetId, symbol);
        cache.invalidateUnderlying(assetId);
    }

    @Override
    public boolean isUnderlying(final int assetId)
    {
        return parameters.isUnderlying(assetId);
    }

    @Override
    public int applyParameter(
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        return parameters.apply(parameterId, assetId, index, value, value2);
    }

    @Override
    public void resetParameters()
    {
        final int maxAssets = state.assets().capacity();
        parameters = null == parametersFile ?
            RiskParameters.loadDefaults(maxAssets) : RiskParameters.load(parametersFile, maxAssets);
        cache = new InstrumentRiskCache(state, parameters);
        calculator = new AccountRiskCalculator(state, parameters, cache);
        incremental = new IncrementalAccounts(state, parameters, cache);
    }

    @Override
    public long parametersDigest()
    {
        return parameters.digestInto(0x5EED_0F_9A2A4E7EL);
    }

    @Override
    public boolean isLoaded()
    {
        return true;
    }

    @Override
    public void refresh(final int slot)
    {
        balanceMasks[slot] = balanceMask(slot);
        exact(slot);
    }

    private void exact(final int slot)
    {
        final long oldMask = vectors.mask(slot);
        incremental.refresh(slot, state.nowNs());
        holders.update(slot, oldMask, vectors.mask(slot));
        store(slot);
    }

    private void store(final int slot)
    {
        incremental.figures(slot, -1, 0.0, 0.0, figures);
        keep(slot);
    }

    private void keep(final int slot)
    {
        accounts.figures(slot, figures.equity, figures.initialMargin, figures.maintenanceMargin, figures.state);
        band(slot);
    }

    // The figures' distance to the nearest threshold of the decision band, halved against rounding, is shared
    // out among the account's underlyings; each share over that underlying's slope bound is how far its spot may
    // move, within the refresh range, before the account must be looked at again.
    private void band(final int slot)
    {
        final long mask = vectors.mask(slot);
        final long deadlineNs = deadlineNs(slot);
        final double e = figures.equity;
        final double scale = Math.abs(e) + figures.initialMargin;
        final double distance = Math.min(Math.abs(e), Math.min(
            Math.abs(e - figures.initialMargin), Math.abs(e - figures.maintenanceMargin))) - DECISION_BAND * scale;
        final double share = (0.5 * distance - 1e-9 * scale) / Long.bitCount(mask);
        if (!skipSafeAccounts || !(share > 0.0))
        {
            for (long m = mask; 0 != m; m &= m - 1)
            {
                holders.band(slot, Long.numberOfTrailingZeros(m), Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Long.MIN_VALUE);
            }
            return;
        }
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        final double mmWeight = Math.max(1.0, parameters.mmFactor());
        for (long m = mask; 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final double spot = state.assets().price(vectors.assetOf(d));
            final double reference = hot.getDouble(vectors.offset(slot, d, RiskVectors.SPOT));
            final double equitySlope = cold.getDouble(vectors.offset(slot, d, RiskVectors.EQUITY_SLOPE));
            final double marginSlope = cold.getDouble(vectors.offset(slot, d, RiskVectors.MARGIN_SLOPE));
            final double slope = (1.0 + DECISION_BAND) * (equitySlope + mmWeight * marginSlope);
            final double width = share / slope;
            final double reach = REFRESH_MOVE * (1.0 - 1e-9) * reference;
            holders.band(slot, d, Math.max(spot - width, reference - reach), Math.min(spot + width, reference + reach),
                deadlineNs);
        }
    }

    private long deadlineNs(final int slot)
    {
        return vectors.refreshTimeNs(slot) + MAX_AGE_NS - (slot & STAGGER_MASK) * STAGGER_NS;
    }

    // A tick moved some of the account's underlyings while it sat inside its bands: move it now, as a visit would.
    private void settle(final int slot)
    {
        if (!Double.isNaN(vectors.baseEquity(slot)) && incremental.settle(slot))
        {
            store(slot);
        }
    }

    /** Brings every account's vectors and stored figures to today's spots, before they are read in bulk. */
    public void settle()
    {
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            settle(slot);
        }
    }

    @Override
    public void onPrice(final int assetId, final MarginListener listener)
    {
        cache.invalidateUnderlying(assetId);
        final int d = vectors.denseIfAssigned(assetId);
        if (d >= 0 && parameters.isUnderlying(assetId))
        {
            vectors.advancePriceEpoch();
            moveHolders(d, assetId, listener);
        }
        else
        {
            revalueCollateral(assetId, listener);
        }
    }

    // Backwards, because an exact refresh that changes an account's exposures swaps the last member into its place.
    private void moveHolders(final int d, final int assetId, final MarginListener listener)
    {
        final double spot = state.assets().price(assetId);
        final long nowNs = state.nowNs();
        for (int i = holders.previousToVisit(d, holders.count(d) - 1, spot, nowNs); i >= 0;
            i = holders.previousToVisit(d, i - 1, spot, nowNs))
        {
            visit(holders.member(d, i), d, spot, nowNs, listener);
        }
    }

    private void visit(final int slot, final int d, final double spot, final long nowNs, final MarginListener listener)
    {
        tickVisits++;
        final byte previous = accounts.state(slot);
        if (Double.isNaN(vectors.baseEquity(slot)) || incremental.move(slot, d, spot) > REFRESH_MOVE ||
            nowNs > deadlineNs(slot))
        {
            exact(slot);
        }
        else
        {
            incremental.settle(slot);
            incremental.figures(slot, -1, 0.0, 0.0, figures);
            if (isNearBoundary(figures))
            {
                exact(slot);
            }
            else
            {
                keep(slot);
            }
        }
        report(slot, previous, listener);
    }

    private void revalueCollateral(final int assetId, final MarginListener listener)
    {
        final long bit = 1L << assetId;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (0 != (balanceMasks[slot] & bit))
            {
                final byte previous = accounts.state(slot);
                if (Double.isNaN(vectors.baseEquity(slot)))
                {
                    exact(slot);
                }
                else
                {
                    incremental.revalueBase(slot, balanceMasks[slot]);
                    incremental.settle(slot);
                    store(slot);
                }
                report(slot, previous, listener);
            }
        }
    }

    private static boolean isNearBoundary(final MarginFigures f)
    {
        final double band = DECISION_BAND * (Math.abs(f.equity) + f.initialMargin);
        return Math.abs(f.equity - f.initialMargin) <= band || Math.abs(f.equity - f.maintenanceMargin) <= band ||
            Math.abs(f.equity) <= band;
    }

    private void report(final int slot, final byte previous, final MarginListener listener)
    {
        if (previous != accounts.state(slot))
        {
            listener.onStateChange(slot, previous);
        }
    }

    @Override
    public void onVolatility(final int instrumentId, final MarginListener listener)
    {
        cache.invalidateInstrument(instrumentId);
        final int d = vectors.denseIfAssigned(instruments.underlying(instrumentId));
        if (d < 0)
        {
            return;
        }
        for (int i = holders.count(d) - 1; i >= 0; i--)
        {
            final int slot = holders.member(d, i);
            if (accounts.findPosition(slot, instrumentId) >= 0)
            {
                final byte previous = accounts.state(slot);
                exact(slot);
                report(slot, previous, listener);
            }
        }
    }

    @Override
    public void onRestore()
    {
        cache.invalidateAll();
        holders.clear();
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            balanceMasks[slot] = balanceMask(slot);
            holders.update(slot, 0L, vectors.mask(slot));
        }
    }

    @Override
    public void onParametersChange(final MarginListener listener)
    {
        cache.invalidateAll();
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            final byte previous = accounts.state(slot);
            exact(slot);
            report(slot, previous, listener);
        }
    }

    /** @return how many accounts ticks on underlyings have visited so far (the others were inside their bands). */
    public long tickVisits()
    {
        return tickVisits;
    }

    /** Revalues every account exactly, e.g. to compare with the incremental figures. */
    public void refreshAll()
    {
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            exact(slot);
        }
    }

    @Override
    public void whatIf(
        final int slot, final int instrumentId, final double signedQuantity, final double price, final int assetId,
        final double balanceDelta, final MarginFigures out)
    {
        if (assetId < 0 && OpenOrders.NONE == orders.first(slot) && AccountStates.UNMARGINED != accounts.state(slot))
        {
            settle(slot);
            // the common case costs O(scenarios × underlyings held): the trade's risk array on the account's vectors
            incremental.figures(slot, instrumentId, signedQuantity, price, out);
            return;
        }
        openOrdersAsFilled(slot);
        if (instrumentId < 0)
        {
            calculator.compute(slot, balanceMasks[slot], trades, assetId, balanceDelta, out);
            return;
        }
        if (!trades.add(instrumentId, signedQuantity, price))
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        calculator.compute(slot, balanceMasks[slot], trades, assetId, balanceDelta, out);
        trades.removeLast();
    }

    @Override
    public void withOpenOrders(final int slot, final MarginFigures out)
    {
        if (OpenOrders.NONE == orders.first(slot))
        {
            settle(slot);
            out.set(accounts.equity(slot), accounts.initialMargin(slot), accounts.maintenanceMargin(slot),
                accounts.state(slot));
            return;
        }
        openOrdersAsFilled(slot);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, out);
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

    // Per instrument, the account's open buys or its open sells, whichever alone needs the higher margin, filled
    // at their limits: an account cannot have both sides filled against the same reservation, and margin must
    // hold for the worse one.
    private void openOrdersAsFilled(final int slot)
    {
        // a check asks for the account with its orders, then with the order added: both within one input, when the
        // open orders cannot have changed, so the set built for the first serves the second
        if (slot == tradesSlot && state.inputSequence() == tradesInputSequence)
        {
            return;
        }
        tradesSlot = slot;
        tradesInputSequence = state.inputSequence();
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
