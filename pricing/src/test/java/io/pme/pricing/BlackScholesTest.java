package io.pme.pricing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(NormalDistribution.erfc(3) > 0);
    }
}
