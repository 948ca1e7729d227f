package io.pme.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricePathsTest
{
    @Test
    void realisedCorrelationMatchesTheConfiguredOne()
    {
        final SimulationConfig config = new SimulationConfig()
            .stepNs(60_000_000_000L)
            .btcEthCorrelation(0.8)
            .btcSolCorrelation(0.6)
            .ethSolCorrelation(0.7)
            .jumpProbability(0.0)
            .crashIntervalNs(0)
            .conclude();
        final PricePaths paths = new PricePaths(config, new SimRandom(99));

        final int steps = 200_000;
        double sumB = 0, sumE = 0, sumBB = 0, sumEE = 0, sumBE = 0;
        double sumS = 0, sumSS = 0, sumBS = 0;
        for (int i = 0; i < steps; i++)
        {
            final double btc = paths.price(MarketCatalogue.BTC);
            final double eth = paths.price(MarketCatalogue.ETH);
            final double sol = paths.price(MarketCatalogue.SOL);
            paths.step();
            final double rb = Math.log(paths.price(MarketCatalogue.BTC) / btc);
            final double re = Math.log(paths.price(MarketCatalogue.ETH) / eth);
            final double rs = Math.log(paths.price(MarketCatalogue.SOL) / sol);
            sumB += rb;
            sumE += re;
            sumS += rs;
            sumBB += rb * rb;
            sumEE += re * re;
            sumSS += rs * rs;
            sumBE += rb * re;
            sumBS += rb * rs;
        }

        assertEquals(0.8, correlation(steps, sumB, sumE, sumBB, sumEE, sumBE), 0.01);
        assertEquals(0.6, correlation(steps, sumB, sumS, sumBB, sumSS, sumBS), 0.01);

        final double btcStdDev = Math.sqrt(sumBB / steps - (sumB / steps) * (sumB / steps));
        final double expected = 0.55 * Math.sqrt(60.0 / (365.0 * 86_400.0));
        assertEquals(expected, btcStdDev, expected * 0.02);
    }

    @Test
    void pricesStayPositiveFiniteAndStablecoinsNearOne()
    {
        final SimulationConfig config = new SimulationConfig()
            .stepNs(3_600_000_000_000L)
            .btcVolatility(3.0)
            .solVolatility(5.0)
            .jumpProbability(0.05)
            .jumpStdDev(0.2)
            .depegProbability(0.01)
            .conclude();
        final PricePaths paths = new PricePaths(config, new SimRandom(1));
        for (int i = 0; i < 200_000; i++)
        {
            paths.step();
            for (int asset = 0; asset < MarketCatalogue.ASSET_COUNT; asset++)
            {
                final double price = paths.price(asset);
                assertTrue(price > 0.0 && Double.isFinite(price), "asset " + asset + " price " + price);
            }
            assertEquals(1.0, paths.price(MarketCatalogue.USDC), 0.06);
            assertEquals(1.0, paths.price(MarketCatalogue.USDT), 0.06);
        }
    }

    @Test
    void stablecoinsWiggleButRevert()
    {
        final SimulationConfig config = new SimulationConfig().depegProbability(0.0).conclude();
        final PricePaths paths = new PricePaths(config, new SimRandom(4));
        double maxDeviation = 0.0;
        for (int i = 0; i < 100_000; i++)
        {
            paths.step();
            maxDeviation = Math.max(maxDeviation, Math.abs(paths.price(MarketCatalogue.USDC) - 1.0));
        }

        assertTrue(maxDeviation > 1.0e-6 && maxDeviation < 1.0e-3, "deviation " + maxDeviation);
    }

    @Test
    void crashesFallFastToTheirDepthThenRecoverLeavingTheDiffusionAlone()
    {
        final long stepNs = 10_000_000L;
        final SimulationConfig crashing = new SimulationConfig().stepNs(stepNs).conclude();
        final SimulationConfig calm = new SimulationConfig().stepNs(stepNs).crashIntervalNs(0).conclude();
        final PricePaths withCrashes = new PricePaths(crashing, new SimRandom(5), new SimRandom(6));
        final PricePaths without = new PricePaths(calm, new SimRandom(5), new SimRandom(6));
        final int[] assets = { MarketCatalogue.BTC, MarketCatalogue.ETH, MarketCatalogue.SOL };
        final double[] deepest = new double[assets.length];
        long firstFallNs = -1;
        long bottomNs = -1;
        int crashSteps = 0;
        final int steps = (int)(300_000_000_000L / stepNs);
        for (int i = 1; i <= steps; i++)
        {
            withCrashes.step();
            without.step();
            final long elapsedNs = i * stepNs;
            for (int a = 0; a < assets.length; a++)
            {
                final double fall = 1.0 - withCrashes.price(assets[a]) / without.price(assets[a]);
                assertTrue(fall >= -1e-12, "a crash only ever lowers prices");
                if (elapsedNs < 150_000_000_000L && fall > deepest[a] + 1e-12)
                {
                    deepest[a] = fall;
                    bottomNs = 0 == a ? elapsedNs : bottomNs;
                }
                if (0 == a && fall > 1e-12)
                {
                    firstFallNs = firstFallNs < 0 ? elapsedNs : firstFallNs;
                    crashSteps++;
                }
            }
            assertEquals(without.price(MarketCatalogue.USDC), withCrashes.price(MarketCatalogue.USDC));
        }

        assertTrue(firstFallNs >= 6_000_000_000L && firstFallNs <= 10_000_000_000L + stepNs, "first crash " +
            firstFallNs);
        assertTrue(bottomNs - firstFallNs >= 2_250_000_000L - stepNs && bottomNs - firstFallNs <= 3_750_000_000L,
            "fall took " + (bottomNs - firstFallNs));
        assertTrue(deepest[0] >= 0.12 - 1e-9 && deepest[0] <= 0.25 + 1e-9, "BTC fell " + deepest[0]);
        assertTrue(deepest[1] >= deepest[0] && deepest[2] >= deepest[1] && deepest[2] <= 0.25 + 1e-9,
            "altcoins fall further, within the range: " + java.util.Arrays.toString(deepest));
        assertTrue(withCrashes.crashes().planned() >= 2, "crashes come again");
        // a crash lasts its fall, a moment at the bottom and a recovery: 25 to 45 s each, at least two in 300 s
        assertTrue(crashSteps * stepNs > 20_000_000_000L && crashSteps * stepNs < 150_000_000_000L,
            "in a crash for " + crashSteps * stepNs);
    }

    private static double correlation(
        final int n, final double sumX, final double sumY, final double sumXX, final double sumYY, final double sumXY)
    {
        final double covariance = sumXY / n - (sumX / n) * (sumY / n);
        final double varianceX = sumXX / n - (sumX / n) * (sumX / n);
        final double varianceY = sumYY / n - (sumY / n) * (sumY / n);

        return covariance / Math.sqrt(varianceX * varianceY);
    }

    @Test
    void wrappedBitcoinFollowsBitcoinWithinAFewBasisPointsOutsideItsRareDepegs()
    {
        final SimulationConfig config = new SimulationConfig().conclude();
        final PricePaths calm = new PricePaths(config, new SimRandom(7), new SimRandom(8), new SimRandom(9), 0.0);
        double sumSquares = 0.0;
        double widest = 0.0;
        final int steps = 600_000;
        for (int i = 0; i < steps; i++)
        {
            calm.step();
            final double basis = calm.price(MarketCatalogue.WBTC) / calm.price(MarketCatalogue.BTC) - 1.0;
            assertEquals(calm.wrappedBasis(), basis, 1.0e-12);
            sumSquares += basis * basis;
            widest = Math.max(widest, Math.abs(basis));
        }
        final double rms = Math.sqrt(sumSquares / steps);
        assertTrue(rms > 0.5e-4 && rms < 6.0e-4, "a few basis points: " + rms);
        assertTrue(widest <= 0.002 + 1.0e-12, "widest " + widest);
        assertEquals(0, calm.wrappedDepegs());
    }

    @Test
    void wrappedDepegsFallToAFewPercentThenRecoverLeavingTheOtherPathsAlone()
    {
        final long stepNs = 10_000_000L;
        final SimulationConfig config = new SimulationConfig().stepNs(stepNs).conclude();
        final PricePaths depegging =
            new PricePaths(config, new SimRandom(5), new SimRandom(6), new SimRandom(7), 1.0e-3);
        final PricePaths pegged = new PricePaths(config, new SimRandom(5), new SimRandom(6), new SimRandom(7), 0.0);
        double deepest = 0.0;
        final long episodeNs = PricePaths.WRAPPED_DEPEG_FALL_NS + PricePaths.WRAPPED_DEPEG_RECOVERY_NS;
        final int steps = (int)(20 * episodeNs / stepNs);
        int recovered = 0;
        boolean inEpisode = false;
        for (int i = 0; i < steps; i++)
        {
            depegging.step();
            pegged.step();
            assertEquals(pegged.price(MarketCatalogue.BTC), depegging.price(MarketCatalogue.BTC));
            assertEquals(pegged.price(MarketCatalogue.USDC), depegging.price(MarketCatalogue.USDC));
            final double basis = depegging.wrappedBasis();
            assertTrue(basis > -PricePaths.WRAPPED_DEPEG_MAX_DEPTH - 0.002 && basis < 0.002 + 1.0e-12, "" + basis);
            deepest = Math.min(deepest, basis);
            if (basis < -0.01)
            {
                inEpisode = true;
            }
            else if (inEpisode && Math.abs(basis) < 0.002)
            {
                inEpisode = false;
                recovered++;
            }
        }

        assertTrue(depegging.wrappedDepegs() >= 3, "episodes " + depegging.wrappedDepegs());
        assertTrue(recovered >= 2, "recovered " + recovered);
        assertTrue(deepest < -PricePaths.WRAPPED_DEPEG_MIN_DEPTH + 0.002, "deepest " + deepest);
    }
}
