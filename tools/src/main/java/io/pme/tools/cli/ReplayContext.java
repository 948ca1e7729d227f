package io.pme.tools.cli;

import io.pme.engine.EngineContext;
import io.pme.engine.JournalCapacity;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The engine's settings for a tool that replays a journal (replay, audit): sized by the capacities and run on the
 * snapshot schedule the journal records, since a capacity decides which inputs are refused and a scheduled snapshot
 * settles the accounts, so both decide the digest.
 */
public final class ReplayContext
{
    private ReplayContext()
    {
    }

    /**
     * @param command    the command's name, for its error lines ({@code "pme replay"}).
     * @param journalDir the journal to replay.
     * @param err        where a journal that cannot be replayed, or records no capacities, is said.
     * @return the context, not concluded; null when the journal cannot be replayed (said on {@code err}).
     */
    public static EngineContext of(final String command, final Path journalDir, final PrintStream err)
    {
        if (!Files.isDirectory(journalDir))
        {
            err.println(command + ": no journal directory at " + journalDir);
            return null;
        }
        final EngineContext context = new EngineContext().journalDir(journalDir);
        if (JournalCapacity.isRecorded(journalDir))
        {
            try
            {
                JournalCapacity.apply(context, journalDir);
            }
            catch (final IllegalStateException ex)
            {
                err.println(command + ": " + ex.getMessage());
                return null;
            }
        }
        else
        {
            err.println(command + ": " + journalDir + " records no capacities (" + JournalCapacity.FILE_NAME +
                "): the state is sized by the pme.max.* properties, which must be the live engine's");
        }
        return context;
    }
}
