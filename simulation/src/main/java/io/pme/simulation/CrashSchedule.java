package io.pme.simulation;

import static io.pme.simulation.MarketCatalogue.UNDERLYING_COUNT;

/**
 * Market-wide crash episodes on the crypto prices, laid over their diffusion as a log-price offset: every so often
 * BTC, ETH and SOL fall together, fast and at a steady pace, to a bottom between
 * {@link SimulationConfig#crashMinDepth()} and {@link SimulationConfig#crashMaxDepth()} below where the diffusion
 * would be, stay there a moment, then climb back to it over a slower recovery. One draw of severity sets all three:
 * BTC falls least, SOL most (each altcoin sits a tenth further up the depth range), as in the market-wide sell-offs
 * that leveraged venues liquidate through.
 * <p>
 * The first crash starts {@link SimulationConfig#firstCrashNs()} into the steady market, give or take a quarter, so a
 * short run meets one; the next ones follow every {@link SimulationConfig#crashIntervalNs()}, give or take a quarter,
 * never before the previous one has recovered. The draws come from a stream of their own, so the diffusion's path
 * is the same with crashes or without. Allocation free.
 */
final class CrashSchedule
{
    private static final double[] SEVERITY_LEAD = { 0.0, 0.1, 0.2 };
    private static final double JITTER = 0.25;
    private static final double MIN_HOLD_SHARE_OF_FALL = 0.25;
    private static final double MAX_HOLD_SHARE_OF_FALL = 0.75;

    private final SimRandom random;
    private final long intervalNs;
    private final long fallNs;
    private final long recoveryNs;
    private final double minDepth;
    private final double maxDepth;
    private final double[] bottomLogOffset = new double[UNDERLYING_COUNT];
    private long startNs = Long.MAX_VALUE;
    private long bottomNs;
    private long holdEndNs;
    private long endNs = Long.MAX_VALUE;
    private int planned;

    CrashSchedule(final SimulationConfig config, final SimRandom random)
    {
        this.random = random;
        intervalNs = config.crashIntervalNs();
        fallNs = config.crashFallNs();
        recoveryNs = config.crashRecoveryNs();
        minDepth = config.crashMinDepth();
        maxDepth = config.crashMaxDepth();
        if (intervalNs > 0)
        {
            plan(jittered(config.firstCrashNs()));
        }
    }

    /**
     * @param elapsedNs simulated time since the steady market started; calls must not go back in time.
     * @param offsets   receives, per underlying, the log-price offset of the crash at that time (0 outside one).
     */
    void logOffsets(final long elapsedNs, final double[] offsets)
    {
        // steps longer than a whole crash pass over it
        while (elapsedNs >= endNs)
        {
            plan(Math.max(endNs, startNs + jittered(intervalNs)));
        }

        final double share;
        if (elapsedNs < startNs)
        {
            share = 0.0;
        }
        else if (elapsedNs < bottomNs)
        {
            share = (double)(elapsedNs - startNs) / (bottomNs - startNs);
        }
        else if (elapsedNs < holdEndNs)
        {
            share = 1.0;
        }
        else
        {
            share = 1.0 - (double)(elapsedNs - holdEndNs) / (endNs - holdEndNs);
        }

        for (int u = 0; u < UNDERLYING_COUNT; u++)
        {
            offsets[u] = bottomLogOffset[u] * share;
        }
    }

    /**
     * @return crashes planned so far, the one under way or next included.
     */
    int planned()
    {
        return planned;
    }

    /**
     * @return start of the crash under way or next, in simulated time since the steady market started.
     */
    long startNs()
    {
        return startNs;
    }

    /**
     * @return when the crash under way or next reaches its bottom.
     */
    long bottomNs()
    {
        return bottomNs;
    }

    /**
     * @return when the crash under way or next has recovered.
     */
    long endNs()
    {
        return endNs;
    }

    /**
     * @return fall of the planned crash at its bottom, as a fraction of the price.
     */
    double depth(final int underlying)
    {
        return -Math.expm1(bottomLogOffset[underlying]);
    }

    private void plan(final long start)
    {
        final double severity = random.nextDouble();
        for (int u = 0; u < UNDERLYING_COUNT; u++)
        {
            final double depth = minDepth + (maxDepth - minDepth) * Math.min(1.0, severity + SEVERITY_LEAD[u]);
            bottomLogOffset[u] = StrictMath.log1p(-depth);
        }
        final long fall = jittered(fallNs);
        final long hold = (long)(fall * random.uniform(MIN_HOLD_SHARE_OF_FALL, MAX_HOLD_SHARE_OF_FALL));
        startNs = start;
        bottomNs = start + fall;
        holdEndNs = bottomNs + hold;
        endNs = holdEndNs + jittered(recoveryNs);
        planned++;
    }

    private long jittered(final long ns)
    {
        return Math.max(1L, (long)(ns * random.uniform(1.0 - JITTER, 1.0 + JITTER)));
    }
}
