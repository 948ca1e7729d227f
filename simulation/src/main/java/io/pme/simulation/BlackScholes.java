package io.pme.simulation;

/**
 * Black-Scholes with zero rates, enough to quote plausible option prices and deltas. StrictMath keeps results
 * identical across platforms so generated frames are reproducible.
 */
final class BlackScholes
{
    private static final double MIN_TIME_YEARS = 1.0e-6;
    private static final double INV_SQRT_2PI = 0.3989422804014327;

    private BlackScholes()
    {
    }

    static double price(
        final boolean call, final double spot, final double strike, final double years, final double vol)
    {
        final double t = Math.max(years, MIN_TIME_YEARS);
        final double sd = vol * StrictMath.sqrt(t);
        final double d1 = (StrictMath.log(spot / strike) + 0.5 * sd * sd) / sd;
        final double d2 = d1 - sd;

        return call ?
            spot * normCdf(d1) - strike * normCdf(d2) :
            strike * normCdf(-d2) - spot * normCdf(-d1);
    }

    static double delta(
        final boolean call, final double spot, final double strike, final double years, final double vol)
    {
        final double t = Math.max(years, MIN_TIME_YEARS);
        final double sd = vol * StrictMath.sqrt(t);
        final double d1 = (StrictMath.log(spot / strike) + 0.5 * sd * sd) / sd;

        return call ? normCdf(d1) : normCdf(d1) - 1.0;
    }

    /**
     * Standard normal CDF, polynomial approximation (absolute error below 1e-7), ample for quoting.
     */
    static double normCdf(final double x)
    {
        final double ax = Math.abs(x);
        final double t = 1.0 / (1.0 + 0.2316419 * ax);
        final double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 +
            t * (-1.821255978 + t * 1.330274429))));
        final double tail = INV_SQRT_2PI * StrictMath.exp(-0.5 * ax * ax) * poly;

        return x >= 0.0 ? 1.0 - tail : tail;
    }
}
