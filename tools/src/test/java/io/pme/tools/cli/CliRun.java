package io.pme.tools.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code pme} command run in this JVM as its {@code main} would run it, with its standard output and error
 * captured.
 */
record CliRun(int code, String out, String err)
{
    static CliRun of(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = Pme.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> outLines()
    {
        return out.lines().toList();
    }

    /** @return the output lines that are JSON objects (a script's outputs), parsed. */
    List<JsonNode> jsonLines()
    {
        final ObjectMapper json = new ObjectMapper();
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : outLines())
        {
            if (line.startsWith("{"))
            {
                try
                {
                    lines.add(json.readTree(line));
                }
                catch (final JsonProcessingException ex)
                {
                    throw new AssertionError("not JSON: " + line, ex);
                }
            }
        }
        return lines;
    }

    String lastOutLine()
    {
        final List<String> lines = outLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
