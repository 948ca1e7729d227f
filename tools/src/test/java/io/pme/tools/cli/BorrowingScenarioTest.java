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
 * docs/scenarios/borrowing-usdc-against-btc.jsonl through {@code pme script} (the real pipeline): the asserted
 * sequence of answers, pool announcements and state changes, the debt after a month of hourly epochs held to the
 * rulebook's recursion computed here, and {@code pme replay} from the snapshot taken after the month reaching the
 * same digest.
 */
class BorrowingScenarioTest
{
    private static final Path SCENARIO = Path.of("..", "docs", "scenarios", "borrowing-usdc-against-btc.jsonl");
    private static final double BORROWED = 122_000;
    private static final double POOL = 244_000;

    @TempDir
    Path dir;

    @Test
    void aMonthOfInterestThenABtcDropMakesTheDebtMatter() throws Exception
    {
        final List<JsonNode> out = script();
        assertEquals(List.of("Withdrawal:UTILIZATION_LIMIT", "Withdrawal:INSUFFICIENT_MARGIN"), rejects(out));

        final List<JsonNode> pools = of(out, "BorrowRate").stream()
            .filter(n -> 1 == n.get("assetId").asInt()).toList();
        // defined, pool resized, borrowed, three heartbeats' epochs, a withdrawal refused (nothing), the repayment
        assertEquals(List.of(0.0, 0.0, 0.5), List.of(pools.get(0).get("utilization").asDouble(),
            pools.get(1).get("utilization").asDouble(), pools.get(2).get("utilization").asDouble()));
        assertEquals(0.05 * 0.5 / 0.9, pools.get(2).get("rate").asDouble(), 1e-15);
        assertEquals(1.0 + 0.05 * 0.5 / 0.9 / 8_760, pools.get(3).get("index").asDouble(), 1e-15, "09:00, one epoch");

        final int[] epochs = { 1, 25, 720 };
        for (int i = 0; i < epochs.length; i++)
        {
            final double debt = debtAfter(epochs[i]);
            assertEquals(debt, pools.get(3 + i).get("totalDebt").asDouble(), 1e-9 * debt, epochs[i] + " epochs");
            assertEquals(debt - BORROWED, pools.get(3 + i).get("interestIncome").asDouble(), 1e-9 * debt);
        }
        final double month = debtAfter(720);
        assertEquals(122_279.18, month, 0.005, "the scenario's comment");

        final List<JsonNode> updates = of(out, "MarginUpdate");
        final JsonNode drop = updates.stream().filter(n -> "RESTRICTED".equals(n.get("state").asText()))
            .findFirst().orElseThrow();
        assertEquals("HEALTHY", drop.get("previousState").asText());
        assertEquals(month, drop.get("debt").asDouble(), 1e-9 * month, "the debt the drop found");
        assertTrue(drop.get("equity").asDouble() < drop.get("initialMargin").asDouble());
        assertTrue(drop.get("equity").asDouble() > drop.get("maintenanceMargin").asDouble());

        final JsonNode repaid = updates.get(updates.size() - 1);
        assertEquals("HEALTHY", repaid.get("state").asText());
        assertEquals("RESTRICTED", repaid.get("previousState").asText());
        assertEquals(month - 60_000, repaid.get("debt").asDouble(), 1e-9 * month);
        assertEquals(drop.get("equity").asDouble() + 60_000, repaid.get("equity").asDouble(), 1e-6,
            "a repayment is worth its full notional");
        final JsonNode last = pools.get(pools.size() - 1);
        assertEquals((month - 60_000) / POOL, last.get("utilization").asDouble(), 1e-12);

        final List<JsonNode> digests = of(out, "StateDigest");
        assertEquals(2, digests.size(), "the snapshot's and the last input's");
        final String digest = digests.get(1).get("digestHex").asText();
        final CliRun replay = CliRun.of("replay", "--journal", dir.resolve("journal").toString(), "--from-snapshot");
        assertEquals(0, replay.code(), replay.err());
        assertTrue(replay.lastOutLine().startsWith("state digest: " + digest), replay.out());
        final CliRun full = CliRun.of("replay", "--journal", dir.resolve("journal").toString());
        assertTrue(full.lastOutLine().startsWith("state digest: " + digest), full.out());
    }

    // section 8 by its own words: each hourly boundary multiplies the debt by 1 + r(U) / 8,760 at the U it finds
    private static double debtAfter(final int epochs)
    {
        double debt = BORROWED;
        for (int i = 0; i < epochs; i++)
        {
            final double u = debt / POOL;
            final double rate = 0.05 * Math.min(u, 0.9) / 0.9 + 0.6 * Math.max(0.0, u - 0.9) / 0.1;
            debt *= 1.0 + rate * 3_600 / (365.0 * 86_400);
        }
        return debt;
    }

    private List<JsonNode> script()
    {
        final CliRun run = CliRun.of("script", "--input", SCENARIO.toString(), "--journal",
            dir.resolve("journal").toString());
        assertEquals(0, run.code(), run.err());
        return run.jsonLines();
    }

    private static List<String> rejects(final List<JsonNode> out)
    {
        final List<String> reasons = new ArrayList<>();
        for (final JsonNode reject : of(out, "Reject"))
        {
            reasons.add((5 == reject.get("templateId").asInt() ? "Withdrawal" : reject.get("templateId").asText()) +
                ":" + reject.get("reason").asText());
        }
        return reasons;
    }

    private static List<JsonNode> of(final List<JsonNode> out, final String type)
    {
        return out.stream().filter(n -> type.equals(n.get("type").asText())).toList();
    }
}
