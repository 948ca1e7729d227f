package io.pme.pricing;

import com.opengamma.strata.pricer.impl.option.BlackScholesFormulaRepository;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenGamma Strata's Black–Scholes formulas as an independent oracle over random inputs covering deep in and out
 * of the money, expiries from an hour to 30 years, and volatilities from 0.5% to 500%.
 */
class BlackScholesStrataOracleTest
{
    private static final double REL = 1e-9;
    // Strata returns exactly 0 gamma and vega once |d1| >= 7.6, where the density is below 1.3e-13: there the true
    // gamma is below 1.3e-13 / (S σ √T) and vega below 1.3e-13 · S √T, which is what the floors allow.
    private static final double DENSITY_FLOOR = 1e-12;

    private final OptionValuation valuation = new OptionValuation();

    record Inputs(double spot, double strike, double t, double vol, double rate, boolean call)
    {
    }

    @Provide
    Arbitrary<Inputs> inputs()
    {
        return Combinators.combine(
            Arbitraries.doubles().between(0.01, 1e6).ofScale(6),
            Arbitraries.doubles().between(-3.0, 3.0).ofScale(6),
            Arbitraries.doubles().between(-9.2, 3.4).ofScale(6),
            Arbitraries.doubles().between(-5.3, 1.6).ofScale(6),
            Arbitraries.doubles().between(-0.02, 0.15).ofScale(6),
            Arbitraries.of(true, false))
            .as((s, logMoneyness, logT, logVol, r, call) ->
                new Inputs(s, s * Math.exp(logMoneyness), Math.exp(logT), Math.exp(logVol), r, call));
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
    void priceAndGreeksMatchStrata(@ForAll("inputs") final Inputs in)
    {
        final double s = in.spot();
        final double k = in.strike();
        final double r = in.rate();
        BlackScholes.valueAndGreeks(s, k, in.t(), in.vol(), r, in.call(), valuation);
        final double price = BlackScholesFormulaRepository.price(s, k, in.t(), in.vol(), r, r, in.call());
        final double delta = BlackScholesFormulaRepository.delta(s, k, in.t(), in.vol(), r, r, in.call());
        final double gamma = BlackScholesFormulaRepository.gamma(s, k, in.t(), in.vol(), r, r);
        final double vega = BlackScholesFormulaRepository.vega(s, k, in.t(), in.vol(), r, r);
        final double theta = BlackScholesFormulaRepository.theta(s, k, in.t(), in.vol(), r, r, in.call());

        // Prices far out of the money are differences of two nearly equal terms in both implementations, so
        // relative agreement is only meaningful down to a tiny fraction of the notional.
        final double scale = s + k;
        close("price", price, valuation.price(), 1e-13 * scale, in);
        close("price (fast path)", price, BlackScholes.price(s, k, in.t(), in.vol(), in.rate(), in.call()),
            1e-13 * scale, in);
        close("delta", delta, valuation.delta(), 1e-13, in);
        close("gamma", gamma, valuation.gamma(), DENSITY_FLOOR / (s * in.vol() * Math.sqrt(in.t())), in);
        close("vega", vega, valuation.vega(), DENSITY_FLOOR * s * Math.sqrt(in.t()), in);
        // theta's density term, s·φ(d1)·σ / (2√t), takes the same floor as gamma and vega where Strata returns 0
        close("theta", theta, valuation.theta(),
            Math.max(1e-13 * scale, DENSITY_FLOOR * s * in.vol() / (2.0 * Math.sqrt(in.t()))), in);
    }

    private static void close(
        final String what, final double expected, final double actual, final double floor, final Inputs in)
    {
        final double tolerance = Math.max(REL * Math.abs(expected), floor);
        assertTrue(Math.abs(expected - actual) <= tolerance,
            () -> what + " " + actual + " vs Strata " + expected + " for " + in);
    }
}
