package io.pme.engine.rulebook;

import io.pme.pricing.BlackScholes;
import io.pme.pricing.OptionValuation;

/**
 * Computes the rulebook's figures for one {@link Portfolio}: collateral value, equity, per-underlying scenario
 * vectors, correlation-set worst losses, contingencies, IM, MM, state, siloed IM and Greeks. Single-threaded and
 * allocation-free after construction.
 */
public final class MarginCalculator
{
    private static final int N = ScenarioGrid.SCENARIO_COUNT;
    private static final double VOL_POINT = 0.01;

    private final RiskParameters parameters;
    private final int maxAssets;
    private final double[] spots;
    private final double[] unitArrays;
    private final double[] vectors;
    private final double[] optionArray = new double[N];
    private final double[] aggregates;
    private final boolean[] setActive;
    private final OptionValuation valuation = new OptionValuation();

    /**
     * @param parameters the live parameters (read on every computation, so updates apply to the next one).
     * @param maxAssets  capacity of asset ids.
     */
    public MarginCalculator(final RiskParameters parameters, final int maxAssets)
    {
        this.parameters = parameters;
        this.maxAssets = maxAssets;
        spots = new double[maxAssets];
        unitArrays = new double[maxAssets * N];
        vectors = new double[maxAssets * N];
        final int slots = RiskParameters.MAX_CORRELATION_SETS + maxAssets;
        aggregates = new double[slots * N];
        setActive = new boolean[slots];
    }

    /**
     * Computes every figure of the rulebook for the portfolio into the result.
     *
     * @param portfolio the account and its market.
     * @param result    the reusable result; its status says whether an input was missing.
     */
    public void compute(final Portfolio portfolio, final MarginResult result)
    {
        result.reset();
        if (!inputsComplete(portfolio, result))
        {
            return;
        }

        prepareUnderlyings(portfolio, result);
        double collateral = 0.0;
        double siloed = 0.0;
        for (int a = 0; a < maxAssets; a++)
        {
            final double balance = portfolio.balance(a);
            if (balance != 0.0)
            {
                collateral += parameters.collateralValue(a, balance * priceOf(portfolio, a));
                if (result.hasExposure(a))
                {
                    ScenarioVectors.addScaled(unitArrays, a * N, balance, vectors, a * N);
                    result.addGreeks(a, balance, 0.0, 0.0, 0.0);
                    siloed += ScenarioVectors.worstLoss(unitArrays, a * N, balance);
                }
                else if (parameters.wrappedUnderlying(a) >= 0)
                {
                    siloed += addWrapped(a, balance, portfolio.price(a), result);
                }
            }
        }

        double equity = collateral;
        final long now = portfolio.valuationTimeNs();
        for (int i = 0, count = portfolio.positionCount(); i < count; i++)
        {
            final int u = portfolio.underlying(i);
            final double size = portfolio.qty(i) * portfolio.multiplier(i);
            if (portfolio.isOption(i))
            {
                final double t = (portfolio.expiryNs(i) - now) / BlackScholes.NANOS_PER_YEAR;
                equity += size * addOption(portfolio, i, u, t, result);
                siloed += ScenarioVectors.worstLoss(optionArray, 0, portfolio.qty(i));
                if (size < 0.0)
                {
                    siloed += contingency(result, u, parameters.optionContingency(), size);
                }
            }
            else
            {
                ScenarioVectors.addScaled(unitArrays, u * N, size, vectors, u * N);
                result.addGreeks(u, size, 0.0, 0.0, 0.0);
                equity += size * (spots[u] - portfolio.entryPrice(i));
                siloed += ScenarioVectors.worstLoss(unitArrays, u * N, size) +
                    contingency(result, u, parameters.linearContingency(), size);
            }
        }

        final double initialMargin = aggregateSets(result) + totalContingency(result);
        result.figures(collateral, equity, initialMargin, parameters.mmFactor() * initialMargin, siloed);
    }

    private boolean inputsComplete(final Portfolio portfolio, final MarginResult result)
    {
        for (int a = 0; a < maxAssets; a++)
        {
            final double price = priceOf(portfolio, a);
            if (portfolio.balance(a) != 0.0 && !(price >= 0.0 && price < Double.MAX_VALUE))
            {
                result.fail(MarginResult.STATUS_PRICE_MISSING, a);
                return false;
            }
            final int u = parameters.wrappedUnderlying(a);
            if (portfolio.balance(a) != 0.0 && u >= 0 &&
                !(portfolio.price(u) > 0.0 && portfolio.price(u) < Double.MAX_VALUE))
            {
                result.fail(MarginResult.STATUS_PRICE_MISSING, u);
                return false;
            }
        }
        for (int i = 0, count = portfolio.positionCount(); i < count; i++)
        {
            final int u = portfolio.underlying(i);
            if (!parameters.isUnderlying(u))
            {
                result.fail(MarginResult.STATUS_NOT_AN_UNDERLYING, u);
                return false;
            }
            if (!(portfolio.price(u) > 0.0 && portfolio.price(u) < Double.MAX_VALUE))
            {
                result.fail(MarginResult.STATUS_PRICE_MISSING, u);
                return false;
            }
            if (portfolio.isOption(i) && !(portfolio.vol(i) > 0.0 && portfolio.vol(i) < Double.MAX_VALUE))
            {
                result.fail(MarginResult.STATUS_VOL_MISSING, i);
                return false;
            }
        }
        return true;
    }

