package io.pme.tools.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code pme} command line as a user meets it, through {@code Pme.run} with captured standard output and error
 * and no engine started: help, usage mistakes (exit 2, one line naming the option), inputs that cannot be used
 * (exit 1), and the usage text and README naming exactly the options each command takes.
 */
class PmeCommandLineTest
{
    private static final Pattern OPTION = Pattern.compile("--([a-z][a-z-]*)");
    private static final Map<String, Set<String>> ACCEPTED = accepted();

    @TempDir
    Path dir;

    @Test
    void helpPrintsTheUsageOnStandardOutputAndExitsZero()
    {
        for (final String[] args : new String[][]{{"--help"}, {"-h"}, {"help"}})
        {
            final CliRun run = CliRun.of(args);
            assertEquals(0, run.code(), String.join(" ", args));
            assertTrue(run.out().startsWith("Usage: pme "), run.out());
            for (final String command : ACCEPTED.keySet())
            {
                assertTrue(run.out().contains(System.lineSeparator() + "  " + command),
                    command + " listed: " + run.out());
            }
            assertEquals("", run.err());
        }
        for (final Map.Entry<String, Set<String>> command : ACCEPTED.entrySet())
        {
            for (final CliRun run : new CliRun[]{
                CliRun.of(command.getKey(), "--help"), CliRun.of(command.getKey(), "-h"),
                CliRun.of("help", command.getKey())})
            {
                assertEquals(0, run.code(), command.getKey() + " --help: " + run.err());
                assertTrue(run.out().startsWith("Usage: pme " + command.getKey()), run.out());
                for (final String option : command.getValue())
                {
                    assertTrue(run.out().contains("--" + option), "pme " + command.getKey() + " --help names --" +
                        option + ": " + run.out());
                }
                assertEquals("", run.err());
            }
        }
    }

    @Test
    void versionOnEveryCommand()
    {
        final CliRun top = CliRun.of("--version");
        assertEquals(0, top.code());
        assertTrue(top.out().startsWith("pme " + PmeVersion.version() + System.lineSeparator()), top.out());
        assertFalse(PmeVersion.version().contains("${"), "the build filled the version in");
        for (final String command : ACCEPTED.keySet())
        {
            final CliRun run = CliRun.of(command, "--version");
            assertEquals(0, run.code(), command);
            assertEquals(top.out(), run.out(), command);
        }
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError()
    {
        final CliRun none = CliRun.of();
        assertEquals(2, none.code());
        assertEquals("", none.out());
        assertTrue(none.err().startsWith("Usage: pme "), none.err());

        final CliRun unknown = CliRun.of("start");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("pme: Unmatched argument at index 0: 'start'"), unknown.err());
    }

    @Test
    void optionMistakesAreOneLineNamingTheOptionAndExitTwo()
    {
        assertUsageError("pme run: Unknown options: '--bogus', '1'", "run", "--bogus", "1");
        assertUsageError("pme run: Missing required parameter for option '--duration' (S)", "run", "--duration");
        assertUsageError("pme run: Invalid value for option '--duration': must be positive, got 0",
            "run", "--duration", "0");
        assertUsageError("pme run: Invalid value for option '--accounts': must be a whole number, got 'many'",
            "run", "--accounts", "many");
        assertUsageError("pme run: Invalid value for option '--seed': must be a whole number, got '1.5'",
            "run", "--seed", "1.5");
        assertUsageError("pme run: Unmatched argument at index 1: 'now'", "run", "now");
        assertUsageError("pme run: Invalid value for option '--threading-mode': unknown threading mode fast: " +
            "dedicated or shared", "run", "--threading-mode", "fast");
        assertUsageError("pme engine: Missing required option: '--config=FILE'", "engine");
        assertUsageError("pme simulate: Invalid value for option '--rate': must be positive, got -5",
            "simulate", "--rate", "-5");
        assertUsageError("pme replay: Missing required option: '--journal=DIR'", "replay");
        assertUsageError("pme replay: Unknown options: '--from', 'x'", "replay", "--journal", "j", "--from", "x");
        assertUsageError("pme replay: Invalid value for option '--expect': 'xyz' is not a state digest " +
            "(up to 16 hex digits, as pme prints it)", "replay", "--journal", "j", "--expect", "xyz");
        assertUsageError("pme script: Missing required option: '--input=FILE.jsonl'", "script", "--digest");
        assertUsageError("pme margin: Missing required option: '--portfolio=FILE.json'", "margin");
        assertUsageError("pme stat: Unknown options: '--aeron', 'x'", "stat", "--aeron", "x");
        assertUsageError("pme stat: --watch must be a positive number of seconds, got 0", "stat", "--watch", "0");
        assertUsageError("pme stat: Invalid value for option '--watch': 'often' is not an int", "stat", "--watch",
            "often");
        assertUsageError("pme errors: Error: --aeron-dir=DIR, --file=FILE are mutually exclusive (specify only one)",
            "errors", "--aeron-dir", "a", "--file", "f");
        assertUsageError("pme metrics: Missing required option: '--port=PORT'", "metrics");
        assertUsageError("pme metrics: --port must be from 0 to 65535, got 70000", "metrics", "--port", "70000");
    }

