package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liquidation scenarios of docs/scenarios through {@code pme script} (the real pipeline): each path of the
 * waterfall, its exact event sequence, and the figures worked by hand in docs/liquidation.md.
 */
class LiquidationScenariosTest
{
    private static final Path SCENARIOS = Path.of("..", "docs", "scenarios");
    private static final double EPS = 1.0e-6;

    @TempDir
    Path dir;

    @Test
    void recoveredByOnePartialStep() throws Exception
    {
        final List<JsonNode> out = script("liquidation-partial.jsonl");
        assertEquals(List.of("7:STARTED", "7:STEP", "7:FILLED", "7:RECOVERED"), stages(out));
        assertEquals(List.of("IN_LIQUIDATION", "EXCEEDS_ORDER", "INVALID_PRICE", "UNKNOWN_LIQUIDATION"), rejects(out));
        final JsonNode released = only(out, "OrderReleased");
        assertEquals(1, released.get("clientOrderId").asLong());
        final JsonNode order = only(out, "LiquidationOrder");
        assertEquals("SELL", order.get("side").asText());
        assertEquals(0.25, order.get("quantity").asDouble(), EPS);
        assertEquals(91_080.0, order.get("limitPrice").asDouble(), EPS);
        final JsonNode started = stage(out, "STARTED");
        assertEquals(12_000.0, started.get("equity").asDouble(), EPS);
        assertEquals(12_144.0, started.get("maintenanceMargin").asDouble(), EPS);
        assertEquals(0, started.get("worstScenario").asInt(), "the worst scenario is -R with volatility up");
        assertEquals(14_720.0, started.get("worstScenarioLoss").asDouble(), EPS);
        final JsonNode step = stage(out, "STEP");
        assertEquals(3_036.0, step.get("amount").asDouble(), EPS, "MM relief of the slice");
        assertEquals(14_720.0, step.get("contribution").asDouble(), EPS);
        assertEquals(114.375, stage(out, "FILLED").get("amount").asDouble(), EPS, "fee");
        assertEquals(11_760.625, stage(out, "RECOVERED").get("equity").asDouble(), EPS);
        assertEquals(114.375, lastEquity(out, 0), EPS, "the fund holds the fee");
    }

    @Test
    void auctionWon() throws Exception
    {
        final List<JsonNode> out = script("liquidation-auction.jsonl");
        assertEquals(List.of("7:STARTED", "7:STEP", "7:ORDER_EXPIRED", "7:AUCTION_STARTED", "7:AUCTION_WON",
            "7:CLOSED"), stages(out));
        assertEquals(List.of("BID_BELOW_PRICE", "INSUFFICIENT_MARGIN", "UNKNOWN_LIQUIDATION", "INVALID_VALUE",
            "UNKNOWN_LIQUIDATION"), rejects(out));
        final JsonNode auction = stage(out, "AUCTION_STARTED");
        assertEquals(12_000.0, auction.get("price").asDouble(), EPS);
        assertEquals(5_928.0, auction.get("amount").asDouble(), EPS, "floor: equity less half the MM");
        final JsonNode won = stage(out, "AUCTION_WON");
        assertEquals(7_952.0, won.get("price").asDouble(), EPS, "two thirds of the way down");
        assertEquals(8, won.get("counterpartyAccountId").asLong());
        assertEquals(7_952.0, lastEquity(out, 7), EPS);
        assertEquals(54_048.0, lastEquity(out, 8), EPS);
    }

    @Test
    void noBidInsuranceFundTakesAndUnwinds() throws Exception
    {
        final List<JsonNode> out = script("liquidation-insurance-fund.jsonl");
        assertEquals(List.of("7:STARTED", "7:AUCTION_STARTED", "7:TAKEN_BY_FUND", "7:DEFICIT_COVERED", "7:CLOSED",
            "0:STARTED", "0:STEP", "0:FILLED", "0:CLOSED"), stages(out));
        assertEquals(List.of("AUCTION_CLOSED"), rejects(out));
        final JsonNode auction = stage(out, "AUCTION_STARTED");
        assertEquals(-2_000.0, auction.get("price").asDouble(), EPS);
        assertEquals(-7_148.0, auction.get("amount").asDouble(), EPS);
        assertEquals(2_000.0, stage(out, "DEFICIT_COVERED").get("amount").asDouble(), EPS);
        final List<JsonNode> fund = of(out, "InsuranceFund");
        assertEquals(8_000.0, fund.get(fund.size() - 1).get("balance").asDouble(), EPS);
        assertEquals(0.0, lastEquity(out, 7), EPS);
        assertEquals(7_500.0, lastEquity(out, 0), EPS, "the fund sold at 77,500");
    }

    @Test
    void fundExhaustedDeleveragingTakesExactlyTheDeficit() throws Exception
    {
        final List<JsonNode> out = script("liquidation-deleveraging.jsonl");
        assertEquals(List.of("7:STARTED", "7:TAKEN_BY_FUND", "7:DEFICIT_COVERED", "7:CLOSED", "0:STARTED",
            "12:DELEVERAGED", "0:STEP", "0:FILLED", "0:CLOSED"), stages(out));
        final JsonNode adl = stage(out, "DELEVERAGED");
        assertEquals(1_500.0, adl.get("amount").asDouble(), EPS, "the deficit, not more");
        assertEquals(0.5 * 1_500.0 / 8_500.0, adl.get("quantity").asDouble(), 1e-12);
        assertEquals(95_000.0, adl.get("price").asDouble(), EPS, "at its own entry");
        assertEquals(17_000.0, adl.get("equity").asDouble(), EPS, "18,500 less the 1,500 it paid");
        // account 11 (ranked below) and account 13 (a hedge) appear in no event: the list above is all of them
        assertEquals(0.0, lastEquity(out, 0), EPS);
    }

