package io.pme.engine.margin;

import io.pme.engine.rulebook.MarginCalculator;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.Portfolio;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Instruments;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine computes margin from per-instrument risk arrays cached per tick; the offline calculator revalues every
 * position from scratch. On any portfolio, after any sequence of price moves, both must agree: to 1e-9 right after
 * an exact refresh, within the documented incremental tolerance along tick sequences.
 * <p>
 * What this proves is the incremental bookkeeping (cached risk arrays, moves by delta and gamma, settling, safe
 * bands, refreshes), not the margin method: {@code MarginCalculator} is built from the same rulebook blocks as the
 * incremental path (risk arrays, volatility shocks, scenario vectors and aggregation, Black–Scholes), so a mistake in
 * one of them would be made by both sides and pass here. Checks that share no code with the engine hold the method:
 * {@code RulebookExampleThroughEngineTest} (the leads' worked example through the business logic, their figures),
 * {@code OpenOrdersCheckTest#handWorkedFiguresWithBothSidesOpen} (figures worked by hand) and, for the calculator,
 * the tools' {@code MarginCommandTest} (a second implementation of the rulebook and the hand-worked document).
 */
class EngineMatchesCalculatorPropertyTest
{
    static final String[] SYMBOLS = {"USD", "USDC", "USDT", "BTC", "ETH", "SOL"};
    static final double[] SPOTS = {1, 1, 1, 90_000, 3_000, 200};
    static final long NOW = 1_795_478_400_000_000_000L;
    static final long DAY = 86_400_000_000_000L;

    /** Incremental figures stay within this of exact ones, relative to |equity| + IM (docs/incremental-margin.md). */
    static final double TOLERANCE = 1e-5;

    @Property(tries = 300)
    void afterAnExactRefreshFiguresEqualFullRevaluation(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed,
        @ForAll @IntRange(min = 0, max = 12) final int positions,
        @ForAll @IntRange(min = 0, max = 20) final int ticks)
    {
        final EngineFrames engine = portfolioAfterTicks(seed, positions, ticks, 0.3);
        engine.risk.refreshAll();
        compare(engine, 1e-9, 1e-9);
    }

    @Property(tries = 300)
    void alongRandomTickSequencesIncrementalFiguresStayWithinTolerance(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed,
        @ForAll @IntRange(min = 1, max = 12) final int positions,
        @ForAll @IntRange(min = 1, max = 200) final int ticks)
    {
        final EngineFrames engine = portfolioAfterTicks(seed, positions, ticks, 0.002);
        compare(engine, 0.0, TOLERANCE);
    }

    private static EngineFrames portfolioAfterTicks(
        final long seed, final int positions, final int ticks, final double tickVolatility)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineFrames engine = new EngineFrames();
        openAccount(engine, random, define(engine, random), positions);
        final double[] prices = SPOTS.clone();
        for (int t = 0; t < ticks; t++)
        {
            final int asset = 1 + random.nextInt(SYMBOLS.length - 1);
            // a random walk in small steps, with an occasional jump
            final double step = random.nextInt(50) == 0 ? random.nextDouble(-0.2, 0.2) :
                tickVolatility * random.nextGaussian();
            prices[asset] *= Math.exp(step);
            engine.send(json("OraclePrice", 2, "\"sourceId\":1,\"assetId\":" + asset + ",\"price\":" +
                prices[asset] + ",\"sourceTimestampNs\":0", NOW + (t + 1) * 100_000_000L));
        }
        return engine;
    }

    /** Opens account 1 with random balances and {@code positions} random fills among the defined instruments. */
    static void openAccount(
        final EngineFrames engine, final SplittableRandom random, final int instrumentCount, final int positions)
    {
        engine.send(json("AccountOpen", 1, "\"accountId\":1,\"marginMode\":\"CROSS\""));
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            if (random.nextInt(3) == 0)
            {
                final double amount = Math.pow(10, random.nextDouble(-1, 8)) / SPOTS[a];
                engine.send(json("Deposit", 1, "\"accountId\":1,\"assetId\":" + a + ",\"amount\":" + amount));
            }
        }
        for (int p = 0; p < positions; p++)
        {
            final int instrument = random.nextInt(instrumentCount);
            final double quantity = (random.nextBoolean() ? 1 : -1) * random.nextInt(1, 50) / 4.0;
            final double price = engine.state.instruments().isOption(instrument) ? random.nextDouble(0, 5_000) :
                SPOTS[engine.state.instruments().underlying(instrument)] * random.nextDouble(0.8, 1.2);
            engine.send(json("Fill", 4, "\"accountId\":1,\"instrumentId\":" + instrument + ",\"quantity\":" + quantity +
                ",\"price\":" + price + ",\"fee\":1.5,\"clientOrderId\":0"));
        }
    }

    private static void compare(final EngineFrames engine, final double relative, final double scaled)
    {
        engine.risk.settle();
        final int slot = engine.state.accounts().slot(1);
        final MarginResult expected = fullRevaluation(engine, slot);
        final Accounts accounts = engine.state.accounts();
        if (MarginResult.STATUS_OK != expected.status())
        {
            assertEquals(AccountStates.UNMARGINED, accounts.state(slot));
            return;
        }
        final double scale = Math.abs(expected.equity()) + expected.initialMargin();
        assertClose(expected.equity(), accounts.equity(slot), relative, scaled * scale);
        assertClose(expected.initialMargin(), accounts.initialMargin(slot), relative, scaled * scale);
        assertClose(expected.maintenanceMargin(), accounts.maintenanceMargin(slot), relative, scaled * scale);
        assertEquals(expected.state(), accounts.state(slot));
    }

    private static int define(final EngineFrames engine, final SplittableRandom random)
    {
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            engine.send(json("AssetDefinition", 1, "\"assetId\":" + a + ",\"symbol\":\"" + SYMBOLS[a] + "\""));
            if (a > 0)
            {
                engine.send(json("OraclePrice", 2, "\"sourceId\":1,\"assetId\":" + a + ",\"price\":" + SPOTS[a] +
                    ",\"sourceTimestampNs\":0"));
            }
        }
        int id = 0;
        for (int u = 3; u < SYMBOLS.length; u++)
        {
            engine.send(instrument(id++, u, "PERPETUAL", "NONE", 0, 0));
            engine.send(instrument(id++, u, "FUTURE", "NONE", 0, NOW + 30 * DAY));
            for (int k = 0; k < 4; k++)
            {
                final double strike = Math.round(SPOTS[u] * random.nextDouble(0.6, 1.5));
                final long expiry = NOW + random.nextLong(DAY / 24, 400 * DAY);
                final int option = id++;
                engine.send(instrument(option, u, "OPTION", random.nextBoolean() ? "CALL" : "PUT", strike, expiry));
                engine.send(json("OptionVolatility", 2, "\"sourceId\":1,\"instrumentId\":" + option +
                    ",\"volatility\":" + random.nextDouble(0.05, 2.5) + ",\"sourceTimestampNs\":0"));
            }
        }
        return id;
    }

    static String instrument(
        final int id,
        final int underlying,
        final String kind,
        final String right,
        final double strike,
        final long expiry)
    {
        return json("InstrumentDefinition", 1, "\"instrumentId\":" + id + ",\"underlyingAssetId\":" + underlying +
            ",\"kind\":\"" + kind + "\",\"right\":\"" + right + "\",\"multiplier\":" + (underlying == 3 ? 0.1 : 1) +
            ",\"strike\":" + strike + ",\"expiryNs\":" + expiry + ",\"symbol\":\"I" + id + "\"");
    }

    static String json(final String type, final int clientId, final String fields)
    {
        return json(type, clientId, fields, NOW);
    }

    static String json(final String type, final int clientId, final String fields, final long timestampNs)
    {
        return "{\"type\":\"" + type + "\",\"timestampNs\":" + timestampNs + ",\"clientId\":" + clientId + "," +
            fields + "}";
    }

    // The engine values every option of an underlying at that underlying's latest price time.
    static MarginResult fullRevaluation(final EngineFrames engine, final int slot)
    {
        final int maxAssets = engine.state.assets().capacity();
        final RiskParameters parameters = RiskParameters.loadDefaults(maxAssets);
        for (int a = 0; a < maxAssets; a++)
        {
            if (engine.state.assets().isDefined(a))
            {
                parameters.defineAsset(a, engine.state.assets().symbol(a));
            }
        }
        final Accounts accounts = engine.state.accounts();
        final Instruments instruments = engine.state.instruments();
        final MarginResult result = new MarginResult(maxAssets);
        final MarginCalculator calculator = new MarginCalculator(parameters, maxAssets);
        final Portfolio portfolio = new Portfolio(maxAssets, 64);
        long valuationNs = 0;
        for (int a = 0; a < maxAssets; a++)
        {
            if (engine.state.assets().isDefined(a))
            {
                portfolio.price(a, engine.state.assets().price(a));
                portfolio.balance(a, accounts.balance(slot, a));
            }
        }
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int instrument = accounts.positionInstrument(slot, i);
            final int u = instruments.underlying(instrument);
            final double quantity = accounts.positionQuantity(slot, i);
            if (instruments.isOption(instrument))
            {
                valuationNs = engine.state.assets().priceTimeNs(u);
                // the calculator takes one valuation time: shift expiry so time to expiry matches the engine's
                portfolio.option(u, instruments.multiplier(instrument), quantity, instruments.strike(instrument),
                    instruments.expiryNs(instrument) - valuationNs,
                    Instruments.RIGHT_CALL == instruments.right(instrument), instruments.vol(instrument));
            }
            else
            {
                portfolio.linear(u, instruments.multiplier(instrument), quantity, accounts.positionEntryPrice(slot, i));
            }
        }
        portfolio.valuationTimeNs(0);
        calculator.compute(portfolio, result);
        return result;
    }

    private static void assertClose(
        final double expected, final double actual, final double relative, final double absolute)
    {
        assertEquals(expected, actual, Math.max(relative * Math.max(1.0, Math.abs(expected)), absolute),
            () -> expected + " vs " + actual);
    }
}
