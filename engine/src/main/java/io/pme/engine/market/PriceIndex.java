package io.pme.engine.market;

import io.pme.engine.state.OracleBook;

/**
 * What an asset's fresh sources say, by the rule of docs/oracle.md: the listed sources no older than the maximum
 * age; of three or more, those beyond the drop band around their median dropped; of two that disagree beyond it,
 * the one farther from the index dropped; the rest each clamped to their own median ± the clamp band and averaged.
 * Scratch arrays sized once: one instance serves every asset in turn.
 */
final class PriceIndex
{
    private final double[] prices = new double[OracleBook.SLOTS];
    private final long[] sourceTimesNs = new long[OracleBook.SLOTS];
    private final int[] slots = new int[OracleBook.SLOTS];
    private int fresh;
    private int used;
    private double candidate;
    private double spread;
    private long oldestAgeNs;
    private boolean inputDropped;

    void compute(final OracleBook book, final int assetId, final long nowNs, final long maxAgeNs,
        final int inputSlot, final OracleParameters parameters)
    {
        gather(book, assetId, nowNs, maxAgeNs, parameters);
        fresh = used;
        inputDropped = false;
        if (used >= 3)
        {
            dropBeyond(median(), parameters.value(assetId, OracleParameters.DROP_BAND), inputSlot);
        }
        else if (2 == used && !Double.isNaN(book.index(assetId)) &&
            Math.abs(prices[1] / prices[0] - 1.0) > parameters.value(assetId, OracleParameters.DROP_BAND))
        {
            // two that disagree: the one nearer the index stands, the other waits for a third source to side with it
            final double current = book.index(assetId);
            final int far = Math.abs(prices[0] - current) > Math.abs(prices[1] - current) ? 0 : 1;
            inputDropped = slots[far] == inputSlot;
            remove(far);
        }
        if (0 == used)
        {
            candidate = Double.NaN;
            spread = Double.NaN;
            oldestAgeNs = 0;
            return;
        }
        final double median = median();
        final double band = parameters.value(assetId, OracleParameters.CLAMP_BAND) * median;
        double sum = 0.0;
        long oldest = 0;
        for (int i = 0; i < used; i++)
        {
            sum += Math.max(median - band, Math.min(median + band, prices[i]));
            oldest = Math.max(oldest, nowNs - sourceTimesNs[i]);
        }
        candidate = sum / used;
        spread = (prices[used - 1] - prices[0]) / median;
        oldestAgeNs = oldest;
    }

    // Fresh listed sources, sorted by price (insertion: at most eight).
    private void gather(final OracleBook book, final int assetId, final long nowNs, final long maxAgeNs,
        final OracleParameters parameters)
    {
        used = 0;
        for (int s = OracleBook.firstSlot(assetId), end = s + OracleBook.SLOTS; s < end; s++)
        {
            final int source = book.slotSource(s);
            if (source < 0 || !parameters.isListed(assetId, source) || nowNs - book.slotSourceTimeNs(s) > maxAgeNs)
            {
                continue;
            }
            final double price = book.slotPrice(s);
            int i = used++;
            while (i > 0 && prices[i - 1] > price)
            {
                prices[i] = prices[i - 1];
                sourceTimesNs[i] = sourceTimesNs[i - 1];
                slots[i] = slots[i - 1];
                i--;
            }
            prices[i] = price;
            sourceTimesNs[i] = book.slotSourceTimeNs(s);
            slots[i] = s;
        }
    }

    private double median()
    {
        final int half = used >> 1;
        return 0 != (used & 1) ? prices[half] : 0.5 * (prices[half - 1] + prices[half]);
    }

    private void dropBeyond(final double median, final double dropBand, final int inputSlot)
    {
        for (int i = used - 1; i >= 0; i--)
        {
            if (Math.abs(prices[i] / median - 1.0) > dropBand)
            {
                inputDropped |= slots[i] == inputSlot;
                remove(i);
            }
        }
    }

    private void remove(final int i)
    {
        final int tail = used - i - 1;
        System.arraycopy(prices, i + 1, prices, i, tail);
        System.arraycopy(sourceTimesNs, i + 1, sourceTimesNs, i, tail);
        System.arraycopy(slots, i + 1, slots, i, tail);
        used--;
    }

    /** @return listed sources within the maximum age. */
    int fresh()
    {
        return fresh;
    }

    /** @return of those, the ones the index is made of. */
    int used()
    {
        return used;
    }

    /** @return the index the sources used say, NaN when none is. */
    double candidate()
    {
        return candidate;
    }

    /** @return (highest − lowest) / median of the sources used, NaN when none is. */
    double spread()
    {
        return spread;
    }

    /** @return the age of the oldest source used. */
    long oldestAgeNs()
    {
        return oldestAgeNs;
    }

    /** @return true when the input's own price was dropped as an outlier. */
    boolean inputDropped()
    {
        return inputDropped;
    }

    /** @return the first message time at which a source used is older than the maximum age. */
    long firstStaleNs(final long maxAgeNs)
    {
        long first = Long.MAX_VALUE;
        if (Long.MAX_VALUE == maxAgeNs)
        {
            return first;
        }
        for (int i = 0; i < used; i++)
        {
            first = Math.min(first, sourceTimesNs[i] + maxAgeNs + 1);
        }
        return first;
    }
}
