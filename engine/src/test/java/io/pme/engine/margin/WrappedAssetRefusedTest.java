package io.pme.engine.margin;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Until the live margin follows rulebook section 7, the engine refuses to define a wrapped asset (WBTC, STETH:
 * {@code wraps} in the parameter file) rather than count it at its haircut tiers with nothing held against it; the
 * offline calculator margins them.
 */
class WrappedAssetRefusedTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @Test
    void anAssetDefinitionOfAWrappedAssetIsRefusedAndAPlainOneIsNot()
    {
        final EngineFrames engine = new EngineFrames();
        for (final String symbol : List.of("WBTC", "STETH"))
        {
            final List<String> out = engine.send("{\"type\":\"AssetDefinition\"," + T +
                ",\"clientId\":1,\"assetId\":20,\"symbol\":\"" + symbol + "\"}");
            final String last = out.get(out.size() - 1);
            assertTrue(last.contains("\"type\":\"Reject\"") && last.contains("INVALID_VALUE"), symbol + " -> " + out);
        }
        final List<String> out = engine.send("{\"type\":\"AssetDefinition\"," + T +
            ",\"clientId\":1,\"assetId\":20,\"symbol\":\"DOGE\"}");
        assertTrue(out.get(out.size() - 1).contains("\"type\":\"Ack\""), out::toString);
    }
}
