package io.pme.engine.state;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdlRanksTest
{
    @Test
    void bucketEdgesAreTheQuarterOctavesAsStrictMathComputesThem()
    {
        for (int bucket = 0; bucket < AdlRanks.BUCKETS; bucket++)
        {
            final double edge = StrictMath.pow(2.0, -16 + (bucket + 1) / 4.0);
            assertEquals(Double.doubleToRawLongBits(edge), Double.doubleToRawLongBits(AdlRanks.upperEdge(bucket)));
            assertEquals(bucket, AdlRanks.bucket(edge * 0.99));
        }
    }

    /** Cold, as in the engine, where a sweep closes once every ADL_RANK_INTERVAL_NS: no warm-up for the JIT. */
    @Test
    void closingASweepAllocatesNothing()
    {
        final AdlRanks ranks = new AdlRanks(64);
        sweeps(ranks, 1);
        final long before = ThreadAllocation.bytes();
        final int bands = sweeps(ranks, 10);
        final long allocated = ThreadAllocation.bytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes (" + bands + ")");
    }

    private static int sweeps(final AdlRanks ranks, final int sweeps)
    {
        int bands = 0;
        for (int sweep = 0; sweep < sweeps; sweep++)
        {
            for (int leg = 0; leg < 200; leg++)
            {
                ranks.count(leg % 64, 0 == leg % 2, 0.01 * (1 + leg + sweep % 7));
            }
            ranks.closeSweep();
            bands += ranks.band(3, false, 0.5);
        }
        return bands;
    }
}
