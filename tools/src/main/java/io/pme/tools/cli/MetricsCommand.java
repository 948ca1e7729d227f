package io.pme.tools.cli;

import io.pme.engine.EngineContext;
import io.pme.tools.metrics.MetricsServer;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pme metrics}: a side process serving an engine's counters as Prometheus text at
 * {@code http://HOST:PORT/metrics}, read afresh from the counters file at every scrape, until interrupted.
 */
@CommandLine.Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Serves an engine's counters as Prometheus text at http://HOST:PORT/metrics until interrupted, read from " +
            "its counters file at every scrape: pme_engine_up, the counters (pme_inputs_total, ...), the latency " +
            "histograms (pme_check_latency_seconds, pme_input_hold_seconds); docs/operations.md lists them."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stopped by an interrupt of its thread (Ctrl-C ends the process, with the shell's 130)",
        "1:the port could not be listened on",
        "2:the command line is wrong"})
final class MetricsCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "the engine's Aeron directory, beside which its counters file is (default: ${DEFAULT-VALUE})")
    private String aeronDir = StatCommand.defaultAeronDir();

    @CommandLine.Option(names = "--counters", paramLabel = "FILE",
        description = "the counters file itself, instead of the one beside --aeron-dir")
    private File countersFile;

    @CommandLine.Option(names = "--port", required = true, paramLabel = "PORT",
        description = "the port to listen on, 0 for any free one (the first line names it)")
    private int port;

    @CommandLine.Option(names = "--host", paramLabel = "HOST",
        description = "the address to listen on (default: ${DEFAULT-VALUE}, every interface)")
    private String host = "0.0.0.0";

    MetricsCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (port < 0 || port > 65_535)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
        }
        final File counters = null != countersFile ? countersFile : EngineContext.defaultCountersFile(aeronDir);
        final MetricsServer server;
        try
        {
            server = MetricsServer.start(counters, EngineContext.errorsFileBeside(counters), host, port);
        }
        catch (final IOException ex)
        {
            err.println("pme metrics: cannot listen on " + host + ":" + port + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        try (server)
        {
            out.println("pme metrics: serving http://" + host + ":" + server.port() + "/metrics from " + counters);
            out.flush();
            new CountDownLatch(1).await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
