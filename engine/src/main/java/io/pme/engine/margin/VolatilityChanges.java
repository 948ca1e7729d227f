package io.pme.engine.margin;

import java.util.Arrays;

/**
 * Per option, the volatility changes that holders may take lazily, kept as running sums so that a holder takes any
 * number of them at the cost of one. Each change, as priced by {@link InstrumentRiskCache#volatilityChange(int)} at
 * a spot S and price time t, moves a holder with reference spot R and time T by its expansion re-centred on R:
 * value − (S − R)·slope + ½(S − R)²·curvature − (t − T)·decay, and so on for the slopes. Written about an origin
 * O, T₀ of the option (x = S − O, y = t − T₀, r = R − O, ρ = T − T₀) that is a polynomial in r and ρ whose
 * coefficients are sums over the changes of c, θ, s, x·c, v, x·s, x²·c and y·θ: kept per scenario and for the mark.
 * <p>
 * The sums restart at an epoch, when every holder has taken every change (before a digest or snapshot), so that an
 * engine restored from a snapshot holds the same sums as the one that wrote it. The tick that records a change
 * makes every holder that is too far behind take what it missed: a holder is never more than {@link #DEPTH} changes
 * of one option behind, and the sums of the last {@code DEPTH + 1} are kept. A cache of ticks, not state.
 */
final class VolatilityChanges
{
    /** Changes a holder may be behind on one option. */
    static final int DEPTH = 64;
    private static final int KEPT = DEPTH + 1;
    private static final int N = InstrumentRiskCache.N;
    /** Per scenario sums, {@code N} each, in this order; then the same eight for the mark; then the two bounds. */
    static final int CURVATURE = 0;
    static final int DECAY = N;
    static final int SLOPE = 2 * N;
    static final int X_CURVATURE = 3 * N;
    static final int VALUE = 4 * N;
    static final int X_SLOPE = 5 * N;
    static final int XX_CURVATURE = 6 * N;
    static final int Y_DECAY = 7 * N;
    /** Offset of the mark's eight sums, in the same order. */
    static final int MARK = 8 * N;
    /** Offset of the sums of the changes of the two third-derivative bounds. */
    static final int THIRDS = MARK + 8;
    /** Doubles of one running sum. */
    static final int LENGTH = THIRDS + 2;

    private final double[][] sums;
    private final long[] written;
    private final long[] epochStart;
    private final double[] originSpot;
    private final long[] originTime;

    VolatilityChanges(final int maxInstruments)
    {
        sums = new double[maxInstruments][];
        written = new long[maxInstruments];
        epochStart = new long[maxInstruments];
        originSpot = new double[maxInstruments];
        originTime = new long[maxInstruments];
    }

    /** Forgets every change: after a restore, holders start with none to take. */
    void clear()
    {
        Arrays.fill(written, 0L);
        Arrays.fill(epochStart, 0L);
    }

    /** Every holder has taken every change: the sums restart from the next one. */
    void newEpoch()
    {
        System.arraycopy(written, 0, epochStart, 0, written.length);
    }

    /** @return how many changes of the option were recorded: a holder that has taken them all has taken this many. */
    long written(final int instrumentId)
    {
        return written[instrumentId];
    }

    double originSpot(final int instrumentId)
    {
        return originSpot[instrumentId];
    }

    long originTimeNs(final int instrumentId)
    {
        return originTime[instrumentId];
    }

    // Allocated on an option's first lazy change, so that memory follows the options that have holders.
    void record(final int instrumentId, final double[] change)
    {
        double[] all = sums[instrumentId];
        if (null == all)
        {
            all = new double[KEPT * LENGTH];
            sums[instrumentId] = all;
        }
        final long index = written[instrumentId];
        final int at = (int)(index % KEPT) * LENGTH;
        final double spot = change[InstrumentRiskCache.CHANGE_SPOT];
        final long timeNs = Double.doubleToRawLongBits(change[InstrumentRiskCache.CHANGE_SPOT + 1]);
        if (index == epochStart[instrumentId])
        {
            originSpot[instrumentId] = spot;
            originTime[instrumentId] = timeNs;
            Arrays.fill(all, at, at + LENGTH, 0.0);
        }
        else
        {
            System.arraycopy(all, (int)((index - 1) % KEPT) * LENGTH, all, at, LENGTH);
        }
        final double x = spot - originSpot[instrumentId];
        final double y = timeNs - originTime[instrumentId];
        for (int k = 0; k < N; k++)
        {
            add(all, at + k, N, change[k], change[N + k], change[2 * N + k], change[3 * N + k], x, y);
        }
        final int m = InstrumentRiskCache.MARK_CHANGE;
        add(all, at + MARK, 1, change[m], change[m + 1], change[m + 2], change[m + 3], x, y);
        all[at + THIRDS] += change[InstrumentRiskCache.THIRD_CHANGE];
        all[at + THIRDS + 1] += change[InstrumentRiskCache.THIRD_CHANGE + 1];
        written[instrumentId] = index + 1;
    }

    // The eight sums of one scenario (stride N) or of the mark (stride 1), in the order of the offsets above.
    private static void add(
        final double[] all, final int at, final int stride, final double value, final double slope,
        final double curvature, final double decay, final double x, final double y)
    {
        all[at] += curvature;
        all[at + stride] += decay;
        all[at + 2 * stride] += slope;
        all[at + 3 * stride] += x * curvature;
        all[at + 4 * stride] += value;
        all[at + 5 * stride] += x * slope;
        all[at + 6 * stride] += x * x * curvature;
        all[at + 7 * stride] += y * decay;
    }

    /** @return whether the current epoch's sums hold any change: false when it has none yet. */
    boolean inEpoch(final int instrumentId)
    {
        return written[instrumentId] > epochStart[instrumentId];
    }

    /**
     * Writes into {@code out} ({@link #LENGTH} doubles) the sums of the option's changes a holder that has taken
     * {@code taken} of them has not taken yet.
     */
    void untaken(final int instrumentId, final long taken, final double[] out)
    {
        final double[] all = sums[instrumentId];
        final int now = (int)((written[instrumentId] - 1) % KEPT) * LENGTH;
        if (taken <= epochStart[instrumentId])
        {
            System.arraycopy(all, now, out, 0, LENGTH);
            return;
        }
        final int then = (int)((taken - 1) % KEPT) * LENGTH;
        for (int i = 0; i < LENGTH; i++)
        {
            out[i] = all[now + i] - all[then + i];
        }
    }
}
