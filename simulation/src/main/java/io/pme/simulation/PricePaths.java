package io.pme.simulation;

import io.pme.pricing.BlackScholes;

import static io.pme.simulation.MarketCatalogue.ASSET_COUNT;
import static io.pme.simulation.MarketCatalogue.BTC;
import static io.pme.simulation.MarketCatalogue.INITIAL_SPOTS;
import static io.pme.simulation.MarketCatalogue.UNDERLYING_ASSETS;
import static io.pme.simulation.MarketCatalogue.UNDERLYING_COUNT;
import static io.pme.simulation.MarketCatalogue.USD;
import static io.pme.simulation.MarketCatalogue.USDC;
import static io.pme.simulation.MarketCatalogue.USDT;
import static io.pme.simulation.MarketCatalogue.WBTC;

/**
 * Index prices in USD: correlated geometric Brownian motion with market-wide jumps for the crypto assets, and over
 * it the crash episodes of a {@link CrashSchedule}; mean-reverting log deviations around 1 with rare small de-pegs
 * for the stablecoins. WBTC follows BTC's path times {@code 1 + basis}: the basis a mean-reverting noise of a few
 * basis points and, rarely, a de-peg episode that discounts it by 2 to 5% within {@link #WRAPPED_DEPEG_FALL_NS}
 * and recovers linearly over {@link #WRAPPED_DEPEG_RECOVERY_NS}, as a bridge scare would. The basis draws from a
 * stream of its own, so the other paths are the same with it or without.
 */
final class PricePaths
{
    // A jump moves altcoins more than BTC.
    private static final double[] JUMP_BETAS = { 1.0, 1.2, 1.5 };
    private static final double STABLE_HALF_LIFE_SECONDS = 60.0;
    private static final double STABLE_STATIONARY_STD = 5.0e-5;
    private static final double STABLE_BAND = 0.05;
    private static final double WRAPPED_HALF_LIFE_SECONDS = 120.0;
    private static final double WRAPPED_STATIONARY_STD = 3.0e-4;
    private static final double WRAPPED_BAND = 0.002;
    /** A de-peg episode of WBTC starts at a step with this probability: about one in 15 minutes of 1 ms steps. */
    static final double WRAPPED_DEPEG_PROBABILITY = 1.0 / 900_000.0;
    static final double WRAPPED_DEPEG_MIN_DEPTH = 0.02;
    static final double WRAPPED_DEPEG_MAX_DEPTH = 0.05;
    /** Message time a WBTC de-peg takes to reach its depth. */
    static final long WRAPPED_DEPEG_FALL_NS = 20_000_000_000L;
    /** Message time it then takes to recover to the peg. */
    static final long WRAPPED_DEPEG_RECOVERY_NS = 120_000_000_000L;
    private static final long NO_EPISODE = -1;

    private final double[] price = new double[ASSET_COUNT];
    private final double[] logPrice = new double[UNDERLYING_COUNT];
    private final double[] stepStdDev = new double[UNDERLYING_COUNT];
    private final double[] stepDrift = new double[UNDERLYING_COUNT];
    private final double[] shock = new double[UNDERLYING_COUNT];
    private final double[][] cholesky;
    private final double[] stableDeviation = new double[2];
    private final double stableKeep;
    private final double stableStepStdDev;
    private final double jumpProbability;
    private final double jumpMean;
    private final double jumpStdDev;
    private final double depegProbability;
    private final SimRandom random;
    private final CrashSchedule crashes;
    private final double[] crashOffset = new double[UNDERLYING_COUNT];
    private final long stepNs;
    private final SimRandom wrappedRandom;
    private final double wrappedKeep;
    private final double wrappedStepStdDev;
    private final double wrappedDepegProbability;
    private double wrappedNoise;
    private double wrappedBasis;
    private long depegStartNs = NO_EPISODE;
    private double depegDepth;
    private long wrappedDepegs;
    private long elapsedNs;

    /**
     * Paths whose crashes draw from a stream derived from the configuration's seed.
     */
    PricePaths(final SimulationConfig config, final SimRandom random)
    {
        this(config, random, new SimRandom(config.seed() ^ 0xC4A5_4C4A_5EEDL));
    }

    /**
     * @param random      for the diffusion, jumps and stablecoins.
     * @param crashRandom for the crash episodes alone, so they leave the diffusion's draws alone.
     */
    PricePaths(final SimulationConfig config, final SimRandom random, final SimRandom crashRandom)
    {
        this(config, random, crashRandom, new SimRandom(config.seed() ^ 0x57A8_ED0B_7C00_0001L),
            WRAPPED_DEPEG_PROBABILITY);
    }

