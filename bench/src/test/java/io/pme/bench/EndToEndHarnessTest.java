package io.pme.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny run of the end-to-end harness, floors included: the real engine, media drivers and Chronicle queues.
 */
class EndToEndHarnessTest
{
    private static final String NUMBER = " +[0-9.]+";

    @Test
    void printsTheEngineBesideBothFloors() throws Exception
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            EndToEndHarness.main(new String[]{"--rate", "500", "--seconds", "1", "--warmup", "1", "--accounts", "200"});
        }
        finally
        {
            System.setOut(original);
        }
        final String out = captured.toString(StandardCharsets.UTF_8);

        for (final String row : new String[]{"raw Aeron echo", "journal echo", "pme"})
        {
            final Matcher matcher = Pattern.compile(
                "\n  " + Pattern.quote(row) + " *(" + NUMBER + "){5}  500 of 500\n").matcher(out);
            assertTrue(matcher.find(), row + " row in\n" + out);
        }
        for (final String ratio : new String[]{"pme / raw", "journal / raw"})
        {
            assertTrue(Pattern.compile("\n  " + Pattern.quote(ratio) + " *( +[0-9.]+×){5}\n").matcher(out).find(),
                ratio + " in\n" + out);
        }
        assertTrue(out.contains("goals (issue 12): pme p50 ≤ raw p50 + 3 µs"), out);
        assertTrue(out.contains("checks answered 500 of 500 measured"), out);
        assertFalse(out.contains("WARNING"), out);
    }
}
