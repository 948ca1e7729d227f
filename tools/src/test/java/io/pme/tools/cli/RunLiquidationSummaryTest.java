package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.engine.journal.JournalReader;
import io.pme.simulation.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme run --summary} end to end: a 20 s run of the default market (2,000 accounts, a crash within its first
 * ten simulated seconds) liquidates, its summary is one JSON object with every figure, money is conserved, no
 * account is left below MM outside a liquidation, the oracle drops the feed's glitches and never degrades,
 * {@code pme replay} of its journal ends with its digest, and the journal is what the simulation and its liquidation
 * desk make against an infinitely fast engine ({@link ClosedLoop}): the desk's answers are a function of the seed,
 * not of the run's timing. The closed loop's state and counters then give the very same summary.
 */
class RunLiquidationSummaryTest
{
    private static final String[] FIELDS = {
        "inputs", "stateDigest", "accounts", "belowMaintenanceAtEnd", "inLiquidationAtEnd", "liquidationsStarted",
        "recoveredByPartial", "auctions", "auctionsWon", "takenByInsuranceFund", "bankrupt", "insuranceFund",
        "deleveragedAccounts", "deficitCovered", "deleveragedNotional", "oracleOutliersRejected", "degradedEpisodes",
        "parameterChanges", "moneyConserved" };
    private static final Pattern LIQUIDATIONS = Pattern.compile("liquidations: [\\d,]+ started, [\\d,]+ recovered " +
        "by partial steps, [\\d,]+ auctions \\([\\d,]+ won, [\\d,]+ taken by the insurance fund\\), " +
        "[\\d,]+ bankrupt, [\\d,]+ accounts deleveraged \\([\\d,.]+ USD notional\\); deficits covered [\\d,.]+ USD; " +
        "insurance fund -?[\\d,.]+ USD; at the end [\\d,]+ accounts below MM, [\\d,]+ in liquidation; " +
        "money conserved; oracle: [\\d,]+ outliers rejected, 0 degraded episodes, [\\d,]+ parameter changes");

    @TempDir
    Path dir;

    @Test
    void aRunLiquidatesSummarisesAsJsonAndReplaysToItsDigest() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Path summaryFile = dir.resolve("summary.json");
        final CliRun run = CliRun.of("run", "--duration", "20", "--journal", journal.toString(),
            "--aeron-dir", dir.resolve("aeron").toString(), "--summary", summaryFile.toString());
        assertEquals(0, run.code(), run.out() + run.err());

        final JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertTrue(summary.isObject(), summary::toString);
        for (final String field : FIELDS)
        {
            assertTrue(summary.has(field), "no " + field + " in " + summary);
        }
        assertTrue(summary.get("moneyConserved").asBoolean(), summary::toString);
        assertTrue(summary.get("liquidationsStarted").asLong() > 0, summary::toString);
        assertTrue(summary.get("auctions").asLong() > 0, summary::toString);
        assertEquals(0, summary.get("belowMaintenanceNotInLiquidation").asLong(), summary::toString);
        assertTrue(summary.get("belowMaintenanceAtEnd").asLong() <= summary.get("inLiquidationAtEnd").asLong());
        // the feed's glitches, one print in 2,000, are dropped; three sources never leave an asset short of a quorum
        assertTrue(summary.get("oracleOutliersRejected").asLong() > 0, summary::toString);
        assertEquals(0, summary.get("degradedEpisodes").asLong(), summary::toString);
        assertTrue(summary.get("parameterChanges").asLong() >= 1 + 32, "the opening's rules at least: " + summary);
        assertEquals(run.lastOutLine(), "state digest: " + summary.get("stateDigest").asText() +
            " (correlation ids " + summary.get("correlationDigest").asText() + ")");
        final List<String> lines = run.outLines();
        assertTrue(LIQUIDATIONS.matcher(lines.get(lines.size() - 4)).matches(), run::out);

        final CliRun replay = CliRun.of("replay", "--journal", journal.toString());
        assertEquals(0, replay.code(), replay.err());
        assertEquals(run.lastOutLine(), replay.lastOutLine(), replay.out());

        final List<byte[]> journaled = journaled(journal);
        assertEquals(summary.get("inputs").asLong(), journaled.size());
        final ClosedLoop loop = new ClosedLoop(new SimulationConfig());
        final List<byte[]> expected = loop.run(journaled.size());
        for (int i = 0; i < journaled.size(); i++)
        {
            assertArrayEquals(expected.get(i), journaled.get(i), "frame " + i);
        }
        final RunSummary same = new RunSummary(
            journaled.size(), loop.digest(), loop.correlationDigest(), summary.get("outputsDropped").asLong(),
            loop.state(), loop.tally(), loop.borrowing(), OracleCounts.of(loop.counters()));
        final ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(json.writeValueAsString(same.figures())), summary);
    }

    private static List<byte[]> journaled(final Path journal)
    {
        final List<byte[]> frames = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal))
        {
            reader.fromStart().readAll((buffer, offset, length, index) ->
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(offset, frame);
                frames.add(frame);
            });
        }
        return frames;
    }
}
