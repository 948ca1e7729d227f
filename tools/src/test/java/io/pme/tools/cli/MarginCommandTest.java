package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The offline calculator ({@code pme margin}) against figures that do not come from its own code:
 * <ul>
 * <li>the leads' worked example ({@code covered-call-and-eth-perp}, their figures to full precision);</li>
 * <li>the six examples of docs/margin-methodology.md, each against {@link IndependentRulebook} (a second
 * implementation of the rulebook in this test tree that shares no code with the engine, itself held to the leads'
 * example below) to the rulebook's 1e-9, and against the figures the document works by hand, read from its table,
 * to half a unit of their last digit shown.</li>
 * </ul>
 * So a mistake in the method itself (not only in the calculator's bookkeeping) fails here unless the engine, the
 * second implementation and the document all make the same one.
 */
class MarginCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The engine's copy of the leads' worked example (kept equal to the original by the engine's tests). */
    private static final Path RULEBOOK_EXAMPLE = Path.of("..", "engine", "src", "test", "resources", "rulebook");
    private static final Path METHODOLOGY = Path.of("..", "docs", "margin-methodology.md");
    private static final List<String> EXAMPLES = List.of(
        "naked-short-call", "covered-call", "protective-put", "delta-hedged-short-straddle", "btc-perp-vs-eth-perp",
        "stablecoin-tiers");
    // | example | equity | IM | siloed IM | saving | worst scenario |
    private static final Pattern TABLE_ROW = Pattern.compile(
        "^\\| ([a-zA-Z -]+) \\| ([0-9,.]+) \\| ([0-9,.]+) \\| ([0-9,.]+) \\| [0-9]+% \\| ([^|]+) \\|$",
        Pattern.MULTILINE);

    @TempDir
    Path tmp;

    @Test
    void reproducesTheRulebookWorkedExample() throws IOException
    {
        final Path portfolio = RULEBOOK_EXAMPLE.resolve("covered-call-and-eth-perp.json");
        final Path expected = RULEBOOK_EXAMPLE.resolve("covered-call-and-eth-perp.expected.json");
        final Run run = run("--portfolio", portfolio.toString());
        assertEquals(0, run.code, run.err);
        assertMatches(JSON.readTree(expected.toFile()), JSON.readTree(run.out), "");
    }

    @Test
    void theIndependentImplementationReproducesTheLeadsWorkedExample() throws IOException
    {
        // what makes IndependentRulebook an oracle: the leads computed these figures, not this project
        final JsonNode expected =
            JSON.readTree(RULEBOOK_EXAMPLE.resolve("covered-call-and-eth-perp.expected.json").toFile());
        final JsonNode portfolio = JSON.readTree(RULEBOOK_EXAMPLE.resolve("covered-call-and-eth-perp.json").toFile());
        final JsonNode independent = IndependentRulebook.margin(portfolio);
        assertMatches(expected, independent, "");
    }

    @Test
    void reproducesTheRulebookWrappedAssetExample() throws IOException
    {
        final Path portfolio = RULEBOOK_EXAMPLE.resolve("wrapped-btc-basis.json");
        final JsonNode expected = JSON.readTree(RULEBOOK_EXAMPLE.resolve("wrapped-btc-basis.expected.json").toFile());
        final Run run = run("--portfolio", portfolio.toString());
        assertEquals(0, run.code, run.err);
        assertMatches(expected, JSON.readTree(run.out), "");
        // the leads' expected file does not show it: rulebook section 5 states the de-peg add-on, 0.05 x 40 x 91,540
        assertEquals(183_080 + 0.005 * 92_000 * 40 + 0.005 * 92_000 * 10,
            JSON.readTree(run.out).get("underlyings").get("BTC").get("contingency").asDouble(), 1e-9);
        assertMatches(expected, IndependentRulebook.margin(JSON.readTree(portfolio.toFile())), "");
    }

    @Test
    void wrappedBalancesWorkedByHand() throws IOException
    {
        // docs/margin-methodology.md section 7: BTC 92,000, WBTC 91,540, so 10 WBTC are worth 915,400 USD.
        // Alone: first tier, no haircut; worst -16% (the tails tie it): 915,400 x 0.16 = 146,464; de-peg add-on
        // 0.05 x 10 x 91,540 = 45,770; IM 192,234, all of it siloed too; delta 915,400 / 92,000 = 9.95 BTC.
        final JsonNode alone = wrapped("{\"WBTC\": 10}", "");
        assertEquals(915_400, alone.get("collateralValue").asDouble(), 1e-9);
        assertEquals(146_464, alone.get("correlationSets").get("MAJORS").get("worstLoss").asDouble(), 1e-9);
        assertEquals(45_770, alone.get("underlyings").get("BTC").get("contingency").asDouble(), 1e-9);
        assertEquals(192_234, alone.get("initialMargin").asDouble(), 1e-9);
        assertEquals(192_234, alone.get("siloedInitialMargin").asDouble(), 1e-9);
        assertEquals(0.8 * 192_234, alone.get("maintenanceMargin").asDouble(), 1e-9);
        assertEquals(9.95, alone.get("underlyings").get("BTC").get("delta").asDouble(), 1e-12);

        // Against 10 BTC-PERP short at 92,000: the pair loses 10 x (92,000 - 91,540) x 0.16 = 736 at +16% (the
        // basis, as a fraction of the move); contingency 0.005 x 92,000 x 10 = 4,600 plus the 45,770 add-on: IM
        // 51,106. Siloed: 192,234 + (147,200 + 4,600) = 344,034. Delta 9.95 - 10 = -0.05.
        final String shortPerp = "{\"symbol\": \"BTC-PERP\", \"qty\": -10, \"entryPrice\": 92000}";
        final JsonNode hedged = wrapped("{\"WBTC\": 10}", shortPerp);
        assertEquals(736, hedged.get("correlationSets").get("MAJORS").get("worstLoss").asDouble(), 1e-9);
        assertEquals("BTC +16% vol up", hedged.get("correlationSets").get("MAJORS").get("worstScenario").asText());
        assertEquals(51_106, hedged.get("initialMargin").asDouble(), 1e-9);
        assertEquals(344_034, hedged.get("siloedInitialMargin").asDouble(), 1e-9);
        assertEquals(-0.05, hedged.get("underlyings").get("BTC").get("delta").asDouble(), 1e-12);
        assertEquals(915_400 - 51_106, hedged.get("availableMargin").asDouble(), 1e-9);

        // The same hedge with BTC itself nets fully: only the perpetual's contingency is left.
        assertEquals(4_600, wrapped("{\"BTC\": 10}", shortPerp).get("initialMargin").asDouble(), 1e-9);

        // Borrowed WBTC: full negative notional, a short exposure (worst +16%), the add-on on |b|.
        final JsonNode borrowed = wrapped("{\"WBTC\": -10, \"USD\": 1000000}", "");
        assertEquals(1_000_000 - 915_400, borrowed.get("collateralValue").asDouble(), 1e-9);
        assertEquals(192_234, borrowed.get("initialMargin").asDouble(), 1e-9);
        assertEquals(-9.95, borrowed.get("underlyings").get("BTC").get("delta").asDouble(), 1e-12);

        // Size: 100 WBTC = 9,154,000 USD, the part above 5M at 95%: 5,000,000 + 4,154,000 x 0.95 = 8,946,300.
        assertEquals(8_946_300, wrapped("{\"WBTC\": 100}", "").get("collateralValue").asDouble(), 1e-6);
    }

    @Test
    void aWrappedBalanceNeedsThePriceOfItsUnderlying() throws IOException
    {
        final Path file = tmp.resolve("nobtc.json");
        Files.writeString(file, """
            { "valuationTime": "2026-11-24T08:00:00Z", "prices": { "WBTC": 91540 }, "instruments": [],
              "balances": { "WBTC": 1 }, "positions": [] }
            """);
        assertError(file, "prices.BTC: missing price for BTC (needed by balances.WBTC, which wraps BTC)");
    }

    // runs pme margin on a BTC 92,000 / WBTC 91,540 market, checks it equals IndependentRulebook, returns its output
    private JsonNode wrapped(final String balances, final String position) throws IOException
    {
        final Path file = tmp.resolve("w" + System.nanoTime() + ".json");
        Files.writeString(file, """
            { "valuationTime": "2026-11-24T08:00:00Z", "prices": { "BTC": 92000, "WBTC": 91540 },
              "instruments": [ { "symbol": "BTC-PERP", "kind": "PERPETUAL", "underlying": "BTC", "multiplier": 1 } ],
              "balances": %s, "positions": [ %s ] }
            """.formatted(balances, position));
        final Run run = run("--portfolio", file.toString());
        assertEquals(0, run.code, run.err);
        final JsonNode out = JSON.readTree(run.out);
        assertMatches(IndependentRulebook.margin(JSON.readTree(file.toFile())), out, file.getFileName().toString());
        return out;
    }

    @Test
    void theIndependentNormalDistributionEqualsReferenceValues()
    {
        // mpmath at 50 digits (the same reference values as BlackScholesTest), one per method and range
        assertEquals(0.5, IndependentRulebook.cdf(0.0), 0.0);
        assertEquals(0.15865525393145705, IndependentRulebook.cdf(-1.0), 1e-14 * 0.159);
        assertEquals(0.0013498980316300946, IndependentRulebook.cdf(-3.0), 1e-14 * 1.35e-3);
        assertEquals(2.866515718791939e-7, IndependentRulebook.cdf(-5.0), 1e-13 * 2.87e-7);
        assertEquals(7.619853024160527e-24, IndependentRulebook.cdf(-10.0), 1e-13 * 7.62e-24);
        assertEquals(0.9986501019683699, IndependentRulebook.cdf(3.0), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "naked-short-call", "covered-call", "protective-put", "delta-hedged-short-straddle", "btc-perp-vs-eth-perp",
        "stablecoin-tiers" })
    void equalsTheIndependentImplementationOnTheDocumentedExamples(final String name) throws Exception
    {
        final Run run = run("--portfolio", resource(name + ".json").toString());
        assertEquals(0, run.code, run.err);
        assertMatches(IndependentRulebook.margin(JSON.readTree(resource(name + ".json").toFile())),
            JSON.readTree(run.out), name);
    }

    @Test
    void equalsTheFiguresTheDocumentWorksByHand() throws Exception
    {
        final Matcher row = TABLE_ROW.matcher(Files.readString(METHODOLOGY));
        final List<String> seen = new ArrayList<>();
        while (row.find())
        {
            final String name = row.group(1).toLowerCase(Locale.ROOT).replace(' ', '-');
            final JsonNode out = JSON.readTree(run("--portfolio", resource(name + ".json").toString()).out);
            assertRounded(row.group(2), out.get("equity").asDouble(), name + " equity");
            assertRounded(row.group(3), out.get("initialMargin").asDouble(), name + " IM");
            assertRounded(row.group(4), out.get("siloedInitialMargin").asDouble(), name + " siloed IM");
            assertEquals(row.group(5).strip(),
                out.get("correlationSets").get("MAJORS").get("worstScenario").asText(), name + " worst scenario");
            seen.add(name);
        }
        assertEquals(EXAMPLES, seen, "the table of docs/margin-methodology.md, one row per example file");
    }

    @Test
    void handWorkedFiguresOfTheDocument() throws Exception
    {
        // Arithmetic shown step by step in docs/margin-methodology.md, examples 5 and 6: exact, so to 1e-9.
        final JsonNode perps = JSON.readTree(run("--portfolio", resource("btc-perp-vs-eth-perp.json").toString()).out);
        // Worst step +4: short ETH loses 30 x 3000 x 0.18, long BTC gains 90000 x 0.16 but offsets at 60%.
        assertEquals(16_200 - 0.6 * 14_400, perps.get("correlationSets").get("MAJORS").get("worstLoss").asDouble(),
            1e-9);
        assertEquals(7_560 + 450 + 450, perps.get("initialMargin").asDouble(), 1e-9);
        assertEquals(0.8 * 8_460, perps.get("maintenanceMargin").asDouble(), 1e-9);
        assertEquals(14_400 + 450 + 16_200 + 450, perps.get("siloedInitialMargin").asDouble(), 1e-9);

        final JsonNode tiers = JSON.readTree(run("--portfolio", resource("stablecoin-tiers.json").toString()).out);
        assertEquals(10e6 * 0.99 + 40e6 * 0.97 + 10e6 * 0.95, tiers.get("collateralValue").asDouble(), 1e-6);
        assertEquals(58_200_000 - 100 * (90_000 - 88_000), tiers.get("equity").asDouble(), 1e-6);
        assertEquals(100 * 90_000 * 0.16 + 0.005 * 90_000 * 100, tiers.get("initialMargin").asDouble(), 1e-6);
    }

    @Test
    void paramsFileOverridesTheDefaults() throws Exception
    {
        final String defaults;
        try (InputStream in = getClass().getResourceAsStream("/risk-parameters.properties"))
        {
            defaults = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        final Path params = tmp.resolve("p.properties");
        Files.writeString(params, defaults.replace("mmFactor=0.8", "mmFactor=0.5"));
        final Run run = run("--portfolio", resource("btc-perp-vs-eth-perp.json").toString(), "--params",
            params.toString());
        assertEquals(0, run.code, run.err);
        assertEquals(0.5 * 8460, JSON.readTree(run.out).get("maintenanceMargin").asDouble(), 1e-9);
    }

    @Test
    void marginRatioIsNullWhenEquityIsNotPositive() throws Exception
    {
        final Path file = writePortfolio("{\"USD\": 1000}",
            "{\"symbol\": \"BTC-PERP\", \"qty\": 1, \"entryPrice\": 100000}");
        final Run run = run("--portfolio", file.toString());
        assertEquals(0, run.code, run.err);
        final JsonNode out = JSON.readTree(run.out);
        assertTrue(out.get("marginRatio").isNull());
        assertEquals("BANKRUPT", out.get("state").asText());
    }

    @Test
    void clearErrorsNameTheFieldAndExitNonZero() throws IOException
    {
        assertError(writePortfolio("{\"USD\": 1000}", "{\"symbol\": \"BTC-PERP\", \"qty\": \"x\", \"entryPrice\": 1}"),
            "positions[0].qty: must be a finite number");
        assertError(writePortfolio("{\"USD\": 1000}", "{\"symbol\": \"NOPE\", \"qty\": 1}"),
            "positions[0].symbol: unknown instrument 'NOPE'");
        assertError(writePortfolio("{\"DOGE\": 1000}", "{\"symbol\": \"BTC-PERP\", \"qty\": 1, \"entryPrice\": 1}"),
            "balances.DOGE: unknown asset 'DOGE'");
        assertError(writePortfolio("{\"USDT\": 1000}", "{\"symbol\": \"BTC-PERP\", \"qty\": 1, \"entryPrice\": 1}"),
            "prices.USDT: missing price for USDT");
        assertError(writePortfolio("{}", "{\"symbol\": \"BTC-PERP\", \"qty\": 1}"),
            "positions[0].entryPrice: missing");
        final Path noVol = tmp.resolve("novol.json");
        Files.writeString(noVol, """
            { "valuationTime": "2026-11-24T08:00:00Z", "prices": { "BTC": 90000 },
              "instruments": [ { "symbol": "C", "kind": "OPTION", "underlying": "BTC", "multiplier": 1,
                                 "expiry": "2026-12-25T08:00:00Z", "strike": 100000, "right": "CALL" } ],
              "balances": {}, "positions": [ { "symbol": "C", "qty": -1 } ] }
            """);
        assertError(noVol, "instruments[0].vol: missing volatility for option C");
        final Path notJson = tmp.resolve("bad.json");
        Files.writeString(notJson, "{ \"valuationTime\": ");
        assertError(notJson, "not valid JSON at line");
        final Path badTime = tmp.resolve("time.json");
        Files.writeString(badTime, "{ \"valuationTime\": \"yesterday\" }");
        assertError(badTime, "valuationTime: 'yesterday' is not an ISO-8601 time");
    }

    @Test
    void usageErrors()
    {
        assertEquals(MarginCommand.EXIT_USAGE, run().code);
        assertEquals(MarginCommand.EXIT_USAGE, run("--portfolio").code);
        assertEquals(MarginCommand.EXIT_USAGE, run("--bogus", "x").code);
        assertEquals(MarginCommand.EXIT_BAD_INPUT, run("--portfolio", tmp.resolve("absent.json").toString()).code);
    }

    private void assertError(final Path file, final String expected)
    {
        final Run run = run("--portfolio", file.toString());
        assertEquals(MarginCommand.EXIT_BAD_INPUT, run.code);
        assertTrue(run.err.contains(expected), () -> "expected '" + expected + "' in: " + run.err);
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertEquals("", run.out);
    }

    private Path writePortfolio(final String balances, final String position) throws IOException
    {
        final Path file = tmp.resolve("p" + System.nanoTime() + ".json");
        Files.writeString(file, """
            { "valuationTime": "2026-11-24T08:00:00Z", "prices": { "BTC": 90000 },
              "instruments": [ { "symbol": "BTC-PERP", "kind": "PERPETUAL", "underlying": "BTC", "multiplier": 1 } ],
              "balances": %s, "positions": [ %s ] }
            """.formatted(balances, position));
        return file;
    }

    // a figure shown rounded: within half a unit of its last digit
    private static void assertRounded(final String shown, final double actual, final String what)
    {
        final String digits = shown.replace(",", "");
        final int dot = digits.indexOf('.');
        final double halfUnit = 0.5 * Math.pow(10, dot < 0 ? 0 : -(digits.length() - dot - 1));
        assertEquals(Double.parseDouble(digits), actual, halfUnit, () -> what + " shown as " + shown);
    }

    static void assertMatches(final JsonNode expected, final JsonNode actual, final String path)
    {
        if (expected.isObject())
        {
            final Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext())
            {
                final Map.Entry<String, JsonNode> field = fields.next();
                final JsonNode value = actual.get(field.getKey());
                if (null == value)
                {
                    fail("missing " + path + "." + field.getKey());
                }
                assertMatches(field.getValue(), value, path + "." + field.getKey());
            }
        }
        else if (expected.isNumber())
        {
            final double want = expected.asDouble();
            final double got = actual.asDouble();
            assertTrue(actual.isNumber() && Math.abs(got - want) <= Math.max(1e-9 * Math.abs(want), 1e-9),
                () -> path + ": " + got + " expected " + want);
        }
        else
        {
            assertEquals(expected, actual, path);
        }
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(MarginCommandTest.class.getResource("/margin/" + name).toURI());
    }

    private static Run run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = MarginCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err)
    {
    }
}
