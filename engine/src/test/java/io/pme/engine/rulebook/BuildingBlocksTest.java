package io.pme.engine.rulebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildingBlocksTest
{
    private static final int USD = 0;
    private static final int USDC = 1;
    private static final int BTC = 2;
    private static final int ETH = 3;

    @TempDir
    Path tmp;

    private static RiskParameters parameters()
    {
        final RiskParameters p = RiskParameters.loadDefaults(5);
        p.defineAsset(USD, "USD");
        p.defineAsset(USDC, "USDC");
        p.defineAsset(BTC, "BTC");
        p.defineAsset(ETH, "ETH");
        p.defineAsset(4, "DOGE");
        return p;
    }

    @Test
    void defaultsFollowTheRulebookTable()
    {
        final RiskParameters p = parameters();
        assertTrue(p.isUnderlying(BTC) && p.isUnderlying(ETH) && !p.isUnderlying(USDC) && !p.isUnderlying(4));
        assertEquals(0.16, p.priceRange(BTC));
        assertEquals(0.6, p.pnlOffset(ETH));
        assertEquals("MAJORS", p.correlationSetName(p.correlationSet(BTC)));
        assertEquals(-0.66, p.tailShock(0));
        assertEquals(3.0, p.tailShock(5));
        assertEquals(0.8, p.mmFactor());
        // Marginal tiers: 10M at 1%, 40M at 3%, 10M at 5%.
        assertEquals(9_900_000 + 38_800_000 + 9_500_000, p.collateralValue(USDC, 60e6), 1e-6);
        assertEquals(-500.0, p.collateralValue(USDC, -500.0));
        assertEquals(0.0, p.collateralValue(4, 1e6), "unknown symbols count nothing");
    }

    @Test
    void parameterUpdatesValidateFirstAndLeaveStateUnchangedOnReject()
    {
        final RiskParameters p = parameters();
        final long digest = p.digestInto(0);
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.PRICE_RANGE, BTC, 0, 1.5, 0));
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.PNL_OFFSET, BTC, 0, Double.NaN, 0));
        assertEquals(ParameterIds.UNKNOWN_ASSET, p.apply(ParameterIds.PRICE_RANGE, 99, 0, 0.2, 0));
        assertEquals(ParameterIds.UNKNOWN_PARAMETER, p.apply(99, -1, 0, 0.2, 0));
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.MM_FACTOR, BTC, 0, 0.5, 0));
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.TAIL_SHOCK, -1, 6, 0.5, 0));
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.HAIRCUT_TIER, USDC, 1, 60e6, 0.02));
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.HAIRCUT_TIER, USDC, 5, 90e6, 0.02));
        assertEquals(ParameterIds.INVALID_VALUE, p.apply(ParameterIds.CORRELATION_SET, BTC, 16, 0, 0));
        assertEquals(digest, p.digestInto(0));

        assertEquals(ParameterIds.OK, p.apply(ParameterIds.MM_FACTOR, -1, 0, 0.7, 0));
        assertEquals(ParameterIds.OK, p.apply(ParameterIds.HAIRCUT_TIER, USDC, 3, 90e6, 0.2));
        assertEquals(ParameterIds.OK, p.apply(ParameterIds.CORRELATION_SET, ETH, 0, 0, 0));
        assertEquals(0.7, p.mmFactor());
        assertEquals(4, p.tierCount(USDC));
        assertEquals(0, p.correlationSet(ETH));
        assertFalse(digest == p.digestInto(0));
    }

    @Test
    void parameterFileErrorsNameTheKey() throws IOException
    {
        final Path file = tmp.resolve("bad.properties");
        Files.writeString(file, "volRangeUp=0.5\nvolRangUp=1\n");
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> RiskParameters.load(file, 4));
        assertTrue(ex.getMessage().contains("volRangUp: unknown key"), ex.getMessage());
    }

    @Test
    void branchFreeAggregationIsTheRulebookFormula()
    {
        final double[] p = new double[ScenarioGrid.SCENARIO_COUNT];
        final double[] a = new double[ScenarioGrid.SCENARIO_COUNT];
        for (int k = 0; k < p.length; k++)
        {
            p[k] = (k - 16) * 37.5;
        }
        ScenarioVectors.accumulateSet(p, 0, 0.6, a, 0);
        for (int k = 0; k < p.length; k++)
        {
            assertEquals(p[k] < 0 ? p[k] : 0.6 * p[k], a[k], 1e-12);
        }
        assertEquals(0, ScenarioVectors.worstScenario(a, 0));
        assertEquals(600.0, ScenarioVectors.worstLoss(p, 0, 1.0));
        assertEquals(0.0, ScenarioVectors.worstLoss(new double[33], 0, -3.0));
    }

    @Test
    void scenarioOrderAndVolShocks()
    {
        final RiskParameters p = parameters();
        assertEquals(-0.16, ScenarioGrid.shock(0, 0.16, p));
        assertEquals(ScenarioGrid.VOL_UP, ScenarioGrid.volMode(0));
        assertEquals(ScenarioGrid.VOL_DOWN, ScenarioGrid.volMode(26));
        assertEquals(0.16, ScenarioGrid.shock(26, 0.16, p));
        assertEquals(3.0, ScenarioGrid.shock(32, 0.16, p));
        assertEquals(0.16 / 3.0, ScenarioGrid.weight(32, 0.16, p), 1e-15);
        // 31 days: f = (30/31)^0.13; up uses max(vol, 0.5).
        final double f = Math.pow(30.0 / 31.0, 0.13);
        assertEquals(f, VolatilityShock.factor(31.0 / 365.0, p), 1e-15);
        assertEquals(0.3 + 0.5 * f * 0.5, VolatilityShock.up(0.3, f, p), 1e-15);
        assertEquals(Math.pow(30.0, 0.30), VolatilityShock.factor(0.1 / 365.0, p), 1e-12);
        assertEquals(0.01, VolatilityShock.down(0.011, 30, p));
    }

    @Test
    void labelsAndMissingInputs()
    {
        final RiskParameters p = parameters();
        final Portfolio portfolio = new Portfolio(5, 4);
        final MarginResult result = new MarginResult(5);
        final MarginCalculator calculator = new MarginCalculator(p, 5);
        portfolio.price(BTC, 90_000);
        portfolio.price(ETH, 3_000);
        portfolio.linear(ETH, 1, 2, 3_000);
        portfolio.linear(BTC, 1, -1, 90_000);
        calculator.compute(portfolio, result);
        assertEquals("BTC +16% ETH +18% vol up", result.worstScenarioLabel(0));

        assertEquals(ParameterIds.OK, p.apply(ParameterIds.CORRELATION_SET, ETH, 0, 0, 0));
        calculator.compute(portfolio, result);
        assertEquals(2, result.setCount());
        assertEquals("ETH", result.setName(1));
        assertEquals("ETH -18% vol up", result.worstScenarioLabel(1));

        portfolio.option(BTC, 1, 1, 90_000, 0, true, Double.NaN);
        calculator.compute(portfolio, result);
        assertEquals(MarginResult.STATUS_VOL_MISSING, result.status());
        assertEquals(2, result.statusSubject());
        assertTrue(Double.isNaN(result.initialMargin()));

        portfolio.clear();
        portfolio.balance(USDC, 10);
        calculator.compute(portfolio, result);
        assertEquals(MarginResult.STATUS_PRICE_MISSING, result.status());
        portfolio.clear();
        portfolio.price(USDC, 1);
        portfolio.linear(USDC, 1, 1, 1);
        calculator.compute(portfolio, result);
        assertEquals(MarginResult.STATUS_NOT_AN_UNDERLYING, result.status());
    }

    @Test
    void computeDoesNotAllocate()
    {
        final RiskParameters p = parameters();
        final Portfolio portfolio = new Portfolio(5, 32);
        final MarginResult result = new MarginResult(5);
        final MarginCalculator calculator = new MarginCalculator(p, 5);
        portfolio.valuationTimeNs(0);
        portfolio.price(BTC, 90_000);
        portfolio.price(ETH, 3_000);
        portfolio.price(USDC, 1);
        portfolio.balance(USDC, 1e6);
        portfolio.balance(BTC, 3);
        for (int i = 0; i < 20; i++)
        {
            portfolio.option(i % 2 == 0 ? BTC : ETH, 1, i - 10, (i % 2 == 0 ? 90_000 : 3_000) * (0.8 + 0.02 * i),
                (i + 1) * 86_400_000_000_000L * 7, i % 3 == 0, 0.4 + 0.01 * i);
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        for (int i = 0; i < 2_000; i++)
        {
            calculator.compute(portfolio, result);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++)
        {
            calculator.compute(portfolio, result);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000, "allocated " + allocated + " bytes in 1000 computations");
    }
}
