package io.pme.engine.rulebook;

/**
 * Expiry-scaled volatility shocks of the rulebook (section 3): short expiries move their volatility more.
 */
public final class VolatilityShock
{
    /** Floor of a shocked-down volatility. */
    public static final double MIN_VOL = 0.01;

    private VolatilityShock()
    {
    }

    /**
     * Expiry scaling {@code f = (ref / max(DTE, floor))^p}, p the short-term power when DTE &lt; ref days.
     *
     * @param t          time to expiry in years.
     * @param parameters supplies the reference and floor days and the two powers.
     * @return f.
     */
    public static double factor(final double t, final RiskParameters parameters)
    {
        final double dte = 365.0 * t;
        final double reference = parameters.vegaReferenceDays();
        final double power = dte < reference ? parameters.shortTermVegaPower() : parameters.longTermVegaPower();

        return Math.pow(reference / Math.max(dte, parameters.vegaFloorDays()), power);
    }

    /**
     * @param vol        mark volatility σ.
     * @param factor     expiry scaling f.
     * @param parameters supplies volRangeUp and minVolForShockUp.
     * @return σ + volRangeUp × f × max(σ, minVolForShockUp).
     */
    public static double up(final double vol, final double factor, final RiskParameters parameters)
    {
        return vol + parameters.volRangeUp() * factor * Math.max(vol, parameters.minVolForShockUp());
    }

    /**
     * @param vol        mark volatility σ.
     * @param factor     expiry scaling f.
     * @param parameters supplies volRangeDown.
     * @return max(σ − volRangeDown × f × σ, 0.01).
     */
    public static double down(final double vol, final double factor, final RiskParameters parameters)
    {
        return Math.max(vol - parameters.volRangeDown() * factor * vol, MIN_VOL);
    }
}
