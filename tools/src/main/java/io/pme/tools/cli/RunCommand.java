package io.pme.tools.cli;

import io.pme.engine.Engine;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineThreadingMode;
import io.pme.engine.journal.JournalSyncPolicy;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code pme run}: the engine on an embedded media driver, driven over Aeron by the built-in market simulation,
 * with a one-line status every second and the state digest at the end: {@link EngineLifecycle} the engine's part,
 * {@link SimulationDriver} the simulation's, as {@code pme engine} and {@code pme simulate} run them in two
 * processes. The simulation plays the venue's side of the liquidation waterfall too (its liquidation desk reads the
 * engine's outputs on a subscription of its own), and the run ends with a line of what the liquidations did,
 * written as JSON with {@code --summary FILE}.
 */
@CommandLine.Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "The engine on an embedded media driver, driven over Aeron by the built-in market simulation: the opening " +
            "book unpaced, then the market at --rate; a status line a second, a line of what the liquidations did, " +
            "the market's latencies after the opening book, and the state digest as the last line:",
        "  state digest: <hex> (correlation ids <hex>)",
        "SIGTERM or SIGINT ends the run early: the simulation stops, the engine drains, journals a last SNAPSHOT " +
            "input of its own and writes it; a second signal exits at once."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the run ended (its duration, or a first signal)",
        "1:the engine could not start or recover, the journal failed, a simulation client could not log on, " +
            "the summary could not be written",
        "2:the command line is wrong",
        "130/143:a second SIGINT/SIGTERM, stopped at once"})
