package io.pme.tools.stress;

import java.util.Arrays;

/**
 * Historical value at risk and expected shortfall of one portfolio: its profit or loss in each of n historical
 * scenarios in, the loss at a confidence level and the mean of the losses beyond it out, with the scenarios that
 * make them.
 * <p>
 * The estimators are Acerbi and Tasche's ("On the coherence of expected shortfall", 2002), which keep expected
 * shortfall coherent for any n: with the losses sorted worst first, L(1) ≥ L(2) ≥ … ≥ L(n), and w = n × (1 − α)
 * scenarios in the tail,
 * <pre>
 *   VaR(α) = L(⌊w⌋ + 1)
 *   ES(α)  = (L(1) + … + L(⌊w⌋) + (w − ⌊w⌋) × L(⌊w⌋ + 1)) / w
 * </pre>
 * so that 250 days at 99% give the third worst loss for VaR, and at 97.5% (the FRTB level) ES averages the six worst
 * and a quarter of the seventh. A loss is −P&amp;L: a portfolio that gains in every scenario has a negative VaR. Ties
 * keep the scenarios' order, so the same inputs give the same contributors.
 */
public final class TailRisk
{
    private final double[] losses;
    private final int[] order;

    /**
     * @param pnl the portfolio's profit (positive) or loss in each scenario, at least one, all finite.
     */
    public TailRisk(final double[] pnl)
    {
        if (0 == pnl.length)
        {
            throw new IllegalArgumentException("no scenario");
        }
        losses = new double[pnl.length];
        final Integer[] sorted = new Integer[pnl.length];
        for (int i = 0; i < pnl.length; i++)
        {
            if (!Double.isFinite(pnl[i]))
            {
                throw new IllegalArgumentException("scenario " + i + ": P&L " + pnl[i]);
            }
            losses[i] = -pnl[i];
            sorted[i] = i;
        }
        // worst first; a stable sort keeps tied scenarios in their order
        Arrays.sort(sorted, (a, b) -> Double.compare(losses[b], losses[a]));
        order = new int[pnl.length];
        for (int i = 0; i < pnl.length; i++)
        {
            order[i] = sorted[i];
        }
    }

    /** @return how many scenarios. */
    public int scenarios()
    {
        return losses.length;
    }

    /**
     * @param confidence α in (0, 1), e.g. 0.99.
     * @return the loss exceeded in no more than a share 1 − α of the scenarios: L(⌊n(1 − α)⌋ + 1).
     */
    public double valueAtRisk(final double confidence)
    {
        return losses[order[varRank(confidence)]];
    }

    /**
     * @param confidence α in (0, 1), e.g. 0.99.
     * @return the scenario whose loss is {@link #valueAtRisk(double)}.
     */
    public int valueAtRiskScenario(final double confidence)
    {
        return order[varRank(confidence)];
    }

    /**
     * @param confidence α in (0, 1), e.g. 0.975.
     * @return the mean loss over the worst n(1 − α) scenarios, the last of them weighted by its fraction.
     */
    public double expectedShortfall(final double confidence)
    {
        final double w = tailWeight(confidence);
        final int whole = (int)Math.floor(w);
        double sum = 0.0;
        for (int i = 0; i < whole; i++)
        {
            sum += losses[order[i]];
        }
        if (whole < losses.length && w > whole)
        {
            sum += (w - whole) * losses[order[whole]];
        }
        return sum / w;
    }

    /**
     * @param confidence α in (0, 1).
     * @return the scenarios expected shortfall averages, worst first (the last one partly when n(1 − α) is not
     * whole).
     */
    public int[] tailScenarios(final double confidence)
    {
        final int count = Math.min(losses.length, (int)Math.ceil(tailWeight(confidence)));
        return Arrays.copyOf(order, count);
    }

    private int varRank(final double confidence)
    {
        return Math.min(losses.length - 1, (int)Math.floor(tailWeight(confidence)));
    }

    private double tailWeight(final double confidence)
    {
        if (!(confidence > 0.0 && confidence < 1.0))
        {
            throw new IllegalArgumentException("confidence " + confidence + " is not in (0, 1)");
        }
        // below one scenario (fewer than 1 / (1 − α) of them) both estimators give the worst loss; 100 × (1 − 0.99)
        // is 1.0000000000000009 in doubles, which must count as the one whole scenario it is
        final double w = losses.length * (1.0 - confidence);
        final double whole = Math.rint(w);
        return Math.abs(w - whole) <= 1e-9 * Math.max(1.0, w) ? whole : w;
    }

    /**
     * Overlapping h-day returns from daily ones, compounded: scenario k is days k … k + h − 1. A horizon of one day
     * gives the daily returns back.
     *
     * @param daily   daily simple returns, oldest first.
     * @param horizon days, 1 … daily.length.
     * @return daily.length − horizon + 1 returns over the horizon.
     */
    public static double[] horizonReturns(final double[] daily, final int horizon)
    {
        if (horizon < 1 || horizon > daily.length)
        {
            throw new IllegalArgumentException("horizon " + horizon + " with " + daily.length + " days");
        }
        if (1 == horizon)
        {
            return daily.clone();
        }
        final double[] out = new double[daily.length - horizon + 1];
        for (int k = 0; k < out.length; k++)
        {
            double growth = 1.0;
            for (int d = k; d < k + horizon; d++)
            {
                growth *= 1.0 + daily[d];
            }
            out[k] = growth - 1.0;
        }
        return out;
    }
}
