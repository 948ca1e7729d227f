package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle and parameter-change scenarios of docs/scenarios through {@code pme script} (the real pipeline): the
 * exact sequence of the oracle's decisions, the figures worked by hand in docs/oracle.md and
 * docs/parameter-changes.md, and {@code pme replay} of each journal (from a snapshot taken mid-way where the
 * scenario takes one) ending in the same state digest.
 */
class OracleScenariosTest
{
    private static final Path SCENARIOS = Path.of("..", "docs", "scenarios");
    private static final double EPS = 1.0e-6;

    @TempDir
    Path dir;

    @Test
    void aVenuePrintingAHalfPriceCrashIsIgnored() throws Exception
    {
        final List<JsonNode> out = script("oracle-venue-crash.jsonl");
        assertEquals(List.of("2:INDEX_MOVED", "2:INDEX_MOVED", "2:OUTLIER_IGNORED"), causes(out));
        final JsonNode ignored = of(out, "OracleStatus").get(2);
        assertEquals(100_150.0, ignored.get("indexPrice").asDouble(), EPS, "worked example 1");
        assertEquals(3, ignored.get("sourcesFresh").asInt());
        assertEquals(2, ignored.get("sourcesUsed").asInt());
        assertEquals(300.0 / 100_150.0, ignored.get("spread").asDouble(), 1e-12);
        assertEquals(20_150.0, query(out, 0).get("equity").asDouble(), EPS, "long 1 from 100,000 at 100,150");
        assertEquals(List.of("SOURCE_NOT_LISTED"), rejects(out));
        assertReplays(out, false);
    }

    @Test
    void aRealCrashOnEverySourceIsTakenOnceASecondSourceConfirmsIt() throws Exception
    {
        final List<JsonNode> out = script("oracle-real-crash.jsonl");
        assertEquals(List.of("2:INDEX_MOVED", "2:OUTLIER_IGNORED", "2:JUMP_CONFIRMED", "2:INDEX_MOVED"), causes(out));
        assertEquals(50_000.0, query(out, 0).get("equity").asDouble(), EPS, "the lone print moved nothing");
        final JsonNode after = query(out, 1);
        assertEquals(20_000.0, after.get("equity").asDouble(), EPS);
        assertEquals(70_000.0 * 0.165, after.get("initialMargin").asDouble(), EPS, "S x (range + contingency)");
        assertEquals(70_100.0 / 3 + 140_000.0 / 3, of(out, "OracleStatus").get(3).get("indexPrice").asDouble(), EPS);
        assertReplays(out, false);
    }

    @Test
    void aStaleFeedDegradesTheAssetAndItsRecoveryResumesTheLiquidation() throws Exception
    {
        final List<JsonNode> out = script("oracle-stale-feed.jsonl");
        assertEquals(List.of("2:INDEX_MOVED", "2:DEGRADED", "2:RECOVERED"), causes(out));
        final JsonNode degraded = of(out, "OracleStatus").get(1);
        assertEquals(-1, degraded.get("sourceId").asInt(), "time passing decided it");
        assertEquals(0, degraded.get("sourcesFresh").asInt());
        assertEquals(100_000.0, degraded.get("indexPrice").asDouble(), EPS, "the last good index is kept");
        final List<JsonNode> effective = of(out, "ParameterChange").stream()
            .filter(n -> "EFFECTIVE".equals(n.get("status").asText())).toList();
        assertEquals(0.24, effective.get(0).get("value").asDouble(), 1e-12, "0.16 widened x1.5");
        assertEquals(0.16, effective.get(1).get("value").asDouble(), 1e-12, "back on recovery");
        final JsonNode widened = query(out, 0);
        assertEquals("LIQUIDATION", widened.get("state").asText());
        assertEquals(100_000.0 * (0.24 + 0.005) * 0.8, widened.get("maintenanceMargin").asDouble(), EPS);
        final List<JsonNode> checks = of(out, "CheckResult");
        assertEquals("PRICE_DEGRADED", checks.get(0).get("reason").asText(), "a buy adds risk");
        assertEquals("ACCEPTED", checks.get(1).get("outcome").asText(), "a sell reduces it");
        final List<String> stages = stages(out);
        assertEquals(List.of("8:STARTED", "8:STEP"), stages);
        assertTrue(indexOf(out, "LiquidationEvent") > indexOfCause(out, "RECOVERED"),
            "no liquidation while degraded: " + stages);
        assertEquals(7_000.0, first(out, "LiquidationEvent").get("equity").asDouble(), EPS, "17,000 - 10,000");
        assertReplays(out, true);
    }

