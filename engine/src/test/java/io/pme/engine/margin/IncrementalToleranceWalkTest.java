package io.pme.engine.margin;

import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Assets;
import io.pme.engine.state.Instruments;
import io.pme.pricing.BlackScholes;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.SplittableRandom;

import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.DAY;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.NOW;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.SPOTS;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.SYMBOLS;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.fullRevaluation;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.instrument;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.json;
import static io.pme.engine.margin.EngineMatchesCalculatorPropertyTest.openAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented tolerance of the incremental figures (docs/incremental-margin.md), checked after every input of long
 * random walks: price steps and jumps, hours of silence, options expiring during the walk (the shortest a minute
 * out), volatility ticks, stablecoin moves, and accounts placed within 0.1% of IM or MM. At every step, against a full
 * revaluation by the offline calculator: |ΔIM| ≤ 1e-6 × IM + 0.01 and |ΔE| ≤ 1e-6 × (|E| + Σ|option marks|) + 0.01,
 * and the state is the exact one.
 */
class IncrementalToleranceWalkTest
{
    private static final double RELATIVE = PortfolioRiskModel.TOLERANCE;
    private static final double ABSOLUTE = PortfolioRiskModel.TOLERANCE_FLOOR;
    private static final long SECOND = 1_000_000_000L;
    private static final int USDC = 1;
    private static final int FIRST_UNDERLYING = 3;
    private static final int BTC = FIRST_UNDERLYING;
    private static final int WBTC = 6;
    private static final int STETH = 7;

    // a long option a few hours out whose IM the expansion overstated by 2e-6 of it on one 0.2% tick, before the
    // remainder rule
    @Example
    void aTickWithinTheOptionsRangeButBeyondTheAccountsRemainder()
    {
        figuresStayWithinToleranceAndStatesExactAlongLongWalks(40, 8, 1, 0);
    }

