package io.pme.engine.logic;

import io.pme.engine.state.AccountStates;

/**
 * A reusable holder of one set of margin figures.
 */
public final class MarginFigures
{
    public double equity;
    public double initialMargin;
    public double maintenanceMargin;
    public byte state = AccountStates.UNMARGINED;

    /**
     * Sets all four figures.
     *
     * @return this.
     */
    public MarginFigures set(
        final double equity, final double initialMargin, final double maintenanceMargin, final byte state)
    {
        this.equity = equity;
        this.initialMargin = initialMargin;
        this.maintenanceMargin = maintenanceMargin;
        this.state = state;
        return this;
    }

    /** @return true when the figures are there: not {@link AccountStates#UNMARGINED}. */
    public boolean isMargined()
    {
        return AccountStates.UNMARGINED != state;
    }

    /** @return how far equity falls short of the initial margin, 0 when it covers it. */
    public double shortfall()
    {
        return Math.max(0.0, initialMargin - equity);
    }
}
