package io.pme.engine.cli;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import io.pme.engine.EngineCounters;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.util.Set;

/**
 * {@code pme stat}: reads a running engine's counters from the media driver's counters file, from another process.
 */
final class StatCommand
{
    private StatCommand()
    {
    }

    static String defaultAeronDir()
    {
        return CommonContext.getAeronDirectoryName() + "-pme";
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options = new Options(args, 1, Set.of("aeron-dir"), Set.of());
        final File cncFile = new File(options.string("aeron-dir", defaultAeronDir()), CncFileDescriptor.CNC_FILE);
        if (!cncFile.exists())
        {
            err.println("pme stat: no running engine: " + cncFile + " does not exist");
            return 1;
        }
        final MappedByteBuffer cnc = IoUtil.mapExistingFile(cncFile, "cnc");
        try
        {
            final DirectBuffer metaData = CncFileDescriptor.createMetaDataBuffer(cnc);
            final CountersReader reader = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(cnc, metaData),
                CncFileDescriptor.createCountersValuesBuffer(cnc, metaData));
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
                err.println("pme stat: the media driver at " + cncFile.getParent() + " has no engine counters");
                return 1;
            }
            return 0;
        }
        finally
        {
            IoUtil.unmap(cnc);
        }
    }
}
