package io.pme.tools.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second SIGTERM while the first one's graceful stop is still under way halts the process at once with 143. The
 * child's "stop" never ends, so the second signal always finds it stopping, whatever the machine's speed.
 */
class SecondSignalTest
{
    @Test
    void aSecondSigtermExitsAtOnceWith143() throws Exception
    {
        final Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
            "-cp", System.getProperty("java.class.path"), EndlessStop.class.getName()))
            .redirectErrorStream(true).start();
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            assertEquals("ready", lines.readLine());
            process.toHandle().destroy();
            // the signal's line and the command's own come from two threads, in either order
            final List<String> both = List.of(lines.readLine(), lines.readLine());
            assertTrue(both.contains("stopping"), both::toString);
            assertTrue(both.stream().anyMatch(l -> l.startsWith("pme probe: SIGTERM: stopping")), both::toString);
            process.toHandle().destroy();
            assertEquals("pme probe: SIGTERM again: exiting at once, without a snapshot", lines.readLine());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "halted");
            assertEquals(143, process.exitValue());
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    /** A command whose graceful stop never finishes. */
    static final class EndlessStop
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final ShutdownSignals signals = ShutdownSignals.install("probe", System.out);
            System.out.println("ready");
            System.out.flush();
            while (!signals.isStopRequested())
            {
                Thread.sleep(1);
            }
            System.out.println("stopping");
            System.out.flush();
            while (true)
            {
                Thread.sleep(1000);
            }
        }
    }
}
