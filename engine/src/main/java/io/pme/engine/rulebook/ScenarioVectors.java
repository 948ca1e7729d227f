package io.pme.engine.rulebook;

/**
 * Building blocks 2 and 3: per-underlying scenario vectors (Σ qty × risk array) and their aggregation over a
 * correlation set, {@code A[k] = Σ_u (P_u[k] < 0 ? P_u[k] : pnlOffset_u × P_u[k])}, computed branch-free as
 * {@code ((1 + c) / 2) × P − ((1 − c) / 2) × |P|}. Every method works on 33 doubles at an offset, allocation-free.
 */
public final class ScenarioVectors
{
    private static final int N = ScenarioGrid.SCENARIO_COUNT;

    private ScenarioVectors()
    {
    }

    /**
     * Zeroes a vector.
     *
     * @param vector the array.
     * @param offset index of scenario 0.
     */
    public static void clear(final double[] vector, final int offset)
    {
        for (int k = 0; k < N; k++)
        {
            vector[offset + k] = 0.0;
        }
    }

    /**
     * {@code dst += scale × src}, e.g. adding qty contracts of a risk array to an underlying's vector.
     *
     * @param src       the risk array.
     * @param srcOffset its scenario 0.
     * @param scale     quantity.
     * @param dst       the scenario vector.
     * @param dstOffset its scenario 0.
     */
    public static void addScaled(
        final double[] src, final int srcOffset, final double scale, final double[] dst, final int dstOffset)
    {
        for (int k = 0; k < N; k++)
        {
            dst[dstOffset + k] += scale * src[srcOffset + k];
        }
    }

    /**
     * Adds one member's contribution to a correlation set's aggregate: losses in full, profits at pnlOffset.
     *
     * @param pnl       the member's scenario vector P_u.
     * @param pnlOffset index of scenario 0 in {@code pnl}.
     * @param offsetRatio the member's pnlOffset c in [0, 1].
     * @param aggregate the set's A.
     * @param aggregateOffset index of scenario 0 in {@code aggregate}.
     */
    public static void accumulateSet(
        final double[] pnl,
        final int pnlOffset,
        final double offsetRatio,
        final double[] aggregate,
        final int aggregateOffset)
    {
        final double linear = 0.5 * (1.0 + offsetRatio);
        final double kink = 0.5 * (1.0 - offsetRatio);
        for (int k = 0; k < N; k++)
        {
            final double p = pnl[pnlOffset + k];
            aggregate[aggregateOffset + k] += linear * p - kink * Math.abs(p);
        }
    }

    /**
     * @param vector a scenario vector or aggregate.
     * @param offset index of scenario 0.
     * @return the index of the lowest value, the first one on ties.
     */
    public static int worstScenario(final double[] vector, final int offset)
    {
        int worst = 0;
        double min = vector[offset];
        for (int k = 1; k < N; k++)
        {
            final double v = vector[offset + k];
            if (v < min)
            {
                min = v;
                worst = k;
            }
        }
        return worst;
    }

    /**
     * Worst loss of {@code scale × vector} alone, {@code max(0, −min_k scale × v[k])}: the scenario margin of one
     * exposure on its own (a set of one member, where pnlOffset cannot matter).
     *
     * @param vector a risk array.
     * @param offset index of scenario 0.
     * @param scale  quantity.
     * @return the worst loss, ≥ 0.
     */
    public static double worstLoss(final double[] vector, final int offset, final double scale)
    {
        double min = 0.0;
        for (int k = 0; k < N; k++)
        {
            min = Math.min(min, scale * vector[offset + k]);
        }
        return 0.0 - min;
    }
}
