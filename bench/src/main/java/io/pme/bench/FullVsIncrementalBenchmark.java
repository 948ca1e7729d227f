package io.pme.bench;

import io.pme.engine.rulebook.MarginCalculator;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.Portfolio;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The same BTC tick (price alternating 0.1%) handled two ways, on N accounts that all hold BTC:
 * <ul>
 * <li>{@code full}: the straightforward way: for every account exposed to BTC, fill a {@link Portfolio} from the
 * engine state and run {@link MarginCalculator#compute}, which revalues every position with Black–Scholes in every
 * scenario (and also works out Greeks and siloed IM, as the offline calculator does);</li>
 * <li>{@code incremental}: the engine's path, {@code InputProcessor.process} of the OraclePrice frame.</li>
 * </ul>
 * Report the ratio full / incremental. The setup checks that both give the same IM.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dagrona.disable.bounds.checks=true",
    "-Xms2g", "-Xmx2g" })
@State(Scope.Thread)
public class FullVsIncrementalBenchmark
{
    @Param({ "1000", "10000" })
    public int accounts;

    private BenchState bench;
    private EngineState state;
    private Accounts table;
    private Assets assets;
    private Instruments instruments;
    private Portfolio portfolio;
    private MarginResult result;
    private MarginCalculator calculator;
    private long fullTicks;

    @Setup(Level.Trial)
    public void setup()
    {
        bench = new BenchState(accounts);
        state = bench.state;
        table = state.accounts();
        assets = state.assets();
        instruments = state.instruments();
        final int maxAssets = assets.capacity();
        portfolio = new Portfolio(maxAssets, table.maxPositions());
        result = new MarginResult(maxAssets);
        calculator = new MarginCalculator(bench.model.parameters(), maxAssets);
        System.out.println();
        System.out.println(bench.summary());
        verifySameFigures();
    }

    // Full revaluation at the state's own prices must give the engine's figures.
    private void verifySameFigures()
    {
        double worst = 0.0;
        for (int slot = 0; slot < Math.min(1_000, table.count()); slot++)
        {
            fill(slot, assets.price(BenchMarket.BTC), assets.priceTimeNs(BenchMarket.BTC));
            calculator.compute(portfolio, result);
            final double engine = table.initialMargin(slot);
            worst = Math.max(worst, Math.abs(result.initialMargin() - engine) / Math.max(1.0, Math.abs(engine)));
        }
        System.out.printf(
            "full revaluation vs engine IM, worst relative difference over 1,000 accounts: %.2e%n", worst);
        if (worst > 1e-6)
        {
            System.out.println("WARNING: full revaluation and engine disagree: the comparison is not like for like");
        }
    }

    @Benchmark
    public double full()
    {
        fullTicks++;
        final double price = BenchMarket.SPOTS[BenchMarket.BTC] * (0 == (fullTicks & 1) ? 1.0 : 1.001);
        final long timeNs = BenchMarket.NOW + fullTicks * 1_000_000L;
        double total = 0.0;
        for (int slot = 0, n = table.count(); slot < n; slot++)
        {
            if (isExposedToBtc(slot))
            {
                fill(slot, price, timeNs);
                calculator.compute(portfolio, result);
                total += result.initialMargin();
            }
        }
        return total;
    }

    @Benchmark
    public long incremental()
    {
        bench.tickBtc();
        return bench.outbox.frames;
    }

    private boolean isExposedToBtc(final int slot)
    {
        if (0.0 != table.balance(slot, BenchMarket.BTC))
        {
            return true;
        }
        for (int i = 0, n = table.positionCount(slot); i < n; i++)
        {
            if (BenchMarket.BTC == instruments.underlying(table.positionInstrument(slot, i)))
            {
                return true;
            }
        }
        return false;
    }

    // The account as the offline calculator takes it; options valued at their underlying's price time, as the
    // engine does (the calculator has one valuation time, so expiries are shifted instead).
    private void fill(final int slot, final double btcPrice, final long btcTimeNs)
    {
        portfolio.clear();
        portfolio.valuationTimeNs(0);
        for (int a = 0, n = BenchMarket.SYMBOLS.length; a < n; a++)
        {
            portfolio.price(a, BenchMarket.BTC == a ? btcPrice : assets.price(a));
            portfolio.balance(a, table.balance(slot, a));
        }
        for (int i = 0, n = table.positionCount(slot); i < n; i++)
        {
            final int instrument = table.positionInstrument(slot, i);
            final int u = instruments.underlying(instrument);
            final double quantity = table.positionQuantity(slot, i);
            if (instruments.isOption(instrument))
            {
                final long valuationNs = BenchMarket.BTC == u ? btcTimeNs : assets.priceTimeNs(u);
                final boolean isCall = Instruments.RIGHT_CALL == instruments.right(instrument);
                portfolio.option(u, instruments.multiplier(instrument), quantity, instruments.strike(instrument),
                    instruments.expiryNs(instrument) - valuationNs, isCall, instruments.vol(instrument));
            }
            else
            {
                portfolio.linear(u, instruments.multiplier(instrument), quantity, table.positionEntryPrice(slot, i));
            }
        }
    }
}
