package io.pme.tools.metrics;

import io.pme.codecs.RejectReason;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.EngineErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics server over counters and an error log written here as an engine writes them: Prometheus's names and
 * units, cumulative buckets, a label a reject reason, and an engine down before it starts and once it closes.
 */
class MetricsServerTest
{
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void servesTheCountersInPrometheusNamingWhileTheEngineIsUp() throws Exception
    {
        final File countersFile = EngineContext.defaultCountersFile(dir.resolve("aeron").toString());
        final File errorsFile = EngineContext.errorsFileBeside(countersFile);
        final HttpClient http = HttpClient.newHttpClient();
        try (MetricsServer server = MetricsServer.start(countersFile, errorsFile, "127.0.0.1", 0))
        {
            final URI uri = URI.create("http://127.0.0.1:" + server.port() + "/metrics");
            final Map<String, Double> none = scrape(http, uri);
            assertEquals(0.0, none.get("pme_engine_up"), none::toString);
            assertEquals(1, none.size(), "no engine, nothing else: " + none);

            final EngineCounters counters = EngineCounters.mapped(countersFile);
            final EngineErrors errors = EngineErrors.mapped(errorsFile);
            counters.inputs().set(5);
            counters.accounts().set(3);
            counters.longestInputNs().set(1_500_000);
            counters.journalSyncTimeUs().set(2_000_000);
            counters.reject(RejectReason.INSUFFICIENT_MARGIN.value());
            counters.checkLatencyBuckets().record(300);
            counters.checkLatencyBuckets().record(5_000);
            for (int i = 0; i < 3; i++)
            {
                errors.record(new IllegalStateException("the same error"));
            }
            errors.record(new IllegalArgumentException("another"));
            counters.heartbeat(System.currentTimeMillis());

            final Map<String, Double> up = scrape(http, uri);
            assertEquals(1.0, up.get("pme_engine_up"), up::toString);
            assertEquals(5.0, up.get("pme_inputs_total"), up::toString);
            assertEquals(3.0, up.get("pme_accounts"), up::toString);
            assertEquals(0.0015, up.get("pme_longest_input_seconds"), 1e-12, up::toString);
            assertEquals(2.0, up.get("pme_journal_sync_seconds_total"), 1e-12, up::toString);
            assertEquals(1.0, up.get("pme_rejects_total"), up::toString);
            assertEquals(1.0, up.get("pme_rejects_by_reason_total{reason=\"INSUFFICIENT_MARGIN\"}"), up::toString);
            assertEquals(0.0, up.get("pme_rejects_by_reason_total{reason=\"INVALID_PRICE\"}"), up::toString);
            assertEquals(0.0, up.get("pme_check_latency_seconds_bucket{le=\"2.56E-7\"}"), up::toString);
            assertEquals(1.0, up.get("pme_check_latency_seconds_bucket{le=\"5.12E-7\"}"), up::toString);
            assertEquals(1.0, up.get("pme_check_latency_seconds_bucket{le=\"4.096E-6\"}"), up::toString);
            assertEquals(2.0, up.get("pme_check_latency_seconds_bucket{le=\"8.192E-6\"}"), up::toString);
            assertEquals(2.0, up.get("pme_check_latency_seconds_bucket{le=\"+Inf\"}"), up::toString);
            assertEquals(2.0, up.get("pme_check_latency_seconds_count"), up::toString);
            assertEquals(5.3e-6, up.get("pme_check_latency_seconds_sum"), 1e-15, up::toString);
            assertEquals(0.0, up.get("pme_input_hold_seconds_count"), up::toString);
            assertEquals(2.0, up.get("pme_distinct_errors"), up::toString);
            assertTrue(up.get("pme_engine_heartbeat_age_seconds") >= 0, up::toString);

            counters.markClosed(System.currentTimeMillis());
            final Map<String, Double> closed = scrape(http, uri);
            assertEquals(0.0, closed.get("pme_engine_up"), closed::toString);
            assertFalse(closed.containsKey("pme_inputs_total"), closed::toString);
            counters.close();
        }
    }

    private static Map<String, Double> scrape(final HttpClient http, final URI uri)
        throws IOException, InterruptedException
    {
        final HttpResponse<String> response =
            http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        final Map<String, Double> samples = new TreeMap<>();
        final Matcher matcher = SAMPLE.matcher(response.body());
        while (matcher.find())
        {
            samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return samples;
    }
}
