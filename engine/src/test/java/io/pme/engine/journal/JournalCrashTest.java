package io.pme.engine.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal appended to by a process that is SIGKILLed mid-stream must reopen with every readable excerpt intact and
 * in order, and accept further appends.
 */
class JournalCrashTest
{
    @TempDir
    Path tempDir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void survivesKillMidStreamAndMidExcerptAndContinuesAppending() throws Exception
    {
        final Path dir = tempDir.resolve("journal");

        killAppender(dir, 0, JournalAppenderMain.STREAM, 200);
        final long count = verifySequential(dir);
        assertTrue(count > 0, "child appended nothing");
        long next = appendOneMore(dir, count);

        killAppender(dir, next, JournalAppenderMain.STALL, 0);
        assertEquals(next + JournalAppenderMain.STALL_FRAMES, verifySequential(dir), "half written excerpt is unseen");
        next = appendOneMore(dir, next + JournalAppenderMain.STALL_FRAMES);

        killAppender(dir, next, JournalAppenderMain.STREAM, 300);
        next = appendOneMore(dir, verifySequential(dir));

        assertEquals(next, verifySequential(dir));
    }

    private void killAppender(final Path dir, final long start, final String mode, final long runMs) throws Exception
    {
        final Process child = startAppender(dir, start, mode, tempDir.resolve("child-" + start + ".log"));
        try
        {
            awaitReady(child);
            Thread.sleep(runMs);
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child did not die");
        }
    }

    private static long verifySequential(final Path dir)
    {
        final long[] expected = { 0 };
        final long[] lastIndex = { Journal.NULL_INDEX };
        try (JournalReader reader = new JournalReader(dir))
        {
            reader.readAll((buffer, offset, length, index) ->
            {
                assertEquals(expected[0], Frames.decode(buffer, offset, length), "frame at index " + index);
                assertTrue(index > lastIndex[0], "index must increase");
                expected[0]++;
                lastIndex[0] = index;
            });
        }

        return expected[0];
    }

    private static long appendOneMore(final Path dir, final long n)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Frames.MAX_LENGTH]);
        try (Journal journal = new Journal(dir))
        {
            final long before = journal.lastIndex();
            assertTrue(journal.append(buffer, 0, Frames.encode(n, buffer, 0)) > before);
        }

        return n + 1;
    }

    private static Process startAppender(final Path dir, final long start, final String mode, final Path log)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + repoRoot().resolve("scripts").resolve("jvm.options"));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JournalAppenderMain.class.getName());
        command.add(dir.toString());
        command.add(Long.toString(start));
        command.add(mode);

        return new ProcessBuilder(command)
            .redirectErrorStream(false)
            .redirectError(log.toFile())
            .start();
    }

    private static void awaitReady(final Process child) throws IOException
    {
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
        final String line = reader.readLine();
        assertEquals(JournalAppenderMain.READY, line, "child failed to start, see its log in the temp dir");
    }

    private static Path repoRoot()
    {
        final String property = System.getProperty("maven.multiModuleProjectDirectory");
        if (null != property && Files.exists(Path.of(property, "scripts", "jvm.options")))
        {
            return Path.of(property);
        }

        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.exists(dir.resolve("scripts").resolve("jvm.options")))
            {
                return dir;
            }
        }

        throw new IllegalStateException("no scripts/jvm.options above " + System.getProperty("user.dir"));
    }
}