    @Test
    void inputsThatCannotBeUsedExitOneWithTheReason() throws IOException
    {
        final CliRun replay = CliRun.of("replay", "--journal", dir.resolve("none").toString());
        assertEquals(1, replay.code());
        assertEquals("pme replay: no journal directory at " + dir.resolve("none") + System.lineSeparator(),
            replay.err());

        final CliRun stat = CliRun.of("stat", "--aeron-dir", dir.resolve("aeron").toString());
        assertEquals(1, stat.code());
        assertTrue(stat.err().startsWith("pme stat: no counters file at " + dir.resolve("aeron") + "-counters.dat"),
            stat.err());

        final CliRun errors = CliRun.of("errors", "--aeron-dir", dir.resolve("aeron").toString());
        assertEquals(1, errors.code());
        assertTrue(errors.err().startsWith("pme errors: no error log at " + dir.resolve("aeron") + "-errors.dat"),
            errors.err());

        final Path notCounters = Files.writeString(dir.resolve("notes.txt"), "not counters");
        final CliRun wrongFile = CliRun.of("stat", "--counters", notCounters.toString());
        assertEquals(1, wrongFile.code());
        assertTrue(wrongFile.err().startsWith("pme stat: " + notCounters + ": not an engine counters file: 12 bytes"),
            wrongFile.err());

        final CliRun script = CliRun.of("script", "--input", dir.resolve("none.jsonl").toString());
        assertEquals(1, script.code());
        assertTrue(script.err().startsWith("pme script: cannot read " + dir.resolve("none.jsonl")), script.err());

        final Path bad = Files.writeString(dir.resolve("bad.jsonl"), "# one good line, one bad\n" +
            "{\"type\":\"Heartbeat\",\"timestampNs\":1}\n{\"type\":\"Heartbeat\",\"timestampNs\":1,\"colour\":1}\n");
        final CliRun badScript = CliRun.of("script", "--input", bad.toString());
        assertEquals(1, badScript.code());
        assertTrue(badScript.err().startsWith("pme script: " + bad + ": line 3: "), badScript.err());
        assertTrue(badScript.err().contains("colour"), badScript.err());
        assertEquals("", badScript.out(), "nothing runs when a line cannot be encoded");
    }

    @Test
    void theReadmeNamesOnlyOptionsTheCommandsTake() throws IOException
    {
        final Pattern row = Pattern.compile("^\\| `scripts/pme (\\w+) ([^`]*)` \\|", Pattern.MULTILINE);
        final Matcher rows = row.matcher(Files.readString(Path.of("..", "README.md")));
        final Set<String> commands = new TreeSet<>();
        while (rows.find())
        {
            final String command = rows.group(1);
            commands.add(command);
            final Matcher option = OPTION.matcher(rows.group(2));
            while (option.find())
            {
                assertTrue(ACCEPTED.get(command).contains(option.group(1)),
                    "README: pme " + command + " has no option --" + option.group(1));
            }
        }
        assertEquals(ACCEPTED.keySet(), commands, "commands in the README's table");
    }

    // each command's long options as picocli knows them (what --help prints), less the standard two
    private static Map<String, Set<String>> accepted()
    {
        final Map<String, Set<String>> accepted = new java.util.TreeMap<>();
        final picocli.CommandLine pme = Pme.commandLine(System.out, System.err);
        for (final Map.Entry<String, picocli.CommandLine> command : pme.getSubcommands().entrySet())
        {
            if ("help".equals(command.getKey()))
            {
                continue;
            }
            final Set<String> options = new TreeSet<>();
            for (final picocli.CommandLine.Model.OptionSpec option : command.getValue().getCommandSpec().options())
            {
                final String name = option.longestName();
                if (!"--help".equals(name) && !"--version".equals(name))
                {
                    options.add(name.substring(2));
                }
            }
            accepted.put(command.getKey(), options);
        }
        return accepted;
    }

    private static void assertUsageError(final String expected, final String... args)
    {
        final CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), () -> String.join(" ", args) + ": " + run.err());
        assertEquals(expected, run.err().lines().findFirst().orElse(""));
        assertFalse(run.out().contains("state digest"), run.out());
    }
}
