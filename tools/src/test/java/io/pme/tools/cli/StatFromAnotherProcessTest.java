package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code pme stat} reading the counters of an engine in another process: {@code pme run} started as its own JVM
 * (the same main class and JVM flags as {@code scripts/pme}), read from this one while it runs, and read again once
 * it has exited.
 */
class StatFromAnotherProcessTest
{
    // generous for a loaded 2-core machine, yet bounded: a child that hangs fails the test
    private static final long TIMEOUT_S = 90;
    private static final int ACCOUNTS = 40;

    @TempDir
    Path dir;

    @Test
    void statReadsTheLiveCountersOfAnEngineInAnotherProcess() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final List<String> childOut = new CopyOnWriteArrayList<>();
        // long enough for every read below, --watch's included, while it runs
        final ChildPme child = ChildPme.start(childOut, "run", "--duration", "12", "--accounts",
            Integer.toString(ACCOUNTS), "--rate", "300", "--journal", dir.resolve("journal").toString(),
            "--aeron-dir", aeronDir);
        final Process engine = child.process();
        try
        {
            ChildPme.awaitLine(engine, childOut, "t=", TIMEOUT_S);

            final Map<String, Long> first = statOnceAllAccountsAreOpen(engine, aeronDir);
            for (final String label : List.of("pme: inputs", "pme: outputs", "pme: rejects", "pme: ring occupancy",
                "pme: journal excerpts", "pme: accounts below IM", "pme: accounts below MM", "pme: errors",
                "pme: checks", "pme: journal failures", "pme: inputs not journaled", "pme: session refused account"))
            {
                assertTrue(first.containsKey(label), () -> "no counter '" + label + "' in " + first.keySet());
            }
            assertTrue(first.get("pme: inputs") > ACCOUNTS, first::toString);
            assertTrue(first.get("pme: journal excerpts") > 0, first::toString);
            assertEquals(0, first.get("pme: errors"));

            Thread.sleep(1_000);
            final Map<String, Long> later = stat(aeronDir);
            assertTrue(later.get("pme: inputs") > first.get("pme: inputs"), "live: " + first + " then " + later);
            assertTrue(later.get("pme: input hold sum ns") > 0, later::toString);

            final CliRun alive = CliRun.of("stat", "--aeron-dir", aeronDir);
            assertTrue(alive.outLines().get(0).startsWith("engine: alive (pid " + engine.pid() + ", heartbeat "),
                alive.out());
            final JsonNode json =
                new ObjectMapper().readTree(CliRun.of("stat", "--aeron-dir", aeronDir, "--json").out());
            assertTrue(json.get("engine").get("alive").asBoolean(), json::toString);
            assertEquals(engine.pid(), json.get("engine").get("pid").asLong(), json::toString);
            assertTrue(json.get("counters").get("pme: inputs").asLong() > ACCOUNTS, json::toString);

            assertTrue(count(watch(aeronDir, 2, "engine: alive"), " - pme stat ") >= 2, "a time line a block");
            // with --json, JSON lines: one object a block, and nothing else
            final List<String> jsonLines = watch(aeronDir, 2, "\"alive\":true", "--json").toString(
                StandardCharsets.UTF_8).lines().toList();
            for (final String line : jsonLines)
            {
                assertTrue(new ObjectMapper().readTree(line).get("engine").get("alive").asBoolean(), line);
            }
        }
        finally
        {
            if (!engine.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
            {
                engine.destroyForcibly();
                fail("pme run did not end: " + childOut);
            }
            child.reader().join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        }
        assertEquals(0, engine.exitValue(), childOut::toString);
        assertTrue(childOut.get(childOut.size() - 1).startsWith("state digest: "), childOut::toString);

        // a stopped engine leaves its file marked closed, with no counter in it: no stale figures
        final CliRun after = CliRun.of("stat", "--aeron-dir", aeronDir);
        assertEquals(ExitCodes.NOT_RUNNING, after.code(), after.out());
        assertEquals(1, after.outLines().size(), after.out());
        assertTrue(after.outLines().get(0).startsWith("engine: not running (pid " + engine.pid() + ", closed cleanly "),
            after.out());
    }

    // --watch prints a block a second and ends when its thread is interrupted
    private static ByteArrayOutputStream watch(
        final String aeronDir, final int blocks, final String blockLine, final String... extra)
        throws InterruptedException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int[] code = {-1};
        final List<String> args = new ArrayList<>(List.of("stat", "--aeron-dir", aeronDir, "--watch"));
        args.addAll(List.of(extra));
        final Thread watch = new Thread(() -> code[0] = Pme.run(args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err), "pme-stat-watch");
        watch.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (count(out, blockLine) < blocks)
        {
            assertTrue(System.nanoTime() < deadline, () -> "--watch printed: " + out);
            Thread.sleep(100);
        }
        watch.interrupt();
        watch.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        assertFalse(watch.isAlive(), "--watch did not end when interrupted");
        assertEquals(ExitCodes.OK, code[0]);
        return out;
    }

    private static long count(final ByteArrayOutputStream out, final String text)
    {
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains(text)).count();
    }

    // the simulation opens its accounts first: read until all are there, every read from outside
    private static Map<String, Long> statOnceAllAccountsAreOpen(final Process engine, final String aeronDir)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        Map<String, Long> counters = stat(aeronDir);
        while (counters.get("pme: accounts") < ACCOUNTS)
        {
            assertTrue(engine.isAlive() && System.nanoTime() < deadline, "accounts never reached: " + counters);
            Thread.sleep(200);
            counters = stat(aeronDir);
        }
        return counters;
    }

    private static Map<String, Long> stat(final String aeronDir)
    {
        final CliRun run = CliRun.of("stat", "--aeron-dir", aeronDir);
        assertEquals(0, run.code(), run.err());
        final Map<String, Long> counters = new TreeMap<>();
        // the first line is the liveness, the others the counters
        for (final String line : run.outLines().subList(1, run.outLines().size()))
        {
            // "%-40s %,20d": a label, then right-aligned digits with grouping commas
            final int split = line.lastIndexOf(' ');
            counters.put(line.substring(0, split).strip(), Long.parseLong(line.substring(split + 1).replace(",", "")));
        }
        return counters;
    }
}
