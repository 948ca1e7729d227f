package io.pme.pricing;

/**
 * Black–Scholes value and Greeks of a European option on a spot index with a continuously compounded rate and no
 * dividend. Allocation-free; d1 and d2 are computed once per call.
 * <p>
 * Conventions: {@code t} is in years; at or after expiry ({@code t ≤ 0}) the value is the intrinsic value
 * {@code max(S − K, 0)} (call) or {@code max(K − S, 0)} (put) with step deltas and zero gamma, vega and theta. With a
 * zero total volatility ({@code vol × √t = 0}) the value is the discounted forward intrinsic value. A non-positive
 * spot is worth nothing to a call and {@code K·e^(−rt)} to a put.
 */
public final class BlackScholes
{
    /**
     * Nanoseconds in the year that {@code t} is measured in, 365 days: every caller converts a time to expiry with
     * it, so the engine, the offline calculator and the simulation agree on the year.
     */
    public static final double NANOS_PER_YEAR = 365.0 * 86_400.0 * 1e9;

    private BlackScholes()
    {
    }

    /**
     * Value of one option on one unit of the underlying.
     *
     * @param spot   index price S.
     * @param strike strike K.
     * @param t      time to expiry in years.
     * @param vol    implied volatility σ (0.55 for 55%).
     * @param rate   continuously compounded risk-free rate r.
     * @param isCall true for a call, false for a put.
     * @return the option value.
     */
    public static double price(
        final double spot,
        final double strike,
        final double t,
        final double vol,
        final double rate,
        final boolean isCall)
    {
        if (t <= 0.0)
        {
            return intrinsic(spot, strike, isCall);
        }

        final double discountedStrike = strike * Math.exp(-rate * t);
        final double totalVol = vol * Math.sqrt(t);
        if (!(totalVol > 0.0) || spot <= 0.0)
        {
            return intrinsic(spot, discountedStrike, isCall);
        }

        final double d1 = d1(spot, discountedStrike, totalVol);
        final double d2 = d1 - totalVol;

        return isCall ?
            spot * NormalDistribution.cdf(d1) - discountedStrike * NormalDistribution.cdf(d2) :
            discountedStrike * NormalDistribution.cdf(-d2) - spot * NormalDistribution.cdf(-d1);
    }

    /**
     * Value, delta, gamma, vega and theta of one option on one unit of the underlying, into a reusable holder.
     *
     * @param spot   index price S.
     * @param strike strike K.
     * @param t      time to expiry in years.
     * @param vol    implied volatility σ.
     * @param rate   continuously compounded risk-free rate r.
     * @param isCall true for a call, false for a put.
     * @param out    the holder to fill.
     */
    public static void valueAndGreeks(
        final double spot,
        final double strike,
        final double t,
        final double vol,
        final double rate,
        final boolean isCall,
        final OptionValuation out)
    {
        if (t <= 0.0)
        {
            out.set(intrinsic(spot, strike, isCall), stepDelta(spot, strike, isCall), 0.0, 0.0, 0.0);
            return;
        }

        final double discountedStrike = strike * Math.exp(-rate * t);
        final double sqrtT = Math.sqrt(t);
        final double totalVol = vol * sqrtT;
        if (!(totalVol > 0.0) || spot <= 0.0)
        {
            final double carry = isCall ?
                (spot > discountedStrike ? -rate * discountedStrike : 0.0) :
                (spot < discountedStrike ? rate * discountedStrike : 0.0);
            out.set(
                intrinsic(spot, discountedStrike, isCall), stepDelta(spot, discountedStrike, isCall), 0.0, 0.0, carry);
            return;
        }

        final double d1 = d1(spot, discountedStrike, totalVol);
        final double d2 = d1 - totalVol;
        final double density = NormalDistribution.pdf(d1);
        final double vega = spot * density * sqrtT;
        final double gamma = density / (spot * totalVol);
        final double decay = -0.5 * vega * vol / t;

        if (isCall)
        {
            final double nd1 = NormalDistribution.cdf(d1);
            final double nd2 = NormalDistribution.cdf(d2);
            out.set(spot * nd1 - discountedStrike * nd2, nd1, gamma, vega, decay - rate * discountedStrike * nd2);
        }
        else
        {
            final double nmd1 = NormalDistribution.cdf(-d1);
            final double nmd2 = NormalDistribution.cdf(-d2);
            out.set(discountedStrike * nmd2 - spot * nmd1, -nmd1, gamma, vega, decay + rate * discountedStrike * nmd2);
        }
    }

    private static double d1(final double spot, final double discountedStrike, final double totalVol)
    {
        return Math.log(spot / discountedStrike) / totalVol + 0.5 * totalVol;
    }

    private static double intrinsic(final double spot, final double strike, final boolean isCall)
    {
        return isCall ? Math.max(spot - strike, 0.0) : Math.max(strike - spot, 0.0);
    }

    private static double stepDelta(final double spot, final double strike, final boolean isCall)
    {
        return isCall ? (spot > strike ? 1.0 : 0.0) : (spot < strike ? -1.0 : 0.0);
    }
}
