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

/**
 * A check on an account with accepted open orders sees them as filled at their limits: its figures must equal the
 * offline calculator's on the positions those orders and the checked one would make.
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
