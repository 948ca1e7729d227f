package io.pme.engine.liquidation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deleveraging's rank bands: {@code floor(perOctave × log2(rank))}, within 2^±16 (docs/liquidation.md).
 */
class DeleveragingBandTest
{
    @Test
    void aBandIsAFractionOfAnOctaveOfRank()
    {
        assertEquals(0, Deleveraging.band(1.0, 4));
        assertEquals(0, Deleveraging.band(1.18, 4), "2^0.25 = 1.189 starts the next band");
        assertEquals(1, Deleveraging.band(1.19, 4));
        assertEquals(-4, Deleveraging.band(0.5, 4));
        assertEquals(-5, Deleveraging.band(0.49, 4));
        // the worked example's ranks: 0.377 and 0.33 are bands apart at 4 per octave, together at 1
        assertEquals(-6, Deleveraging.band(0.377, 4));
        assertEquals(-7, Deleveraging.band(0.33, 4));
        assertEquals(-2, Deleveraging.band(0.377, 1));
        assertEquals(-2, Deleveraging.band(0.33, 1));
    }

    @Test
    void ranksBeyondTheRangeShareItsEndBands()
    {
        assertEquals(-64, Deleveraging.band(0x1p-20, 4));
        assertEquals(-64, Deleveraging.band(Double.NaN, 4));
        assertEquals(-64, Deleveraging.band(0.0, 4));
        assertEquals(64, Deleveraging.band(0x1p20, 4));
        assertEquals(64, Deleveraging.band(Double.POSITIVE_INFINITY, 4));
        assertEquals(-1_600, Deleveraging.band(0x1p-17, 100));
    }
}
