package io.pme.bench;

import io.pme.engine.rulebook.MarginCalculator;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.Portfolio;
import io.pme.engine.rulebook.RiskParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One full margin computation (rulebook figures, siloed IM and Greeks) of a 20-position, 3-underlying account:
 * 14 options and 6 perpetuals on BTC, ETH and SOL plus stablecoin and BTC balances.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class MarginBenchmark
{
    private static final int MAX_ASSETS = 6;
    private static final long NOW = 1_795_000_000_000_000_000L;
    private static final long DAY = 86_400_000_000_000L;

    private final Portfolio portfolio = new Portfolio(MAX_ASSETS, 32);
    private final MarginResult result = new MarginResult(MAX_ASSETS);
    private MarginCalculator calculator;

    @Setup
    public void setup()
    {
        final String[] symbols = { "USD", "USDC", "USDT", "BTC", "ETH", "SOL" };
        final double[] prices = { 1, 1, 0.999, 90_000, 3_000, 150 };
        final RiskParameters parameters = RiskParameters.loadDefaults(MAX_ASSETS);
        portfolio.valuationTimeNs(NOW);
        for (int i = 0; i < symbols.length; i++)
        {
            parameters.defineAsset(i, symbols[i]);
            portfolio.price(i, prices[i]);
        }
        calculator = new MarginCalculator(parameters, MAX_ASSETS);
        portfolio.balance(1, 2_000_000);
        portfolio.balance(2, 500_000);
        portfolio.balance(3, 5);
        for (int i = 0; i < 20; i++)
        {
            final int underlying = 3 + i % 3;
            final double spot = prices[underlying];
            if (i < 14)
            {
                portfolio.option(underlying, 1, (i % 4) - 2 + 0.5, spot * (0.7 + 0.05 * i), NOW + (3 + 13L * i) * DAY,
                    i % 2 == 0, 0.45 + 0.02 * i);
            }
            else
            {
                portfolio.linear(underlying, 1, i % 2 == 0 ? 3 : -2, spot * 0.98);
            }
        }
    }

    @Benchmark
    public MarginResult fullMargin()
    {
        calculator.compute(portfolio, result);
        return result;
    }
}
