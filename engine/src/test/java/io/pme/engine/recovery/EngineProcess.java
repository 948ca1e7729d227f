package io.pme.engine.recovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM running {@link EngineProcessMain}, with its output drained on background threads so it never blocks
 * on a full pipe.
 */
final class EngineProcess implements AutoCloseable
{
    private static final String JVM_OPTIONS = "scripts/jvm.options";
    private static final int MAX_KEPT_CHARS = 64 * 1024;

    private final Process process;
    private final StringBuffer stderr = new StringBuffer();
    private final CompletableFuture<String> ready = new CompletableFuture<>();

    private EngineProcess(final Process process)
    {
        this.process = process;
        drain(process.getInputStream(), "stdout", this::onStdoutLine, this::onStdoutEnd);
        drain(process.getErrorStream(), "stderr", this::onStderrLine, () -> {});
    }

    /**
     * Starts an engine process and waits for its ready line.
     */
    static EngineProcess start(
        final String aeronDir,
        final Path journalDir,
        final int inputStreamId,
        final int outputStreamId,
        final long readyTimeoutMs) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + repositoryRoot().resolve(JVM_OPTIONS));
        command.add("-Xmx1g");
        // as patient with a busy driver as the test's driver is with a busy engine
        command.add("-Daeron.driver.timeout=30000");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineProcessMain.class.getName());
        command.add(aeronDir);
        command.add(journalDir.toString());
        command.add(Integer.toString(inputStreamId));
        command.add(Integer.toString(outputStreamId));

        final EngineProcess engine = new EngineProcess(new ProcessBuilder(command).start());
        try
        {
            engine.awaitReady(readyTimeoutMs);
        }
        catch (final RuntimeException | Error ex)
        {
            engine.close();
            throw ex;
        }
        return engine;
    }

    /**
     * @return the ready line, which says what recovery did.
     */
    String readyLine()
    {
        return ready.getNow(null);
    }

    /**
     * SIGKILL: no shutdown hook, no flush, no close; only what is already in the page cache survives.
     */
    void kill(final long timeoutMs) throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            throw new IllegalStateException("engine process " + process.pid() + " survived SIGKILL");
        }
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @return what the process said on stderr, and its threads if it is still alive, for a failure message.
     */
    String diagnostics()
    {
        final StringBuilder text = new StringBuilder()
            .append("engine process ").append(process.pid())
            .append(process.isAlive() ? " alive" : " exited with " + process.exitValue())
            .append(", stderr:\n").append(stderr);
        if (process.isAlive())
        {
            text.append("threads:\n").append(threadDump());
        }
        return text.toString();
    }

    private String threadDump()
    {
        try
        {
            final Process jcmd = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true)
                .start();
            final String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            return dump;
        }
        catch (final IOException ex)
        {
            return "(no thread dump: " + ex + ")";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    public void close()
    {
        try
        {
            kill(30_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(final long timeoutMs)
    {
        try
        {
            ready.get(timeoutMs, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException | ExecutionException ex)
        {
            throw new IllegalStateException(
                "engine process not ready within " + timeoutMs + " ms: " + diagnostics(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted awaiting the engine process", ex);
        }
    }

    private void onStdoutLine(final String line)
    {
        if (line.startsWith(EngineProcessMain.READY))
        {
            ready.complete(line);
        }
    }

    private void onStderrLine(final String line)
    {
        if (stderr.length() < MAX_KEPT_CHARS)
        {
            stderr.append(line).append('\n');
        }
    }

    private void onStdoutEnd()
    {
        ready.completeExceptionally(new IllegalStateException("engine process closed its stdout before ready"));
    }

    private static void drain(
        final InputStream stream, final String name, final LineHandler handler, final Runnable onEnd)
    {
        final Thread thread = new Thread(() ->
        {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    handler.onLine(line);
                }
            }
            catch (final IOException ignore)
            {
                // the process died: nothing more to read
            }
            onEnd.run();
        }, "engine-process-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static Path repositoryRoot()
    {
        final String projectDir = System.getProperty("maven.multiModuleProjectDirectory");
        if (null != projectDir && Files.isRegularFile(Path.of(projectDir).resolve(JVM_OPTIONS)))
        {
            return Path.of(projectDir);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            if (Files.isRegularFile(dir.resolve(JVM_OPTIONS)))
            {
                return dir;
            }
        }
        throw new UncheckedIOException(
            new IOException("no " + JVM_OPTIONS + " above " + System.getProperty("user.dir")));
    }

    @FunctionalInterface
    private interface LineHandler
    {
        void onLine(String line);
    }
}
