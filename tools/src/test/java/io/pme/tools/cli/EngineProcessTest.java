package io.pme.tools.cli;

import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code pme engine} and {@code pme simulate} as two real processes (the same main class and JVM flags as
 * {@code scripts/pme}): the simulation drives the engine over its channels and prints the run's kind of status and
 * summary; SIGTERM ({@link ProcessHandle#destroy()}) then stops the engine gracefully, exit 0, with a last snapshot
 * written and a digest that {@code pme replay} reproduces, from the journal's start and from that snapshot; a
 * restart on the same journal recovers from it and stops the same way.
 */
class EngineProcessTest
{
    // generous for a loaded 2-core machine, yet bounded: a child that hangs fails the test
    private static final long TIMEOUT_S = 90;
    private static final Pattern STATUS = Pattern.compile("t= *\\d+s \\| in +[\\d,]+ msg/s \\| out +[\\d,]+ msg/s " +
        "\\| accounts [\\d,]+ \\| below IM [\\d,]+ \\| below MM [\\d,]+ \\| checks +[\\d,]+/s \\| p99 check - " +
        "\\| longest input - \\| rejects [\\d,]+ \\| journal [\\d,]+ " +
        "\\| liquidating [\\d,]+ of [\\d,]+ \\| auctions [\\d,]+ \\| fund (-|-?[\\d,]+ USD) \\| borrowed .+");
    private static final Pattern LIQUIDATIONS = Pattern.compile("liquidations: [\\d,]+ started, .* at the end " +
        "[\\d,]+ accounts below MM \\(the engine's counter\\); oracle: .*");
    private static final Pattern SENT = Pattern.compile("sent ([\\d,]+) inputs; [\\d,]+ outputs received, " +
        "[\\d,]+ checks accepted, [\\d,]+ rejected; 0 engine errors");
    private static final Pattern STOPPED = Pattern.compile("pme engine: stopped by SIGTERM: [\\d,]+ inputs taken " +
        "since the start, the last snapshot at input [\\d,]+: (.+)");
    private static final Pattern DIGEST =
        Pattern.compile("state digest: [0-9a-f]{16} \\(correlation ids [0-9a-f]{16}\\)");

    @TempDir
    Path dir;

    @Test
    void simulateDrivesTheEngineInAnotherProcessAndSigtermStopsItWithASnapshotReplayReproduces() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final String aeronDir = dir.resolve("aeron").toString();
        final Path config = Files.writeString(dir.resolve("engine.properties"),
            "pme.journal.dir=" + journal + "\npme.aeron.dir=" + aeronDir + "\npme.max.accounts=1000\n");

        final Child engine = start("engine", "--config", config.toString());
        final List<String> first;
        try
        {
            engine.await("pme engine: running");
            final Child simulate = start("simulate", "--aeron-dir", aeronDir, "--duration", "3", "--accounts", "40",
                "--rate", "300");
            assertEquals(0, simulate.exit(), simulate::toString);
            final List<String> lines = simulate.lines();
            assertTrue(lines.get(0).startsWith("pme simulate: 40 accounts, seed 42, 300 msgs/s offered for 3 s, " +
                "to the engine at " + aeronDir), lines::toString);
            assertTrue(lines.stream().filter(l -> l.startsWith("t=")).allMatch(l -> STATUS.matcher(l).matches()) &&
                lines.stream().anyMatch(l -> l.startsWith("t=")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("opening book: ")), lines::toString);
            assertTrue(LIQUIDATIONS.matcher(lines.get(lines.size() - 2)).matches(), lines::toString);
            assertTrue(lines.get(lines.size() - 3).startsWith("borrowing: "), lines::toString);
            final Matcher sent = SENT.matcher(lines.get(lines.size() - 1));
            assertTrue(sent.matches(), lines::toString);
            assertTrue(Long.parseLong(sent.group(1).replace(",", "")) > 40, lines::toString);
        }
        finally
        {
            first = engine.stop();
        }
        final String digest = assertStoppedWithASnapshot(first, engine);
        assertTrue(first.stream().anyMatch(l -> l.startsWith("t=") && l.contains("| accounts 4")), first::toString);
        assertReplayed(journal, digest);

        // recovered from that snapshot, stopped again: the engine's own snapshot input follows the one before it
        final Child again = start("engine", "--config", config.toString());
        final List<String> second;
        try
        {
            again.await("pme engine: running");
            assertTrue(again.lines().stream().anyMatch(l -> l.startsWith("recovery: restored snapshot snapshot-")),
                again::toString);
        }
        finally
        {
            second = again.stop();
        }
        final String secondDigest = assertStoppedWithASnapshot(second, again);
        assertReplayed(journal, secondDigest);
        try (Stream<Path> snapshots = Files.list(journal.resolve("snapshots")))
        {
            assertEquals(2, snapshots.filter(p -> p.toString().endsWith(".snap")).count());
        }
    }

    @Test
    void anEngineOnAnExternalMediaDriverServesTheSimulationAndStopsLeavingTheDriverUp() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final String aeronDir = dir.resolve("driver").toString();
        final Path config = Files.writeString(dir.resolve("engine.properties"), "pme.journal.dir=" + journal +
            "\npme.aeron.dir=" + aeronDir + "\npme.media.driver=external\npme.max.accounts=1000\n");
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir).threadingMode(ThreadingMode.SHARED).dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)))
        {
            final Child engine = start("engine", "--config", config.toString());
            final List<String> lines;
            try
            {
                engine.await("pme engine: running");
                assertTrue(engine.lines().get(0).contains("Aeron directory " + aeronDir + " (external media driver)"),
                    engine::toString);
                final Child simulate =
                    start("simulate", "--aeron-dir", aeronDir, "--duration", "2", "--accounts", "20", "--rate", "200");
                assertEquals(0, simulate.exit(), simulate::toString);
                assertTrue(SENT.matcher(simulate.lines().get(simulate.lines().size() - 1)).matches(),
                    simulate::toString);
            }
            finally
            {
                lines = engine.stop();
            }
            assertReplayed(journal, assertStoppedWithASnapshot(lines, engine));
            // the engine closed its own client only: the driver it did not launch is still there
            final Consumer<String> quiet = message ->
            {
            };
            assertTrue(CommonContext.isDriverActive(new File(aeronDir), TimeUnit.SECONDS.toMillis(5), quiet));
        }
    }

    @Test
    void sigtermEndsARunEarlyWithALastSnapshotAndItsUsualSummary() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Child run = start("run", "--duration", "60", "--accounts", "40", "--rate", "300", "--journal",
            journal.toString(), "--aeron-dir", dir.resolve("aeron").toString());
        final List<String> lines;
        try
        {
            run.await("t=");
        }
        finally
        {
            lines = run.stop();
        }
        final String written = lines.stream().filter(l -> l.startsWith("pme run: stopped by SIGTERM")).findFirst()
            .orElseThrow(() -> new AssertionError(run.toString()));
        final String prefix = "pme run: stopped by SIGTERM, the last snapshot written: ";
        assertTrue(written.startsWith(prefix), run::toString);
        assertTrue(Files.isRegularFile(Path.of(written.substring(prefix.length()))), run::toString);
        assertTrue(lines.get(lines.size() - 2).startsWith("sent "), run::toString);
        final String digest = lines.get(lines.size() - 1);
        assertTrue(DIGEST.matcher(digest).matches(), run::toString);
        assertReplayed(journal, digest);
    }

    private static String assertStoppedWithASnapshot(final List<String> lines, final Child child)
    {
        final Matcher stopped = STOPPED.matcher(lines.get(lines.size() - 2));
        assertTrue(stopped.matches(), child::toString);
        assertTrue(Files.isRegularFile(Path.of(stopped.group(1))), child::toString);
        final String digest = lines.get(lines.size() - 1);
        assertTrue(DIGEST.matcher(digest).matches(), child::toString);
        return digest;
    }

    private static void assertReplayed(final Path journal, final String digest)
    {
        final CliRun replay = CliRun.of("replay", "--journal", journal.toString());
        assertEquals(0, replay.code(), replay.err());
        assertEquals(digest, replay.lastOutLine(), replay::out);
        final CliRun fromSnapshot = CliRun.of("replay", "--journal", journal.toString(), "--from-snapshot");
        assertEquals(0, fromSnapshot.code(), fromSnapshot.err());
        assertEquals(digest, fromSnapshot.lastOutLine(), fromSnapshot::out);
    }

    private Child start(final String... args) throws IOException
    {
        final Path err = Files.createTempFile(dir, args[0], ".err");
        final List<String> output = new CopyOnWriteArrayList<>();
        final ChildPme child = ChildPme.start(output, ProcessBuilder.Redirect.to(err.toFile()), args);
        return new Child(args[0], child.process(), child.reader(), output, err);
    }

    private record Child(String name, Process process, Thread reader, List<String> output, Path err)
    {
        public String toString()
        {
            try
            {
                return "pme " + name + " printed " + output + " and on stderr " + Files.readString(err);
            }
            catch (final IOException ex)
            {
                return "pme " + name + " printed " + output;
            }
        }

        void await(final String prefix) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (output.stream().noneMatch(line -> line.startsWith(prefix)))
            {
                if (!process.isAlive())
                {
                    fail("pme " + name + " ended (exit " + process.exitValue() + ") before printing '" + prefix +
                        "': " + output);
                }
                if (System.nanoTime() > deadline)
                {
                    process.destroyForcibly();
                    fail("pme " + name + " printed no '" + prefix + "' line within " + TIMEOUT_S + " s: " + output);
                }
                Thread.sleep(50);
            }
        }

        int exit() throws InterruptedException
        {
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                fail("pme " + name + " did not end: " + output);
            }
            reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            return process.exitValue();
        }

        // SIGTERM, as a service manager stops it: exit 0 once drained and snapshotted. Through the process handle:
        // Process.destroy() sends the same SIGTERM but closes the child's standard output too, losing its last lines
        List<String> stop() throws InterruptedException
        {
            assertTrue(process.toHandle().destroy(), "SIGTERM sent");
            assertEquals(0, exit(), this::toString);
            return lines();
        }

        List<String> lines()
        {
            return List.copyOf(output);
        }
    }
}
