package io.pme.engine.margin;

import io.pme.engine.logic.MarginFigures;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rulebook section 7 in the live engine, against figures worked by hand from the rulebook (BTC's price range 0.16,
 * so a linear exposure's worst scenario loses 16% of its net notional; linear contingency 0.5%; WBTC's de-peg shock
 * 5%, its haircut 0 below 5M USD): WBTC hedges a short BTC perpetual as BTC would, a de-peg of WBTC alone moves
 * equity by the balance times the price move and IM by the basis it opens and the add-on, and the parameters
 * {@code WRAPS} and {@code DEPEG_SHOCK} are applied and refused at their bounds.
 */
class WrappedAssetMarginTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int WBTC = 2;
    private static final int USDC = 3;
    private static final double SPOT = 90_000;
    private static final double RANGE = 0.16;
    private static final double LINEAR_CONTINGENCY = 0.005;
    private static final double DEPEG = 0.05;
    private static final long HEDGED = 1;
    private static final long WRAPPED_ONLY = 2;
    private static final long SHORT_ONLY = 3;
    private static final double USD_DEPOSIT = 1_000_000;

    private long now = EngineMatchesCalculatorPropertyTest.NOW;

    @Test
    void wbtcHedgesAShortPerpetualAndADepegMovesEquityAndTheAddOn()
    {
        final EngineFrames engine = market(true);
        account(engine, HEDGED, 40, -40);
        account(engine, WRAPPED_ONLY, 40, 0);
        account(engine, SHORT_ONLY, 0, -40);
        final Accounts accounts = engine.state.accounts();
        final int hedged = accounts.slot(HEDGED);

        final double hedgedIm = 40 * SPOT * LINEAR_CONTINGENCY + DEPEG * 40 * SPOT;
        final double wrappedIm = RANGE * 40 * SPOT + DEPEG * 40 * SPOT;
        final double shortIm = RANGE * 40 * SPOT + 40 * SPOT * LINEAR_CONTINGENCY;
        engine.risk.settle();
        assertClose(hedgedIm, accounts.initialMargin(hedged));
        assertClose(wrappedIm, accounts.initialMargin(accounts.slot(WRAPPED_ONLY)));
        assertClose(shortIm, accounts.initialMargin(accounts.slot(SHORT_ONLY)));
        assertTrue(accounts.initialMargin(hedged) < 0.4 * Math.min(wrappedIm, shortIm));

        // BTC moves, WBTC with it: the hedge holds and the figures follow both prices
        price(engine, BTC, 99_000);
        price(engine, WBTC, 99_000);
        engine.risk.settle();
        assertClose(40 * 99_000 * (LINEAR_CONTINGENCY + DEPEG), accounts.initialMargin(hedged));
        price(engine, BTC, SPOT);
        price(engine, WBTC, SPOT);
        engine.risk.settle();
        final double equityBefore = accounts.equity(hedged);
        assertClose(USD_DEPOSIT + 40 * SPOT, equityBefore);

        // WBTC de-pegs by 10%, BTC unchanged: the basis opens a net short of 4 BTC worth in BTC's grid
        final double depegged = 0.9 * SPOT;
        price(engine, WBTC, depegged);
        engine.risk.settle();
        assertClose(equityBefore + 40 * (depegged - SPOT), accounts.equity(hedged));
        assertClose(RANGE * 40 * (SPOT - depegged) + 40 * SPOT * LINEAR_CONTINGENCY + DEPEG * 40 * depegged,
            accounts.initialMargin(hedged));
        assertClose(RANGE * 40 * depegged + DEPEG * 40 * depegged,
            accounts.initialMargin(accounts.slot(WRAPPED_ONLY)));
        assertEquals(AccountStates.HEALTHY, accounts.state(hedged));

        // BTC then moves alone: WBTC's P&L in BTC's grid does not depend on BTC's spot
        price(engine, BTC, 1.05 * SPOT);
        engine.risk.settle();
        assertClose(RANGE * 40 * (1.05 * SPOT - depegged) + 40 * 1.05 * SPOT * LINEAR_CONTINGENCY +
            DEPEG * 40 * depegged, accounts.initialMargin(hedged));
        assertClose(RANGE * 40 * depegged + DEPEG * 40 * depegged,
            accounts.initialMargin(accounts.slot(WRAPPED_ONLY)));

        // the full revaluation (checks with open orders, what-ifs of a withdrawal) agrees, and a withdrawal of all
        // the WBTC leaves the short perpetual alone
        final MarginFigures figures = new MarginFigures();
        engine.risk.whatIfExact(hedged, -1, 0.0, 0.0, figures);
        assertClose(accounts.initialMargin(hedged), figures.initialMargin);
        assertClose(accounts.equity(hedged), figures.equity);
        engine.risk.whatIf(hedged, -1, 0.0, 0.0, WBTC, -40, figures);
        assertClose(RANGE * 40 * 1.05 * SPOT + 40 * 1.05 * SPOT * LINEAR_CONTINGENCY, figures.initialMargin);
    }

    @Test
    void bandsOrNotTheSameFiguresAlongTicksOfBothPrices()
    {
        final long start = now;
        final EngineFrames skipping = market(true);
        // the same inputs at the same times
        now = start;
        final EngineFrames visiting = market(false);
        for (final EngineFrames engine : List.of(skipping, visiting))
        {
            account(engine, HEDGED, 40, -40);
            account(engine, WRAPPED_ONLY, 3, 0);
        }
        final java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double btc = SPOT;
        double wbtc = SPOT;
        for (int t = 0; t < 200; t++)
        {
            final boolean wrapped = random.nextBoolean();
            if (wrapped)
            {
                wbtc *= Math.exp(0.003 * random.nextGaussian());
            }
            else
            {
                btc *= Math.exp(0.003 * random.nextGaussian());
            }
            now += 1_000_000_000L;
            for (final EngineFrames engine : List.of(skipping, visiting))
            {
                final long at = now;
                engine.send(priceInput(wrapped ? WBTC : BTC, wrapped ? wbtc : btc, at));
            }
            for (final long id : new long[]{ HEDGED, WRAPPED_ONLY })
            {
                skipping.risk.settle();
                visiting.risk.settle();
                final int slot = skipping.state.accounts().slot(id);
                assertEquals(visiting.state.accounts().initialMargin(slot),
                    skipping.state.accounts().initialMargin(slot), 0.0);
                assertEquals(visiting.state.accounts().equity(slot), skipping.state.accounts().equity(slot), 0.0);
            }
        }
        assertEquals(visiting.processor.digest(), skipping.processor.digest(), "state digests");
    }

    @Test
    void aWrappedBalanceWithoutItsUnderlyingsPriceIsUnmarginedUntilThePriceComes()
    {
        final EngineFrames engine = new EngineFrames();
        define(engine, USD, "USD");
        define(engine, WBTC, "WBTC");
        price(engine, WBTC, SPOT);
        open(engine, HEDGED);
        deposit(engine, HEDGED, WBTC, 10);
        final Accounts accounts = engine.state.accounts();
        final int slot = accounts.slot(HEDGED);
        // no BTC defined: WBTC wraps nothing yet, plain collateral at its tiers
        engine.risk.settle();
        assertClose(10 * SPOT, accounts.equity(slot));
        assertEquals(0.0, accounts.initialMargin(slot));
        // BTC defined: WBTC is its exposure, and BTC has no price yet
        define(engine, BTC, "BTC");
        assertEquals(AccountStates.UNMARGINED, accounts.state(slot));
        price(engine, BTC, SPOT);
        engine.risk.settle();
        assertClose(10 * SPOT * (RANGE + DEPEG), accounts.initialMargin(slot));
        assertEquals(AccountStates.HEALTHY, accounts.state(slot));
    }

    @Test
    void wrapsAndDepegShockAreAppliedAndRefusedAtTheirBounds()
    {
        final EngineFrames engine = market(true);
        define(engine, 4, "ETH");
        define(engine, 5, "STETH");
        account(engine, WRAPPED_ONLY, 10, 0);
        final Accounts accounts = engine.state.accounts();
        final int slot = accounts.slot(WRAPPED_ONLY);
        engine.risk.settle();
        assertClose(10 * SPOT * (RANGE + DEPEG), accounts.initialMargin(slot));

        assertEquals("Ack", parameter(engine, "DEPEG_SHOCK", WBTC, 0, 0.2, 0));
        assertClose(10 * SPOT * (RANGE + 0.2), accounts.initialMargin(slot));
        assertEquals("Ack", parameter(engine, "DEPEG_SHOCK", WBTC, 0, 1, 0));
        assertEquals("Ack", parameter(engine, "DEPEG_SHOCK", WBTC, 0, 0, 0));
        assertClose(10 * SPOT * RANGE, accounts.initialMargin(slot));
        for (final double refused : new double[]{ -0.1, 5e-7, 1.0000001, Double.NaN })
        {
            assertEquals("INVALID_VALUE", parameter(engine, "DEPEG_SHOCK", WBTC, 0, refused, 0), "" + refused);
        }
        assertEquals("INVALID_VALUE", parameter(engine, "DEPEG_SHOCK", WBTC, 1, 0.1, 0));
        assertEquals("INVALID_VALUE", parameter(engine, "DEPEG_SHOCK", BTC, 0, 0.1, 0));
        assertEquals("UNKNOWN_ASSET", parameter(engine, "DEPEG_SHOCK", 9, 0, 0.1, 0));
        assertEquals("Ack", parameter(engine, "RESET_TO_DEFAULT", WBTC, 20, 0, 0));
        assertClose(10 * SPOT * (RANGE + DEPEG), accounts.initialMargin(slot));

        // unwrapped: plain collateral at its tiers, no exposure; then wrapped again, by hand and by a reset
        assertEquals("Ack", parameter(engine, "WRAPS", WBTC, 0, -1, 0));
        assertEquals(0.0, accounts.initialMargin(slot));
        assertEquals("Ack", parameter(engine, "WRAPS", WBTC, 0, BTC, 0));
        assertClose(10 * SPOT * (RANGE + DEPEG), accounts.initialMargin(slot));
        assertEquals("Ack", parameter(engine, "WRAPS", WBTC, 0, -1, 0));
        assertEquals("Ack", parameter(engine, "RESET_TO_DEFAULT", WBTC, 19, 0, 0));
        assertClose(10 * SPOT * (RANGE + DEPEG), accounts.initialMargin(slot));

        assertEquals("INVALID_VALUE", parameter(engine, "WRAPS", WBTC, 0, WBTC, 0), "itself");
        assertEquals("INVALID_VALUE", parameter(engine, "WRAPS", BTC, 0, 4, 0), "an underlying wrapping");
        assertEquals("NOT_AN_UNDERLYING", parameter(engine, "WRAPS", 5, 0, WBTC, 0), "a wrapped asset");
        assertEquals("NOT_AN_UNDERLYING", parameter(engine, "WRAPS", WBTC, 0, USDC, 0), "no grid");
        assertEquals("UNKNOWN_ASSET", parameter(engine, "WRAPS", WBTC, 0, 9, 0), "undefined");
        for (final double refused : new double[]{ -2, 1.5, 64, Double.NaN, Double.POSITIVE_INFINITY })
        {
            assertEquals("INVALID_VALUE", parameter(engine, "WRAPS", WBTC, 0, refused, 0), "" + refused);
        }
        assertEquals("INVALID_VALUE", parameter(engine, "WRAPS", WBTC, 0, BTC, 1));
        assertEquals("UNKNOWN_ASSET", parameter(engine, "WRAPS", 9, 0, BTC, 0));
        assertClose(10 * SPOT * (RANGE + DEPEG), accounts.initialMargin(slot));

        // STETH made to wrap BTC: an exposure of BTC at its own price
        price(engine, 5, 3_000);
        deposit(engine, WRAPPED_ONLY, 5, 100);
        assertEquals("Ack", parameter(engine, "WRAPS", 5, 0, BTC, 0));
        engine.risk.settle();
        assertClose((10 * SPOT + 100 * 3_000) * RANGE + 10 * SPOT * DEPEG + 100 * 3_000 * 0.06,
            accounts.initialMargin(slot));
    }

    /**
     * A restore defines every asset in id order and then re-applies the parameter log: it must end where the live run
     * did, whichever order the assets were defined in and whatever WRAPS and DEPEG_SHOCK updates came between.
     */
    @Test
    void aRestoreOfTheParameterLogEndsWhereTheLiveRunDid()
    {
        final EngineFrames engine = new EngineFrames();
        define(engine, USD, "USD");
        define(engine, WBTC, "WBTC");
        define(engine, 4, "STETH");
        assertEquals("Ack", parameter(engine, "WRAPS", WBTC, 0, -1, 0));
        assertEquals("Ack", parameter(engine, "DEPEG_SHOCK", 4, 0, 0.3, 0));
        // BTC and ETH defined after the assets wrapping them: WBTC stays unwrapped by the update, STETH links to ETH
        define(engine, BTC, "BTC");
        define(engine, 3, "ETH");
        assertEquals(-1, engine.risk.wrappedUnderlying(WBTC));
        assertEquals(3, engine.risk.wrappedUnderlying(4));
        price(engine, BTC, SPOT);
        price(engine, WBTC, SPOT);
        price(engine, 3, 3_000);
        price(engine, 4, 3_000);
        open(engine, HEDGED);
        deposit(engine, HEDGED, WBTC, 10);
        deposit(engine, HEDGED, 4, 100);
        engine.risk.settle();
        final long digest = engine.risk.parametersDigest();
        final double im = engine.state.accounts().initialMargin(engine.state.accounts().slot(HEDGED));
        assertClose(100 * 3_000 * (0.18 + 0.3), im);

        engine.processor.onRestore(engine.risk);
        assertEquals(digest, engine.risk.parametersDigest());
        assertEquals(-1, engine.risk.wrappedUnderlying(WBTC));
        assertEquals(3, engine.risk.wrappedUnderlying(4));
        engine.risk.refreshAll();
        assertClose(im, engine.state.accounts().initialMargin(engine.state.accounts().slot(HEDGED)));
    }

    /** Ticks of both prices, checks and what-ifs of a wrapped holder allocate nothing once warm. */
    @Test
    void ticksChecksAndWhatIfsOfWrappedHoldersAllocateNothing()
    {
        final EngineFrames engine = market(true);
        account(engine, HEDGED, 40, -40);
        account(engine, WRAPPED_ONLY, 3, 0);
        final int slot = engine.state.accounts().slot(HEDGED);
        final MarginFigures before = new MarginFigures();
        final MarginFigures after = new MarginFigures();
        final int[] changes = new int[1];
        final io.pme.engine.logic.MarginListener listener = (s, previous) -> changes[0]++;
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long allocated = Long.MAX_VALUE;
        // the least of the rounds once warm: a steady allocation shows in every round, a deoptimisation while the
        // rest of the suite warms other code (a busy machine compiles later) in one
        for (int round = 0; round < 8; round++)
        {
            final long from = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int t = 0; t < 1_000; t++)
            {
                final int asset = 0 == (t & 1) ? WBTC : BTC;
                now += 1_000_000L;
                engine.state.assets().price(asset, SPOT * (1.0 + 0.001 * ((t * 7) % 11 - 5)), now, 1);
                engine.risk.onPrice(asset, listener);
                engine.risk.check(slot, 0, 1.0, SPOT, before, after);
                engine.risk.whatIf(slot, -1, 0.0, 0.0, WBTC, -1.0, after);
            }
            final long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - from;
            allocated = round >= 2 ? Math.min(allocated, bytes) : allocated;
        }
        assertEquals(0, allocated, "bytes allocated by the least of 1,000 warm ticks, checks and what-ifs");
    }

    private EngineFrames market(final boolean skipSafeAccounts)
    {
        final EngineFrames engine = new EngineFrames(skipSafeAccounts);
        define(engine, USD, "USD");
        define(engine, BTC, "BTC");
        define(engine, WBTC, "WBTC");
        define(engine, USDC, "USDC");
        price(engine, BTC, SPOT);
        price(engine, WBTC, SPOT);
        price(engine, USDC, 1);
        sendAcked(engine, EngineMatchesCalculatorPropertyTest.json("InstrumentDefinition", 1,
            "\"instrumentId\":0,\"underlyingAssetId\":" + BTC + ",\"kind\":\"PERPETUAL\",\"right\":\"NONE\"," +
            "\"multiplier\":1,\"strike\":0,\"expiryNs\":0,\"symbol\":\"BTC-PERP\"", now));
        return engine;
    }

    private void account(final EngineFrames engine, final long id, final double wbtc, final double perpetual)
    {
        open(engine, id);
        deposit(engine, id, USD, USD_DEPOSIT);
        if (0.0 != wbtc)
        {
            deposit(engine, id, WBTC, wbtc);
        }
        if (0.0 != perpetual)
        {
            sendAcked(engine, EngineMatchesCalculatorPropertyTest.json("Fill", 4, "\"accountId\":" + id +
                ",\"instrumentId\":0,\"quantity\":" + perpetual + ",\"price\":" + SPOT +
                ",\"fee\":0,\"clientOrderId\":0", now));
        }
    }

    private void define(final EngineFrames engine, final int assetId, final String symbol)
    {
        sendAcked(engine, EngineMatchesCalculatorPropertyTest.json("AssetDefinition", 1,
            "\"assetId\":" + assetId + ",\"symbol\":\"" + symbol + "\"", now));
    }

    private void open(final EngineFrames engine, final long id)
    {
        sendAcked(engine, EngineMatchesCalculatorPropertyTest.json("AccountOpen", 1,
            "\"accountId\":" + id + ",\"marginMode\":\"CROSS\"", now));
    }

    private void deposit(final EngineFrames engine, final long id, final int assetId, final double amount)
    {
        sendAcked(engine, EngineMatchesCalculatorPropertyTest.json("Deposit", 1,
            "\"accountId\":" + id + ",\"assetId\":" + assetId + ",\"amount\":" + amount, now));
    }

    private void price(final EngineFrames engine, final int assetId, final double price)
    {
        now += 1_000_000L;
        sendAcked(engine, priceInput(assetId, price, now));
    }

    private static String priceInput(final int assetId, final double price, final long at)
    {
        return EngineMatchesCalculatorPropertyTest.json("OraclePrice", 2,
            "\"sourceId\":1,\"assetId\":" + assetId + ",\"price\":" + price + ",\"sourceTimestampNs\":0", at);
    }

    // "Ack", or the reason of the Reject
    private String parameter(
        final EngineFrames engine, final String id, final int assetId, final int index, final double value,
        final double value2)
    {
        final List<String> out = engine.send(EngineMatchesCalculatorPropertyTest.json("ParameterUpdate", 1,
            "\"parameterId\":\"" + id + "\",\"assetId\":" + assetId + ",\"index\":" + index + ",\"value\":" +
            number(value) + ",\"value2\":" + number(value2), now));
        engine.risk.settle();
        final String last = out.get(out.size() - 1);
        if (last.contains("\"type\":\"Ack\""))
        {
            return "Ack";
        }
        final java.util.regex.Matcher reason = java.util.regex.Pattern.compile("\"reason\":\"(\\w+)\"").matcher(last);
        assertTrue(reason.find(), last);
        return reason.group(1);
    }

    private static String number(final double value)
    {
        return Double.isFinite(value) ? Double.toString(value) : "\"" + value + "\"";
    }

    private static void sendAcked(final EngineFrames engine, final String input)
    {
        final List<String> out = engine.send(input);
        assertTrue(out.stream().anyMatch(o -> o.contains("\"type\":\"Ack\"")), () -> input + " -> " + out);
    }

    private static void assertClose(final double expected, final double actual)
    {
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)), () -> expected + " vs " + actual);
    }
}
