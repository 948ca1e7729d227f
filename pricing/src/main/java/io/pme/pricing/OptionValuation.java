package io.pme.pricing;

/**
 * Reusable holder for a Black–Scholes value and its Greeks, filled by
 * {@link BlackScholes#valueAndGreeks(double, double, double, double, double, boolean, OptionValuation)}.
 * <p>
 * Greeks are per unit of the underlying: delta ∂V/∂S, gamma ∂²V/∂S², vega ∂V/∂σ (per 1.00 of volatility, not per
 * point), theta ∂V/∂t as calendar time passes (per year, so usually negative for a long option).
 */
public final class OptionValuation
{
    double price;
    double delta;
    double gamma;
    double vega;
    double theta;

    /** @return the option value. */
    public double price()
    {
        return price;
    }

    /** @return delta, ∂V/∂S. */
    public double delta()
    {
        return delta;
    }

    /** @return gamma, ∂²V/∂S². */
    public double gamma()
    {
        return gamma;
    }

    /** @return vega, ∂V/∂σ per 1.00 of volatility. */
    public double vega()
    {
        return vega;
    }

    /** @return theta, ∂V/∂t per year of calendar time passing. */
    public double theta()
    {
        return theta;
    }

    void set(final double price, final double delta, final double gamma, final double vega, final double theta)
    {
        this.price = price;
        this.delta = delta;
        this.gamma = gamma;
        this.vega = vega;
        this.theta = theta;
    }
}
