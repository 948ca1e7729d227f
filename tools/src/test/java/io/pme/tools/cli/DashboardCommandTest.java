package io.pme.tools.cli;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code pme dashboard} as a user meets it: mistakes on the command line (exit 2, one line), no media driver or a
 * port taken (exit 1, one line), and, on a media driver with no engine yet, the page, uPlot and a snapshot served
 * from the command's own classpath until it is stopped (exit 0).
 */
class DashboardCommandTest
{
    private static final Pattern URL = Pattern.compile("pme dashboard: (http://127\\.0\\.0\\.1:\\d+/) shows ");
    private static final long TIMEOUT_S = 30;

    @TempDir
    Path dir;

    @Test
    void mistakesOnTheCommandLineExitTwoWithOneLine()
    {
        final CliRun port = CliRun.of("dashboard", "--port", "70000");
        assertEquals(2, port.code());
        assertEquals("pme dashboard: --port must be 0..65535: 70000", port.err().lines().findFirst().orElse(""));
        final CliRun top = CliRun.of("dashboard", "--top", "0");
        assertEquals(2, top.code());
        assertEquals("pme dashboard: --top must be 1..1000: 0", top.err().lines().findFirst().orElse(""));
        final CliRun words = CliRun.of("dashboard", "--port", "eighty");
        assertEquals(2, words.code());
        assertTrue(words.err().startsWith("pme dashboard: Invalid value for option '--port'"), words.err());
    }

    @Test
    void noMediaDriverExitsOneWithTheReason()
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final CliRun run = CliRun.of("dashboard", "--aeron-dir", aeronDir, "--port", "0");
        assertEquals(1, run.code(), run.err());
        assertEquals("pme dashboard: no media driver is running in " + aeronDir + " (start the engine with " +
            "scripts/pme run --aeron-dir " + aeronDir + ")" + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void servesThePageUntilStoppedAndATakenPortIsRefused() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnShutdown(true));
            ServerSocket taken = new ServerSocket(0))
        {
            final CliRun refused = CliRun.of("dashboard", "--aeron-dir", driver.aeronDirectoryName(),
                "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(1, refused.code(), refused.err());
            assertTrue(refused.err().startsWith("pme dashboard: cannot serve on 127.0.0.1:" + taken.getLocalPort()),
                refused.err());

            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final CountDownLatch stop = new CountDownLatch(1);
            final AtomicInteger code = new AtomicInteger(-1);
            final Thread command = new Thread(() -> code.set(new CommandLine(new DashboardCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                stop)).execute("--aeron-dir", driver.aeronDirectoryName(), "--port", "0")));
            command.start();
            try
            {
                final String base = awaitUrl(out, err);
                final HttpClient http = HttpClient.newHttpClient();
                final HttpResponse<String> page = get(http, base);
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("<script src=\"vendor/uPlot.iife.min.js\">"), page.body());
                final HttpResponse<String> uplot = get(http, base + "vendor/uPlot.iife.min.js");
                assertEquals(200, uplot.statusCode());
                assertTrue(uplot.body().contains("uPlot"), "uPlot's own script");
                final HttpResponse<String> snapshot = get(http, base + "snapshot.json");
                assertEquals(200, snapshot.statusCode());
                assertTrue(snapshot.body().startsWith("{\"connected\":false,"), snapshot.body());
                assertEquals(404, get(http, base + "../pom.xml").statusCode());
            }
            finally
            {
                stop.countDown();
                command.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
            }
            assertEquals(0, code.get(), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static HttpResponse<String> get(final HttpClient http, final String url) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitUrl(final ByteArrayOutputStream out, final ByteArrayOutputStream err)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (System.nanoTime() < deadline)
        {
            final Matcher url = URL.matcher(out.toString(StandardCharsets.UTF_8));
            if (url.find())
            {
                return url.group(1);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        fail("pme dashboard did not start: " + out.toString(StandardCharsets.UTF_8) +
            err.toString(StandardCharsets.UTF_8));
        return null;
    }
}
