package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme stress} on a small book scripted here, whose stressed figures are worked out by hand: 1001 long one
 * BTC-PERP from 100,000 on 20,000 USD, 1002 a covered call (one BTC, short a call struck at 300,000, sold for 500),
 * 1003 holding 10,000 USDC and 0.1 WBTC.
 */
class StressCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The input sequence of 1001's fill: the script's 14th line. */
    private static final int PERP_FILL = 14;

    @TempDir
    Path dir;

    private Path journal;

    @BeforeEach
    void book() throws IOException
    {
        journal = dir.resolve("journal");
        final Path script = dir.resolve("book.jsonl");
        Files.writeString(script, String.join(System.lineSeparator(),
            line("AssetDefinition", "08:00:00", 1, "\"assetId\":0,\"symbol\":\"USD\""),
            line("AssetDefinition", "08:00:00", 1, "\"assetId\":1,\"symbol\":\"USDC\""),
            line("AssetDefinition", "08:00:00", 1, "\"assetId\":2,\"symbol\":\"BTC\""),
            line("InstrumentDefinition", "08:00:00", 1, "\"instrumentId\":0,\"underlyingAssetId\":2," +
                "\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
                "\"symbol\":\"BTC-PERP\""),
            line("InstrumentDefinition", "08:00:00", 1, "\"instrumentId\":10,\"underlyingAssetId\":2," +
                "\"kind\":\"OPTION\",\"right\":\"CALL\",\"multiplier\":1,\"strike\":300000," +
                "\"expiry\":\"2026-12-25T08:00:00Z\",\"symbol\":\"BTC-25DEC26-300000-C\""),
            line("OraclePrice", "08:00:00", 2, "\"sourceId\":1,\"assetId\":2,\"price\":100000,\"sourceTimestampNs\":0"),
            line("OraclePrice", "08:00:00", 2, "\"sourceId\":1,\"assetId\":1,\"price\":1,\"sourceTimestampNs\":0"),
            line("OptionVolatility", "08:00:00", 2, "\"sourceId\":1,\"instrumentId\":10,\"volatility\":0.5," +
                "\"sourceTimestampNs\":0"),
            line("AccountOpen", "08:00:00", 1, "\"accountId\":1001,\"marginMode\":\"CROSS\""),
            line("AccountOpen", "08:00:00", 1, "\"accountId\":1002,\"marginMode\":\"CROSS\""),
            line("AccountOpen", "08:00:00", 1, "\"accountId\":1003,\"marginMode\":\"CROSS\""),
            line("Deposit", "08:00:01", 1, "\"accountId\":1001,\"assetId\":0,\"amount\":20000"),
            line("Deposit", "08:00:01", 1, "\"accountId\":1002,\"assetId\":2,\"amount\":1"),
            line("Fill", "08:00:02", 4, "\"accountId\":1001,\"instrumentId\":0,\"quantity\":1,\"price\":100000," +
                "\"fee\":0,\"clientOrderId\":0"),
            line("Fill", "08:00:02", 4, "\"accountId\":1002,\"instrumentId\":10,\"quantity\":-1,\"price\":500," +
                "\"fee\":0,\"clientOrderId\":0"),
            line("Deposit", "08:00:03", 1, "\"accountId\":1003,\"assetId\":1,\"amount\":10000"),
            line("AdminCommand", "08:00:03", 1, "\"command\":\"SNAPSHOT\""),
            line("AssetDefinition", "08:00:04", 1, "\"assetId\":3,\"symbol\":\"WBTC\""),
            line("OraclePrice", "08:00:04", 2, "\"sourceId\":1,\"assetId\":3,\"price\":100000,\"sourceTimestampNs\":0"),
            line("Deposit", "08:00:05", 1, "\"accountId\":1003,\"assetId\":3,\"amount\":0.1")) +
            System.lineSeparator());
        final CliRun scripted = CliRun.of("script", "--input", script.toString(), "--journal", journal.toString());
        assertEquals(0, scripted.code(), scripted.err());
    }

    @Test
    void aBtcCrashBankruptsTheLongPerpetualByItsLossAndLeavesTheCoveredCallHealthy() throws IOException
    {
        final Path crash = scenario("crash.properties", "name=btc-25", "kind=single-asset-crash", "asset=BTC",
            "priceChangePercent=-25");
        final Path report = dir.resolve("report.json");
        final CliRun run = CliRun.of("stress", "--journal", journal.toString(), "--scenario", crash.toString(),
            "--json", report.toString());
        assertEquals(0, run.code(), run.err());
        final JsonNode scenario = JSON.readTree(report.toFile()).get("scenarios").get(0);
        assertEquals("btc-25", scenario.get("name").asText());

        // by hand: before, 1001 holds 20,000 USD and a perpetual at its entry price (IM 16% of 100,000 and a
        // little: HEALTHY), 1002 a fully covered call, 1003 cash; BTC at 75,000 costs 1001 25,000: equity -5,000
        assertEquals(3, scenario.at("/accountsByState/before/HEALTHY").asInt(), scenario::toString);
        assertEquals(2, scenario.at("/accountsByState/after/HEALTHY").asInt(), scenario::toString);
        assertEquals(1, scenario.at("/accountsByState/after/BANKRUPT").asInt(), scenario::toString);
        assertEquals(1, scenario.get("newlyBelowInitialMargin").asInt());
        assertEquals(1, scenario.get("newlyBelowMaintenanceMargin").asInt());
        assertEquals(1, scenario.get("bankrupt").asInt());
        assertEquals(5_000.0, scenario.get("deficit").asDouble(), 1e-9);
        // 1001 and 1002 each lose 25,000 (the call, four times out of the money a month out, is worth < 0.01),
        // 1003 a quarter of its 0.1 WBTC's 10,000: WBTC wraps BTC, so it falls with it
        assertEquals(-52_500.0, scenario.get("totalEquityAfter").asDouble() -
            scenario.get("totalEquityBefore").asDouble(), 0.01);
        // no insurance fund was opened: nothing covers the deficit
        assertFalse(scenario.at("/insuranceFund/open").asBoolean());
        assertEquals(0.0, scenario.at("/insuranceFund/equityAfter").asDouble(), 0.0);
        assertFalse(scenario.at("/insuranceFund/coversDeficit").asBoolean());

        final JsonNode largest = scenario.get("largestContributors");
        assertEquals(1, largest.size(), largest::toString);
        final JsonNode perp = largest.get(0);
        assertEquals(1001, perp.get("accountId").asLong());
        assertEquals("HEALTHY", perp.get("stateBefore").asText());
        assertEquals("BANKRUPT", perp.get("stateAfter").asText());
        assertEquals(20_000.0, perp.get("equityBefore").asDouble(), 1e-9);
        assertEquals(-5_000.0, perp.get("equityAfter").asDouble(), 1e-9);
        assertEquals(5_000.0, perp.get("deficit").asDouble(), 1e-9);
        assertEquals(5_000.0 + perp.get("maintenanceMarginAfter").asDouble(),
            perp.get("maintenanceShortfall").asDouble(), 1e-9);

        assertTrue(run.out().contains("scenario btc-25 (single-asset-crash: BTC -25%; " + crash + ")"), run.out());
        assertTrue(run.out().contains("bankrupt 1, deficit 5,000.00 USD"), run.out());
        assertTrue(run.out().contains("  #1 account 1001: HEALTHY -> BANKRUPT, equity 20,000.00 -> -5,000.00, "),
            run.out());
        assertTrue(run.out().contains("insurance fund (account 0): not opened, does not cover the deficit"),
            run.out());
    }

    @Test
    void aDepegValuesTheStablecoinAtItsNewPriceLessItsHaircut() throws IOException
    {
        final Path depeg = scenario("depeg.properties", "name=usdc-90", "kind=stablecoin-depeg", "asset=USDC",
            "price=0.90");
        final Path report = dir.resolve("report.json");
        final CliRun run = CliRun.of("stress", "--journal", journal.toString(), "--scenario", depeg.toString(),
            "--json", report.toString(), "--accounts-top", "0");
        assertEquals(0, run.code(), run.err());
        final JsonNode scenario = JSON.readTree(report.toFile()).get("scenarios").get(0);
        // by hand: 10,000 USDC at 0.90, less the first tier's 1% haircut; no margin, still HEALTHY
        assertEquals(3, scenario.at("/accountsByState/after/HEALTHY").asInt(), scenario::toString);
        assertEquals(-1_000.0 * 0.99, scenario.get("totalEquityAfter").asDouble() -
            scenario.get("totalEquityBefore").asDouble(), 1e-6);
        assertEquals(0, scenario.get("bankrupt").asInt());
        assertEquals(0.0, scenario.get("deficit").asDouble(), 0.0);
        assertTrue(scenario.at("/insuranceFund/coversDeficit").asBoolean());
        assertEquals(0, scenario.get("largestContributors").size());
    }

    @Test
    void atStopsTheReplayBeforeThePerpetualIsBought() throws IOException
    {
        final Path crash = scenario("crash.properties", "name=all-25", "kind=market-crash",
            "priceChangePercent=-25", "volatilityPoints=10");
        final Path report = dir.resolve("report.json");
        final CliRun run = CliRun.of("stress", "--journal", journal.toString(), "--scenario", crash.toString(),
            "--at", Integer.toString(PERP_FILL - 1), "--json", report.toString());
        assertEquals(0, run.code(), run.err());
        final JsonNode root = JSON.readTree(report.toFile());
        assertEquals(PERP_FILL - 1, root.get("inputSequence").asInt());
        final JsonNode scenario = root.get("scenarios").get(0);
        // 1001 holds its 20,000 USD only; 1002 has not sold the call yet, 1003 has deposited nothing
        assertEquals(0, scenario.get("bankrupt").asInt(), scenario::toString);
        assertEquals(3, scenario.at("/accountsByState/after/HEALTHY").asInt(), scenario::toString);

        final CliRun all = CliRun.of("stress", "--journal", journal.toString(), "--scenario", crash.toString(),
            "--at", Integer.toString(PERP_FILL), "--json", report.toString());
        assertEquals(0, all.code(), all.err());
        assertEquals(5_000.0, JSON.readTree(report.toFile()).at("/scenarios/0/deficit").asDouble(), 1e-9);

        final CliRun past = CliRun.of("stress", "--journal", journal.toString(), "--at", "21");
        assertEquals(ExitCodes.FAILED, past.code());
        assertEquals("pme stress: --at 21 is past the journal's end: " + journal + " holds 20 inputs",
            past.err().strip());
    }

    @Test
    void theSameJournalGivesTheSameReportByteForByte() throws IOException
    {
        final Path first = dir.resolve("first.json");
        final Path second = dir.resolve("second.json");
        final CliRun one = CliRun.of("stress", "--journal", journal.toString(), "--json", first.toString());
        final CliRun two = CliRun.of("stress", "--journal", journal.toString(), "--json", second.toString());
        assertEquals(0, one.code(), one.err());
        assertEquals(0, two.code(), two.err());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(one.out(), two.out());
        // without --at from the snapshot taken at input 17, with it from the first input: the same report
        try (Stream<Path> snapshots = Files.list(journal.resolve("snapshots")))
        {
            assertTrue(snapshots.findAny().isPresent(), "the script took a snapshot");
        }
        final Path replayed = dir.resolve("replayed.json");
        assertEquals(0, CliRun.of("stress", "--journal", journal.toString(), "--at", "20", "--json",
            replayed.toString()).code());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(replayed));
        // with no --scenario, the shipped ones, in their documented order; the de-peg skipped on no USDC never
        final JsonNode scenarios = JSON.readTree(first.toFile()).get("scenarios");
        assertEquals(List.of("market-crash", "single-asset-crash-btc", "stablecoin-depeg-usdc", "volatility-spike"),
            Stream.of(0, 1, 2, 3).map(i -> scenarios.get(i).get("name").asText()).toList());
        // -30% on every underlying, then -40% on BTC: 1001 loses 30,000, then 40,000, on 20,000
        assertEquals(10_000.0, scenarios.at("/0/deficit").asDouble(), 1e-9);
        assertEquals(20_000.0, scenarios.at("/1/deficit").asDouble(), 1e-9);
        assertEquals(-0.1 * 40_000.0 - 40_000.0 - 40_000.0, scenarios.at("/1/totalEquityAfter").asDouble() -
            scenarios.at("/1/totalEquityBefore").asDouble(), 0.01);
        // volatility doubled, no price moving: 1002, short the call, loses what the call gains in value
        assertEquals(call(100_000.0, 0.5) - call(100_000.0, 1.0), scenarios.at("/3/totalEquityAfter").asDouble() -
            scenarios.at("/3/totalEquityBefore").asDouble(), 1e-6);
        assertEquals(0, scenarios.at("/3/newlyBelowInitialMargin").asInt());
    }

    @Test
    void aBadScenarioFileIsOneLineNamingTheFileAndTheKey() throws IOException
    {
        final String[][] cases = {
            {"name=x", "kind=market-crash", "priceChangePercent=-ten"},
            {"name=x", "kind=market-crash", "priceChangePercent=-100"},
            {"name=x", "kind=market-crash", "priceChangePercent=-10", "asset=BTC"},
            {"name=x", "kind=meteor-strike"},
            {"name=x", "kind=volatility-spike", "volatilityPoints=5", "volatilityFactor=2"},
            {"kind=stablecoin-depeg", "asset=USDC", "price=0.9"},
            {"name=x", "kind=stablecoin-depeg", "asset=USDC", "price=0.9", "price=0.8"}};
        final String[] keys = {"priceChangePercent", "priceChangePercent", "asset", "kind", "volatilityFactor", "name",
            "price"};
        for (int i = 0; i < cases.length; i++)
        {
            final Path file = scenario("bad" + i + ".properties", cases[i]);
            final CliRun run = CliRun.of("stress", "--journal", journal.toString(), "--scenario", file.toString());
            assertEquals(ExitCodes.FAILED, run.code(), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("pme stress: " + file + ": " + keys[i] + ": "), run.err());
            assertEquals("", run.out());
        }
        final CliRun missing = CliRun.of("stress", "--journal", journal.toString(), "--scenario",
            dir.resolve("none.properties").toString());
        assertEquals(ExitCodes.FAILED, missing.code());
        assertTrue(missing.err().startsWith("pme stress: " + dir.resolve("none.properties") + ": cannot read"),
            missing.err());
        final CliRun usage = CliRun.of("stress", "--journal", journal.toString(), "--accounts-top", "-1");
        assertEquals(ExitCodes.USAGE, usage.code());
        assertEquals(1, usage.err().lines().count(), usage.err());
        final CliRun help = CliRun.of("stress", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--scenario=FILE"), help.out());
    }

    // Black and Scholes by hand (rate 0), the call struck at 300,000 that expires 31 days after the book's prices
    private static double call(final double spot, final double vol)
    {
        final double years = 31.0 / 365.0;
        final double d1 = (Math.log(spot / 300_000.0) + 0.5 * vol * vol * years) / (vol * Math.sqrt(years));
        final double d2 = d1 - vol * Math.sqrt(years);
        return spot * IndependentRulebook.cdf(d1) - 300_000.0 * IndependentRulebook.cdf(d2);
    }

    private Path scenario(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, String.join(System.lineSeparator(), lines) + System.lineSeparator());
        return file;
    }

    private static String line(final String type, final String time, final int clientId, final String fields)
    {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"2026-11-24T" + time + "Z\",\"clientId\":" + clientId +
            "," + fields + "}";
    }
}
