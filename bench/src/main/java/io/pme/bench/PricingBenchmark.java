package io.pme.bench;

import com.opengamma.strata.pricer.impl.option.BlackScholesFormulaRepository;
import io.pme.pricing.BlackScholes;
import io.pme.pricing.OptionValuation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Black–Scholes price + delta + gamma + vega: this engine's single pass against OpenGamma Strata's four calls,
 * cycling through 64 inputs so neither is constant-folded.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class PricingBenchmark
{
    private static final int N = 64;
    private final double[] spots = new double[N];
    private final double[] strikes = new double[N];
    private final double[] expiries = new double[N];
    private final double[] vols = new double[N];
    private final OptionValuation valuation = new OptionValuation();
    private int i;

    public PricingBenchmark()
    {
        for (int k = 0; k < N; k++)
        {
            spots[k] = 90_000 * (1 + 0.01 * (k % 7));
            strikes[k] = 60_000 + 1_000 * k;
            expiries[k] = 0.01 + 0.03 * k;
            vols[k] = 0.3 + 0.01 * k;
        }
    }

    @Benchmark
    public void engine(final Blackhole bh)
    {
        final int k = i++ & (N - 1);
        BlackScholes.valueAndGreeks(spots[k], strikes[k], expiries[k], vols[k], 0.0, (k & 1) == 0, valuation);
        bh.consume(valuation.price());
        bh.consume(valuation.delta());
        bh.consume(valuation.gamma());
        bh.consume(valuation.vega());
    }

    @Benchmark
    public void strata(final Blackhole bh)
    {
        final int k = i++ & (N - 1);
        final boolean call = (k & 1) == 0;
        bh.consume(BlackScholesFormulaRepository.price(spots[k], strikes[k], expiries[k], vols[k], 0.0, 0.0, call));
        bh.consume(BlackScholesFormulaRepository.delta(spots[k], strikes[k], expiries[k], vols[k], 0.0, 0.0, call));
        bh.consume(BlackScholesFormulaRepository.gamma(spots[k], strikes[k], expiries[k], vols[k], 0.0, 0.0));
        bh.consume(BlackScholesFormulaRepository.vega(spots[k], strikes[k], expiries[k], vols[k], 0.0, 0.0));
    }
}
