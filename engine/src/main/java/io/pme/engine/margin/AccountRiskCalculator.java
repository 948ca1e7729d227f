package io.pme.engine.margin;

import io.pme.engine.logic.MarginExplanation;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.RiskArrays;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.rulebook.ScenarioVectors;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * The rulebook's figures for one engine account, built from the instrument risk cache: collateral with tiered
 * haircuts, equity, per-underlying scenario vectors, correlation sets, contingencies. Optionally with hypothetical
 * trades at given prices (a filled order pays its limit: premium for options, entry for linear). Costs
 * O(positions × scenarios), allocates nothing.
 */
final class AccountRiskCalculator
{
    private static final int N = InstrumentRiskCache.N;

    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final RiskParameters parameters;
    private final InstrumentRiskCache cache;
    private final int ownSetBase;
    private final double[] vectors;
    private final double[] contingencies;
    private final double[] aggregates;
    private final boolean[] setActive;
    private final int[] activeSets;
    private final double[] wrapped = new double[N];
    private long exposed;

    AccountRiskCalculator(final EngineState state, final RiskParameters parameters, final InstrumentRiskCache cache)
    {
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.parameters = parameters;
        this.cache = cache;
        final int maxAssets = assets.capacity();
        ownSetBase = RiskParameters.MAX_CORRELATION_SETS;
        vectors = new double[maxAssets * N];
        contingencies = new double[maxAssets];
        aggregates = new double[(ownSetBase + maxAssets) * N];
        setActive = new boolean[ownSetBase + maxAssets];
        activeSets = new int[ownSetBase + maxAssets];
    }

    /**
     * Figures of the account plus the trades, with its balance of {@code assetId} changed by {@code balanceDelta}
     * ({@code assetId} -1 for none).
     */
    void compute(
        final int slot,
        final long balanceMask,
        final Trades trades,
        final int assetId,
        final double balanceDelta,
        final MarginFigures out)
    {
        compute(slot, -1, balanceMask, trades, assetId, balanceDelta, out);
    }

    /**
     * Figures of the account as if it had taken over every balance and position of {@code source} (each position at
     * its entry price, so its P&amp;L comes with it) and its balance of {@code assetId} changed by
     * {@code balanceDelta}.
     *
     * @param trades an empty list to hold the source's positions; left with them.
     */
    void computeTakeover(
        final int slot,
        final int source,
        final long balanceMask,
        final Trades trades,
        final int assetId,
        final double balanceDelta,
        final MarginFigures out)
    {
        trades.clear();
        for (int i = 0, n = accounts.positionCount(source); i < n; i++)
        {
            final int instrumentId = accounts.positionInstrument(source, i);
            if (!trades.add(instrumentId, accounts.positionQuantity(source, i), accounts.positionEntryPrice(source, i)))
            {
                out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
                return;
            }
        }
        compute(slot, source, balanceMask, trades, assetId, balanceDelta, out);
    }

    /**
     * After a {@link #compute}: the underlying whose own worst scenario loses most, that scenario and loss, and what
     * {@code quantity} of the instrument brings to it (its P&amp;L there, negated: positive when it loses).
     */
    void worst(final int instrumentId, final double quantity, final MarginExplanation out)
    {
        out.clear();
        for (long mask = exposed; 0 != mask; mask &= mask - 1)
        {
            final int u = Long.numberOfTrailingZeros(mask);
            final int scenario = ScenarioVectors.worstScenario(vectors, u * N);
            final double loss = -vectors[u * N + scenario];
            if (loss > out.worstScenarioLoss || out.worstUnderlying < 0)
            {
                out.worstUnderlying = u;
                out.worstScenario = scenario;
                out.worstScenarioLoss = loss;
            }
        }
        if (instrumentId >= 0 && out.worstUnderlying >= 0 &&
            instruments.underlying(instrumentId) == out.worstUnderlying &&
            MarginResult.STATUS_OK == cache.ensure(instrumentId))
        {
            out.contribution = -quantity * cache.arrays()[instrumentId * N + out.worstScenario];
        }
    }

