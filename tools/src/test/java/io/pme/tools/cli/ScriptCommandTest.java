package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme script} through the real pipeline (embedded media driver, ring, Chronicle journal, business logic,
 * publisher): the rulebook's worked example, two checks, an unknown account and a NaN price.
 */
class ScriptCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsEveryOutputAsJsonAndAnswersEveryInput() throws Exception
    {
        final Path input = dir.resolve("covered-call.jsonl");
        Files.copy(Path.of(getClass().getResource("/scenarios/covered-call.jsonl").toURI()), input);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = Pme.run(new String[]{"script", "--input", input.toString(), "--journal",
            dir.resolve("journal").toString(), "--digest"},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));

        final ObjectMapper json = new ObjectMapper();
        final List<JsonNode> lines = new ArrayList<>();
        String last = null;
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (line.startsWith("{"))
            {
                lines.add(json.readTree(line));
            }
            last = line;
        }
        final java.util.Set<String> answers = java.util.Set.of("Ack", "Reject", "CheckResult", "StateDigest",
            "MarginQueryResult");
        final long direct = lines.stream().filter(n -> answers.contains(n.get("type").asText())).count();
        assertEquals(20, direct, "one direct answer per input");

        final JsonNode afterFills = lines.stream()
            .filter(n -> "MarginUpdate".equals(n.get("type").asText()) && n.get("accountId").asLong() == 7)
            .reduce((a, b) -> b).orElseThrow();
        assertEquals(45220.36638141977, afterFills.get("initialMargin").asDouble(), 1e-9 * 45220);
        assertEquals(221840.25929899668, afterFills.get("equity").asDouble(), 1e-9 * 221840);

        final List<JsonNode> checks = lines.stream().filter(n -> "CheckResult".equals(n.get("type").asText())).toList();
        assertEquals("REJECTED", checks.get(0).get("outcome").asText());
        assertEquals("INSUFFICIENT_MARGIN", checks.get(0).get("reason").asText());
        assertTrue(checks.get(0).get("shortfall").asDouble() > 0);
        assertEquals("ACCEPTED", checks.get(1).get("outcome").asText());
        assertEquals("UNKNOWN_ACCOUNT", checks.get(2).get("reason").asText());
        final JsonNode nanPrice = lines.get(lines.size() - 1);
        assertEquals("Reject", nanPrice.get("type").asText());
        assertEquals("INVALID_PRICE", nanPrice.get("reason").asText());
        assertTrue(last.startsWith("state digest: "), last);
    }
}
