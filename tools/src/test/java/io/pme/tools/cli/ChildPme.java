package io.pme.tools.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@code pme} command in a JVM of its own (the same main class and JVM flags as {@code scripts/pme}), its standard
 * output read line by line as it comes, its standard error passed through.
 *
 * @param process the child JVM.
 * @param reader  the thread reading its standard output.
 */
record ChildPme(Process process, Thread reader)
{
    static ChildPme start(final List<String> output, final String... args) throws IOException
    {
        return start(output, ProcessBuilder.Redirect.INHERIT, args);
    }

    static ChildPme start(final List<String> output, final ProcessBuilder.Redirect stderr, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("..", "scripts", "jvm.options").toAbsolutePath().normalize());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Pme.class.getName());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectError(stderr).start();
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
        }, "pme-" + args[0] + "-output");
        reader.setDaemon(true);
        reader.start();
        return new ChildPme(process, reader);
    }

    static void awaitLine(final Process process, final List<String> output, final String prefix, final long timeoutS)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (output.stream().noneMatch(line -> line.startsWith(prefix)))
        {
            if (!process.isAlive())
            {
                fail("pme ended (exit " + process.exitValue() + ") before printing '" + prefix + "': " + output);
            }
            if (System.nanoTime() > deadline)
            {
                process.destroyForcibly();
                fail("pme printed no '" + prefix + "' line within " + timeoutS + " s: " + output);
            }
            Thread.sleep(50);
        }
    }
}
