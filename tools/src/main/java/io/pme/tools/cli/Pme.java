package io.pme.tools.cli;

import io.pme.engine.state.Digest;

import java.io.PrintStream;
import java.util.Set;

/**
 * Command-line entry point: {@code pme run | replay | script | stat | margin}.
 */
public final class Pme
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: pme <command> [options]      (pme --help, or pme <command> --help: this text)",
        "  run     [--duration SECONDS] [--accounts N] [--seed N] [--journal DIR] [--rate MSGS_PER_S]",
        "          [--sessions FILE] [--aeron-dir DIR] [--journal-sync none|periodic|every-input]",
        "          [--threading-mode dedicated|shared] [--summary FILE.json]",
        "          the engine on an embedded media driver, driven by the built-in market simulation (crashes,",
        "          its liquidation desk and liquidators); --summary writes the end-of-run figures as JSON",
        "  replay  --journal DIR [--from-snapshot]   rebuild state from a journal, print its digest",
        "  script  --input FILE.jsonl [--journal DIR] [--digest]   feed JSON-lines inputs, print every output",
        "  stat    [--aeron-dir DIR] [--counters FILE]   read a running engine's counters",
        "  margin  --portfolio FILE.json [--params FILE]   offline margin calculator");
    private static final Set<String> COMMANDS = Set.of("run", "replay", "script", "stat", "margin");

    private Pme()
    {
    }

    /**
     * Runs one command and exits with its status: 0 done, 1 failed, 2 misused.
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
     */
    static String digestLine(final long stateDigest, final long correlationDigest)
    {
        return "state digest: " + Digest.hex(stateDigest) + " (correlation ids " + Digest.hex(correlationDigest) + ")";
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length == 0)
        {
            err.println(USAGE);
            return 2;
        }
        if (COMMANDS.contains(args[0]) && asksForHelp(args))
        {
            out.println(USAGE);
            return 0;
        }
        try
        {
            switch (args[0])
            {
                case "run":
                    return RunCommand.run(args, out, err);
                case "replay":
                    return ReplayCommand.run(args, out, err);
                case "script":
                    return ScriptCommand.run(args, out, err);
                case "stat":
                    return StatCommand.run(args, out, err);
                case "margin":
                    return MarginCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    err.println("pme: unknown command '" + args[0] + "'");
                    err.println(USAGE);
                    return 2;
            }
        }
        catch (final Options.UsageException ex)
        {
            err.println("pme " + args[0] + ": " + ex.getMessage());
            return 2;
        }
    }

    private static boolean asksForHelp(final String[] args)
    {
        for (int i = 1; i < args.length; i++)
        {
            if ("--help".equals(args[i]) || "-h".equals(args[i]))
            {
                return true;
            }
        }
        return false;
    }
}