final class RunCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<Engine> launched;

    @CommandLine.Option(names = "--duration", paramLabel = "S", defaultValue = "30", converter = Positive.class,
        description = "seconds the simulation runs (default: ${DEFAULT-VALUE})")
    private long durationS;

    @CommandLine.Option(names = "--accounts", paramLabel = "N", defaultValue = "2000", converter = Positive.class,
        description = "the simulation's accounts, up to 1,000,000; the engine is sized to N + 1,000 " +
            "(default: ${DEFAULT-VALUE})")
    private long accounts;

    @CommandLine.Option(names = "--seed", paramLabel = "N", defaultValue = "42", converter = WholeNumber.class,
        description = "the simulation's seed: the same seed, the same frames (default: ${DEFAULT-VALUE})")
    private long seed;

    @CommandLine.Option(names = "--rate", paramLabel = "MSGS_PER_S", defaultValue = "5000",
        converter = Positive.class, description = "messages a second offered after the opening book " +
        "(default: ${DEFAULT-VALUE})")
    private long rate;

    @CommandLine.Option(names = "--journal", paramLabel = "DIR",
        description = "the journal directory, kept (default: a temporary one, removed after the run)")
    private String journal;

    @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "the embedded media driver's directory (default: Aeron's default with -pme appended, where " +
            "pme stat looks)")
    private String aeronDir;

    @CommandLine.Option(names = "--sessions", paramLabel = "FILE",
        description = "a sessions file: every connection must log on, the simulation as its clients 1 to 5")
    private String sessions;

    @CommandLine.Option(names = "--journal-sync", paramLabel = "none|periodic|every-input",
        converter = JournalSyncConverter.class,
        description = "when the journal is forced to the device (default: " +
            EngineConfiguration.JOURNAL_SYNC_PROP_NAME + ", else none)")
    private JournalSyncPolicy journalSync;

    @CommandLine.Option(names = "--threading-mode", paramLabel = "dedicated|shared",
        converter = ThreadingModeConverter.class,
        description = "the stages on a thread each or all on one (default: " +
            EngineConfiguration.THREADING_MODE_PROP_NAME + ", else shared)")
    private EngineThreadingMode threadingMode;

    @CommandLine.Option(names = "--summary", paramLabel = "FILE.json",
        description = "write the end-of-run figures as one JSON object")
    private String summaryFile;

    RunCommand(final PrintStream out, final PrintStream err)
    {
        this(out, err, engine -> {});
    }

    /**
     * @param launched given the engine once it runs: a test's way to break its journal underneath, as a full disk
     *                 would, and see what the command does about it.
     */
    RunCommand(final PrintStream out, final PrintStream err, final Consumer<Engine> launched)
    {
        this.out = out;
        this.err = err;
        this.launched = launched;
    }

    /**
     * {@code pme run} with a hook on the launched engine, its command line parsed as {@code pme} parses it.
     *
     * @param args {@code run} and its options.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err, final Consumer<Engine> launched)
    {
        final CommandLine commandLine = new CommandLine(new RunCommand(out, err, launched));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final String settingsProblem = SimulationDriver.settingsProblem();
        if (null != settingsProblem)
        {
            err.println("pme run: " + settingsProblem);
            return ExitCodes.USAGE;
        }
        final int simulated = (int)Math.min(accounts, 1_000_000);
        final TempDirectory journalDir = TempDirectory.orGiven(journal, "pme-journal");
        final EngineContext context = new EngineContext()
            .journalDir(journalDir.path())
            .journalSync(journalSync)
            .threadingMode(threadingMode)
            .recoveryReportStream(out)
            .aeronDirectoryName(null != aeronDir ? aeronDir : StatCommand.defaultAeronDir())
            .maxAccounts(Math.max(EngineConfiguration.MAX_ACCOUNTS_DEFAULT, simulated + 1_000));
        if (null != sessions)
        {
            context.sessionsFile(Path.of(sessions));
        }
        out.printf("pme run: %,d accounts, seed %d, %,d msgs/s offered for %d s, journal %s (sync %s), " +
            "threading mode %s%n",
            simulated, seed, rate, durationS, journalDir.isTemporary() ? "(temporary)" : journalDir.path(),
            null != journalSync ? journalSync.propertyValue() : context.journalSyncName(),
            null != threadingMode ? threadingMode.propertyValue() : context.threadingModeName());
        try (ShutdownSignals signals = ShutdownSignals.install("run", err))
        {
            return run(context, simulated, journalDir, signals);
        }
    }

    private int run(
        final EngineContext context, final int simulated, final TempDirectory journalDir,
        final ShutdownSignals signals)
    {
        final Engine engine = EngineLifecycle.launch("run", context, err);
        if (null == engine)
        {
            journalDir.deleteIfTemporary();
            return ExitCodes.FAILED;
        }
        launched.accept(engine);
        final SimulationDriver driver = new SimulationDriver("run", engine.aeron(), new SimulationDriver.Channels(
            context.inputChannel(), context.inputStreamId(), context.outputChannel(), context.outputStreamId()),
            simulated, seed, () -> engine.counters().inputs().get(), err);
        final StatusLine status =
            new StatusLine(EngineFigures.of(engine), driver::outputsReceived, driver.liquidations(),
                driver.borrowing(), out);
        Path snapshot = null;
        boolean closed = false;
        try (driver)
        {
            if (!driver.connect(context.sessionsFile()))
            {
                return ExitCodes.FAILED;
            }
            // the opening book goes out as fast as the engine takes it, never more than half its ring ahead
            final boolean openingReported = driver.play(rate, context.ringSize() / 2, durationS, status,
                () -> engine.isFailed() || signals.isStopRequested(), out);
            if (!engine.isFailed())
            {
                driver.drain(engine::isFailed);
            }
            status.print(openingReported);
            status.end();
            if (signals.isStopRequested() && !engine.isFailed())
            {
                snapshot = EngineLifecycle.stopWithSnapshot(engine, context);
                closed = true;
            }
        }
        finally
        {
            if (!closed)
            {
                engine.close();
            }
            journalDir.deleteIfTemporary();
        }
        if (engine.isFailed())
        {
            EngineLifecycle.reportFailure("run", engine, err);
            return ExitCodes.FAILED;
        }
        if (signals.isStopRequested())
        {
            out.println("pme run: stopped by SIG" + signals.signalName() + (null != snapshot ?
                ", the last snapshot written: " + snapshot : ", but no snapshot could be written"));
        }
        final int code = report(engine, driver, status);
        return signals.isStopRequested() && null == snapshot ? ExitCodes.FAILED : code;
    }

    // after the engine closed: its state may be read now, its counters no longer (the status read them before)
    private int report(final Engine engine, final SimulationDriver driver, final StatusLine status)
    {
        final long digest = engine.digest();
        final long correlationDigest = engine.correlationDigest();
        final long sent = driver.simulation().framesGenerated();
        // the digest settled every change kept for later: the state's figures are those it covers
        final RunSummary summary = new RunSummary(sent, digest, correlationDigest, status.outputsDropped(),
            engine.state(), driver.liquidations(), driver.borrowing(), status.oracle());
        // before the summary lines, whose places from the end are the README's
        if (null != status.snapshots())
        {
            out.println(status.snapshots());
        }
        out.println(driver.borrowing().line());
        out.println(summary.line());
        status.printMarket();
        out.printf("sent %,d inputs; %,d outputs received, %,d checks accepted, %,d rejected; %,d pipeline errors%n",
            sent, driver.outputsReceived(), driver.checksAccepted(), driver.checksRejected(),
            engine.pipelineErrors());
        if (engine.pipelineErrors() > 0)
        {
            err.print(engine.errors().summary());
        }
        out.println(Pme.digestLine(digest, correlationDigest));
        return null == summaryFile ? ExitCodes.OK : writeSummary(summary, Path.of(summaryFile), err);
    }

    private static int writeSummary(final RunSummary summary, final Path file, final PrintStream err)
    {
        try
        {
            summary.write(file);
            return ExitCodes.OK;
        }
        catch (final IOException ex)
        {
            err.println("pme run: cannot write the summary to " + file + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
    }

    /** A whole number above zero. */
    static final class Positive implements CommandLine.ITypeConverter<Long>
    {
        /**
         * {@inheritDoc}
         */
        public Long convert(final String value)
        {
            final long parsed = new WholeNumber().convert(value);
            if (parsed <= 0)
            {
                throw new CommandLine.TypeConversionException("must be positive, got " + value);
            }
            return parsed;
        }
    }

    /** A whole number. */
    static final class WholeNumber implements CommandLine.ITypeConverter<Long>
    {
        /**
         * {@inheritDoc}
         */
        public Long convert(final String value)
        {
            try
            {
                return Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLine.TypeConversionException("must be a whole number, got '" + value + "'");
            }
        }
    }

    /** {@code dedicated} or {@code shared}. */
    static final class ThreadingModeConverter implements CommandLine.ITypeConverter<EngineThreadingMode>
    {
        /**
         * {@inheritDoc}
         */
        public EngineThreadingMode convert(final String value)
        {
            try
            {
                return EngineThreadingMode.fromName(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }

    /** {@code none}, {@code periodic} or {@code every-input}. */
    static final class JournalSyncConverter implements CommandLine.ITypeConverter<JournalSyncPolicy>
    {
        /**
         * {@inheritDoc}
         */
        public JournalSyncPolicy convert(final String value)
        {
            try
            {
                return JournalSyncPolicy.fromName(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
