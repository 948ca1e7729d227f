package io.pme.tools.cli;

import io.pme.dashboard.Dashboard;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pme dashboard --aeron-dir DIR [--port 8080]}: the live risk dashboard of an engine running on that Aeron
 * directory, served until the process is stopped.
 */
@CommandLine.Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = "The live risk dashboard: a web page of what a running engine publishes (margin ratios, the " +
        "accounts closest to liquidation, liquidations and auctions, the insurance fund, the oracle, parameters), " +
        "read from its media driver. Runs until stopped (Ctrl-C); docs/dashboard.md.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "1:no media driver in the Aeron directory, or the port cannot be served on",
        "2:the command line is wrong",
        "130:stopped by Ctrl-C (143 by a TERM signal), its usual end"})
final class DashboardCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "the engine's Aeron directory, as given to pme run (default: pme run's, ${DEFAULT-VALUE})")
    private String aeronDir = StatCommand.defaultAeronDir();

    @CommandLine.Option(names = "--port", paramLabel = "PORT",
        description = "the TCP port of the page, 0 for any free one (default: ${DEFAULT-VALUE})")
    private int port = 8080;

    @CommandLine.Option(names = "--bind", paramLabel = "ADDRESS",
        description = "the address to serve on (default: ${DEFAULT-VALUE}, this machine only: the page has no login)")
    private String bind = "127.0.0.1";

    @CommandLine.Option(names = "--top", paramLabel = "N",
        description = "accounts closest to liquidation listed, 1..1000 (default: ${DEFAULT-VALUE})")
    private int top = 20;

    DashboardCommand(final PrintStream out, final PrintStream err)
    {
        this(out, err, null);
    }

    /**
     * @param stop counted down to stop the dashboard, a test's way; null: the process being stopped stops it.
     */
    DashboardCommand(final PrintStream out, final PrintStream err, final CountDownLatch stop)
    {
        this.out = out;
        this.err = err;
        this.stop = stop;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call() throws InterruptedException
    {
        if (port < 0 || port > 65_535)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535: " + port);
        }
        if (top < 1 || top > 1_000)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 1..1000: " + top);
        }
        final Dashboard dashboard;
        try
        {
            dashboard = Dashboard.launch(new Dashboard.Context()
                .aeronDirectoryName(aeronDir)
                .bindAddress(bind)
                .port(port)
                .topAccounts(top));
        }
        catch (final IllegalStateException ex)
        {
            err.println("pme dashboard: " + ex.getMessage() + " (start the engine with scripts/pme run --aeron-dir " +
                aeronDir + ")");
            return ExitCodes.FAILED;
        }
        catch (final UncheckedIOException ex)
        {
            err.println("pme dashboard: cannot serve on " + bind + ":" + port + ": " + ex.getCause().getMessage());
            return ExitCodes.FAILED;
        }
        out.println("pme dashboard: http://" + bind + ":" + dashboard.port() + "/ shows the engine on " + aeronDir +
            "; Ctrl-C stops it");
        out.flush();
        if (null != stop)
        {
            try (dashboard)
            {
                stop.await();
            }
            return ExitCodes.OK;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            dashboard.close();
            stopped.countDown();
        }, "pme-dashboard-stop"));
        stopped.await();
        return ExitCodes.OK;
    }
}
