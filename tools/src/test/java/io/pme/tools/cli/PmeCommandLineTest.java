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
    private static final Map<String, Set<String>> ACCEPTED = Map.of(
        "run", RunCommand.OPTIONS,
        "replay", union(ReplayCommand.OPTIONS, ReplayCommand.FLAGS),
        "script", union(ScriptCommand.OPTIONS, ScriptCommand.FLAGS),
        "stat", union(StatCommand.OPTIONS, StatCommand.FLAGS),
        // the offline calculator parses its own two options (MarginCommandTest#usageErrors)
        "margin", Set.of("portfolio", "params"));

    @TempDir
    Path dir;

    @Test
    void helpPrintsTheUsageOnStandardOutputAndExitsZero()
    {
        for (final String[] args : new String[][]{
            {"--help"}, {"-h"}, {"help"}, {"run", "--help"}, {"replay", "-h"}, {"stat", "--aeron-dir", "x", "--help"},
            {"margin", "--help"}})
        {
            final CliRun run = CliRun.of(args);
            assertEquals(0, run.code(), String.join(" ", args));
            assertEquals(Pme.USAGE + System.lineSeparator(), run.out(), String.join(" ", args));
            assertEquals("", run.err());
        }
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError()
    {
        final CliRun none = CliRun.of();
        assertEquals(2, none.code());
        assertEquals("", none.out());
        assertTrue(none.err().startsWith("usage: pme <command>"), none.err());

        final CliRun unknown = CliRun.of("start");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("pme: unknown command 'start'" + System.lineSeparator() + "usage:"),
            unknown.err());
    }

    @Test
    void optionMistakesAreOneLineNamingTheOptionAndExitTwo()
    {
        assertUsageError("pme run: unknown option --bogus", "run", "--bogus", "1");
        assertUsageError("pme run: option --duration needs a value", "run", "--duration");
        assertUsageError("pme run: option --duration must be positive, got 0", "run", "--duration", "0");
        assertUsageError("pme run: option --accounts must be a whole number, got 'many'", "run", "--accounts", "many");
        assertUsageError("pme run: option --seed must be a whole number, got '1.5'", "run", "--seed", "1.5");
        assertUsageError("pme run: unexpected argument 'now'", "run", "now");
        assertUsageError("pme run: option --threading-mode: unknown threading mode fast: dedicated or shared",
            "run", "--threading-mode", "fast");
        assertUsageError("pme replay: option --journal is required", "replay");
        assertUsageError("pme replay: unknown option --from", "replay", "--from", "x");
        assertUsageError("pme script: option --input is required", "script", "--digest");
        assertUsageError("pme stat: unknown option --aeron", "stat", "--aeron", "x");
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
        assertTrue(stat.err().startsWith("pme stat: no engine counters at " + dir.resolve("aeron") + "-counters.dat"),
            stat.err());

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
    void theUsageNamesExactlyTheOptionsEachCommandTakes()
    {
        final Map<String, Set<String>> listed = optionsByCommand(Pme.USAGE.split(System.lineSeparator()));
        assertEquals(ACCEPTED.keySet(), listed.keySet(), "commands in the usage text");
        for (final Map.Entry<String, Set<String>> command : ACCEPTED.entrySet())
        {
            assertEquals(new TreeSet<>(command.getValue()), listed.get(command.getKey()),
                "options of pme " + command.getKey() + " in the usage text");
        }
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

    private static Map<String, Set<String>> optionsByCommand(final String[] usage)
    {
        final Map<String, Set<String>> listed = new java.util.TreeMap<>();
        String command = null;
        for (final String line : usage)
        {
            final Matcher start = Pattern.compile("^  (\\w+) ").matcher(line);
            if (start.find())
            {
                command = start.group(1);
                listed.put(command, new TreeSet<>());
            }
            if (null != command && line.startsWith("  "))
            {
                final Matcher option = OPTION.matcher(line);
                while (option.find())
                {
                    listed.get(command).add(option.group(1));
                }
            }
        }
        return listed;
    }

    private static void assertUsageError(final String expected, final String... args)
    {
        final CliRun run = CliRun.of(args);
        assertEquals(2, run.code(), () -> String.join(" ", args) + ": " + run.err());
        assertEquals(expected + System.lineSeparator(), run.err());
        assertFalse(run.out().contains("state digest"), run.out());
    }

    private static Set<String> union(final Set<String> a, final Set<String> b)
    {
        final Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
