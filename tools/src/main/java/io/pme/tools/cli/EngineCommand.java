package io.pme.tools.cli;

import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code pme engine --config FILE}: the engine alone, configured by a properties file ({@link EngineConfigFile}),
 * taking input from whoever connects (a gateway, {@code pme simulate}, the example client) until it is signalled;
 * then it stops gracefully: no more input, a last SNAPSHOT input of its own journaled and written, the journal
 * closed, the state digest printed, exit 0.
 */
@CommandLine.Command(
    name = "engine",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Starts the engine alone from a properties config file (scripts/engine.example.properties names every key) " +
            "and runs it until SIGTERM or SIGINT: it prints where it listens, its recovery report and a status " +
            "line every --status-interval seconds. On the first signal it takes no more input, drains, journals " +
            "and writes a last snapshot, closes the journal and prints the state digest as its last line:",
        "  state digest: <hex> (correlation ids <hex>)",
        "(pme replay --journal DIR reproduces it); a second signal exits at once (128 + the signal's number)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped by a signal, the last snapshot written",
        "1:the config cannot be used (one line naming the key), the engine could not start or recover, its " +
            "journal failed, the last snapshot could not be written",
        "2:the command line is wrong",
        "130/143:a second SIGINT/SIGTERM, the engine stopped at once"})
final class EngineCommand implements Callable<Integer>
{
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(50);

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Option(names = "--config", required = true, paramLabel = "FILE",
        description = "the engine's properties (see scripts/engine.example.properties)")
    private Path config;

    @CommandLine.Option(names = "--journal", paramLabel = "DIR",
        description = "the journal directory, over the config's " + EngineConfigFile.JOURNAL_DIR_KEY)
    private String journal;

    @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "the media driver's directory, over the config's " + EngineConfigFile.AERON_DIR_KEY)
    private String aeronDir;

    @CommandLine.Option(names = "--media-driver", paramLabel = "embedded|external",
        description = "launch a media driver (embedded, the default) or use the one running at the Aeron " +
            "directory (external), over the config's " + EngineConfigFile.MEDIA_DRIVER_KEY)
    private String mediaDriver;

    @CommandLine.Option(names = "--status-interval", paramLabel = "S", defaultValue = "1",
        converter = RunCommand.Positive.class, description = "seconds between status lines (default: ${DEFAULT-VALUE})")
    private long statusIntervalS;

    EngineCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final Map<String, String> overrides = new TreeMap<>();
        putIfGiven(overrides, EngineConfigFile.JOURNAL_DIR_KEY, journal);
        putIfGiven(overrides, EngineConfigFile.AERON_DIR_KEY, aeronDir);
        putIfGiven(overrides, EngineConfigFile.MEDIA_DRIVER_KEY, mediaDriver);
        final EngineContext context;
        try
        {
            context = EngineConfigFile.load(config, overrides, out);
        }
        catch (final EngineConfigFile.ConfigException ex)
        {
            err.println("pme engine: " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        out.printf("pme engine: listening on %s stream %d, answering on %s stream %d; Aeron directory %s (%s media " +
            "driver); journal %s (sync %s); threading mode %s; counters %s; %s%n",
            context.inputChannel(), context.inputStreamId(), context.outputChannel(), context.outputStreamId(),
            context.aeronDirectoryName(), context.embeddedMediaDriver() ? "embedded" : "external",
            context.journalDir(), context.journalSync().propertyValue(), context.threadingMode().propertyValue(),
            context.countersFile(), null == context.sessionsFile() ? "no sessions file (open)" :
            "sessions " + context.sessionsFile());
        try (ShutdownSignals signals = ShutdownSignals.install("engine", err))
        {
            final Engine engine = EngineLifecycle.launch("engine", context, err);
            if (null == engine)
            {
                return ExitCodes.FAILED;
            }
            return run(engine, context, signals);
        }
    }

    private int run(final Engine engine, final EngineContext context, final ShutdownSignals signals)
    {
        final StatusLine status = new StatusLine(
            EngineFigures.of(engine), () -> engine.counters().outputs().get(), null, out);
        out.println("pme engine: running; SIGTERM or SIGINT stops it (drained, a last snapshot), a second exits " +
            "at once");
        final long intervalNs = TimeUnit.SECONDS.toNanos(statusIntervalS);
        long nextNs = System.nanoTime() + intervalNs;
        while (!signals.isStopRequested() && !engine.isFailed())
        {
            LockSupport.parkNanos(STEP_NS);
            if (System.nanoTime() >= nextNs)
            {
                status.print(false);
                nextNs += intervalNs;
            }
        }
        if (engine.isFailed())
        {
            EngineLifecycle.reportFailure("engine", engine, err);
            engine.close();
            return ExitCodes.FAILED;
        }
        final long inputs = engine.counters().inputs().get() - engine.recovery().replayed();
        final Path snapshot = EngineLifecycle.stopWithSnapshot(engine, context);
        if (engine.isFailed())
        {
            EngineLifecycle.reportFailure("engine", engine, err);
            return ExitCodes.FAILED;
        }
        if (engine.pipelineErrors() > 0)
        {
            err.print(engine.errors().summary());
        }
        if (null == snapshot)
        {
            err.println("pme engine: stopped by SIG" + signals.signalName() + ", but the last snapshot could not " +
                "be written (pme stat: snapshot failures; the journal is whole, recovery replays it)");
            out.println(Pme.digestLine(engine.digest(), engine.correlationDigest()));
            return ExitCodes.FAILED;
        }
        out.printf("pme engine: stopped by SIG%s: %,d inputs taken since the start, the last snapshot at input %,d: " +
            "%s%n", signals.signalName(), inputs, engine.state().inputSequence(), snapshot);
        out.println(Pme.digestLine(engine.digest(), engine.correlationDigest()));
        return ExitCodes.OK;
    }

    private static void putIfGiven(final Map<String, String> overrides, final String key, final String value)
    {
        if (null != value)
        {
            overrides.put(key, value);
        }
    }
}
