package io.pme.engine.rulebook;

import io.pme.pricing.BlackScholes;

/**
 * Building block 1: the risk array of one instrument, i.e. its P&amp;L per contract in each of the 33 scenarios,
 * already multiplied by the scenario weight (1 for regular scenarios, {@code min(1, R/|x|)} for tails), so that an
 * underlying's scenario vector is simply Σ qty × risk array. Allocation-free; writes 33 doubles at an offset.
 */
public final class RiskArrays
{
    private RiskArrays()
    {
    }

    /**
     * Risk array of a linear exposure (perpetual, future, or a balance of the underlying with multiplier 1):
     * {@code multiplier × S × x × w}.
     *
     * @param spot       index price S.
     * @param multiplier units of the underlying per contract.
     * @param range      the underlying's price range R.
     * @param parameters supplies the tail shocks.
     * @param out        destination.
     * @param offset     index of scenario 0 in {@code out}.
     */
    public static void linear(
        final double spot,
        final double multiplier,
        final double range,
        final RiskParameters parameters,
        final double[] out,
        final int offset)
    {
        final double notional = multiplier * spot;
        for (int k = 0; k < ScenarioGrid.SCENARIO_COUNT; k++)
        {
            out[offset + k] = notional * ScenarioGrid.weightedShock(k, range, parameters);
        }
    }

    /**
     * Risk array of a European option: {@code multiplier × (BS(S(1+x), shocked σ, t) − BS(S, σ, t)) × w}.
     *
     * @param spot       index price S.
     * @param strike     strike K.
     * @param t          time to expiry in years (≤ 0: intrinsic value).
     * @param vol        mark implied volatility σ.
     * @param isCall     call or put.
     * @param multiplier units of the underlying per contract.
     * @param range      the underlying's price range R.
     * @param parameters supplies the volatility shocks, tail shocks and rate.
     * @param out        destination.
     * @param offset     index of scenario 0 in {@code out}.
     * @return the unshocked value BS(S, σ, t) of one unit of the underlying.
     */
    public static double option(
        final double spot,
        final double strike,
        final double t,
        final double vol,
        final boolean isCall,
        final double multiplier,
        final double range,
        final RiskParameters parameters,
        final double[] out,
        final int offset)
    {
        final double rate = parameters.riskFreeRate();
        final double base = BlackScholes.price(spot, strike, t, vol, rate, isCall);
        final double factor = VolatilityShock.factor(t, parameters);
        final double volUp = VolatilityShock.up(vol, factor, parameters);
        final double volDown = VolatilityShock.down(vol, factor, parameters);

        for (int k = 0; k < ScenarioGrid.SCENARIO_COUNT; k++)
        {
            final double shockedVol = ScenarioGrid.shockedVol(k, vol, volUp, volDown);
            final double shockedSpot = spot * (1.0 + ScenarioGrid.shock(k, range, parameters));
            final double value = BlackScholes.price(shockedSpot, strike, t, shockedVol, rate, isCall);
            out[offset + k] = multiplier * (value - base) * ScenarioGrid.weight(k, range, parameters);
        }

        return base;
    }
}
