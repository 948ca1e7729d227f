package io.pme.tools.cli;

import io.pme.engine.EngineContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme metrics} serving the counters of an engine in another process ({@code pme run} as its own JVM) over
 * HTTP, fetched as Prometheus scrapes them; then the engine killed with {@code kill -9}: {@code pme stat} says it is
 * not running, and {@code pme_engine_up} drops to 0.
 */
class MetricsFromAnotherProcessTest
{
    // generous for a loaded 2-core machine, yet bounded: a child that hangs fails the test
    private static final long TIMEOUT_S = 90;
    private static final int ACCOUNTS = 40;
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    @Test
    void metricsServesALiveEngineInPrometheusNamingAndTellsAKilledOneIsDown() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final List<String> childOut = new CopyOnWriteArrayList<>();
        // long enough never to end by itself before it is killed
        final ChildPme child = ChildPme.start(childOut, "run", "--duration", "60", "--accounts",
            Integer.toString(ACCOUNTS), "--rate", "300", "--journal", dir.resolve("journal").toString(),
            "--aeron-dir", aeronDir);
        final Process engine = child.process();
        final ByteArrayOutputStream metricsOut = new ByteArrayOutputStream();
        final int[] metricsCode = {-1};
        final Thread metrics = new Thread(() -> metricsCode[0] = Pme.run(new String[]{"metrics", "--aeron-dir",
            aeronDir, "--host", "127.0.0.1", "--port", "0"}, new PrintStream(metricsOut, true, StandardCharsets.UTF_8),
            System.err), "pme-metrics");
        try
        {
            ChildPme.awaitLine(engine, childOut, "t=", TIMEOUT_S);
            metrics.start();
            final URI uri = URI.create("http://127.0.0.1:" + awaitPort(metricsOut) + "/metrics");
            final HttpClient http = HttpClient.newHttpClient();

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            String text = scrape(http, uri);
            while (value(text, "pme_check_latency_seconds_count") < 1 || value(text, "pme_accounts") < ACCOUNTS)
            {
                assertTrue(engine.isAlive() && System.nanoTime() < deadline, text);
                Thread.sleep(200);
                text = scrape(http, uri);
            }
            final String live = text;
            assertEquals(1.0, value(live, "pme_engine_up"), live);
            assertTrue(value(live, "pme_inputs_total") > ACCOUNTS, live);
            assertTrue(live.contains("# TYPE pme_inputs_total counter"), live);
            assertTrue(live.contains("# TYPE pme_accounts gauge"), live);
            assertTrue(live.contains("# TYPE pme_check_latency_seconds histogram"), live);
            assertEquals(0.0, value(live, "pme_errors_total"), live);
            assertEquals(0.0, value(live, "pme_distinct_errors"), live);
            assertTrue(value(live, "pme_input_hold_seconds_sum") > 0, live);
            // buckets are cumulative and end at +Inf, which is the count
            final double checks = value(live, "pme_check_latency_seconds_count");
            assertEquals(checks, value(live, "pme_check_latency_seconds_bucket{le=\"+Inf\"}"), live);
            assertTrue(value(live, "pme_check_latency_seconds_bucket{le=\"1.28E-7\"}") <= checks, live);
            assertTrue(value(live, "pme_engine_heartbeat_age_seconds") < 10, live);
            assertTrue(live.contains("pme_rejects_by_reason_total{reason=\""), live);

            // kill -9: no clean shutdown marks the file
            engine.destroyForcibly();
            assertTrue(engine.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "the engine did not die");
            final CliRun stat = CliRun.of("stat", "--aeron-dir", aeronDir);
            assertEquals(ExitCodes.NOT_RUNNING, stat.code(), stat.out());
            assertTrue(stat.outLines().get(0).startsWith("engine: not running (pid " + engine.pid() +
                ", last heartbeat "), stat.out());
            assertTrue(stat.outLines().get(0).endsWith(" ago, no such process)"), stat.out());
            // the last values stay for the post-mortem, under that line
            assertTrue(stat.out().contains("pme: inputs"), stat.out());

            final String dead = scrape(http, uri);
            assertEquals(0.0, value(dead, "pme_engine_up"), dead);
            assertFalse(dead.contains("pme_inputs_total"), "a dead engine's counters are left out: " + dead);
        }
        finally
        {
            engine.destroyForcibly();
            metrics.interrupt();
            metrics.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        }
        assertFalse(metrics.isAlive(), "pme metrics did not stop when interrupted");
        assertEquals(ExitCodes.OK, metricsCode[0], metricsOut::toString);
        assertTrue(EngineContext.errorsFileBeside(EngineContext.defaultCountersFile(aeronDir)).exists());
    }

    private static int awaitPort(final ByteArrayOutputStream out) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        Matcher serving = SERVING.matcher(out.toString(StandardCharsets.UTF_8));
        while (!serving.find())
        {
            assertTrue(System.nanoTime() < deadline, () -> "pme metrics printed: " + out);
            Thread.sleep(50);
            serving = SERVING.matcher(out.toString(StandardCharsets.UTF_8));
        }
        return Integer.parseInt(serving.group(1));
    }

    private static String scrape(final HttpClient http, final URI uri) throws IOException, InterruptedException
    {
        final HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    // a sample's value, or -1 when the scrape has no such sample
    private static double value(final String text, final String sample)
    {
        final Map<String, Double> samples = new TreeMap<>();
        final Matcher matcher = SAMPLE.matcher(text);
        while (matcher.find())
        {
            samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return samples.getOrDefault(sample, -1.0);
    }
}
