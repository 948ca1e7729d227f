package io.pme.simulation;

/**
 * SplitMix64 generator with a polar-method Gaussian. Written out here, rather than taken from the JDK, so that a
 * seed yields the same stream on every Java version; nothing allocates.
 */
final class SimRandom
{
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    SimRandom(final long seed)
    {
        state = seed;
    }

    long nextLong()
    {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;

        return z ^ (z >>> 31);
    }

    /**
     * @return uniform in [0, 1).
     */
    double nextDouble()
    {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * @param bound exclusive upper bound, positive.
     * @return uniform in [0, bound).
     */
    int nextInt(final int bound)
    {
        return (int)(((nextLong() >>> 32) * bound) >>> 32);
    }

    boolean chance(final double probability)
    {
        return nextDouble() < probability;
    }

    double uniform(final double low, final double high)
    {
        return low + (high - low) * nextDouble();
    }

    /**
     * Pareto draw: heavy-tailed sizes with minimum {@code scale}, capped so one draw cannot dwarf the book.
     */
    double pareto(final double scale, final double alpha, final double cap)
    {
        final double u = 1.0 - nextDouble();

        // exp(log) rather than StrictMath.pow, whose JDK 17 implementation allocates.
        return Math.min(cap, scale * StrictMath.exp(-StrictMath.log(u) / alpha));
    }

    double nextGaussian()
    {
        if (hasSpareGaussian)
        {
            hasSpareGaussian = false;
            return spareGaussian;
        }

        double u;
        double v;
        double s;
        do
        {
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);

        final double factor = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;

        return u * factor;
    }
}
