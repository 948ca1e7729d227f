package io.pme.tools.cli;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import org.agrona.IoUtil;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * {@code pme simulate}: the built-in market simulation of {@code pme run} driving an engine in another process
 * ({@code pme engine}), over the engine's input and output channels on its media driver. It knows the engine by its
 * published outputs and its counters file only, so its status lines have no latencies and its summary leaves out
 * what only the engine's state tells ({@link SimulateSummary}).
 */
@CommandLine.Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Drives a running engine (pme engine) with the built-in market simulation of pme run, as a separate " +
            "process: the opening book unpaced, then the market at --rate; a status line a second from the " +
            "engine's counters file and the outputs received, then a line of what the liquidations did.",
        "Unlike pme run it prints no latencies and no state digest (the engine prints its digest when it stops)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the simulation ran its duration (or stopped on a signal) and the engine took every input sent",
        "1:no engine at the Aeron directory, the engine stopped or failed, a drain that did not finish, a client " +
            "that could not log on, a summary that could not be written",
        "2:the command line is wrong",
        "130/143:a second SIGINT/SIGTERM, stopped at once"})
final class SimulateCommand implements Callable<Integer>
{
    private static final long DRIVER_TIMEOUT_MS = 10_000;

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "the engine's media driver directory (default: the config's " +
            EngineConfigFile.AERON_DIR_KEY + ", else Aeron's default with -pme appended, as pme engine's)")
    private String aeronDir;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
        description = "the engine's config file, for its channels, stream ids, sessions file and ring size")
    private Path config;

    @CommandLine.Option(names = "--counters", paramLabel = "FILE",
        description = "the engine's counters file (default: beside the Aeron directory, DIR-counters.dat)")
    private String counters;

    @CommandLine.Option(names = "--duration", paramLabel = "S", defaultValue = "30",
        converter = RunCommand.Positive.class, description = "seconds the simulation runs (default: ${DEFAULT-VALUE})")
    private long durationS;

    @CommandLine.Option(names = "--accounts", paramLabel = "N", defaultValue = "2000",
        converter = RunCommand.Positive.class,
        description = "the simulation's accounts, up to 1,000,000; the engine must have room for them " +
            "(pme.max.accounts) (default: ${DEFAULT-VALUE})")
    private long accounts;

    @CommandLine.Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        converter = RunCommand.WholeNumber.class,
        description = "the simulation's seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @CommandLine.Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "5000",
        converter = RunCommand.Positive.class,
        description = "messages a second offered after the opening book (default: ${DEFAULT-VALUE})")
    private long rate;

    @CommandLine.Option(names = "--sessions", paramLabel = "FILE",
        description = "the engine's sessions file, to log the simulation's clients 1 to 5 on (default: the " +
            "config's pme.sessions.file; none: the engine runs open)")
    private Path sessions;

    @CommandLine.Option(names = "--summary", paramLabel = "FILE.json",
        description = "write the end-of-run figures as one JSON object")
    private String summaryFile;

    SimulateCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final String settingsProblem = SimulationDriver.settingsProblem();
        if (null != settingsProblem)
        {
            err.println("pme simulate: " + settingsProblem);
            return ExitCodes.USAGE;
        }
        final EngineContext context;
        try
        {
            context = null == config ? new EngineContext() : EngineConfigFile.load(config, Map.of(), out);
        }
        catch (final EngineConfigFile.ConfigException ex)
        {
            err.println("pme simulate: " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        final String dir = null != aeronDir ? aeronDir :
            null != config ? context.aeronDirectoryName() : StatCommand.defaultAeronDir();
        final File countersFile = null != counters ? new File(counters) : EngineContext.defaultCountersFile(dir);
        if (!CommonContext.isDriverActive(new File(dir), DRIVER_TIMEOUT_MS, EngineConfigFile::ignore))
        {
            err.println("pme simulate: no media driver running at " + dir + " (is pme engine running? see " +
                "--aeron-dir)");
            return ExitCodes.FAILED;
        }
        if (!countersFile.exists())
        {
            err.println("pme simulate: no engine counters at " + countersFile + " (is pme engine running? see " +
                "--aeron-dir)");
            return ExitCodes.FAILED;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(countersFile, "pme counters");
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
            ShutdownSignals signals = ShutdownSignals.install("simulate", err))
        {
            final EngineFigures engine;
            try
            {
                engine = EngineFigures.of(EngineCounters.reader(mapped));
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("pme simulate: " + countersFile + ": " + ex.getMessage());
                return ExitCodes.FAILED;
            }
            if (!engine.isLive())
            {
                err.println("pme simulate: " + countersFile + " holds no engine counters (the engine stopped)");
                return ExitCodes.FAILED;
            }
            return simulate(aeron, context, dir, engine, signals);
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private int simulate(
        final Aeron aeron, final EngineContext context, final String dir, final EngineFigures engine,
        final ShutdownSignals signals)
    {
        final int simulated = (int)Math.min(accounts, 1_000_000);
        out.printf("pme simulate: %,d accounts, seed %d, %,d msgs/s offered for %d s, to the engine at %s (inputs " +
            "on %s stream %d)%n", simulated, seed, rate, durationS, dir, context.inputChannel(),
            context.inputStreamId());
        final SimulationDriver driver = new SimulationDriver("simulate", aeron, new SimulationDriver.Channels(
            context.inputChannel(), context.inputStreamId(), context.outputChannel(), context.outputStreamId()),
            simulated, seed, () -> engine.counter(EngineCounters.INPUTS_TYPE_ID), err);
        final StatusLine status = new StatusLine(
            engine, driver::outputsReceived, driver.liquidations(), driver.borrowing(), out);
        final long errorsAtStart = engine.counter(EngineCounters.ERRORS_TYPE_ID);
        final BooleanSupplier stopped = () -> !engine.isLive() ||
            engine.counter(EngineCounters.JOURNAL_FAILURES_TYPE_ID) > 0 ||
            engine.counter(EngineCounters.FATAL_ERRORS_TYPE_ID) > 0;
        boolean drained = false;
        try (driver)
        {
            if (!connect(driver, null != sessions ? sessions : context.sessionsFile(), context))
            {
                return ExitCodes.FAILED;
            }
            final boolean openingReported = driver.play(rate, context.ringSize() / 2, durationS, status,
                () -> stopped.getAsBoolean() || signals.isStopRequested(), out);
            drained = !stopped.getAsBoolean() && driver.drain(stopped);
            if (engine.isLive())
            {
                status.print(openingReported);
                status.end();
            }
        }
        if (!drained)
        {
            err.println("pme simulate: the engine " + (engine.isLive() ? "failed (journal failures or a fatal " +
                "error: see pme stat)" : "stopped") + " before it took every input sent");
            return ExitCodes.FAILED;
        }
        return summarize(driver, engine, status, errorsAtStart);
    }

    // a driver is up but nobody answers on these channels: another engine's, or none
    private boolean connect(final SimulationDriver driver, final Path sessionsFile, final EngineContext context)
    {
        try
        {
            return driver.connect(sessionsFile);
        }
        catch (final IllegalStateException ex)
        {
            err.println("pme simulate: " + ex.getMessage() + " (does the engine listen on " + context.inputChannel() +
                " stream " + context.inputStreamId() + "? see --config)");
            return false;
        }
    }

    private int summarize(
        final SimulationDriver driver, final EngineFigures engine, final StatusLine status, final long errorsAtStart)
    {
        final long sent = driver.simulation().framesGenerated();
        final SimulateSummary summary = new SimulateSummary(
            sent, driver.outputsReceived(), engine, driver.liquidations(), driver.borrowing(), status.oracle());
        out.println(driver.borrowing().line());
        out.println(summary.line());
        out.printf("sent %,d inputs; %,d outputs received, %,d checks accepted, %,d rejected; %,d engine errors%n",
            sent, driver.outputsReceived(), driver.checksAccepted(), driver.checksRejected(),
            engine.counter(EngineCounters.ERRORS_TYPE_ID) - errorsAtStart);
        if (null == summaryFile)
        {
            return ExitCodes.OK;
        }
        try
        {
            summary.write(Path.of(summaryFile));
            return ExitCodes.OK;
        }
        catch (final IOException ex)
        {
            err.println("pme simulate: cannot write the summary to " + summaryFile + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
