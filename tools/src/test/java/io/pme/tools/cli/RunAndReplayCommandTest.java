package io.pme.tools.cli;

import io.pme.engine.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme run} and {@code pme replay} as commands, in this JVM with their output captured: the real engine on an
 * embedded media driver with a Chronicle Queue journal, driven by the built-in simulation, logged on through a
 * sessions file; its journal replayed to the same state digest; and the runs that must fail, failing with one line
 * and exit code 1.
 */
class RunAndReplayCommandTest
{
    private static final Path EXAMPLE_SESSIONS = Path.of("..", "scripts", "sessions.example.properties");
    /**
     * README's status line: t=, inputs and outputs per second, accounts, below IM and MM, checks, p99, the longest
     * input, rejects, the journal, liquidations in progress of those started, auctions, the insurance fund, and the
     * borrowing pools with a debt (utilization, rate, interest so far), or none.
     */
    private static final Pattern STATUS = Pattern.compile("t= *\\d+s \\| in +[\\d,]+ msg/s \\| out +[\\d,]+ msg/s " +
        "\\| accounts [\\d,]+ \\| below IM [\\d,]+ \\| below MM [\\d,]+ \\| checks +[\\d,]+/s \\| p99 check " +
        "(-|[\\d.]+ µs) \\| longest input (-|[\\d.]+ µs) \\| rejects [\\d,]+ \\| journal [\\d,]+ " +
        "\\| liquidating [\\d,]+ of [\\d,]+ \\| auctions [\\d,]+ \\| fund (-|-?[\\d,]+ USD) \\| borrowed " +
        "(none|[A-Z#0-9]+ U [\\d.]+% r [\\d.]+% int [\\d,.]+(, [A-Z#0-9]+ U [\\d.]+% r [\\d.]+% int [\\d,.]+)*)");
    private static final Pattern SUMMARY = Pattern.compile("sent [\\d,]+ inputs; [\\d,]+ outputs received, " +
        "[\\d,]+ checks accepted, [\\d,]+ rejected; 0 pipeline errors");
    /** README's summary of the market after the opening book: how long inputs held the thread, and the checks. */
    private static final Pattern MARKET = Pattern.compile("market after the opening book: [\\d,]+ inputs held the " +
        "business logic p50 [\\d.]+ µs · p99 [\\d.]+ µs · p99.99 [\\d.]+ µs · max [\\d.]+ µs; [\\d,]+ checks, " +
        "arrival to decision p50 (-|[\\d.]+ µs) · p99 (-|[\\d.]+ µs) · p99.9 (-|[\\d.]+ µs) · max (-|[\\d.]+ µs)");
    private static final Pattern DIGEST =
        Pattern.compile("state digest: [0-9a-f]{16} \\(correlation ids [0-9a-f]{16}\\)");

    @TempDir
    Path dir;

    @Test
    void anAuthenticatedRunAndItsReplayEndWithTheSameDigest()
    {
        final Path journal = dir.resolve("journal");
        final CliRun run = CliRun.of("run", "--duration", "2", "--accounts", "40", "--rate", "400", "--seed", "7",
            "--journal", journal.toString(), "--aeron-dir", dir.resolve("aeron").toString(),
            "--sessions", EXAMPLE_SESSIONS.toString(), "--threading-mode", "shared");
        assertEquals(0, run.code(), run.err());
        final List<String> lines = run.outLines();
        assertEquals("pme run: 40 accounts, seed 7, 400 msgs/s offered for 2 s, journal " + journal + " (sync none)" +
            ", threading mode shared", lines.get(0));
        assertTrue(lines.stream().filter(l -> l.startsWith("t=")).allMatch(l -> STATUS.matcher(l).matches()) &&
            lines.stream().anyMatch(l -> l.startsWith("t=")), run::out);
        assertTrue(SUMMARY.matcher(lines.get(lines.size() - 2)).matches(), run::out);
        assertTrue(MARKET.matcher(lines.get(lines.size() - 3)).matches(), run::out);
        assertTrue(DIGEST.matcher(run.lastOutLine()).matches(), run::out);
        assertFalse(run.err().contains("running open"), "the sessions file turned authentication on: " + run.err());

        final CliRun replay = CliRun.of("replay", "--journal", journal.toString());
        assertEquals(0, replay.code(), replay.err());
        assertEquals(run.lastOutLine(), replay.lastOutLine(), "replay digest: " + replay.out());
        final CliRun fromSnapshot = CliRun.of("replay", "--journal", journal.toString(), "--from-snapshot");
        assertEquals(run.lastOutLine(), fromSnapshot.lastOutLine(), fromSnapshot.out());
        expectAndJson(journal, run.lastOutLine());
    }

