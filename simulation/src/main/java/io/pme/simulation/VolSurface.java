package io.pme.simulation;

import static io.pme.simulation.MarketCatalogue.ATM_VOLS;
import static io.pme.simulation.MarketCatalogue.INITIAL_SPOTS;

/**
 * Mark implied volatility: a per-underlying at-the-money level that rises as spot falls (leverage effect),
 * shaped by a quadratic smile in log-moneyness.
 */
final class VolSurface
{
    private static final double SPOT_VOL_ELASTICITY = 0.8;
    private static final double SKEW = -0.25;
    private static final double CURVATURE = 1.0;
    private static final double MIN_VOL = 0.05;
    private static final double MAX_VOL = 3.0;

    private VolSurface()
    {
    }

    static double volatility(final int underlying, final double spot, final double strike, final double noise)
    {
        // exp(log) rather than StrictMath.pow, whose JDK 17 implementation allocates.
        final double relativeSpot = StrictMath.log(spot / INITIAL_SPOTS[underlying]);
        final double atm = ATM_VOLS[underlying] * StrictMath.exp(-SPOT_VOL_ELASTICITY * relativeSpot);
        final double moneyness = StrictMath.log(strike / spot);
        final double smile = 1.0 + SKEW * moneyness + CURVATURE * moneyness * moneyness;
        final double vol = atm * smile * (1.0 + noise);

        return Math.max(MIN_VOL, Math.min(MAX_VOL, vol));
    }
}
