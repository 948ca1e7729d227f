package io.pme.engine.rulebook;

/**
 * The 33 scenarios of the rulebook (section 3), in their order: 27 regular ones, price step j = −4 … +4 each with
 * volatility up, none, down; then the 6 tail shocks, volatility up.
 */
public final class ScenarioGrid
{
    public static final int SCENARIO_COUNT = 33;
    public static final int REGULAR_COUNT = 27;
    public static final int TAIL_COUNT = 6;
    public static final int VOL_UP = 0;
    public static final int VOL_NONE = 1;
    public static final int VOL_DOWN = 2;

    private ScenarioGrid()
    {
    }

    /**
     * @param k scenario index.
     * @return true for the six tail scenarios.
     */
    public static boolean isTail(final int k)
    {
        return k >= REGULAR_COUNT;
    }

    /**
     * @param k regular scenario index.
     * @return the price step j in −4 … +4.
     */
    public static int step(final int k)
    {
        return k / 3 - 4;
    }

    /**
     * @param k scenario index.
     * @return {@link #VOL_UP}, {@link #VOL_NONE} or {@link #VOL_DOWN}.
     */
    public static int volMode(final int k)
    {
        return isTail(k) ? VOL_UP : k % 3;
    }

    /**
     * @param k       scenario index.
     * @param vol     the mark volatility.
     * @param volUp   the volatility shocked up.
     * @param volDown the volatility shocked down.
     * @return the volatility scenario k values an option at, by its {@link #volMode(int)}.
     */
    public static double shockedVol(final int k, final double vol, final double volUp, final double volDown)
    {
        final int mode = volMode(k);
        return VOL_UP == mode ? volUp : VOL_NONE == mode ? vol : volDown;
    }

    /**
     * Relative price shock x of scenario k.
     *
     * @param k          scenario index.
     * @param range      the underlying's price range R.
     * @param parameters supplies the tail shocks.
     * @return x, the index moving to S × (1 + x).
     */
    public static double shock(final int k, final double range, final RiskParameters parameters)
    {
        return isTail(k) ? parameters.tailShock(k - REGULAR_COUNT) : (step(k) / 4.0) * range;
    }

    /**
     * Weight of scenario k's P&L: 1 for regular scenarios, {@code min(1, R / |x|)} for tails.
     *
     * @param k          scenario index.
     * @param range      the underlying's price range R.
     * @param parameters supplies the tail shocks.
     * @return the weight.
     */
    public static double weight(final int k, final double range, final RiskParameters parameters)
    {
        return isTail(k) ? Math.min(1.0, range / Math.abs(parameters.tailShock(k - REGULAR_COUNT))) : 1.0;
    }

    /**
     * The weighted shock x × w, i.e. the P&amp;L of one unit of linear exposure per unit of notional. For a tail it is
     * written as {@code sign(x) × min(|x|, R)}, equal to {@code x × min(1, R/|x|)} but exact, so a tail beyond the
     * range ties exactly with the grid's edge and the earlier (regular) scenario is reported as the worst.
     *
     * @param k          scenario index.
     * @param range      the underlying's price range R.
     * @param parameters supplies the tail shocks.
     * @return x × w.
     */
    public static double weightedShock(final int k, final double range, final RiskParameters parameters)
    {
        if (!isTail(k))
        {
            return (step(k) / 4.0) * range;
        }
        final double x = parameters.tailShock(k - REGULAR_COUNT);
        return Math.copySign(Math.min(Math.abs(x), range), x);
    }
}