    /**
     * @param random                  for the diffusion, jumps and stablecoins.
     * @param crashRandom             for the crash episodes alone, so they leave the diffusion's draws alone.
     * @param wrappedRandom           for WBTC's basis and de-pegs alone.
     * @param wrappedDepegProbability of a WBTC de-peg episode starting at a step (while none runs).
     */
    PricePaths(
        final SimulationConfig config,
        final SimRandom random,
        final SimRandom crashRandom,
        final SimRandom wrappedRandom,
        final double wrappedDepegProbability)
    {
        this.random = random;
        this.wrappedRandom = wrappedRandom;
        this.wrappedDepegProbability = wrappedDepegProbability;
        this.crashes = new CrashSchedule(config, crashRandom);
        this.stepNs = config.stepNs();
        this.cholesky = Cholesky.decompose(config.correlationMatrix());
        final double dtYears = config.stepNs() / BlackScholes.NANOS_PER_YEAR;
        final double[] vols = config.annualVolatilities();
        for (int u = 0; u < UNDERLYING_COUNT; u++)
        {
            stepStdDev[u] = vols[u] * StrictMath.sqrt(dtYears);
            stepDrift[u] = -0.5 * vols[u] * vols[u] * dtYears;
            logPrice[u] = StrictMath.log(INITIAL_SPOTS[u]);
            price[UNDERLYING_ASSETS[u]] = INITIAL_SPOTS[u];
        }

        final double kappaDt = StrictMath.log(2.0) / STABLE_HALF_LIFE_SECONDS * (config.stepNs() / 1.0e9);
        stableKeep = StrictMath.exp(-kappaDt);
        stableStepStdDev = STABLE_STATIONARY_STD * StrictMath.sqrt(1.0 - stableKeep * stableKeep);
        jumpProbability = config.jumpProbability();
        jumpMean = config.jumpMean();
        jumpStdDev = config.jumpStdDev();
        depegProbability = config.depegProbability();
        final double wrappedKappaDt = StrictMath.log(2.0) / WRAPPED_HALF_LIFE_SECONDS * (config.stepNs() / 1.0e9);
        wrappedKeep = StrictMath.exp(-wrappedKappaDt);
        wrappedStepStdDev = WRAPPED_STATIONARY_STD * StrictMath.sqrt(1.0 - wrappedKeep * wrappedKeep);
        price[WBTC] = price[BTC];
        price[USD] = 1.0;
        price[USDC] = 1.0;
        price[USDT] = 1.0;
    }

    double price(final int assetId)
    {
        return price[assetId];
    }

    double spot(final int underlying)
    {
        return price[UNDERLYING_ASSETS[underlying]];
    }

    CrashSchedule crashes()
    {
        return crashes;
    }

    /**
     * @return the crash's log-price offset of the underlying at the latest step, 0 outside a crash.
     */
    double crashOffset(final int underlying)
    {
        return crashOffset[underlying];
    }

    /**
     * @return WBTC's price over BTC's, less one, at the latest step.
     */
    double wrappedBasis()
    {
        return wrappedBasis;
    }

    /**
     * @return WBTC de-peg episodes started so far.
     */
    long wrappedDepegs()
    {
        return wrappedDepegs;
    }

    /**
     * Advance every path by one step.
     */
    void step()
    {
        stepCrypto();
        stepStables();
        stepWrapped();
    }

    private void stepCrypto()
    {
        for (int u = 0; u < UNDERLYING_COUNT; u++)
        {
            shock[u] = random.nextGaussian();
        }

        final boolean jump = random.chance(jumpProbability);
        final double jumpSize = jump ? jumpMean + jumpStdDev * random.nextGaussian() : 0.0;
        elapsedNs += stepNs;
        crashes.logOffsets(elapsedNs, crashOffset);

        for (int u = 0; u < UNDERLYING_COUNT; u++)
        {
            double correlated = 0.0;
            for (int k = 0; k <= u; k++)
            {
                correlated += cholesky[u][k] * shock[k];
            }

            logPrice[u] += stepDrift[u] + stepStdDev[u] * correlated + JUMP_BETAS[u] * jumpSize;
            price[UNDERLYING_ASSETS[u]] = StrictMath.exp(logPrice[u] + crashOffset[u]);
        }
    }

    private void stepStables()
    {
        final boolean depeg = random.chance(depegProbability);
        final int depegged = depeg ? random.nextInt(2) : -1;
        for (int s = 0; s < 2; s++)
        {
            double deviation = stableDeviation[s] * stableKeep + stableStepStdDev * random.nextGaussian();
            if (s == depegged)
            {
                deviation -= random.uniform(0.001, 0.005);
            }

            deviation = Math.max(-STABLE_BAND, Math.min(STABLE_BAND, deviation));
            stableDeviation[s] = deviation;
            price[USDC + s] = StrictMath.exp(deviation);
        }
    }

    private void stepWrapped()
    {
        final double noise = wrappedNoise * wrappedKeep + wrappedStepStdDev * wrappedRandom.nextGaussian();
        wrappedNoise = Math.max(-WRAPPED_BAND, Math.min(WRAPPED_BAND, noise));
        if (wrappedRandom.chance(wrappedDepegProbability) && NO_EPISODE == depegStartNs)
        {
            depegStartNs = elapsedNs;
            depegDepth = wrappedRandom.uniform(WRAPPED_DEPEG_MIN_DEPTH, WRAPPED_DEPEG_MAX_DEPTH);
            wrappedDepegs++;
        }

        double discount = 0.0;
        if (NO_EPISODE != depegStartNs)
        {
            final long intoNs = elapsedNs - depegStartNs;
            if (intoNs < WRAPPED_DEPEG_FALL_NS)
            {
                discount = depegDepth * intoNs / WRAPPED_DEPEG_FALL_NS;
            }
            else if (intoNs < WRAPPED_DEPEG_FALL_NS + WRAPPED_DEPEG_RECOVERY_NS)
            {
                discount = depegDepth * (1.0 - (double)(intoNs - WRAPPED_DEPEG_FALL_NS) / WRAPPED_DEPEG_RECOVERY_NS);
            }
            else
            {
                depegStartNs = NO_EPISODE;
            }
        }

        wrappedBasis = wrappedNoise - discount;
        price[WBTC] = price[BTC] * (1.0 + wrappedBasis);
    }
}
