package io.pme.tools.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme run} in a JVM of its own whose direct memory is too small for the book it is asked to open: the
 * allocation of the book fails for real in the business logic, and the run must stop and say so, never stall.
 */
class RunOutOfDirectMemoryTest
{
    @TempDir
    Path dir;

    @Test
    void aBookThatOutgrowsDirectMemoryStopsTheRunWithExitOneAndTheCause() throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("..", "scripts", "jvm.options").toAbsolutePath().normalize());
        command.add("-Xmx512m");
        // the engine's own buffers (output queue, ring) take about 70 MiB: the accounts run out after some thousands
        command.add("-XX:MaxDirectMemorySize=160m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Pme.class.getName());
        command.addAll(List.of("run", "--accounts", "60000", "--duration", "60", "--journal",
            dir.resolve("journal").toString(), "--aeron-dir", dir.resolve("aeron").toString()));
        final File out = dir.resolve("out.txt").toFile();
        final File err = dir.resolve("err.txt").toFile();
        final Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        // well before --duration: a stalled run would still be printing status lines
        final boolean exited = process.waitFor(40, TimeUnit.SECONDS);
        if (!exited)
        {
            process.destroyForcibly().waitFor();
        }
        final String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        final String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);

        assertTrue(exited, () -> "the run did not stop: " + stdout);
        assertEquals(1, process.exitValue(), stderr);
        assertTrue(stderr.contains("pme run: the business logic met a fatal error, the engine stopped taking " +
            "input: java.lang.OutOfMemoryError"), stderr);
        assertTrue(stderr.contains("direct buffer memory"), stderr);
        assertFalse(stdout.contains("state digest"), "a run stopped half way has no digest: " + stdout);
    }
}