    @Property(tries = 300)
    void figuresStayWithinToleranceAndStatesExactAlongLongWalks(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed,
        @ForAll @IntRange(min = 1, max = 12) final int positions,
        @ForAll @IntRange(min = 1, max = 120) final int steps,
        @ForAll @IntRange(min = 0, max = 2) final int placement)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineFrames engine = new EngineFrames();
        final int instrumentCount = define(engine, random);
        openAccount(engine, random, instrumentCount, positions);
        place(engine, placement, random);
        final double[] prices = SPOTS.clone();
        long now = NOW;
        compare(engine);
        for (int step = 0; step < steps; step++)
        {
            now += gap(random);
            final int event = random.nextInt(10);
            if (event < 6)
            {
                final int asset = FIRST_UNDERLYING + random.nextInt(SYMBOLS.length - FIRST_UNDERLYING);
                final double move = random.nextInt(25) == 0 ? random.nextDouble(-0.2, 0.2) :
                    0.002 * random.nextGaussian();
                prices[asset] *= Math.exp(move);
                price(engine, asset, prices[asset], now);
            }
            else if (event < 8)
            {
                final int id = random.nextInt(instrumentCount);
                if (engine.state.instruments().isOption(id))
                {
                    final double vol = engine.state.instruments().vol(id) * Math.exp(0.05 * random.nextGaussian());
                    engine.send(json("OptionVolatility", 2, "\"sourceId\":1,\"instrumentId\":" + id +
                        ",\"volatility\":" + Math.min(4.0, vol) + ",\"sourceTimestampNs\":0", now));
                }
            }
            else
            {
                final int asset = USDC + random.nextInt(2);
                prices[asset] *= Math.exp(0.001 * random.nextGaussian());
                price(engine, asset, prices[asset], now);
            }
            compare(engine);
        }
    }

    /**
     * Rulebook section 7 on the walk: WBTC and STETH balances (wrapping BTC and ETH) beside the random portfolio, their
     * prices ticking apart from their underlyings' in small steps and de-pegs of up to 10% either way, and the
     * underlyings moving alone.
     */
    @Property(tries = 150)
    void withWrappedBalancesFiguresStayWithinToleranceAndStatesExact(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed,
        @ForAll @IntRange(min = 0, max = 8) final int positions,
        @ForAll @IntRange(min = 1, max = 80) final int steps,
        @ForAll @IntRange(min = 0, max = 2) final int placement)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineFrames engine = new EngineFrames();
        final int instrumentCount = define(engine, random);
        final int[] wrapped = {WBTC, STETH};
        final double[] prices = java.util.Arrays.copyOf(SPOTS, STETH + 1);
        prices[WBTC] = SPOTS[BTC] * 0.998;
        prices[STETH] = SPOTS[BTC + 1] * 1.001;
        engine.send(json("AssetDefinition", 1, "\"assetId\":" + WBTC + ",\"symbol\":\"WBTC\""));
        engine.send(json("AssetDefinition", 1, "\"assetId\":" + STETH + ",\"symbol\":\"STETH\""));
        price(engine, WBTC, prices[WBTC], NOW);
        price(engine, STETH, prices[STETH], NOW);
        openAccount(engine, random, instrumentCount, positions);
        for (final int a : wrapped)
        {
            if (random.nextInt(4) != 0)
            {
                // up to about 20M USD, past WBTC's haircut tiers
                final double amount = Math.pow(10, random.nextDouble(0, 7.3)) / prices[a];
                engine.send(json("Deposit", 1, "\"accountId\":1,\"assetId\":" + a + ",\"amount\":" + amount));
            }
        }
        place(engine, placement, random);
        long now = NOW;
        compare(engine);
        for (int step = 0; step < steps; step++)
        {
            now += gap(random);
            final int event = random.nextInt(10);
            if (event < 4)
            {
                final int asset = wrapped[random.nextInt(2)];
                final double move = random.nextInt(8) == 0 ? random.nextDouble(-0.1, 0.1) :
                    0.001 * random.nextGaussian();
                prices[asset] *= Math.exp(move);
                price(engine, asset, prices[asset], now);
            }
            else if (event < 8)
            {
                final int asset = BTC + random.nextInt(3);
                final double move = random.nextInt(25) == 0 ? random.nextDouble(-0.2, 0.2) :
                    0.002 * random.nextGaussian();
                prices[asset] *= Math.exp(move);
                price(engine, asset, prices[asset], now);
            }
            else
            {
                final int id = random.nextInt(instrumentCount);
                if (engine.state.instruments().isOption(id))
                {
                    final double vol = engine.state.instruments().vol(id) * Math.exp(0.05 * random.nextGaussian());
                    engine.send(json("OptionVolatility", 2, "\"sourceId\":1,\"instrumentId\":" + id +
                        ",\"volatility\":" + Math.min(4.0, vol) + ",\"sourceTimestampNs\":0", now));
                }
            }
            compare(engine);
        }
    }

    private static long gap(final SplittableRandom random)
    {
        final int kind = random.nextInt(10);
        if (kind < 5)
        {
            return random.nextLong(1, SECOND / 2);
        }
        if (kind < 8)
        {
            return random.nextLong(SECOND, 60 * SECOND);
        }
        return random.nextLong(60 * SECOND, 4 * 3600 * SECOND);
    }

    private static void price(final EngineFrames engine, final int asset, final double price, final long now)
    {
        engine.send(json("OraclePrice", 2, "\"sourceId\":1,\"assetId\":" + asset + ",\"price\":" + price +
            ",\"sourceTimestampNs\":0", now));
    }

    // Deposits USD so that equity sits within 0.1% of IM (placement 1) or MM (placement 2), where the figures allow.
    private static void place(final EngineFrames engine, final int placement, final SplittableRandom random)
    {
        final MarginResult exact = fullRevaluation(engine, engine.state.accounts().slot(1));
        if (0 == placement || MarginResult.STATUS_OK != exact.status() || !(exact.initialMargin() > 0.0))
        {
            return;
        }
        final double target = (1 == placement ? exact.initialMargin() : exact.maintenanceMargin()) *
            (1.0 + random.nextDouble(-0.001, 0.001));
        final double amount = target - exact.equity();
        if (amount > 0.0)
        {
            engine.send(json("Deposit", 1, "\"accountId\":1,\"assetId\":0,\"amount\":" + amount));
        }
    }

    private static void compare(final EngineFrames engine)
    {
        engine.risk.settle();
        final Accounts accounts = engine.state.accounts();
        final int slot = accounts.slot(1);
        final MarginResult expected = fullRevaluation(engine, slot);
        if (MarginResult.STATUS_OK != expected.status())
        {
            assertEquals(AccountStates.UNMARGINED, accounts.state(slot));
            return;
        }
        final double im = expected.initialMargin();
        final double e = expected.equity();
        final double imError = Math.abs(accounts.initialMargin(slot) - im);
        final double equityError = Math.abs(accounts.equity(slot) - e);
        final double gross = grossOptionValue(engine, slot);
        assertTrue(imError <= RELATIVE * im + ABSOLUTE, () -> "IM " + accounts.initialMargin(slot) + " vs " + im);
        assertTrue(equityError <= RELATIVE * (Math.abs(e) + gross) + ABSOLUTE,
            () -> "E " + accounts.equity(slot) + " vs " + e + " (gross option value " + gross + ")");
        assertEquals(expected.state(), accounts.state(slot), () -> "state at E " + e + " IM " + im);
    }

    private static double grossOptionValue(final EngineFrames engine, final int slot)
    {
        final Accounts accounts = engine.state.accounts();
        final Instruments instruments = engine.state.instruments();
        final Assets assets = engine.state.assets();
        final double rate = RiskParameters.loadDefaults(assets.capacity()).riskFreeRate();
        double gross = 0.0;
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int id = accounts.positionInstrument(slot, i);
            if (instruments.isOption(id))
            {
                final int u = instruments.underlying(id);
                final double t = (instruments.expiryNs(id) - assets.priceTimeNs(u)) / BlackScholes.NANOS_PER_YEAR;
                gross += Math.abs(accounts.positionQuantity(slot, i) * instruments.multiplier(id) *
                    BlackScholes.price(assets.price(u), instruments.strike(id), t, instruments.vol(id), rate,
                    Instruments.RIGHT_CALL == instruments.right(id)));
            }
        }
        return gross;
    }

    // Like the calculator test's instruments, with expiries from one minute to 400 days: some expire during a walk.
    private static int define(final EngineFrames engine, final SplittableRandom random)
    {
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            engine.send(json("AssetDefinition", 1, "\"assetId\":" + a + ",\"symbol\":\"" + SYMBOLS[a] + "\""));
            if (a > 0)
            {
                price(engine, a, SPOTS[a], NOW);
            }
        }
        int id = 0;
        for (int u = FIRST_UNDERLYING; u < SYMBOLS.length; u++)
        {
            engine.send(instrument(id++, u, "PERPETUAL", "NONE", 0, 0));
            engine.send(instrument(id++, u, "FUTURE", "NONE", 0, NOW + 30 * DAY));
            for (int k = 0; k < 5; k++)
            {
                final double strike = Math.round(SPOTS[u] * random.nextDouble(0.7, 1.4));
                final long expiry = NOW + (random.nextBoolean() ?
                    random.nextLong(60 * SECOND, DAY / 4) : random.nextLong(DAY / 4, 400 * DAY));
                final int option = id++;
                engine.send(instrument(option, u, "OPTION", random.nextBoolean() ? "CALL" : "PUT", strike, expiry));
                engine.send(json("OptionVolatility", 2, "\"sourceId\":1,\"instrumentId\":" + option +
                    ",\"volatility\":" + random.nextDouble(0.05, 2.5) + ",\"sourceTimestampNs\":0"));
            }
        }
        return id;
    }
}
