package io.pme.pricing;

/**
 * Standard normal density and cumulative distribution in double precision, accurate in both tails.
 * <p>
 * The cumulative distribution is computed through the complementary error function using W. J. Cody's rational
 * Chebyshev approximations (Math. Comp. 23, 1969), so {@code cdf(-x)} keeps full relative precision for large
 * {@code x} instead of losing it to {@code 1 - cdf(x)}. Allocation-free and branch-light.
 */
public final class NormalDistribution
{
    private static final double INV_SQRT_2 = 0.70710678118654752440;
    private static final double INV_SQRT_2PI = 0.39894228040143267794;
    private static final double INV_SQRT_PI = 5.6418958354775628695e-1;
    private static final double SMALL_LIMIT = 0.46875;
    private static final double MID_LIMIT = 4.0;
    // erfc(x) underflows to zero beyond this argument.
    private static final double ERFC_ZERO = 26.543;

    private static final double A0 = 3.16112374387056560e00;
    private static final double A1 = 1.13864154151050156e02;
    private static final double A2 = 3.77485237685302021e02;
    private static final double A3 = 3.20937758913846947e03;
    private static final double A4 = 1.85777706184603153e-1;

    private static final double B0 = 2.36012909523441209e01;
    private static final double B1 = 2.44024637934444173e02;
    private static final double B2 = 1.28261652607737228e03;
    private static final double B3 = 2.84423683343917062e03;

    private static final double C0 = 5.64188496988670089e-1;
    private static final double C1 = 8.88314979438837594e00;
    private static final double C2 = 6.61191906371416295e01;
    private static final double C3 = 2.98635138197400131e02;
    private static final double C4 = 8.81952221241769090e02;
    private static final double C5 = 1.71204761263407058e03;
    private static final double C6 = 2.05107837782607147e03;
    private static final double C7 = 1.23033935479799725e03;
    private static final double C8 = 2.15311535474403846e-8;

    private static final double D0 = 1.57449261107098347e01;
    private static final double D1 = 1.17693950891312499e02;
    private static final double D2 = 5.37181101862009858e02;
    private static final double D3 = 1.62138957456669019e03;
    private static final double D4 = 3.29079923573345963e03;
    private static final double D5 = 4.36261909014324716e03;
    private static final double D6 = 3.43936767414372164e03;
    private static final double D7 = 1.23033935480374942e03;

    private static final double P0 = 3.05326634961232344e-1;
    private static final double P1 = 3.60344899949804439e-1;
    private static final double P2 = 1.25781726111229246e-1;
    private static final double P3 = 1.60837851487422766e-2;
    private static final double P4 = 6.58749161529837803e-4;
    private static final double P5 = 1.63153871373020978e-2;

    private static final double Q0 = 2.56852019228982242e00;
    private static final double Q1 = 1.87295284992346725e00;
    private static final double Q2 = 5.27905102951428412e-1;
    private static final double Q3 = 6.05183413124413191e-2;
    private static final double Q4 = 2.33520497626869185e-3;

    private NormalDistribution()
    {
    }

    /**
     * Standard normal probability density.
     *
     * @param x the point.
     * @return exp(-x²/2) / √(2π).
     */
    public static double pdf(final double x)
    {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /**
     * Standard normal cumulative distribution, with full relative precision in the lower tail.
     *
     * @param x the point.
     * @return P(Z ≤ x).
     */
    public static double cdf(final double x)
    {
        return 0.5 * erfc(-x * INV_SQRT_2);
    }

    /**
     * Complementary error function erfc(x) = 1 − erf(x).
     *
     * @param x the argument.
     * @return erfc(x), in [0, 2].
     */
    public static double erfc(final double x)
    {
        final double y = Math.abs(x);
        final double upper = y <= SMALL_LIMIT ? 1.0 - y * smallRatio(y * y) : upperTail(y);

        return x < 0.0 ? 2.0 - upper : upper;
    }

    private static double smallRatio(final double ysq)
    {
        final double num = (((A4 * ysq + A0) * ysq + A1) * ysq + A2) * ysq + A3;
        final double den = (((ysq + B0) * ysq + B1) * ysq + B2) * ysq + B3;

        return num / den;
    }

    private static double upperTail(final double y)
    {
        if (y >= ERFC_ZERO)
        {
            return 0.0;
        }

        final double ratio = y <= MID_LIMIT ? midRatio(y) : largeRatio(y);
        // exp(-y²) split so that the rounding of y² does not cost relative precision in the tail.
        final double ysq = Math.floor(y * 16.0) / 16.0;
        final double del = (y - ysq) * (y + ysq);

        return Math.exp(-ysq * ysq) * Math.exp(-del) * ratio;
    }

    private static double midRatio(final double y)
    {
        double num = C8 * y;
        double den = y;
        num = (num + C0) * y;
        den = (den + D0) * y;
        num = (num + C1) * y;
        den = (den + D1) * y;
        num = (num + C2) * y;
        den = (den + D2) * y;
        num = (num + C3) * y;
        den = (den + D3) * y;
        num = (num + C4) * y;
        den = (den + D4) * y;
        num = (num + C5) * y;
        den = (den + D5) * y;
        num = (num + C6) * y;
        den = (den + D6) * y;

        return (num + C7) / (den + D7);
    }

    private static double largeRatio(final double y)
    {
        final double z = 1.0 / (y * y);
        final double num = ((((P5 * z + P0) * z + P1) * z + P2) * z + P3) * z;
        final double den = ((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z;
        final double r = z * (num + P4) / (den + Q4);

        return (INV_SQRT_PI - r) / y;
    }
}
