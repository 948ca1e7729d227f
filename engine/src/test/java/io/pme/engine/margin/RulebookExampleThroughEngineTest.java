package io.pme.engine.margin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.rulebook.RulebookExample;
import io.pme.engine.state.AccountStates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rulebook's worked example, built message by message through the engine's business logic (not the offline
 * calculator): the account's figures must equal the leads' expected results.
 */
class RulebookExampleThroughEngineTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @Test
    void coveredCallAndEthPerpMatchTheRulebook() throws IOException
    {
        final JsonNode expected = new ObjectMapper().readTree(
            RulebookExample.fixture(RulebookExample.EXPECTED).toFile());
        final EngineFrames engine = new EngineFrames();
        appliedAndAsExpected(engine, expected, List.of(
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":0,\"symbol\":\"USD\"}",
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":1,\"symbol\":\"USDC\"}",
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":2,\"symbol\":\"BTC\"}",
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":3,\"symbol\":\"ETH\"}",
            "{\"type\":\"InstrumentDefinition\"," + T + ",\"clientId\":1,\"instrumentId\":0,\"underlyingAssetId\":2," +
                "\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
                "\"symbol\":\"BTC-PERP\"}",
            "{\"type\":\"InstrumentDefinition\"," + T + ",\"clientId\":1,\"instrumentId\":1,\"underlyingAssetId\":3," +
                "\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
                "\"symbol\":\"ETH-PERP\"}",
            "{\"type\":\"InstrumentDefinition\"," + T + ",\"clientId\":1,\"instrumentId\":2,\"underlyingAssetId\":2," +
                "\"kind\":\"OPTION\",\"right\":\"CALL\",\"multiplier\":1,\"strike\":100000," +
                "\"expiry\":\"2026-12-25T08:00:00Z\",\"symbol\":\"BTC-25DEC26-100000-C\"}",
            "{\"type\":\"OraclePrice\"," + T + ",\"clientId\":2,\"sourceId\":1,\"assetId\":2,\"price\":90000," +
                "\"sourceTimestampNs\":0}",
            "{\"type\":\"OraclePrice\"," + T + ",\"clientId\":2,\"sourceId\":1,\"assetId\":3,\"price\":3000," +
                "\"sourceTimestampNs\":0}",
            "{\"type\":\"OraclePrice\"," + T + ",\"clientId\":2,\"sourceId\":1,\"assetId\":1,\"price\":1.0," +
                "\"sourceTimestampNs\":0}",
            "{\"type\":\"OptionVolatility\"," + T + ",\"clientId\":2,\"sourceId\":1,\"instrumentId\":2," +
                "\"volatility\":0.55,\"sourceTimestampNs\":0}",
            "{\"type\":\"AccountOpen\"," + T + ",\"clientId\":1,\"accountId\":7,\"marginMode\":\"CROSS\"}",
            "{\"type\":\"Deposit\"," + T + ",\"clientId\":1,\"accountId\":7,\"assetId\":1,\"amount\":50000}",
            "{\"type\":\"Deposit\"," + T + ",\"clientId\":1,\"accountId\":7,\"assetId\":2,\"amount\":2}",
            // sold at a zero premium so that the balances stay exactly the example's
            "{\"type\":\"Fill\"," + T + ",\"clientId\":4,\"accountId\":7,\"instrumentId\":2,\"quantity\":-2," +
                "\"price\":0,\"fee\":0,\"clientOrderId\":0}",
            "{\"type\":\"Fill\"," + T + ",\"clientId\":4,\"accountId\":7,\"instrumentId\":1,\"quantity\":30," +
                "\"price\":3100,\"fee\":0,\"clientOrderId\":0}"));
    }

    /**
     * Rulebook v2 section 7's example: WBTC against a short BTC perpetual and a short call, USDC beside. WBTC counts
     * at its own price less its own tiers, is an exposure in BTC's grid at its own price and adds its de-peg add-on.
     */
    @Test
    void wrappedBtcBasisMatchesTheRulebook() throws IOException
    {
        final JsonNode expected = new ObjectMapper().readTree(
            RulebookExample.fixture(RulebookExample.WRAPPED_EXPECTED).toFile());
        final String t = "\"timestamp\":\"2026-12-01T08:00:00Z\"";
        final EngineFrames engine = new EngineFrames();
        final int slot = appliedAndAsExpected(engine, expected, List.of(
            "{\"type\":\"AssetDefinition\"," + t + ",\"clientId\":1,\"assetId\":0,\"symbol\":\"USD\"}",
            "{\"type\":\"AssetDefinition\"," + t + ",\"clientId\":1,\"assetId\":1,\"symbol\":\"USDC\"}",
            // the wrapped asset before its underlying: the definitions link either way
            "{\"type\":\"AssetDefinition\"," + t + ",\"clientId\":1,\"assetId\":3,\"symbol\":\"WBTC\"}",
            "{\"type\":\"AssetDefinition\"," + t + ",\"clientId\":1,\"assetId\":2,\"symbol\":\"BTC\"}",
            "{\"type\":\"InstrumentDefinition\"," + t + ",\"clientId\":1,\"instrumentId\":0,\"underlyingAssetId\":2," +
                "\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
                "\"symbol\":\"BTC-PERP\"}",
            "{\"type\":\"InstrumentDefinition\"," + t + ",\"clientId\":1,\"instrumentId\":1,\"underlyingAssetId\":2," +
                "\"kind\":\"OPTION\",\"right\":\"CALL\",\"multiplier\":1,\"strike\":100000," +
                "\"expiry\":\"2026-12-26T08:00:00Z\",\"symbol\":\"BTC-2026-12-26-100000-C\"}",
            "{\"type\":\"OraclePrice\"," + t + ",\"clientId\":2,\"sourceId\":1,\"assetId\":2,\"price\":92000," +
                "\"sourceTimestampNs\":0}",
            "{\"type\":\"OraclePrice\"," + t + ",\"clientId\":2,\"sourceId\":1,\"assetId\":3,\"price\":91540," +
                "\"sourceTimestampNs\":0}",
            "{\"type\":\"OraclePrice\"," + t + ",\"clientId\":2,\"sourceId\":1,\"assetId\":1,\"price\":0.9995," +
                "\"sourceTimestampNs\":0}",
            "{\"type\":\"OptionVolatility\"," + t + ",\"clientId\":2,\"sourceId\":1,\"instrumentId\":1," +
                "\"volatility\":0.55,\"sourceTimestampNs\":0}",
            "{\"type\":\"AccountOpen\"," + t + ",\"clientId\":1,\"accountId\":7,\"marginMode\":\"CROSS\"}",
            "{\"type\":\"Deposit\"," + t + ",\"clientId\":1,\"accountId\":7,\"assetId\":3,\"amount\":40}",
            "{\"type\":\"Deposit\"," + t + ",\"clientId\":1,\"accountId\":7,\"assetId\":1,\"amount\":250000}",
            "{\"type\":\"Fill\"," + t + ",\"clientId\":4,\"accountId\":7,\"instrumentId\":0,\"quantity\":-40," +
                "\"price\":91800,\"fee\":0,\"clientOrderId\":0}",
            // sold at a zero premium so that the balances stay exactly the example's
            "{\"type\":\"Fill\"," + t + ",\"clientId\":4,\"accountId\":7,\"instrumentId\":1,\"quantity\":-10," +
                "\"price\":0,\"fee\":0,\"clientOrderId\":0}"));
        // the full revaluation that checks, what-ifs and explanations fall back on gives the same
        final MarginFigures exact = new MarginFigures();
        engine.risk.whatIfExact(slot, -1, 0.0, 0.0, exact);
        assertClose(expected.get("equity").asDouble(), exact.equity);
        assertClose(expected.get("initialMargin").asDouble(), exact.initialMargin);
    }

    // every input applied, then account 7 holds the expected file's equity, IM and MM and is HEALTHY
    private static int appliedAndAsExpected(
        final EngineFrames engine, final JsonNode expected, final List<String> lines)
    {
        for (final String line : lines)
        {
            final List<String> out = engine.send(line);
            assertTrue(out.stream().anyMatch(o -> o.contains("\"type\":\"Ack\"")), () -> line + " -> " + out);
        }
        engine.risk.settle();
        final int slot = engine.state.accounts().slot(7);
        assertClose(expected.get("equity").asDouble(), engine.state.accounts().equity(slot));
        assertClose(expected.get("initialMargin").asDouble(), engine.state.accounts().initialMargin(slot));
        assertClose(expected.get("maintenanceMargin").asDouble(), engine.state.accounts().maintenanceMargin(slot));
        assertEquals(AccountStates.HEALTHY, engine.state.accounts().state(slot));
        return slot;
    }

    static void assertClose(final double expected, final double actual)
    {
        assertEquals(expected, actual, 1e-9 * Math.max(1.0, Math.abs(expected)));
    }
}
