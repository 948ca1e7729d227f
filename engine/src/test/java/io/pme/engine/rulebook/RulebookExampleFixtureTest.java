package io.pme.engine.rulebook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fixtures must be the leads' published example, byte for byte. Checked wherever the shared folder sits beside
 * the checkout (as on CI); a clone elsewhere runs the example tests on the fixtures alone.
 */
class RulebookExampleFixtureTest
{
    @Test
    void fixturesEqualThePublishedExample() throws IOException
    {
        final Path examples = Path.of(System.getProperty("pme.shared.dir", "../../shared"), "examples");
        assumeTrue(Files.isDirectory(examples), () -> "no published examples at " + examples);
        for (final String name : new String[] {RulebookExample.PORTFOLIO, RulebookExample.EXPECTED})
        {
            assertArrayEquals(Files.readAllBytes(examples.resolve(name)),
                Files.readAllBytes(RulebookExample.fixture(name)), name);
        }
    }
}
