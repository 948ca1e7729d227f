package io.pme.engine.state;

import java.util.Arrays;

/**
 * What the auto-deleveraging rank bands are published from: per instrument and side, a histogram of the ranks of the
 * legs that could be deleveraged, filled by the sweep in progress, and the four quintile cuts of the last complete
 * sweep; where the sweep is and when the next starts. Ranks fall in quarter-octave buckets from 2^-16 to 2^16.
 */
public final class AdlRanks
{
    /** Buckets per instrument side. */
    public static final int BUCKETS = 128;
    /** Cuts per instrument side: the bands' boundaries. */
    public static final int CUTS = 4;
    private static final int BUCKETS_PER_OCTAVE = 4;
    private static final int LOWEST_OCTAVE = -16;
    // computed once: JDK 17's StrictMath.pow (fdlibm in Java) allocates three small arrays a call until the JIT has
    // seen it hot, and a sweep closes too seldom for that: 96 bytes a cut; the table holds the very same bits
    private static final double[] UPPER_EDGES = new double[BUCKETS];

    static
    {
        for (int bucket = 0; bucket < BUCKETS; bucket++)
        {
            UPPER_EDGES[bucket] = StrictMath.pow(2.0, LOWEST_OCTAVE + (bucket + 1) / (double)BUCKETS_PER_OCTAVE);
        }
    }

    private final int maxInstruments;
    private final int[] counts;
    private final double[] cuts;
    private final boolean[] known;
    private boolean sweeping;
    private int cursor;
    private long nextSweepNs;

    /** @param maxInstruments instrument ids 0 … maxInstruments − 1. */
    public AdlRanks(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        counts = new int[maxInstruments * 2 * BUCKETS];
        cuts = new double[maxInstruments * 2 * CUTS];
        known = new boolean[maxInstruments * 2];
    }

    /** Forgets every histogram and cut; the first sweep starts with the first input. */
    public void clear()
    {
        Arrays.fill(counts, 0);
        Arrays.fill(cuts, 0.0);
        Arrays.fill(known, false);
        sweeping = false;
        cursor = 0;
        nextSweepNs = 0;
    }

    /** @return the bucket of a positive rank. */
    public static int bucket(final double rank)
    {
        final double octave = StrictMath.log(rank) / StrictMath.log(2.0);
        final int b = (int)Math.floor((octave - LOWEST_OCTAVE) * BUCKETS_PER_OCTAVE);
        return Math.max(0, Math.min(BUCKETS - 1, b));
    }

    /** @return the upper edge of a bucket. */
    public static double upperEdge(final int bucket)
    {
        return UPPER_EDGES[bucket];
    }

    private static int side(final int instrumentId, final boolean longLeg)
    {
        return 2 * instrumentId + (longLeg ? 1 : 0);
    }

    /** Counts a leg's rank in the sweep in progress. */
    public void count(final int instrumentId, final boolean longLeg, final double rank)
    {
        counts[side(instrumentId, longLeg) * BUCKETS + bucket(rank)]++;
    }

    /**
     * @return the band of a leg's rank by the last complete sweep's cuts: 1 + the cuts below it, 1..5; 0 while that
     * instrument side has no cuts yet.
     */
    public int band(final int instrumentId, final boolean longLeg, final double rank)
    {
        final int side = side(instrumentId, longLeg);
        if (!known[side])
        {
            return 0;
        }
        int band = 1;
        for (int c = 0; c < CUTS; c++)
        {
            band += rank > cuts[side * CUTS + c] ? 1 : 0;
        }
        return band;
    }

    /** The sweep ended: each side's cuts become the quintiles of its histogram, which starts again empty. */
    public void closeSweep()
    {
        for (int side = 0; side < maxInstruments * 2; side++)
        {
            long total = 0;
            for (int b = 0; b < BUCKETS; b++)
            {
                total += counts[side * BUCKETS + b];
            }
            known[side] = total > 0;
            long seen = 0;
            int c = 0;
            for (int b = 0; b < BUCKETS && c < CUTS; b++)
            {
                seen += counts[side * BUCKETS + b];
                while (c < CUTS && seen * (CUTS + 1) >= (c + 1) * total && total > 0)
                {
                    cuts[side * CUTS + c++] = upperEdge(b);
                }
            }
        }
        Arrays.fill(counts, 0);
    }

    /** @return true while a sweep is walking the accounts. */
    public boolean isSweeping()
    {
        return sweeping;
    }

    /** @return the next account slot the sweep ranks. */
    public int cursor()
    {
        return cursor;
    }

    /** @return message time the next sweep starts at. */
    public long nextSweepNs()
    {
        return nextSweepNs;
    }

    /** Starts a sweep at the first account. */
    public void startSweep()
    {
        sweeping = true;
        cursor = 0;
    }

    /** Moves the sweep on. */
    public void cursor(final int slot)
    {
        cursor = slot;
    }

    /** Ends the sweep; the next starts at that message time. */
    public void endSweep(final long nextSweepNs)
    {
        sweeping = false;
        this.nextSweepNs = nextSweepNs;
    }

    int maxInstruments()
    {
        return maxInstruments;
    }

    int count(final int index)
    {
        return counts[index];
    }

    void count(final int index, final int value)
    {
        counts[index] = value;
    }

    double cut(final int index)
    {
        return cuts[index];
    }

    void cut(final int index, final double value)
    {
        cuts[index] = value;
    }

    boolean known(final int side)
    {
        return known[side];
    }

    void known(final int side, final boolean value)
    {
        known[side] = value;
    }

    void restore(final boolean sweeping, final int cursor, final long nextSweepNs)
    {
        this.sweeping = sweeping;
        this.cursor = cursor;
        this.nextSweepNs = nextSweepNs;
    }
}
