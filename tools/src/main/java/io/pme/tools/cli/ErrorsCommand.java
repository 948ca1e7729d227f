package io.pme.tools.cli;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineErrors;
import org.agrona.IoUtil;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.util.concurrent.Callable;

/**
 * {@code pme errors}: an engine's distinct error log, read from its file by another process, as Aeron's ErrorStat
 * reads a media driver's: each error once, with how often and when it was first and last seen.
 */
@CommandLine.Command(
    name = "errors",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Prints an engine's distinct error log, read from its file (beside the counters file) by another process, " +
            "during the run or after it: each distinct error with its count, first and last time (UTC), then",
        "  N distinct errors observed."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the log was read (whether or not it holds errors)",
        "1:no error log at the place given",
        "2:the command line is wrong"})
final class ErrorsCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.ArgGroup(exclusive = true)
    private Where where;

    static final class Where
    {
        @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
            description = "the engine's Aeron directory, beside which its error log is (default: " +
                "the Aeron directory's default name with -pme)")
        private String aeronDir;

        @CommandLine.Option(names = "--file", paramLabel = "FILE", description = "the error log's file itself")
        private File file;
    }

    ErrorsCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final File file = null != where && null != where.file ? where.file : EngineContext.errorsFileBeside(
            EngineContext.defaultCountersFile(null != where ? where.aeronDir : StatCommand.defaultAeronDir()));
        if (!file.isFile())
        {
            err.println("pme errors: no error log at " + file + " (is an engine running? see --aeron-dir)");
            return ExitCodes.FAILED;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "pme errors");
        try
        {
            EngineErrors.print(mapped, out);
            return ExitCodes.OK;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