    @Test
    void aDepegWaitsForItsPauseThenTheFiguresDecide() throws Exception
    {
        final List<JsonNode> out = script("oracle-usdc-depeg.jsonl");
        assertEquals(List.of("1:INDEX_MOVED", "2:INDEX_MOVED", "1:OUTLIER_IGNORED", "1:INDEX_MOVED", "1:DEPEGGED",
            "1:OUTLIER_IGNORED", "1:INDEX_MOVED", "1:REPEGGED"), causes(out));
        final JsonNode haircut = of(out, "ParameterChange").stream()
            .filter(n -> "EFFECTIVE".equals(n.get("status").asText())).findFirst().orElseThrow();
        assertEquals(3.0, haircut.get("value2").asDouble(), 1e-12, "worked example 4: capped at 3");
        final JsonNode depegged = query(out, 0);
        assertEquals(100_000.0 * 0.90 * 0.97, depegged.get("equity").asDouble(), EPS, "3% haircut at 0.90");
        assertEquals(92_400.0, depegged.get("maintenanceMargin").asDouble(), EPS);
        final JsonNode started = first(out, "LiquidationEvent");
        assertEquals("STARTED", started.get("stage").asText());
        // the de-peg at 08:01:01 plus the 15-minute pause: the first input after it, the heartbeat at 08:16:02
        assertEquals(nanos("2026-12-01T08:16:02Z"), started.get("timestampNs").asLong());
        assertEquals(List.of("9:STARTED", "9:STEP", "9:FILLED", "9:RECOVERED"), stages(out));
        final double afterFill = 87_300.0 - 1.75 * 1_000.0 - 0.005 * 1.75 * 99_000.0;
        assertEquals(afterFill, stage(out, "RECOVERED").get("equity").asDouble(), EPS);
        assertEquals(afterFill + 100_000.0 * 0.10 * 0.97, query(out, 1).get("equity").asDouble(), EPS,
            "equity follows the peg back; the haircut follows the volatility, still 3%");
        assertReplays(out, true);
    }

    @Test
    void risingVolatilityWidensTheRangeAndRaisesMargin() throws Exception
    {
        final List<JsonNode> out = script("oracle-volatility.jsonl");
        final List<JsonNode> effective = of(out, "ParameterChange").stream()
            .filter(n -> "EFFECTIVE".equals(n.get("status").asText())).toList();
        assertEquals(2, effective.size());
        // worked example 3 by hand: seed (0.16 / 3)^2, + ln(0.9)^2 ln2 / 11.2, a minute decay, + ln(0.8)^2 ln2 / H
        assertEquals(0.17828, effective.get(0).get("value").asDouble(), 5e-6);
        assertEquals(1.11424, effective.get(0).get("value2").asDouble(), 5e-6);
        assertEquals(0.24396, effective.get(1).get("value").asDouble(), 5e-6);
        assertEquals(1.52475, effective.get(1).get("value2").asDouble(), 5e-6);
        assertEquals(16_500.0, query(out, 0).get("initialMargin").asDouble(), EPS);
        assertEquals(90_000.0 * (0.17828 + 0.005), query(out, 1).get("initialMargin").asDouble(), 1.0);
        assertEquals(72_000.0 * (0.24396 + 0.005), query(out, 2).get("initialMargin").asDouble(), 1.0);
        assertReplays(out, false);
    }

