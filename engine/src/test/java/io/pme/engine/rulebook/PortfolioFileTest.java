package io.pme.engine.rulebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline calculator's file is read as strictly as {@code JsonFrameEncoder} reads a JSON line: a repeated key,
 * trailing content and a field the format does not have are each refused with the place and the reason, where
 * Jackson's defaults would let the last duplicate win and ignore what follows the object.
 */
class PortfolioFileTest
{
    private static final String MARKET = """
        "valuationTime": "2026-11-24T08:00:00Z", "prices": { "BTC": 90000 },
        "instruments": [
          { "symbol": "BTC-PERP", "kind": "PERPETUAL", "underlying": "BTC", "multiplier": 1 },
          { "symbol": "C", "kind": "OPTION", "underlying": "BTC", "multiplier": 1, "expiry": "2026-12-25T08:00:00Z",
            "strike": 100000, "right": "CALL", "vol": 0.55 } ],
        "balances": { "USD": 1000 }""";

    @TempDir
    Path dir;

    @Test
    void theLeadsExampleReads()
    {
        final PortfolioFile file = PortfolioFile.read(RulebookExample.fixture(RulebookExample.PORTFOLIO));
        assertEquals(2, file.positionCount());
        assertEquals(java.util.List.of("BTC", "ETH", "USD", "USDC"), file.assetSymbols());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWithItsPlace() throws IOException
    {
        assertRefused("{" + MARKET + ", \"positions\": [ { \"symbol\": \"BTC-PERP\", \"qty\": 1, \"qty\": -1, " +
            "\"entryPrice\": 90000 } ] }", "not valid JSON at line 6", "Duplicate field 'qty'");
        assertRefused("{" + MARKET + ", \"positions\": [], \"balances\": { \"USD\": 5 } }",
            "Duplicate field 'balances'");
        assertRefused("{" + MARKET.replace("\"BTC\": 90000", "\"BTC\": 90000, \"BTC\": 1") + ", \"positions\": [] }",
            "Duplicate field 'BTC'");
    }

    @Test
    void anythingAfterTheObjectIsRefused() throws IOException
    {
        assertRefused("{" + MARKET + ", \"positions\": [] } {\"positions\": []}", "Trailing token");
        assertRefused("{" + MARKET + ", \"positions\": [] } garbage", "not valid JSON at line 6");
    }

    @Test
    void aFieldTheFormatDoesNotHaveIsRefused() throws IOException
    {
        assertRefused("{" + MARKET + ", \"positions\": [ { \"symbol\": \"BTC-PERP\", \"qty\": 1, " +
            "\"entryprice\": 90000 } ] }",
            "positions[0].entryprice: not a field of a linear position (its fields: symbol, qty, entryPrice)");
        assertRefused("{" + MARKET + ", \"positions\": [ { \"symbol\": \"C\", \"qty\": -1, \"entryPrice\": 2000 } ] }",
            "positions[0].entryPrice: not a field of an option position (its fields: symbol, qty)");
        assertRefused("{" + MARKET.replace("\"multiplier\": 1 }", "\"multiplier\": 1, \"expiry\": \"2027-01-01\" }") +
            ", \"positions\": [] }", "instruments[0].expiry: not a field of a PERPETUAL");
        assertRefused("{" + MARKET + ", \"positions\": [], \"comment\": \"x\" }", "comment: not a field of the file");
    }

    private void assertRefused(final String json, final String... expected) throws IOException
    {
        final Path file = dir.resolve("p" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> read(file));
        for (final String part : expected)
        {
            assertTrue(ex.getMessage().contains(part), () -> "expected '" + part + "' in: " + ex.getMessage());
        }
    }

    // fill too: a file is only accepted once its assets and prices have been checked against the parameters
    private static void read(final Path file)
    {
        final PortfolioFile portfolio = PortfolioFile.read(file);
        final RiskParameters parameters = RiskParameters.loadDefaults(portfolio.assetCount());
        portfolio.fill(parameters, new Portfolio(portfolio.assetCount(), Math.max(1, portfolio.positionCount())));
    }
}
