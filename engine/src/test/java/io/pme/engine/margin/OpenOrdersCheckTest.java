package io.pme.engine.margin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.engine.rulebook.MarginCalculator;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.Portfolio;
import io.pme.engine.rulebook.RiskParameters;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A check on an account with accepted open orders sees them as filled at their limits (per instrument the worse
 * side, buys or sells), with the new order on top.
 * <p>
 * Most cases compare the engine's figures with the offline {@code MarginCalculator} on the positions those orders
 * would make. The calculator shares the rulebook building blocks (risk arrays, volatility shocks, scenario vectors,
 * aggregation, Black–Scholes) with the engine's incremental path, so those cases prove the bookkeeping of open
 * orders (which side, summed quantities, average limits, the new order netted on top), not the margin method: a
 * mistake in a shared block would pass them. {@link #handWorkedFiguresWithBothSidesOpen()} shares no code with the
 * engine: its figures are worked by hand from the rulebook. The method itself is held by such checks elsewhere:
 * {@code RulebookExampleThroughEngineTest} (the leads' worked example through the business logic) and, for the
 * calculator, the tools' {@code MarginCommandTest} (a second implementation and the hand-worked document).
 */
class OpenOrdersCheckTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";
    private static final String[] SYMBOLS = {"USD", "USDC", "BTC", "ETH"};
    private static final double BTC = 90_000;
    private static final double ETH = 3_000;

    @Test
    void checkWithOpenOrdersMatchesFullRevaluation() throws Exception
    {
        final EngineFrames engine = engineWithDeposit();

        assertEquals("ACCEPTED", check(engine, 0, "BUY", 0.5, 89_000, 1).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 1, "SELL", 10, 3_050, 2).get("outcome").asText());
        final JsonNode third = check(engine, 0, "BUY", 0.2, 91_000, 3);

        final int maxAssets = engine.state.assets().capacity();
        final RiskParameters parameters = RiskParameters.loadDefaults(maxAssets);
        final Portfolio portfolio = new Portfolio(maxAssets, 8);
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            parameters.defineAsset(a, SYMBOLS[a]);
        }
        portfolio.price(0, 1.0);
        portfolio.price(1, 1.0);
        portfolio.price(2, BTC);
        portfolio.price(3, ETH);
        portfolio.balance(1, 100_000);
        portfolio.linear(2, 1, 0.5, 89_000);
        portfolio.linear(3, 1, -10, 3_050);
        portfolio.linear(2, 1, 0.2, 91_000);
        final MarginResult expected = new MarginResult(maxAssets);
        new MarginCalculator(parameters, maxAssets).compute(portfolio, expected);

        assertEquals(expected.equity(), third.get("equity").asDouble(), 1e-9 * expected.equity());
        assertEquals(expected.initialMargin(), third.get("initialMargin").asDouble(), 1e-9 * expected.initialMargin());
        assertEquals("ACCEPTED", third.get("outcome").asText());
    }

    @Test
    void bothSidesOpenOnOneInstrumentCountTheWorseSideFilled() throws Exception
    {
        // Open on BTC-PERP: a buy of 0.5 at 89,000 and sells of 1.0 at 91,000 and 0.3 at 90,500; open on ETH-PERP a
        // sell of 10 at 3,050. By hand the sells are the worse side: 1.3 BTC short beside the ETH short (same
        // direction, one correlation set) against 0.5 BTC long that the ETH short partly hedges.
        final EngineFrames engine = engineWithDeposit();
        assertEquals("ACCEPTED", check(engine, 0, "BUY", 0.5, 89_000, 1).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 0, "SELL", 1.0, 91_000, 2).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 0, "SELL", 0.3, 90_500, 3).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 1, "SELL", 10, 3_050, 4).get("outcome").asText());
        final JsonNode checked = check(engine, 0, "BUY", 0.2, 91_000, 5);

        final double sellPrice = (1.0 * 91_000 + 0.3 * 90_500) / 1.3;
        assertWorseSideFilled(engine, checked, new double[] {0.5, 89_000}, new double[] {-1.3, sellPrice}, false);
    }

    @Test
    void worseSideIsTheBuysWhenTheyNeedMoreMargin() throws Exception
    {
        // Open on BTC-PERP: buys of 1.5 at 90,000 and 0.5 at 89,500, a sell of 0.4 at 90,200; the ETH short of 10
        // hedges part of the buys, yet 2 BTC long needs more than 0.4 BTC short beside the ETH short.
        final EngineFrames engine = engineWithDeposit();
        assertEquals("ACCEPTED", check(engine, 0, "SELL", 0.4, 90_200, 1).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 0, "BUY", 1.5, 90_000, 2).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 0, "BUY", 0.5, 89_500, 3).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 1, "SELL", 10, 3_050, 4).get("outcome").asText());
        final JsonNode checked = check(engine, 0, "BUY", 0.2, 91_000, 5);

        final double buyPrice = (1.5 * 90_000 + 0.5 * 89_500) / 2.0;
        assertWorseSideFilled(engine, checked, new double[] {2.0, buyPrice}, new double[] {-0.4, 90_200}, true);
    }

    @Test
    void handWorkedFiguresWithBothSidesOpen() throws Exception
    {
        // By hand, from the rulebook (no engine class involved). 100,000 USDC at 1 with its 1% haircut: CV 99,000.
        // Open on BTC-PERP (BTC 90,000, range 16%, contingency 0.5% of notional):
        //   buys  +0.5 @ 89,000 alone: E = 99,000 + 0.5 x 1,000 = 99,500;   IM = 0.5 x 14,400 + 0.5 x 450 = 7,425
        //   sells -1.0 @ 91,000 alone: E = 99,000 + 1.0 x 1,000 = 100,000;  IM = 1.0 x 14,400 + 1.0 x 450 = 14,850
        // The sells need more (shortfall -85,150 against -92,075): they are seen as filled. The new buy of 0.2 at
        // 90,000 nets to -0.8 BTC, marked at the index so equity stays 100,000; the worst scenario is +16% (the
        // tails tie it, weighted to the range): IM = 0.8 x 14,400 + 0.8 x 450 = 11,520 + 360 = 11,880, MM 9,504.
        // With the buys seen as filled instead it would be 0.7 long: IM 10,395, equity 99,500.
        final EngineFrames engine = engineWithDeposit();
        assertEquals("ACCEPTED", check(engine, 0, "BUY", 0.5, 89_000, 1).get("outcome").asText());
        assertEquals("ACCEPTED", check(engine, 0, "SELL", 1.0, 91_000, 2).get("outcome").asText());
        final JsonNode checked = check(engine, 0, "BUY", 0.2, 90_000, 3);

        assertEquals("ACCEPTED", checked.get("outcome").asText());
        assertEquals(100_000, checked.get("equity").asDouble(), 1e-9 * 100_000);
        assertEquals(11_880, checked.get("initialMargin").asDouble(), 1e-9 * 11_880);
        assertEquals(9_504, checked.get("maintenanceMargin").asDouble(), 1e-9 * 9_504);
    }

    // The expected figures come from the offline MarginCalculator on the explicit portfolio of each side. The
    // calculator shares its risk arrays and aggregation with the engine, so this proves the engine's bookkeeping of
    // open orders (which side, summed quantities, average limits, the new order on top), not the method itself.
    private static void assertWorseSideFilled(
        final EngineFrames engine, final JsonNode checked, final double[] buys, final double[] sells,
        final boolean buysAreWorse)
    {
        final MarginResult withBuys = offline(engine, buys, null);
        final MarginResult withSells = offline(engine, sells, null);
        final double buyShortfall = withBuys.initialMargin() - withBuys.equity();
        final double sellShortfall = withSells.initialMargin() - withSells.equity();
        assertEquals(buysAreWorse, buyShortfall > sellShortfall,
            () -> "shortfall with buys " + buyShortfall + ", with sells " + sellShortfall);

        final double[] newOrder = {0.2, 91_000};
        final MarginResult expected = offline(engine, buysAreWorse ? buys : sells, newOrder);
        final MarginResult otherSide = offline(engine, buysAreWorse ? sells : buys, newOrder);
        // the two sides give figures far apart, so matching one cannot be an accident of the tolerance
        assertTrue(Math.abs(expected.initialMargin() - otherSide.initialMargin()) > 100);
        assertEquals(expected.equity(), checked.get("equity").asDouble(), 1e-9 * expected.equity());
        assertEquals(expected.initialMargin(), checked.get("initialMargin").asDouble(),
            1e-9 * expected.initialMargin());
        assertEquals("ACCEPTED", checked.get("outcome").asText());
    }

    private static MarginResult offline(final EngineFrames engine, final double[] btcSide, final double[] newOrder)
    {
        final int maxAssets = engine.state.assets().capacity();
        final RiskParameters parameters = RiskParameters.loadDefaults(maxAssets);
        final Portfolio portfolio = new Portfolio(maxAssets, 8);
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            parameters.defineAsset(a, SYMBOLS[a]);
        }
        portfolio.price(0, 1.0);
        portfolio.price(1, 1.0);
        portfolio.price(2, BTC);
        portfolio.price(3, ETH);
        portfolio.balance(1, 100_000);
        // one position per instrument: the new order on BTC-PERP nets with the side seen as filled (the linear
        // contingency is on the net size), its entry the quantity-weighted limit (the same equity as two positions)
        final double qty = btcSide[0] + (newOrder == null ? 0.0 : newOrder[0]);
        final double cost = btcSide[0] * btcSide[1] + (newOrder == null ? 0.0 : newOrder[0] * newOrder[1]);
        portfolio.linear(2, 1, qty, cost / qty);
        portfolio.linear(3, 1, -10, 3_050);
        final MarginResult result = new MarginResult(maxAssets);
        new MarginCalculator(parameters, maxAssets).compute(portfolio, result);
        return result;
    }

    private static EngineFrames engineWithDeposit() throws Exception
    {
        final EngineFrames engine = new EngineFrames();
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            engine.send("{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":" + a +
                ",\"symbol\":\"" + SYMBOLS[a] + "\"}");
        }
        engine.send(perpetual(0, 2, "BTC-PERP"));
        engine.send(perpetual(1, 3, "ETH-PERP"));
        engine.send(price(1, 1.0));
        engine.send(price(2, BTC));
        engine.send(price(3, ETH));
        engine.send("{\"type\":\"AccountOpen\"," + T + ",\"clientId\":1,\"accountId\":1,\"marginMode\":\"CROSS\"}");
        engine.send("{\"type\":\"Deposit\"," + T + ",\"clientId\":1,\"accountId\":1,\"assetId\":1,\"amount\":100000}");
        return engine;
    }

    private static JsonNode check(
        final EngineFrames engine, final int instrument, final String side, final double quantity, final double limit,
        final long orderId) throws Exception
    {
        final List<String> out = engine.send("{\"type\":\"OrderCheck\"," + T + ",\"clientId\":3,\"accountId\":1," +
            "\"instrumentId\":" + instrument + ",\"side\":\"" + side + "\",\"quantity\":" + quantity +
            ",\"limitPrice\":" + limit + ",\"clientOrderId\":" + orderId + "}");
        return new ObjectMapper().readTree(out.get(out.size() - 1));
    }

    private static String perpetual(final int id, final int underlying, final String symbol)
    {
        return "{\"type\":\"InstrumentDefinition\"," + T + ",\"clientId\":1,\"instrumentId\":" + id +
            ",\"underlyingAssetId\":" + underlying + ",\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1," +
            "\"strike\":0,\"expiryNs\":0,\"symbol\":\"" + symbol + "\"}";
    }

    private static String price(final int asset, final double price)
    {
        return "{\"type\":\"OraclePrice\"," + T + ",\"clientId\":2,\"sourceId\":1,\"assetId\":" + asset +
            ",\"price\":" + price + ",\"sourceTimestampNs\":0}";
    }
}
