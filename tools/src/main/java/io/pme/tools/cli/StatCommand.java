package io.pme.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aeron.CommonContext;
import io.pme.engine.EngineContext;
import io.pme.engine.LatencyBuckets;
import io.pme.engine.EngineCounters;
import io.pme.tools.metrics.CountersSnapshot;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code pme stat}: whether an engine is alive and its counters, read from its counters file by another process, as
 * Aeron's AeronStat reads a media driver's; once, or every few seconds with {@code --watch}.
 */
@CommandLine.Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Reads an engine's counters file from another process: first whether the engine is alive,",
        "  engine: alive (pid N, heartbeat 0.2 s ago)",
        "  engine: not running (pid N, last heartbeat 93 s ago)",
        "then its counters (inputs, outputs, rejects by reason, ring occupancy, journal position, accounts below " +
            "IM/MM, errors, latency buckets); a clean shutdown frees them, a crash leaves its last values."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the engine is alive (--watch: until Ctrl-C, with the shell's 130)",
        "1:no counters file, or not one of this build",
        "2:the command line is wrong",
        "4:the engine is not running: closed cleanly, its heartbeat older than 10 s, or its process gone"})
final class StatCommand implements Callable<Integer>
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "the engine's Aeron directory, beside which its counters file is (default: ${DEFAULT-VALUE})")
    private String aeronDir = defaultAeronDir();

    @CommandLine.Option(names = "--counters", paramLabel = "FILE",
        description = "the counters file itself, instead of the one beside --aeron-dir")
    private File countersFile;

    @CommandLine.Option(names = "--watch", arity = "0..1", fallbackValue = "1", paramLabel = "SECONDS",
        description = "print again every SECONDS (1 when not given) until interrupted")
    private Integer watchSeconds;

    @CommandLine.Option(names = "--json",
        description = "print one JSON object (with --watch, one a line): the engine's liveness, the counters")
    private boolean json;

    StatCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    static String defaultAeronDir()
    {
        return CommonContext.getAeronDirectoryName() + "-pme";
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (null != watchSeconds && watchSeconds <= 0)
        {
            throw new CommandLine.ParameterException(
                spec.commandLine(), "--watch must be a positive number of seconds, got " + watchSeconds);
        }
        final File file = null != countersFile ? countersFile : EngineContext.defaultCountersFile(aeronDir);
        if (null == watchSeconds)
        {
            return printOnce(file);
        }
        // until interrupted, as AeronStat: the terminal is cleared only when there is one to clear
        final boolean terminal = null != System.console();
        try
        {
            while (!Thread.currentThread().isInterrupted())
            {
                // with --json, one object a line and nothing else, for a consumer of JSON lines
                if (terminal && !json)
                {
                    out.print(CLEAR_SCREEN);
                }
                if (!json)
                {
                    out.println(TIME.format(Instant.now()) + " - pme stat " + file + ", every " + watchSeconds + " s");
                }
                printOnce(file);
                out.flush();
                TimeUnit.SECONDS.sleep(watchSeconds);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private int printOnce(final File file)
    {
        if (!file.exists())
        {
            err.println("pme stat: no counters file at " + file + " (is an engine running? see --aeron-dir)");
            return ExitCodes.FAILED;
        }
        final CountersSnapshot snapshot;
        try
        {
            snapshot = CountersSnapshot.read(file);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("pme stat: " + file + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        if (json)
        {
            out.println(json(snapshot));
        }
        else
        {
            out.println(snapshot.livenessLine());
            for (final CountersSnapshot.Counter counter : snapshot.counters())
            {
                // an empty latency bucket says nothing: the buckets a run uses are few of the many
                if (!isBucket(counter.typeId()) || 0 != counter.value())
                {
                    out.printf("%-40s %,20d%n", counter.label(), counter.value());
                }
            }
        }
        return snapshot.alive() ? ExitCodes.OK : ExitCodes.NOT_RUNNING;
    }

    private static boolean isBucket(final int typeId)
    {
        return typeId >= EngineCounters.CHECK_LATENCY_BUCKET_TYPE_ID &&
            typeId < EngineCounters.CHECK_LATENCY_BUCKET_TYPE_ID + LatencyBuckets.BUCKET_COUNT ||
            typeId >= EngineCounters.INPUT_HOLD_BUCKET_TYPE_ID &&
            typeId < EngineCounters.INPUT_HOLD_BUCKET_TYPE_ID + LatencyBuckets.BUCKET_COUNT;
    }

    private static String json(final CountersSnapshot snapshot)
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = mapper.createObjectNode();
        root.put("file", snapshot.file().getPath());
        final ObjectNode engine = root.putObject("engine");
        engine.put("alive", snapshot.alive());
        engine.put("pid", snapshot.header().pid());
        engine.put("startTimestampMs", snapshot.header().startTimestampMs());
        engine.put("heartbeatAgeMs", snapshot.heartbeatAgeMs());
        engine.put("closedCleanly", snapshot.header().isClosed());
        final ObjectNode counters = root.putObject("counters");
        for (final CountersSnapshot.Counter counter : snapshot.counters())
        {
            counters.put(counter.label(), counter.value());
        }
        return root.toString();
    }
}