    private void compute(
        final int slot,
        final int source,
        final long balanceMask,
        final Trades trades,
        final int assetId,
        final double balanceDelta,
        final MarginFigures out)
    {
        exposed = 0;
        final double collateral = collateral(slot, source, assetId >= 0 ? balanceMask | (1L << assetId) : balanceMask,
            assetId, balanceDelta);
        if (Double.isNaN(collateral))
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        double equity = collateral;
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final double value = addExposure(
                accounts.positionInstrument(slot, i), accounts.positionQuantity(slot, i),
                accounts.positionEntryPrice(slot, i), 0.0);
            if (Double.isNaN(value))
            {
                out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
                return;
            }
            equity += value;
        }
        for (int t = 0, n = trades.count(); t < n; t++)
        {
            final int instrumentId = trades.instrument(t);
            final double held = heldBefore(slot, trades, t);
            final double value = addExposure(instrumentId, trades.quantity(t), trades.price(t), held);
            if (Double.isNaN(value))
            {
                out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
                return;
            }
            equity += value;
        }
        final double initialMargin = aggregate();
        final double maintenanceMargin = parameters.mmFactor() * initialMargin;
        out.set(equity, initialMargin, maintenanceMargin, AccountStates.of(equity, initialMargin, maintenanceMargin));
    }

    private double collateral(
        final int slot, final int source, final long balanceMask, final int assetId, final double balanceDelta)
    {
        double collateral = 0.0;
        for (long mask = balanceMask; 0 != mask; mask &= mask - 1)
        {
            final int a = Long.numberOfTrailingZeros(mask);
            final double balance = accounts.balance(slot, a) + (source >= 0 ? accounts.balance(source, a) : 0.0) +
                (a == assetId ? balanceDelta : 0.0);
            if (0.0 == balance)
            {
                continue;
            }
            final double price = assets.price(a);
            if (!(price >= 0.0 && price < Double.MAX_VALUE))
            {
                return Double.NaN;
            }
            collateral += parameters.collateralValue(a, balance * price);
            if (parameters.isUnderlying(a))
            {
                if (MarginResult.STATUS_OK != cache.ensureUnit(a))
                {
                    return Double.NaN;
                }
                touch(a);
                ScenarioVectors.addScaled(cache.unitArrays(), a * N, balance, vectors, a * N);
            }
            else if (parameters.wrappedUnderlying(a) >= 0 && !addWrapped(a, balance, price))
            {
                return Double.NaN;
            }
        }
        return collateral;
    }

    // Rulebook section 7: an exposure of the underlying at the wrapped asset's own price, and its de-peg add-on in
    // the underlying's contingency; false when the underlying has no price (its grid needs one).
    private boolean addWrapped(final int a, final double balance, final double price)
    {
        final int u = parameters.wrappedUnderlying(a);
        final double spot = assets.price(u);
        if (!(spot > 0.0 && spot < Double.MAX_VALUE))
        {
            return false;
        }
        touch(u);
        RiskArrays.linear(price, 1.0, parameters.priceRange(u), parameters, wrapped, 0);
        ScenarioVectors.addScaled(wrapped, 0, balance, vectors, u * N);
        contingencies[u] += parameters.depegShock(a) * Math.abs(balance) * price;
        return true;
    }

    // Adds one exposure's scenario P&L and contingency; returns its contribution to equity, NaN when unpriced.
    private double addExposure(final int instrumentId, final double quantity, final double price, final double held)
    {
        if (MarginResult.STATUS_OK != cache.ensure(instrumentId))
        {
            return Double.NaN;
        }
        final int u = instruments.underlying(instrumentId);
        touch(u);
        ScenarioVectors.addScaled(cache.arrays(), instrumentId * InstrumentRiskCache.N, quantity, vectors, u * N);
        final double multiplier = instruments.multiplier(instrumentId);
        final double spot = assets.price(u);
        final double mark = cache.mark(instrumentId);
        if (instruments.isOption(instrumentId))
        {
            contingencies[u] += parameters.optionContingency() * spot * multiplier *
                (Math.max(0.0, -(held + quantity)) - Math.max(0.0, -held));
        }
        else
        {
            contingencies[u] += parameters.linearContingency() * spot * multiplier *
                (Math.abs(held + quantity) - Math.abs(held));
        }
        // price is what the exposure cost: an option position's premium is already out of the balances (0 here),
        // a linear position's is its entry price, a hypothetical fill pays its limit
        return quantity * multiplier * (mark - price);
    }

    private double heldBefore(final int slot, final Trades trades, final int t)
    {
        final int instrumentId = trades.instrument(t);
        final int index = accounts.findPosition(slot, instrumentId);
        double held = index >= 0 ? accounts.positionQuantity(slot, index) : 0.0;
        for (int i = 0; i < t; i++)
        {
            if (trades.instrument(i) == instrumentId)
            {
                held += trades.quantity(i);
            }
        }
        return held;
    }

    private void touch(final int u)
    {
        final long bit = 1L << u;
        if (0 == (exposed & bit))
        {
            exposed |= bit;
            contingencies[u] = 0.0;
            ScenarioVectors.clear(vectors, u * N);
        }
    }

    private int setSlot(final int u)
    {
        final int set = parameters.correlationSet(u);
        return set > 0 ? set : ownSetBase + u;
    }

    // Sets in a fixed order (numbered sets, then sets of one by asset id), so the sum's rounding never varies.
    private double aggregate()
    {
        double contingency = 0.0;
        int active = 0;
        for (long mask = exposed; 0 != mask; mask &= mask - 1)
        {
            final int u = Long.numberOfTrailingZeros(mask);
            final int slot = setSlot(u);
            if (!setActive[slot])
            {
                setActive[slot] = true;
                activeSets[active++] = slot;
                ScenarioVectors.clear(aggregates, slot * N);
            }
            ScenarioVectors.accumulateSet(vectors, u * N, parameters.pnlOffset(u), aggregates, slot * N);
            contingency += contingencies[u];
        }
        java.util.Arrays.sort(activeSets, 0, active);
        double worst = 0.0;
        for (int i = 0; i < active; i++)
        {
            final int slot = activeSets[i];
            setActive[slot] = false;
            worst += Math.max(0.0, -aggregates[slot * N + ScenarioVectors.worstScenario(aggregates, slot * N)]);
        }
        return worst + contingency;
    }
}
