package io.pme.tools.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        final Child child = start(childOut, "run", "--duration", "8", "--accounts", Integer.toString(ACCOUNTS),
            "--rate", "300", "--journal", dir.resolve("journal").toString(), "--aeron-dir", aeronDir);
        final Process engine = child.process();
        try
        {
            awaitLine(engine, childOut, "t=");

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

        // a stopped engine leaves its file, but no counter in it: stat says so instead of showing stale figures
        final CliRun after = CliRun.of("stat", "--aeron-dir", aeronDir);
        assertEquals(1, after.code(), after.out());
        assertTrue(after.err().contains("holds no engine counters"), after.err());
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
        for (final String line : run.outLines())
        {
            // "%-40s %,20d": a label, then right-aligned digits with grouping commas
            final int split = line.lastIndexOf(' ');
            counters.put(line.substring(0, split).strip(), Long.parseLong(line.substring(split + 1).replace(",", "")));
        }
        return counters;
    }

    private record Child(Process process, Thread reader)
    {
    }

    private static Child start(final List<String> output, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("..", "scripts", "jvm.options").toAbsolutePath().normalize());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Pme.class.getName());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = lines.readLine()))
                {
                    output.add(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process went away: the waiting test reports it
            }
        }, "pme-run-output");
        reader.setDaemon(true);
        reader.start();
        return new Child(process, reader);
    }

    private static void awaitLine(final Process process, final List<String> output, final String prefix)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (output.stream().noneMatch(line -> line.startsWith(prefix)))
        {
            if (!process.isAlive())
            {
                fail("pme run ended (exit " + process.exitValue() + ") before printing '" + prefix + "': " + output);
            }
            if (System.nanoTime() > deadline)
            {
                process.destroyForcibly();
                fail("pme run printed no '" + prefix + "' line within " + TIMEOUT_S + " s: " + output);
            }
            Thread.sleep(50);
        }
    }
}
