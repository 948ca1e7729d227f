package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guards and the parameter sets on the paths the documented scenarios do not take, each a short script through
 * {@code pme script}: a lone source's jump held, confirmed by time or dropped; two sources that disagree; the
 * refusals of source prices and of set entries; a scheduled set that can no longer apply. Figures from
 * docs/oracle.md and docs/parameter-changes.md.
 */
class OracleGuardsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double EPS = 1.0e-6;

    @TempDir
    Path dir;

    @Test
    void aLoneSourcesJumpIsHeldThenTakenWhenItPersists() throws Exception
    {
        final List<JsonNode> out = script(
            rule("00:00Z", 0, 60e9), rule("00:00Z", 4, 0.25), rule("00:00Z", 5, 10e9),
            price("00:00Z", 1, 100_000),
            price("00:01Z", 1, 70_000), query("00:02Z"),
            price("00:05Z", 1, 69_000),
            heartbeat("00:11.5Z"), query("00:12Z"));
        assertEquals(List.of("INDEX_MOVED", "JUMP_HELD", "JUMP_CONFIRMED"), causes(out));
        assertEquals(50_000.0, queries(out).get(0).get("equity").asDouble(), EPS, "held: margin keeps 100,000");
        final JsonNode confirmed = of(out, "OracleStatus").get(2);
        assertEquals(-1, confirmed.get("sourceId").asInt(), "10 s of message time confirmed it");
        assertEquals(69_000.0, confirmed.get("indexPrice").asDouble(), EPS, "the latest of the held prices");
        assertEquals(19_000.0, queries(out).get(1).get("equity").asDouble(), EPS);
    }

    @Test
    void aHeldJumpThatComesBackIsDroppedAndOneTheOtherWayStartsAgain() throws Exception
    {
        final List<JsonNode> out = script(
            rule("00:00Z", 4, 0.25), price("00:00Z", 1, 100_000),
            price("00:01Z", 1, 60_000), price("00:02Z", 1, 140_000), price("00:03Z", 1, 101_000));
        assertEquals(List.of("INDEX_MOVED", "JUMP_HELD", "JUMP_HELD", "JUMP_DROPPED"), causes(out));
        assertEquals(101_000.0, of(out, "OracleStatus").get(3).get("indexPrice").asDouble(), EPS);
        assertEquals("NORMAL", of(out, "OracleStatus").get(3).get("status").asText());
    }

    @Test
    void twoSourcesThatDisagreeKeepTheOneNearerTheIndexAndLoseTheQuorum() throws Exception
    {
        final List<JsonNode> out = script(
            rule("00:00Z", 1, 2), price("00:00Z", 1, 100_000), price("00:00Z", 2, 100_100),
            price("00:01Z", 2, 80_000), query("00:02Z"), price("00:03Z", 2, 100_200));
        assertEquals(List.of("INDEX_MOVED", "DEGRADED", "RECOVERED"), causes(out));
        final JsonNode degraded = of(out, "OracleStatus").get(1);
        assertEquals(2, degraded.get("sourcesFresh").asInt());
        assertEquals(1, degraded.get("sourcesUsed").asInt(), "80,000 is farther from 100,050");
        assertEquals(100_050.0, degraded.get("indexPrice").asDouble(), EPS);
        assertEquals(100_100.0, of(out, "OracleStatus").get(2).get("indexPrice").asDouble(), EPS);
    }

    @Test
    void sourcePricesOutsideTheRulesAreRefusedAndChangeNothing() throws Exception
    {
        final List<String> lines = new ArrayList<>(List.of(
            rule("00:00Z", 17, 5e9),
            price("00:00Z", 1, 100_000),
            // ahead of the message by more than a second, then behind the source's previous
            "{\"type\":\"OraclePrice\",\"timestamp\":\"2026-12-01T08:00:10Z\",\"clientId\":2,\"sourceId\":2," +
                "\"assetId\":2,\"price\":100000,\"sourceTimestamp\":\"2026-12-01T08:00:12Z\"}",
            "{\"type\":\"OraclePrice\",\"timestamp\":\"2026-12-01T08:00:10Z\",\"clientId\":2,\"sourceId\":1," +
                "\"assetId\":2,\"price\":100000,\"sourceTimestamp\":\"2026-12-01T07:59:59Z\"}",
            price("00:02Z", 1, 100_500)));
        for (int source = 2; source <= 9; source++)
        {
            lines.add(price("00:20Z", source, 100_000));
        }
        final List<JsonNode> out = script(lines.toArray(new String[0]));
        assertEquals(List.of("INVALID_TIMESTAMP", "INVALID_TIMESTAMP", "SOURCE_THROTTLED", "CAPACITY_EXCEEDED"),
            rejects(out), "sources 2 … 8 take the seven free slots, source 9 finds none");
    }

    @Test
    void setEntriesAreRefusedOneByOneAndAScheduledSetThatCanNoLongerApplyFailsWhole() throws Exception
    {
        // the set appends BTC's haircut tier 4 at 1e8 and moves its PnL offset; before its time, tiers 4 (6e7) and 5
        // (9e7) are set by updates, so at 09:00 its tier 4 at 1e8 would lie above tier 5: it fails, whole
        final List<JsonNode> out = script(
            entry("01:00Z", "09:00:00Z", 1, 2, "HAIRCUT_TIER", 4, 1e8, 0.2),
            entry("01:00Z", "09:30:00Z", 1, 2, "PNL_OFFSET", 0, 0.5, 0),
            entry("01:00Z", "09:00:00Z", 1, 9, "PNL_OFFSET", 0, 0.5, 0),
            entry("01:00Z", "09:00:00Z", 1, 2, "PNL_OFFSET", 0, 0.5, 0),
            entry("02:00Z", "09:00:00Z", 1, 1, "PNL_OFFSET", 0, 0.4, 0),
            update("03:00Z", "HAIRCUT_TIER", 2, 4, 6e7, 0.15),
            update("03:00Z", "HAIRCUT_TIER", 2, 5, 9e7, 0.2),
            query("04:00Z"),
            entry("05:00Z", "10:00:00Z", 3, 1, "PNL_OFFSET", 0, 0.45, 0),
            "{\"type\":\"ParameterSchedule\",\"timestamp\":\"2026-12-01T08:06:00Z\",\"clientId\":1," +
                "\"effectiveNs\":-1,\"groupId\":3,\"groupSize\":0,\"parameterId\":\"PNL_OFFSET\",\"assetId\":0," +
                "\"index\":0,\"value\":0,\"value2\":0}",
            "{\"type\":\"ParameterSchedule\",\"timestamp\":\"2026-12-01T08:07:00Z\",\"clientId\":1," +
                "\"effectiveNs\":-1,\"groupId\":3,\"groupSize\":0,\"parameterId\":\"PNL_OFFSET\",\"assetId\":0," +
                "\"index\":0,\"value\":0,\"value2\":0}",
            heartbeat("2026-12-01T09:00:00Z"),
            "{\"type\":\"MarginQuery\",\"timestamp\":\"2026-12-01T09:00:01Z\",\"clientId\":3," +
                "\"accountId\":7,\"instrumentId\":-1,\"side\":\"BUY\",\"quantity\":1,\"limitPrice\":1}");
        assertEquals(List.of("INCOMPLETE_GROUP", "INVALID_VALUE", "ALREADY_DEFINED", "INVALID_VALUE"), rejects(out),
            "the second cancellation of set 3 names no set");
        final List<String> changes = new ArrayList<>();
        for (final JsonNode change : of(out, "ParameterChange"))
        {
            changes.add(change.get("version").asLong() + ":" + change.get("status").asText() + ":" +
                change.get("parameterId").asText());
        }
        assertEquals(List.of("1:SCHEDULED:HAIRCUT_TIER", "1:SCHEDULED:PNL_OFFSET", "2:APPLIED:HAIRCUT_TIER",
            "3:APPLIED:HAIRCUT_TIER", "4:SCHEDULED:PNL_OFFSET", "4:CANCELLED:PNL_OFFSET", "1:FAILED:HAIRCUT_TIER",
            "1:FAILED:PNL_OFFSET"), changes);
        assertEquals(nanos("2026-12-01T09:00:00Z"), of(out, "ParameterChange").get(6).get("effectiveNs").asLong());
        assertEquals(queries(out).get(0).get("initialMargin").asDouble(),
            queries(out).get(1).get("initialMargin").asDouble(), 0.0, "nothing of the failed set applied");
    }

    @Test
    void aPeggedCoinIsMarginedAtNoLessThanItsRedemptionFloor() throws Exception
    {
        // USDC pegged to 1 with a redemption floor of 0.98: at 0.90 margin values it at 0.98, less its 1% haircut
        final List<JsonNode> out = script(
            "{\"type\":\"AssetDefinition\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"assetId\":1," +
                "\"symbol\":\"USDC\"}",
            update("00:00Z", "ORACLE", 1, 7, 1, 0), update("00:00Z", "ORACLE", 1, 10, 0.98, 0),
            "{\"type\":\"AccountOpen\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"accountId\":9," +
                "\"marginMode\":\"CROSS\"}",
            "{\"type\":\"Deposit\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"accountId\":9," +
                "\"assetId\":1,\"amount\":100000}",
            usdc("00:00Z", 1.0), usdc("00:01Z", 0.90),
            "{\"type\":\"MarginQuery\",\"timestamp\":\"2026-12-01T08:00:02Z\",\"clientId\":3," +
                "\"accountId\":9,\"instrumentId\":-1,\"side\":\"BUY\",\"quantity\":1,\"limitPrice\":1}");
        assertEquals(List.of("INDEX_MOVED", "INDEX_MOVED", "DEPEGGED"), causes(out));
        final JsonNode depegged = of(out, "OracleStatus").stream()
            .filter(n -> "DEPEGGED".equals(n.get("cause").asText())).findFirst().orElseThrow();
        assertEquals(0.90, depegged.get("indexPrice").asDouble(), EPS, "the index is the market's");
        assertEquals(100_000.0 * 0.98 * 0.99, queries(out).get(0).get("equity").asDouble(), EPS,
            "margin takes the floor");
    }

    private static String usdc(final String time, final double price)
    {
        return "{\"type\":\"OraclePrice\",\"timestamp\":\"2026-12-01T08:" + time + "\",\"clientId\":2," +
            "\"sourceId\":1,\"assetId\":1,\"price\":" + price + ",\"sourceTimestampNs\":0}";
    }

    private List<JsonNode> script(final String... body) throws Exception
    {
        final List<String> lines = new ArrayList<>(List.of(
            "{\"type\":\"AssetDefinition\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"assetId\":0," +
                "\"symbol\":\"USD\"}",
            "{\"type\":\"AssetDefinition\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"assetId\":2," +
                "\"symbol\":\"BTC\"}",
            "{\"type\":\"InstrumentDefinition\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1," +
                "\"instrumentId\":0,\"underlyingAssetId\":2,\"kind\":\"PERPETUAL\",\"right\":\"NONE\"," +
                "\"multiplier\":1,\"strike\":0,\"expiryNs\":0,\"symbol\":\"BTC-PERP\"}",
            "{\"type\":\"AccountOpen\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"accountId\":7," +
                "\"marginMode\":\"CROSS\"}",
            "{\"type\":\"Deposit\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":1,\"accountId\":7," +
                "\"assetId\":0,\"amount\":50000}",
            "{\"type\":\"Fill\",\"timestamp\":\"2026-12-01T08:00:00Z\",\"clientId\":4,\"accountId\":7," +
                "\"instrumentId\":0,\"quantity\":1,\"price\":100000,\"fee\":0,\"clientOrderId\":0}"));
        lines.addAll(List.of(body));
        final Path input = dir.resolve("guards.jsonl");
        Files.write(input, lines);
        final CliRun run = CliRun.of("script", "--input", input.toString(), "--journal",
            dir.resolve("journal").toString());
        assertEquals(0, run.code(), run.err());
        final List<JsonNode> out = new ArrayList<>();
        for (final String line : run.out().split("\n"))
        {
            if (line.startsWith("{"))
            {
                out.add(JSON.readTree(line));
            }
        }
        assertTrue(out.size() > lines.size(), "every input answered");
        return out;
    }

    private static String rule(final String time, final int index, final double value)
    {
        return update(time, "ORACLE", 2, index, value, 0);
    }

    private static String update(final String time, final String parameterId, final int assetId, final int index,
        final double value, final double value2)
    {
        return "{\"type\":\"ParameterUpdate\",\"timestamp\":\"2026-12-01T08:" + time + "\",\"clientId\":1," +
            "\"parameterId\":\"" + parameterId + "\",\"assetId\":" + assetId + ",\"index\":" + index +
            ",\"value\":" + value + ",\"value2\":" + value2 + "}";
    }

    private static String entry(final String time, final String effective, final long groupId, final int groupSize,
        final String parameterId, final int index, final double value, final double value2)
    {
        final int assetId = 2;
        return "{\"type\":\"ParameterSchedule\",\"timestamp\":\"2026-12-01T08:" + time + "\",\"clientId\":1," +
            "\"effective\":\"2026-12-01T" + effective + "\",\"groupId\":" + groupId + ",\"groupSize\":" + groupSize +
            ",\"parameterId\":\"" + parameterId + "\",\"assetId\":" + assetId + ",\"index\":" + index +
            ",\"value\":" + value + ",\"value2\":" + value2 + "}";
    }

    private static String price(final String time, final int sourceId, final double price)
    {
        return "{\"type\":\"OraclePrice\",\"timestamp\":\"2026-12-01T08:" + time + "\",\"clientId\":2," +
            "\"sourceId\":" + sourceId + ",\"assetId\":2,\"price\":" + price + ",\"sourceTimestampNs\":0}";
    }

    private static String query(final String time)
    {
        return "{\"type\":\"MarginQuery\",\"timestamp\":\"2026-12-01T08:" + time + "\",\"clientId\":3," +
            "\"accountId\":7,\"instrumentId\":-1,\"side\":\"BUY\",\"quantity\":1,\"limitPrice\":1}";
    }

    private static String heartbeat(final String time)
    {
        final String at = time.startsWith("2026") ? time : "2026-12-01T08:" + time;
        return "{\"type\":\"Heartbeat\",\"timestamp\":\"" + at + "\",\"clientId\":1}";
    }

    private static List<String> causes(final List<JsonNode> out)
    {
        return of(out, "OracleStatus").stream().map(n -> n.get("cause").asText()).toList();
    }

    private static List<String> rejects(final List<JsonNode> out)
    {
        return of(out, "Reject").stream().map(n -> n.get("reason").asText()).toList();
    }

    private static List<JsonNode> queries(final List<JsonNode> out)
    {
        return of(out, "MarginQueryResult");
    }

    private static List<JsonNode> of(final List<JsonNode> out, final String type)
    {
        return out.stream().filter(n -> type.equals(n.get("type").asText())).toList();
    }

    private static long nanos(final String instant)
    {
        final java.time.Instant t = java.time.Instant.parse(instant);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