    @Test
    void aScheduledSetIsAnnouncedAndAppliedAtItsTimeAsOne() throws Exception
    {
        final List<JsonNode> out = script("parameter-scheduled.jsonl");
        final List<String> changes = new ArrayList<>();
        for (final JsonNode change : of(out, "ParameterChange"))
        {
            changes.add(change.get("version").asLong() + ":" + change.get("status").asText() + ":" +
                change.get("parameterId").asText());
        }
        assertEquals(List.of("1:APPLIED:MM_FACTOR", "2:SCHEDULED:PRICE_RANGE", "2:SCHEDULED:PNL_OFFSET",
            "2:APPLIED:PRICE_RANGE", "2:APPLIED:PNL_OFFSET"), changes);
        assertEquals(nanos("2026-12-01T09:00:00Z"), of(out, "ParameterChange").get(1).get("effectiveNs").asLong());
        assertEquals(List.of("INVALID_VALUE"), rejects(out), "the set with a range of 5 is refused whole");
        assertEquals(16_500.0, query(out, 0).get("initialMargin").asDouble(), EPS, "nothing moves before 09:00");
        assertEquals(100_000.0 * (0.20 + 0.005), query(out, 1).get("initialMargin").asDouble(), EPS);
        assertReplays(out, true);
    }

    // pme replay of the script's journal (from its snapshot when it took one) ends in the script's last digest
    private void assertReplays(final List<JsonNode> out, final boolean fromSnapshot)
    {
        final List<JsonNode> digests = of(out, "StateDigest");
        final String digest = digests.get(digests.size() - 1).get("digestHex").asText();
        final CliRun replay = fromSnapshot ?
            CliRun.of("replay", "--journal", dir.resolve("journal").toString(), "--from-snapshot") :
            CliRun.of("replay", "--journal", dir.resolve("journal").toString());
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.lastOutLine().startsWith("state digest: " + digest), replay.out());
        if (fromSnapshot)
        {
            assertTrue(replay.err().contains("after the snapshot") || replay.out().contains("after the snapshot"),
                replay.out() + replay.err());
        }
    }

    private List<JsonNode> script(final String name)
    {
        final CliRun run = CliRun.of("script", "--input", SCENARIOS.resolve(name).toString(), "--journal",
            dir.resolve("journal").toString());
        assertEquals(0, run.code(), run.err());
        return run.jsonLines();
    }

    private static List<String> causes(final List<JsonNode> out)
    {
        final List<String> causes = new ArrayList<>();
        for (final JsonNode status : of(out, "OracleStatus"))
        {
            causes.add(status.get("assetId").asInt() + ":" + status.get("cause").asText());
        }
        return causes;
    }

    private static List<String> stages(final List<JsonNode> out)
    {
        final List<String> stages = new ArrayList<>();
        for (final JsonNode event : of(out, "LiquidationEvent"))
        {
            stages.add(event.get("accountId").asLong() + ":" + event.get("stage").asText());
        }
        return stages;
    }

    private static List<String> rejects(final List<JsonNode> out)
    {
        final List<String> reasons = new ArrayList<>();
        for (final JsonNode reject : of(out, "Reject"))
        {
            reasons.add(reject.get("reason").asText());
        }
        return reasons;
    }

    private static JsonNode query(final List<JsonNode> out, final int n)
    {
        return of(out, "MarginQueryResult").get(n);
    }

    private static JsonNode stage(final List<JsonNode> out, final String stage)
    {
        return of(out, "LiquidationEvent").stream().filter(n -> stage.equals(n.get("stage").asText()))
            .findFirst().orElseThrow();
    }

    private static JsonNode first(final List<JsonNode> out, final String type)
    {
        return of(out, type).get(0);
    }

    private static int indexOf(final List<JsonNode> out, final String type)
    {
        for (int i = 0; i < out.size(); i++)
        {
            if (type.equals(out.get(i).get("type").asText()))
            {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfCause(final List<JsonNode> out, final String cause)
    {
        for (int i = 0; i < out.size(); i++)
        {
            if ("OracleStatus".equals(out.get(i).get("type").asText()) &&
                cause.equals(out.get(i).get("cause").asText()))
            {
                return i;
            }
        }
        return -1;
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
