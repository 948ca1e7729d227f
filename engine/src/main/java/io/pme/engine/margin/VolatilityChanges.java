package io.pme.engine.margin;

import java.util.Arrays;

/**
 * Per option, its latest volatility changes that holders may take lazily, each as priced by
 * {@link InstrumentRiskCache#volatilityChange(int)} and tagged with the input sequence of its tick. A holder that has
 * taken every change up to some sequence takes the newer ones, in sequence order across its options, when it is next
 * read. The tick that records a change makes every holder missing the oldest one kept take it, so that the next
 * tick may overwrite it: a holder is never more than {@link #DEPTH} changes of one option behind. A cache of ticks,
 * not state: a snapshot is taken with every holder current, so a restore starts with no change pending.
 */
final class VolatilityChanges
{
    /** Changes a holder may be behind on one option; one more is kept while a tick catches up those behind. */
    static final int DEPTH = 32;
    private static final int KEPT = DEPTH + 1;
    private static final int L = InstrumentRiskCache.CHANGE_LENGTH;

    private final double[][] changes;
    private final long[][] sequences;
    private final long[] written;

    VolatilityChanges(final int maxInstruments)
    {
        changes = new double[maxInstruments][];
        sequences = new long[maxInstruments][];
        written = new long[maxInstruments];
    }

    void clear()
    {
        Arrays.fill(written, 0L);
    }

    // Allocated on an option's first lazy change, so that memory follows the options that have holders.
    void record(final int instrumentId, final long sequence, final double[] change)
    {
        if (null == changes[instrumentId])
        {
            changes[instrumentId] = new double[KEPT * L];
            sequences[instrumentId] = new long[KEPT];
        }
        final int entry = (int)(written[instrumentId] % KEPT);
        System.arraycopy(change, 0, changes[instrumentId], entry * L, L);
        sequences[instrumentId][entry] = sequence;
        written[instrumentId]++;
    }

    /** @return how many changes of the option are kept, newest at index 0. */
    int count(final int instrumentId)
    {
        return (int)Math.min(KEPT, written[instrumentId]);
    }

    /** @return the input sequence of the option's change {@code age} places before its newest. */
    long sequence(final int instrumentId, final int age)
    {
        return sequences[instrumentId][entry(instrumentId, age)];
    }

    /** @return the array holding the option's changes, see {@link #offset(int, int)}. */
    double[] changes(final int instrumentId)
    {
        return changes[instrumentId];
    }

    /** @return where in {@link #changes(int)} the option's change {@code age} places before its newest starts. */
    int offset(final int instrumentId, final int age)
    {
        return entry(instrumentId, age) * L;
    }

    private int entry(final int instrumentId, final int age)
    {
        return (int)((written[instrumentId] - 1 - age) % KEPT);
    }
}
