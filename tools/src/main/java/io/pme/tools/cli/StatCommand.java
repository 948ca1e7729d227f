package io.pme.tools.cli;

import io.aeron.CommonContext;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.util.Set;

/**
 * {@code pme stat}: reads a running engine's counters from its counters file, from another process.
 */
final class StatCommand
{
    /** The options it takes with a value, and those it takes alone. */
    static final Set<String> OPTIONS = Set.of("aeron-dir", "counters");
    static final Set<String> FLAGS = Set.of();

    private StatCommand()
    {
    }

    static String defaultAeronDir()
    {
        return CommonContext.getAeronDirectoryName() + "-pme";
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options = new Options(args, 1, OPTIONS, FLAGS);
        final File file = new File(options.string("counters",
            EngineContext.defaultCountersFile(options.string("aeron-dir", defaultAeronDir())).getPath()));
        if (!file.exists())
        {
            err.println("pme stat: no engine counters at " + file + " (is an engine running? see --aeron-dir)");
            return 1;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "pme counters");
        try
        {
            final CountersReader reader;
            try
            {
                reader = EngineCounters.reader(mapped);
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("pme stat: " + file + ": " + ex.getMessage());
                return 1;
            }
            final int[] printed = {0};
            reader.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (typeId >= EngineCounters.TYPE_ID_BASE && typeId < EngineCounters.TYPE_ID_LIMIT)
                {
                    out.printf("%-40s %,20d%n", label, reader.getCounterValue(counterId));
                    printed[0]++;
                }
            });
            if (0 == printed[0])
            {
                err.println("pme stat: " + file + " holds no engine counters");
                return 1;
            }
            return 0;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