    @Test
    void aHedgeInTheBandThatPaysIsExemptAndTheNextBandPaysInstead() throws Exception
    {
        // the deleveraging scenario without account 12, and account 11 ten times as well funded: account 13 (its short
        // hedges 1 BTC held; rank about 0.17) now tops account 11 (rank 0.053) and is alone in the top band
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(SCENARIOS.resolve("liquidation-deleveraging.jsonl")))
        {
            if (!line.contains("\"accountId\":12,") && !line.contains("\"liquidationOrderId\""))
            {
                lines.add(line.contains("\"accountId\":11,\"assetId\":0") ?
                    line.replace("\"amount\":30000", "\"amount\":300000") : line);
            }
        }
        final Path hedged = dir.resolve("hedged.jsonl");
        Files.write(hedged, lines);
        final List<JsonNode> out = script(hedged);
        final List<String> deleveraged = stages(out).stream().filter(s -> s.endsWith(":DELEVERAGED"))
            .collect(Collectors.toList());
        assertEquals(List.of("11:DELEVERAGED"), deleveraged, "13 keeps its hedge: " + stages(out));
        final JsonNode adl = stage(out, "DELEVERAGED");
        assertEquals(1_500.0, adl.get("amount").asDouble(), EPS);
        assertEquals(1_500.0 / 22_000.0, adl.get("quantity").asDouble(), 1e-12);
        assertEquals(100_000.0, adl.get("price").asDouble(), EPS);
    }

    @Test
    void legsOfOneRankBandPayProRata() throws Exception
    {
        // account 11 made account 12's twin (10,000 USD, short 0.5 from 95,000): one rank, one band, half each
        final List<String> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(SCENARIOS.resolve("liquidation-deleveraging.jsonl")))
        {
            if (line.contains("\"liquidationOrderId\""))
            {
                continue;
            }
            lines.add(!line.contains("\"accountId\":11,") ? line : line
                .replace("\"amount\":30000", "\"amount\":10000")
                .replace("\"quantity\":-1,\"price\":100000", "\"quantity\":-0.5,\"price\":95000"));
        }
        final Path twins = dir.resolve("twins.jsonl");
        Files.write(twins, lines);
        final List<JsonNode> out = script(twins);
        final List<JsonNode> adl = of(out, "LiquidationEvent").stream()
            .filter(n -> "DELEVERAGED".equals(n.get("stage").asText())).collect(Collectors.toList());
        assertEquals(2, adl.size(), () -> "stages: " + stages(out));
        assertEquals(11, adl.get(0).get("accountId").asLong());
        assertEquals(12, adl.get(1).get("accountId").asLong());
        for (final JsonNode leg : adl)
        {
            assertEquals(750.0, leg.get("amount").asDouble(), EPS, "half the 1,500 deficit each");
            assertEquals(0.5 * 750.0 / 8_500.0, leg.get("quantity").asDouble(), 1e-12);
        }
    }

    @Test
    void isolatedAccountLiquidatedParentUntouched() throws Exception
    {
        final List<JsonNode> out = script("liquidation-isolated.jsonl");
        assertEquals(List.of("21:STARTED", "21:AUCTION_STARTED", "21:TAKEN_BY_FUND", "21:DEFICIT_COVERED",
            "21:CLOSED", "0:STARTED", "0:STEP"), stages(out));
        assertEquals(List.of("INSUFFICIENT_MARGIN", "NOT_LINKED", "IN_LIQUIDATION"), rejects(out));
        assertEquals(1_000.0, stage(out, "DEFICIT_COVERED").get("amount").asDouble(), EPS);
        assertEquals(40_000.0, lastEquity(out, 20), EPS, "the parent never pays");
        assertEquals(4_000.0, lastEquity(out, 0), EPS);
    }

    private List<JsonNode> script(final String name) throws Exception
    {
        return script(SCENARIOS.resolve(name));
    }

    private List<JsonNode> script(final Path file) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = Pme.run(new String[]{"script", "--input", file.toString(), "--journal",
            dir.resolve("journal").toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        final ObjectMapper json = new ObjectMapper();
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (line.startsWith("{"))
            {
                lines.add(json.readTree(line));
            }
        }
        assertTrue(lines.size() > 10, "outputs: " + lines.size());
        return lines;
    }

    private static List<JsonNode> of(final List<JsonNode> out, final String type)
    {
        return out.stream().filter(n -> type.equals(n.get("type").asText())).collect(Collectors.toList());
    }

    private static JsonNode only(final List<JsonNode> out, final String type)
    {
        final List<JsonNode> found = of(out, type);
        assertEquals(1, found.size(), type);
        return found.get(0);
    }

    private static List<String> stages(final List<JsonNode> out)
    {
        return of(out, "LiquidationEvent").stream()
            .map(n -> n.get("accountId").asLong() + ":" + n.get("stage").asText()).collect(Collectors.toList());
    }

    private static JsonNode stage(final List<JsonNode> out, final String stage)
    {
        return of(out, "LiquidationEvent").stream().filter(n -> stage.equals(n.get("stage").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("no " + stage));
    }

    private static List<String> rejects(final List<JsonNode> out)
    {
        return of(out, "Reject").stream().map(n -> n.get("reason").asText()).collect(Collectors.toList());
    }

    private static double lastEquity(final List<JsonNode> out, final long accountId)
    {
        return of(out, "MarginUpdate").stream().filter(n -> n.get("accountId").asLong() == accountId)
            .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no update of " + accountId))
            .get("equity").asDouble();
    }
}
