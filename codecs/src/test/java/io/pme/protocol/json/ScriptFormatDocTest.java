package io.pme.protocol.json;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the examples in docs/script-format.md valid: each encodes, and every message type has one.
 */
class ScriptFormatDocTest
{
    private static final Path DOC = Path.of("..", "docs", "script-format.md");
    private static final int FIRST_OUTBOUND_TEMPLATE_ID = 100;
    private static final String UNREADABLE = "{\"type\":\"Unreadable\"";

    @Test
    void everyExampleEncodesAndEveryTypeHasOne() throws Exception
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder();
        final JsonFramePrinter printer = new JsonFramePrinter();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        final List<String> examples = examples();

        for (final String example : examples)
        {
            final int length = encoder.encode(example, frame, 0);
            final String printed = printer.print(frame, 0, length);
            if (frame.getShort(2) >= FIRST_OUTBOUND_TEMPLATE_ID)
            {
                assertEquals(example, printed, "output examples are shown exactly as printed");
            }
            assertEquals(printed, printer.print(frame, 0, encoder.encode(printed, frame, 0)));
        }

        for (final Template<?, ?> template : new Templates().all())
        {
            final String type = "{\"type\":\"" + template.name() + "\"";
            assertTrue(examples.stream().anyMatch((line) -> line.startsWith(type)), "no example of " + template.name());
        }
    }

    private static List<String> examples() throws Exception
    {
        final List<String> examples = new ArrayList<>();
        for (final String line : Files.readAllLines(DOC, StandardCharsets.UTF_8))
        {
            if (line.startsWith("{\"type\":") && !line.startsWith(UNREADABLE))
            {
                examples.add(line);
            }
        }

        return examples;
    }
}
