package io.pme.pricing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BlackScholesTest
{
    private final OptionValuation valuation = new OptionValuation();

    @Test
    void textbookCallAndPut()
    {
        // Hull's example: S=42, K=40, r=10%, sigma=20%, T=0.5.
        assertEquals(4.7594, BlackScholes.price(42, 40, 0.5, 0.2, 0.1, true), 5e-5);
        assertEquals(0.8086, BlackScholes.price(42, 40, 0.5, 0.2, 0.1, false), 5e-5);
        BlackScholes.valueAndGreeks(42, 40, 0.5, 0.2, 0.1, true, valuation);
        assertEquals(0.779131, valuation.delta(), 5e-7);
        assertEquals(0.049963, valuation.gamma(), 5e-7);
        assertEquals(8.813415, valuation.vega(), 5e-7);
    }

    @Test
    void putCallParityHoldsAcrossMoneynessAndExpiry()
    {
        final double[] strikes = { 1, 20, 40, 42, 60, 400 };
        final double[] expiries = { 1e-6, 1.0 / 365, 0.5, 5, 30 };
        final double[] vols = { 0.001, 0.2, 1.5, 5 };
        for (final double k : strikes)
        {
            for (final double t : expiries)
            {
                for (final double vol : vols)
                {
                    final double call = BlackScholes.price(42, k, t, vol, 0.05, true);
                    final double put = BlackScholes.price(42, k, t, vol, 0.05, false);
                    final double forward = 42 - k * Math.exp(-0.05 * t);
                    assertEquals(forward, call - put, 1e-12 * (42 + k), () -> "K=" + k + " t=" + t + " vol=" + vol);
                }
            }
        }
    }

    @Test
    void atOrAfterExpiryIsIntrinsic()
    {
        assertEquals(2.0, BlackScholes.price(42, 40, 0.0, 0.2, 0.1, true));
        assertEquals(0.0, BlackScholes.price(42, 40, -1.0, 0.2, 0.1, false));
        assertEquals(3.0, BlackScholes.price(37, 40, 0.0, 0.2, 0.1, false));
        BlackScholes.valueAndGreeks(37, 40, 0.0, 0.2, 0.1, false, valuation);
        assertEquals(-1.0, valuation.delta());
        assertEquals(0.0, valuation.gamma());
        assertEquals(0.0, valuation.vega());
    }

    @Test
    void zeroVolatilityIsDiscountedForwardIntrinsic()
    {
        assertEquals(42 - 40 * Math.exp(-0.05), BlackScholes.price(42, 40, 1.0, 0.0, 0.05, true), 1e-12);
        assertEquals(0.0, BlackScholes.price(42, 40, 1.0, 0.0, 0.05, false));
    }

    @Test
    void greeksMatchFiniteDifferences()
    {
        final double h = 1e-4;
        for (final boolean call : new boolean[]{ true, false })
        {
            BlackScholes.valueAndGreeks(100, 110, 0.7, 0.35, 0.03, call, valuation);
            final double up = BlackScholes.price(100 + h, 110, 0.7, 0.35, 0.03, call);
            final double down = BlackScholes.price(100 - h, 110, 0.7, 0.35, 0.03, call);
            assertEquals((up - down) / (2 * h), valuation.delta(), 1e-7);
            assertEquals((up - 2 * valuation.price() + down) / (h * h), valuation.gamma(), 1e-4);
            final double vegaFd = (BlackScholes.price(100, 110, 0.7, 0.35 + h, 0.03, call) -
                BlackScholes.price(100, 110, 0.7, 0.35 - h, 0.03, call)) / (2 * h);
            assertEquals(vegaFd, valuation.vega(), 1e-6);
            final double thetaFd = -(BlackScholes.price(100, 110, 0.7 + h, 0.35, 0.03, call) -
                BlackScholes.price(100, 110, 0.7 - h, 0.35, 0.03, call)) / (2 * h);
            assertEquals(thetaFd, valuation.theta(), 1e-6);
        }
    }

    @Test
    void normalCdfKeepsRelativePrecisionInTheLowerTail()
    {
        // Reference values of Phi(x) from the closed form 0.5 * erfc(-x / sqrt 2) in arbitrary precision.
        assertEquals(1.0, NormalDistribution.cdf(-10) / 7.619853024160526e-24, 1e-13);
        assertEquals(1.0, NormalDistribution.cdf(-30) / 4.906713927148187e-198, 1e-12);
        assertEquals(1.0, NormalDistribution.cdf(-1) / 0.15865525393145705, 1e-15);
        assertEquals(0.5, NormalDistribution.cdf(0), 0.0);
        assertEquals(1.0, NormalDistribution.cdf(40), 0.0);
        assertEquals(0.0, NormalDistribution.cdf(-40), 0.0);
    }

    @Test
    void erfcAndCdfEqualReferenceValuesInEveryRangeOfTheApproximation()
    {
        // References: the arbitrary-precision library mpmath 1.3 (https://mpmath.org) at 40 significant digits,
        // mpmath.erfc(x) and mpmath.ncdf(x), rounded to 17. One point or more in each of Cody's three ranges
        // (|x| <= 0.46875, up to 4, beyond 4) and for negative arguments.
        final double[][] erfc = {
            {0.1, 0.88753708398171511},
            {0.46875, 0.50738652678206201},
            {0.5, 0.47950012218695346},
            {1, 0.15729920705028513},
            {2, 0.0046777349810472658},
            {3, 2.2090496998585441e-5},
            {4, 1.5417257900280019e-8},
            {5, 1.5374597944280349e-12},
            {10, 2.0884875837625448e-45},
            {26, 5.6631924088561428e-296},
            {-1, 1.8427007929497149},
            {-3, 1.9999779095030014},
        };
        for (final double[] point : erfc)
        {
            assertRelative(point[1], NormalDistribution.erfc(point[0]), "erfc(" + point[0] + ")");
        }
        assertRelative(0.0013498980316300945, NormalDistribution.cdf(-3), "Phi(-3)");
        assertRelative(0.97500210485177957, NormalDistribution.cdf(1.96), "Phi(1.96)");
        assertRelative(6.2209605742717841e-16, NormalDistribution.cdf(-8), "Phi(-8)");
    }

    // Cody's approximations are good to a few units in the last place of a double.
    private static void assertRelative(final double expected, final double actual, final String what)
    {
        assertEquals(1.0, actual / expected, 1e-14, () -> what + " = " + actual + ", expected " + expected);
    }
}
