package io.pme.engine.market;

import io.pme.engine.state.OracleBook;

import static io.pme.engine.market.OracleParameters.REFERENCE_RANGE;
import static io.pme.engine.market.OracleParameters.VOL_CAP;
import static io.pme.engine.market.OracleParameters.VOL_FLOOR;
import static io.pme.engine.market.OracleParameters.VOL_HALF_LIFE_NS;
import static io.pme.engine.market.OracleParameters.VOL_HORIZON_NS;
import static io.pme.engine.market.OracleParameters.VOL_K;
import static io.pme.engine.market.OracleParameters.VOL_STEP;

/**
 * The EWMA volatility of an asset's accepted index moves and the factor it puts on the asset's range and haircuts
 * (docs/oracle.md): the variance per day decays by 2^(−Δt / half-life) and each move adds its squared log return
 * times ln 2 / half-life (the continuous-time form of RiskMetrics' λ, so a burst of ticks counts by its moves, not by
 * their number); {@code range = clamp(k × σ × √horizon, floor × ref, cap × ref)} and the factor is range / ref, ref
 * being the asset's price range as the parameters set it (or REFERENCE_RANGE for collateral without one). StrictMath:
 * the same bits on every machine.
 */
final class VolatilityFactor
{
    private static final double LN2 = StrictMath.log(2.0);
    private static final double DAY_NS = 86_400.0e9;

    private final OracleParameters parameters;

    VolatilityFactor(final OracleParameters parameters)
    {
        this.parameters = parameters;
    }

    /**
     * Takes one accepted move into the asset's variance and decides the factor in force.
     *
     * @param baseRange the asset's price range as the parameters set it, 0 for an asset without one.
     * @return true when the factor in force changed.
     */
    boolean onMove(final OracleBook book, final int assetId, final double from, final double to, final long nowNs,
        final double baseRange)
    {
        final double k = parameters.value(assetId, VOL_K);
        final double ref = baseRange > 0.0 ? baseRange : parameters.value(assetId, REFERENCE_RANGE);
        final double horizonDays = parameters.value(assetId, VOL_HORIZON_NS) / DAY_NS;
        final double halfLifeDays = parameters.value(assetId, VOL_HALF_LIFE_NS) / DAY_NS;
        final double floor = parameters.value(assetId, VOL_FLOOR) * ref;
        double variance = book.variance(assetId);
        if (Double.isNaN(variance))
        {
            // seeded where the range sits at its floor, so the factor starts at the floor's and a quiet market
            // keeps the parameters' own figures
            final double sigma = floor / ((k > 0.0 ? k : 3.0) * StrictMath.sqrt(horizonDays));
            variance = sigma * sigma;
        }
        else
        {
            final double elapsedDays = Math.max(0L, nowNs - book.varianceTimeNs(assetId)) / DAY_NS;
            variance *= StrictMath.exp(-LN2 * elapsedDays / halfLifeDays);
        }
        final double r = StrictMath.log(to / from);
        variance += r * r * LN2 / halfLifeDays;
        book.variance(assetId, variance, nowNs);
        final double cap = parameters.value(assetId, VOL_CAP) * ref;
        final double range = Math.max(floor, Math.min(cap, k * StrictMath.sqrt(variance * horizonDays)));
        final double target = k <= 0.0 ? 1.0 : range / ref;
        final double inForce = book.volatilityFactor(assetId);
        // within the step the factor in force stays, so a tick does not revalue every holder; a bound is always taken
        final boolean atBound = k <= 0.0 || range == floor || range == cap;
        if (target == inForce || !atBound && Math.abs(target / inForce - 1.0) < parameters.value(assetId, VOL_STEP))
        {
            return false;
        }
        book.volatilityFactor(assetId, target);
        return true;
    }
}
