package io.pme.engine.rulebook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parameter file ({@code pme margin --params}, {@code pme.risk.parameters.file}) read strictly: a key given twice
 * is an error naming the key and both lines, wherever the repeat is (a global, an asset's field, a set's name).
 */
class RiskParametersFileTest
{
    @TempDir
    Path dir;

    @Test
    void theShippedDefaultsReadBackFromAFile() throws IOException
    {
        final Path file = write(defaults());
        assertEquals(0.8, RiskParameters.load(file, 8).mmFactor(), 0.0);
    }

    @Test
    void aRepeatedGlobalNamesTheKeyAndBothLines() throws IOException
    {
        final String defaults = defaults();
        final Path file = write(defaults + "\nmmFactor=0.5\n");
        final int first = lineOf(defaults, "mmFactor=0.8");
        final int second = (int)defaults.lines().count() + 2;
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> RiskParameters.load(file, 8));
        assertEquals("risk parameters " + file + ": mmFactor: given twice, at lines " + first + " and " + second,
            ex.getMessage());
    }

    @Test
    void aRepeatedAssetFieldOrSetNameIsRefusedToo() throws IOException
    {
        final Path asset = write(defaults() + "\nasset.BTC.priceRange = 0.20\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RiskParameters.load(asset, 8))
            .getMessage().contains(": asset.BTC.priceRange: given twice, at lines "));
        final Path set = write(defaults() + "\ncorrelationSet.1.name:MAJORS\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RiskParameters.load(set, 8))
            .getMessage().contains(": correlationSet.1.name: given twice, at lines "));
    }

    private static String defaults() throws IOException
    {
        try (InputStream in = RiskParameters.class.getResourceAsStream("/risk-parameters.properties"))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path write(final String text) throws IOException
    {
        final Path file = dir.resolve("p" + System.nanoTime() + ".properties");
        Files.writeString(file, text);
        return file;
    }

    private static int lineOf(final String text, final String line)
    {
        final String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            if (lines[i].equals(line))
            {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line " + line);
    }
}
