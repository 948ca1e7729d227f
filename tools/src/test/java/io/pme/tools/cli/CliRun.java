package io.pme.tools.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    String lastOutLine()
    {
        final List<String> lines = outLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
