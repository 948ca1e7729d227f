package io.pme.tools.cli;

import io.pme.engine.state.Digest;
import io.pme.tools.audit.AuditCommand;
import io.pme.tools.stress.StressCommand;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Command-line entry point: {@code pme <command>}, each command a picocli command of its own with its options,
 * {@code --help} and {@code --version}.
 */
@CommandLine.Command(
    name = "pme",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    synopsisSubcommandLabel = "COMMAND",
    description = "pme, a cross-collateralized portfolio-margin risk engine. `pme COMMAND --help` tells more.",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes (every command):%n",
    exitCodeList = {
        "0:done",
        "1:failed: an input, journal or file that cannot be used, a journal failure, pipeline errors, a drain " +
            "that did not finish, an engine that could not start",
        "2:the command line is wrong; nothing was run",
        "3:a state digest other than the one expected (--expect)",
        "4:pme stat: the engine is not running (closed, a stale heartbeat, its process gone)",
        "130/143:engine, run, simulate: a second SIGINT/SIGTERM stopped it at once (the first, gracefully)"},
    subcommands = CommandLine.HelpCommand.class)
public final class Pme implements Callable<Integer>
{
    // the project's line length: --help reads as the README's command table does
    private static final int USAGE_WIDTH = 120;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs one command and exits with its status ({@link ExitCodes}).
     *
     * @param args the command and its options.
     */
    public static void main(final String[] args)
    {
        final int exitCode = run(args, System.out, System.err);
        System.out.flush();
        System.exit(exitCode);
    }

    /**
     * The last line of run, replay and script: the state digest, then the digest of the clients' correlation ids,
     * so one equal line proves equal state and equally refused duplicates.
     *
     * @param stateDigest       the state digest.
     * @param correlationDigest the digest of the clients' last correlation ids.
     * @return the line, without a line terminator.
     */
    public static String digestLine(final long stateDigest, final long correlationDigest)
    {
        return "state digest: " + Digest.hex(stateDigest) + " (correlation ids " + Digest.hex(correlationDigest) + ")";
    }

    /**
     * The whole command line, every command registered, writing to the given streams.
     *
     * @param out standard output.
     * @param err standard error.
     * @return the command line, ready to execute.
     */
    static CommandLine commandLine(final PrintStream out, final PrintStream err)
    {
        final CommandLine commandLine = new CommandLine(new Pme())
            .addSubcommand(new RunCommand(out, err))
            .addSubcommand(new EngineCommand(out, err))
            .addSubcommand(new SimulateCommand(out, err))
            .addSubcommand(new ReplayCommand(out, err))
            .addSubcommand(new ScriptCommand(out, err))
            .addSubcommand(new StatCommand(out, err))
            .addSubcommand(new ErrorsCommand(out, err))
            .addSubcommand(new MetricsCommand(out, err))
            .addSubcommand(new MarginCommand(out, err))
            .addSubcommand(new DashboardCommand(out, err))
            .addSubcommand(new AuditCommand(out, err))
            .addSubcommand(new StressCommand(out, err));
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        commandLine.setUsageHelpWidth(USAGE_WIDTH);
        commandLine.setParameterExceptionHandler(Pme::usageError);
        commandLine.setExecutionExceptionHandler((ex, command, parsed) ->
        {
            command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + ex);
            ex.printStackTrace(command.getErr());
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        return commandLine(out, err).execute(args);
    }

    /**
     * Without a command: the usage on standard error, as a mistake.
     *
     * @return {@link ExitCodes#USAGE}.
     */
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    // One line naming the command and what is wrong (picocli names the option), then nothing else: the user knows
    // where --help is, and a script's log stays readable.
    private static int usageError(final CommandLine.ParameterException ex, final String[] args)
    {
        final CommandLine command = ex.getCommandLine();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, command.getErr());
        return ExitCodes.USAGE;
    }
}
