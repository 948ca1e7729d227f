package io.pme.engine.logic;

/**
 * What sets an account's margin, for a liquidation record: the underlying whose own worst scenario loses most, that
 * scenario (0..32 in the rulebook's order), the loss in it, and how much of that loss one position brings.
 */
public final class MarginExplanation
{
    /** The underlying's asset id, -1 when the account has no exposure. */
    public int worstUnderlying = -1;
    /** The scenario, -1 when none. */
    public int worstScenario = -1;
    /** USD the account loses in that scenario. */
    public double worstScenarioLoss;
    /** USD of that loss the position brings (its P&amp;L there, negated). */
    public double contribution;
    /** The account's equity, computed exactly for the explanation. */
    public double equity = Double.NaN;
    /** Its initial margin, likewise. */
    public double initialMargin = Double.NaN;
    /** Its maintenance margin, likewise. */
    public double maintenanceMargin = Double.NaN;

    /** Back to no exposure. */
    public void clear()
    {
        worstUnderlying = -1;
        worstScenario = -1;
        worstScenarioLoss = 0.0;
        contribution = 0.0;
        equity = Double.NaN;
        initialMargin = Double.NaN;
        maintenanceMargin = Double.NaN;
    }
}
