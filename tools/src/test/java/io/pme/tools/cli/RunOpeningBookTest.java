package io.pme.tools.cli;

import io.pme.engine.journal.JournalReader;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme run} end to end (embedded media driver, ring, Chronicle journal, business logic): the opening book is
 * not held to the offered rate, and the journal holds exactly the simulation's frames for the seed, in order, however
 * the run paced them: the market's and its liquidation desk's answers to the engine's outputs, as a {@link ClosedLoop}
 * with an infinitely fast engine makes them.
 */
class RunOpeningBookTest
{
    private static final Pattern OPENING = Pattern.compile(
        "opening book: ([0-9,]+) frames \\(3,000 accounts opened, funded and filled\\) taken by the engine in");

    @TempDir
    Path dir;

    @Test
    void sendsTheOpeningUnpacedAndJournalsTheSeedsFrames()
    {
        final Path journal = dir.resolve("journal");
        // paced at 500 msgs/s the ~11,000 frames of this opening would take 22 s, four times the run
        final CliRun run = CliRun.of("run", "--duration", "5", "--accounts", "3000", "--rate", "500",
            "--seed", "11", "--journal", journal.toString(), "--aeron-dir", dir.resolve("aeron").toString());
        final String printed = run.out();
        assertEquals(0, run.code(), printed + run.err());

        final Matcher opening = OPENING.matcher(printed);
        assertTrue(opening.find(), printed);
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().seed(11).accounts(3_000));
        assertEquals(simulation.referenceFrameCount(), Long.parseLong(opening.group(1).replace(",", "")));

        final List<byte[]> journaled = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal))
        {
            reader.fromStart().readAll((buffer, offset, length, index) ->
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(offset, frame);
                journaled.add(frame);
            });
        }
        assertTrue(journaled.size() > simulation.referenceFrameCount(), "the market ran after the opening");
        final List<byte[]> expected =
            new ClosedLoop(new SimulationConfig().seed(11).accounts(3_000)).run(journaled.size());
        for (int i = 0; i < journaled.size(); i++)
        {
            assertArrayEquals(expected.get(i), journaled.get(i), "frame " + i);
        }
        assertTrue(printed.contains("state digest: "), printed);
    }
}
