package io.pme.tools.stress;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scenarios shipped in docs/scenarios/stress/ are the ones packaged and run by default, and each reads.
 */
class ScenarioTest
{
    @Test
    void theShippedScenariosAreTheDirectorysFilesAndEachReads() throws IOException
    {
        final TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(Path.of("..", "docs", "scenarios", "stress")))
        {
            list.forEach(file -> files.add(file.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(Scenario.SHIPPED), files);
        final List<Scenario> shipped = Scenario.shipped();
        assertEquals(List.of("market-crash", "single-asset-crash", "stablecoin-depeg", "volatility-spike"),
            shipped.stream().map(s -> s.kind().label()).toList());
        for (final Scenario scenario : shipped)
        {
            assertEquals(scenario.name(), Scenario.read(Path.of("..", scenario.source())).name());
        }
    }
}