    // --expect passes the digest the run printed and refuses any other with exit 3; --json carries the same digests
    private static void expectAndJson(final Path journal, final String digestLine)
    {
        final String digest = digestLine.substring("state digest: ".length(), "state digest: ".length() + 16);
        final String correlation = digestLine.substring(digestLine.length() - 17, digestLine.length() - 1);
        assertEquals(0, CliRun.of("replay", "--journal", journal.toString(), "--expect", digest).code());
        final String other = Long.toHexString(Long.parseUnsignedLong(digest, 16) ^ 1L);
        final String otherDigest = "0".repeat(16 - other.length()) + other;
        final CliRun wrong = CliRun.of("replay", "--journal", journal.toString(), "--expect", otherDigest);
        assertEquals(ExitCodes.DIGEST_MISMATCH, wrong.code(), wrong.err());
        assertEquals("pme replay: state digest " + digest + ", expected " + otherDigest + System.lineSeparator(),
            wrong.err());
        assertEquals(digestLine, wrong.lastOutLine(), "the digest is printed all the same");

        final CliRun json = CliRun.of("replay", "--journal", journal.toString(), "--json", "--expect", digest);
        assertEquals(0, json.code(), json.err());
        final com.fasterxml.jackson.databind.JsonNode node;
        try
        {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        }
        catch (final IOException ex)
        {
            throw new AssertionError(json.out(), ex);
        }
        assertEquals(1, json.outLines().size(), json.out());
        assertEquals(digest, node.get("stateDigest").asText());
        assertEquals(correlation, node.get("correlationDigest").asText());
        assertTrue(node.get("matches").asBoolean());
        assertTrue(node.get("inputsReplayed").asLong() > 0, json.out());
        assertTrue(node.get("accounts").asLong() >= 40, json.out());
    }

    @Test
    void aSessionsFileWithoutTheSimulationsClientsFailsTheRun() throws IOException
    {
        final Path sessions = dir.resolve("no-gateway.properties");
        Files.writeString(sessions, Files.readAllLines(EXAMPLE_SESSIONS).stream()
            .filter(line -> !line.startsWith("client.3.")).collect(Collectors.joining("\n")));
        final CliRun run = CliRun.of("run", "--duration", "2", "--accounts", "10", "--journal",
            dir.resolve("journal").toString(), "--aeron-dir", dir.resolve("aeron").toString(),
            "--sessions", sessions.toString());
        assertEquals(1, run.code(), run.out());
        assertTrue(run.err().contains("pme run: the sessions file has no client 3 for the simulation"), run.err());
        assertFalse(run.out().contains("state digest"), run.out());
    }

    @Test
    void anInvalidSessionsFileStopsTheRunInOneLine() throws IOException
    {
        // the example file with a line appended that widens client 7 to every account
        final List<String> example = Files.readAllLines(EXAMPLE_SESSIONS);
        final Path sessions = dir.resolve("twice.properties");
        Files.writeString(sessions, String.join("\n", example) + "\n\nclient.7.accounts=*\n");
        final CliRun run = CliRun.of("run", "--duration", "2", "--journal", dir.resolve("journal").toString(),
            "--aeron-dir", dir.resolve("aeron").toString(), "--sessions", sessions.toString());
        assertEquals(1, run.code(), run.out());
        final int first = 1 + example.indexOf("client.7.accounts=1000001,1000002");
        assertEquals("pme run: cannot start the engine: sessions file " + sessions + ": client.7.accounts: given " +
            "twice, at lines " + first + " and " + (example.size() + 2) + System.lineSeparator(), run.err());
        assertFalse(Files.exists(dir.resolve("aeron")), "nothing was started");
    }

    @Test
    void aJournalThatFailsStopsTheRunWithExitOneAndTheCause()
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        // closed before the simulation sends anything: its first input cannot be journaled, as on a full disk
        final int code = RunCommand.run(new String[]{"run", "--duration", "10", "--accounts", "10", "--journal",
            dir.resolve("journal").toString(), "--aeron-dir", dir.resolve("aeron").toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
            RunAndReplayCommandTest::closeJournal);
        final String stdout = out.toString(StandardCharsets.UTF_8);
        final String stderr = err.toString(StandardCharsets.UTF_8);

        assertEquals(1, code, stderr);
        assertTrue(stderr.contains("pme run: the journal failed, the engine stopped taking input: "), stderr);
        assertTrue(stderr.contains("IllegalStateException"), stderr);
        assertFalse(stdout.contains("state digest"), "a run that acted on nothing journaled has no digest");
        assertTrue(stdout.lines().filter(l -> l.startsWith("t=")).count() < 5, "stopped at once: " + stdout);
    }

    // Engine.journal() is the engine's own test seam (package-private), reached here the way a test must
    private static void closeJournal(final Engine engine)
    {
        try
        {
            final Method journal = Engine.class.getDeclaredMethod("journal");
            journal.setAccessible(true);
            ((AutoCloseable)journal.invoke(engine)).close();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot close the engine's journal", ex);
        }
    }
}
