package io.pme.engine.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalRoundTripPropertyTest
{
    @Property(tries = 25)
    void framesRoundTripInOrder(
        @ForAll @Size(max = 60) final List<@Size(min = 1, max = 2048) byte[]> frames,
        @ForAll @Size(max = 8) final List<Integer> splitPoints) throws IOException
    {
        final Path dir = Files.createTempDirectory("journal-property");
        try
        {
            final long[] indices = JournalTest.appendAll(dir, frames);

            final List<byte[]> read = new ArrayList<>();
            final List<Long> readIndices = new ArrayList<>();
            try (JournalReader reader = new JournalReader(dir))
            {
                reader.readAll((buffer, offset, length, index) ->
                {
                    read.add(Frames.copy(buffer, offset, length));
                    readIndices.add(index);
                });

                JournalTest.assertFramesEqual(frames, read);
                for (int i = 0; i < indices.length; i++)
                {
                    assertEquals(indices[i], readIndices.get(i));
                }

                for (final int split : splitPoints)
                {
                    assertReadsFromAfter(reader, frames, indices, Math.floorMod(split, frames.size() + 1) - 1);
                }
            }
        }
        finally
        {
            Frames.deleteRecursively(dir);
        }
    }

    private static void assertReadsFromAfter(
        final JournalReader reader, final List<byte[]> frames, final long[] indices, final int position)
    {
        final List<byte[]> read = new ArrayList<>();
        reader.fromAfter(position < 0 ? Journal.NULL_INDEX : indices[position])
            .readAll((buffer, offset, length, index) -> read.add(Frames.copy(buffer, offset, length)));
        JournalTest.assertFramesEqual(frames.subList(position + 1, frames.size()), read);
    }
}