    private void prepareUnderlyings(final Portfolio portfolio, final MarginResult result)
    {
        for (int a = 0; a < maxAssets; a++)
        {
            if (portfolio.balance(a) != 0.0 && parameters.isUnderlying(a) && portfolio.price(a) > 0.0)
            {
                result.exposed(a);
            }
        }
        for (int a = 0; a < maxAssets; a++)
        {
            if (portfolio.balance(a) != 0.0 && parameters.wrappedUnderlying(a) >= 0)
            {
                result.exposed(parameters.wrappedUnderlying(a));
            }
        }
        for (int i = 0, count = portfolio.positionCount(); i < count; i++)
        {
            result.exposed(portfolio.underlying(i));
        }
        result.sortUnderlyings();
        for (int n = 0, count = result.underlyingCount(); n < count; n++)
        {
            final int u = result.underlyingAssetId(n);
            spots[u] = portfolio.price(u);
            RiskArrays.linear(spots[u], 1.0, parameters.priceRange(u), parameters, unitArrays, u * N);
            ScenarioVectors.clear(vectors, u * N);
        }
    }

    // Adds one option position's risk array and Greeks; returns its value per unit of the underlying.
    private double addOption(
        final Portfolio portfolio, final int i, final int u, final double t, final MarginResult result)
    {
        final double spot = spots[u];
        final double strike = portfolio.strike(i);
        final double vol = portfolio.vol(i);
        final boolean isCall = portfolio.isCall(i);
        final double multiplier = portfolio.multiplier(i);
        final double qty = portfolio.qty(i);
        RiskArrays.option(
            spot, strike, t, vol, isCall, multiplier, parameters.priceRange(u), parameters, optionArray, 0);
        ScenarioVectors.addScaled(optionArray, 0, qty, vectors, u * N);

        BlackScholes.valueAndGreeks(spot, strike, t, vol, parameters.riskFreeRate(), isCall, valuation);
        final double size = qty * multiplier;
        result.addGreeks(
            u, size * valuation.delta(), size * valuation.gamma(), size * valuation.vega() * VOL_POINT,
            size * valuation.theta());
        return valuation.price();
    }

    // Section 7: a wrapped balance is a linear exposure of its underlying at its own price, plus a de-peg add-on in
    // the underlying's contingency; returns what it alone would need (scenario loss and add-on).
    private double addWrapped(final int a, final double balance, final double price, final MarginResult result)
    {
        final int u = parameters.wrappedUnderlying(a);
        RiskArrays.linear(price, 1.0, parameters.priceRange(u), parameters, optionArray, 0);
        ScenarioVectors.addScaled(optionArray, 0, balance, vectors, u * N);
        result.addGreeks(u, balance * price / spots[u], 0.0, 0.0, 0.0);
        final double depeg = parameters.depegShock(a) * Math.abs(balance) * price;
        result.addContingency(u, depeg);
        return ScenarioVectors.worstLoss(optionArray, 0, balance) + depeg;
    }

    private double contingency(final MarginResult result, final int u, final double rate, final double size)
    {
        final double amount = rate * spots[u] * Math.abs(size);
        result.addContingency(u, amount);
        return amount;
    }

    private double totalContingency(final MarginResult result)
    {
        double total = 0.0;
        for (int n = 0, count = result.underlyingCount(); n < count; n++)
        {
            total += result.contingency(result.underlyingAssetId(n));
        }
        return total;
    }

    // Numbered sets first by number, then sets of one by asset id: a fixed order whatever the input order.
    private double aggregateSets(final MarginResult result)
    {
        final int count = result.underlyingCount();
        for (int n = 0; n < count; n++)
        {
            final int slot = slotOf(result.underlyingAssetId(n));
            if (!setActive[slot])
            {
                setActive[slot] = true;
                ScenarioVectors.clear(aggregates, slot * N);
            }
        }
        for (int n = 0; n < count; n++)
        {
            final int u = result.underlyingAssetId(n);
            ScenarioVectors.accumulateSet(vectors, u * N, parameters.pnlOffset(u), aggregates, slotOf(u) * N);
        }

        double total = 0.0;
        for (int slot = 0; slot < setActive.length; slot++)
        {
            if (setActive[slot])
            {
                setActive[slot] = false;
                total += reportSet(result, slot);
            }
        }
        return total;
    }

    private double reportSet(final MarginResult result, final int slot)
    {
        final int k = ScenarioVectors.worstScenario(aggregates, slot * N);
        final double worstLoss = Math.max(0.0, -aggregates[slot * N + k]);
        final int number = slot < RiskParameters.MAX_CORRELATION_SETS ? slot : 0;
        final String name = number > 0 ?
            parameters.correlationSetName(number) : parameters.symbol(slot - RiskParameters.MAX_CORRELATION_SETS);
        final double tailShock =
            ScenarioGrid.isTail(k) ? parameters.tailShock(k - ScenarioGrid.REGULAR_COUNT) : Double.NaN;
        final int set = result.beginSet(name, number, worstLoss, k, tailShock);
        for (int n = 0, count = result.underlyingCount(); n < count; n++)
        {
            final int u = result.underlyingAssetId(n);
            if (slotOf(u) == slot)
            {
                result.addMember(set, parameters.symbol(u), parameters.priceRange(u));
            }
        }
        return worstLoss;
    }

    private int slotOf(final int underlying)
    {
        final int number = parameters.correlationSet(underlying);
        return number > 0 ? number : RiskParameters.MAX_CORRELATION_SETS + underlying;
    }

    private double priceOf(final Portfolio portfolio, final int assetId)
    {
        return parameters.isUsd(assetId) ? 1.0 : portfolio.price(assetId);
    }
}
