package io.pme.tools.stress;

import io.pme.pricing.NormalDistribution;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Value at risk and expected shortfall against answers known without the code: order statistics counted by hand,
 * and the standard normal's textbook quantile (z 0.99 = 2.326348) and tail mean (φ(1.959964) / 0.025 = 2.337634).
 */
class TailRiskTest
{
    @Test
    void twoHundredFiftyDaysLosingOneToTwoHundredFifty()
    {
        // scenario i loses i + 1, in a shuffled order so that the sort is what finds the tail
        final double[] pnl = new double[250];
        for (int i = 0; i < pnl.length; i++)
        {
            pnl[(i * 97) % 250] = -(i + 1);
        }
        final TailRisk risk = new TailRisk(pnl);
        // w = 2.5 at 99%: the third worst loss
        assertEquals(248.0, risk.valueAtRisk(0.99), 0.0);
        // w = 6.25 at 97.5%: (250 + 249 + 248 + 247 + 246 + 245 + 0.25 × 244) / 6.25
        assertEquals(1546.0 / 6.25, risk.expectedShortfall(0.975), 1e-12);
        assertEquals(7, risk.tailScenarios(0.975).length, "six whole and a quarter of the seventh");
        assertEquals(-pnl[risk.valueAtRiskScenario(0.99)], 248.0, 0.0);
        assertEquals(250.0, -pnl[risk.tailScenarios(0.975)[0]], 0.0, "worst first");
    }

    @Test
    void aWholeTailAveragesExactlyItsScenarios()
    {
        // 100 scenarios at 99%: w = 1, VaR is the second worst and ES the worst alone
        final double[] pnl = new double[100];
        for (int i = 0; i < pnl.length; i++)
        {
            pnl[i] = 1_000.0 - 10.0 * i;
        }
        final TailRisk risk = new TailRisk(pnl);
        assertEquals(-(1_000.0 - 10.0 * 98), risk.valueAtRisk(0.99), 0.0);
        assertEquals(-(1_000.0 - 10.0 * 99), risk.expectedShortfall(0.99), 0.0);
        assertEquals(99, risk.valueAtRiskScenario(0.99) + 1, "the second worst is scenario 98");
    }

    @Test
    void theStandardNormalsQuantileAndTailMean()
    {
        // P&L at the midpoints of 200,000 equal-probability slices of N(0, 1): the sample is the distribution
        final int n = 200_000;
        final double[] pnl = new double[n];
        for (int i = 0; i < n; i++)
        {
            pnl[i] = quantile((i + 0.5) / n);
        }
        final TailRisk risk = new TailRisk(pnl);
        assertEquals(2.326348, risk.valueAtRisk(0.99), 2e-4);
        assertEquals(2.337634, risk.expectedShortfall(0.975), 2e-4);
        assertEquals(2.665214, risk.expectedShortfall(0.99), 2e-4, "φ(2.326348) / 0.01");
    }

    @Test
    void gainsEverywhereGiveANegativeRiskAndFewScenariosTheWorst()
    {
        final TailRisk gains = new TailRisk(new double[]{ 5, 3, 9 });
        assertEquals(-3.0, gains.valueAtRisk(0.99), 0.0, "three scenarios at 99%: the worst is all there is");
        assertEquals(-3.0, gains.expectedShortfall(0.975), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new TailRisk(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new TailRisk(new double[]{ 1, Double.NaN }));
        assertThrows(IllegalArgumentException.class, () -> gains.valueAtRisk(1.0));
    }

    @Test
    void overlappingHorizonReturnsCompound()
    {
        final double[] daily = { 0.1, -0.1, 0.2, 0.0 };
        assertArrayEquals(new double[]{ 1.1 * 0.9 - 1, 0.9 * 1.2 - 1, 1.2 * 1.0 - 1 },
            TailRisk.horizonReturns(daily, 2), 1e-15);
        assertArrayEquals(daily, TailRisk.horizonReturns(daily, 1), 0.0);
        assertThrows(IllegalArgumentException.class, () -> TailRisk.horizonReturns(daily, 5));
    }

    // ES is coherent, so never below VaR at the same level, and both move with the losses: a loss added anywhere
    // never lowers either
    @Property(tries = 300)
    void expectedShortfallIsAtLeastTheValueAtRiskAndBothAreMonotone(
        @ForAll @Size(min = 1, max = 400) final List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
        @ForAll @DoubleRange(min = 0.5, max = 0.999) @Scale(3) final double confidence)
    {
        final double[] pnl = values.stream().mapToDouble(Double::doubleValue).toArray();
        final TailRisk risk = new TailRisk(pnl);
        assertTrue(risk.expectedShortfall(confidence) >= risk.valueAtRisk(confidence) - 1e-9 * (1 + Math.abs(
            risk.valueAtRisk(confidence))));
        final double[] worse = pnl.clone();
        worse[0] -= 1_000.0;
        final TailRisk worseRisk = new TailRisk(worse);
        assertTrue(worseRisk.valueAtRisk(confidence) >= risk.valueAtRisk(confidence));
        assertTrue(worseRisk.expectedShortfall(confidence) >= risk.expectedShortfall(confidence) - 1e-9 *
            (1 + Math.abs(risk.expectedShortfall(confidence))));
    }

    // the standard normal's inverse by bisection on its distribution function
    private static double quantile(final double p)
    {
        double lo = -40.0;
        double hi = 40.0;
        for (int i = 0; i < 200; i++)
        {
            final double mid = 0.5 * (lo + hi);
            if (NormalDistribution.cdf(mid) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
