package io.pme.tools.cli;

import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme engine --config FILE} refusing a config it cannot use, in one line naming the file and the key, with
 * nothing started (no Aeron directory, no journal); and the example config loading, naming every key there is.
 */
class EngineConfigFileTest
{
    private static final Path EXAMPLE = Path.of("..", "scripts", "engine.example.properties");

    @TempDir
    Path dir;

    @Test
    void anUnknownKeyIsRefusedInOneLineNamingIt() throws IOException
    {
        assertRefused("pme.foo=1", "unknown key pme.foo");
        // a key of another component, or a typo of one of the engine's, is no less unknown
        assertRefused("pme.ring.sise=1024", "unknown key pme.ring.sise");
    }

    @Test
    void aBadValueIsRefusedInOneLineNamingTheKey() throws IOException
    {
        assertRefused("pme.ring.size=1000", "pme.ring.size: must be a power of two of at least 1: 1000");
        assertRefused("pme.max.accounts=many", "pme.max.accounts: not a whole number, was 'many'");
        assertRefused("pme.max.assets=65", "pme.max.assets: must be from 1 to 64 (an account's assets are one bit " +
            "each of a long mask): 65");
        assertRefused("pme.journal.sync.interval=soon", "pme.journal.sync.interval: not a duration (nanoseconds, " +
            "or a number with ns, us, ms or s), was 'soon'");
        assertRefused("pme.journal.sync.inputs=0", "pme.journal.sync.inputs: must be positive: 0");
        assertRefused("pme.media.driver=remote", "pme.media.driver: embedded or external, was 'remote'");
        assertRefused("pme.media.driver=external", "pme.media.driver: external, but no media driver is running " +
            "at pme.aeron.dir " + dir.resolve("aeron"));
        assertRefused("pme.threading.mode=fast",
            "pme.threading.mode: unknown threading mode fast: dedicated or shared");
        assertRefused("pme.wait.strategy=nap",
            "pme.wait.strategy: unknown wait strategy nap: busy, yielding, sleeping or blocking");
        assertRefused("pme.journal.sync=often",
            "pme.journal.sync: unknown journal sync policy often: none, periodic or every-input");
        final String channel = refusal("pme.input.channel=udp://host:1");
        assertTrue(channel.startsWith("pme.input.channel: not an Aeron channel ("), channel);
    }

    @Test
    void aMissingOrUnusableFileIsRefusedInOneLineNamingTheKey() throws IOException
    {
        final Path none = dir.resolve("none.properties");
        assertRefused("pme.sessions.file=" + none, "pme.sessions.file: no readable file at " + none);
        assertRefused("pme.risk.parameters.file=" + none, "pme.risk.parameters.file: no readable file at " + none);
        final Path twice = Files.writeString(dir.resolve("twice.properties"),
            Files.readString(Path.of("..", "scripts", "sessions.example.properties")) + "\nclient.1.accounts=*\n");
        assertTrue(refusal("pme.sessions.file=" + twice).startsWith("pme.sessions.file: sessions file " + twice +
            ": client.1.accounts: given twice"), refusal("pme.sessions.file=" + twice));
        final Path notADirectory = Files.writeString(dir.resolve("file"), "");
        final CliRun journal = CliRun.of("engine", "--config", config("").toString(), "--journal",
            notADirectory.toString());
        assertEquals(1, journal.code());
        assertEquals("pme engine: config " + dir.resolve("engine.properties") + ": pme.journal.dir: not a writable " +
            "directory: " + notADirectory + System.lineSeparator(), journal.err());

        final CliRun missing = CliRun.of("engine", "--config", none.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("pme engine: config " + none + ": cannot read (java.nio.file." +
            "NoSuchFileException"), missing.err());
        assertEquals(1, missing.err().lines().count(), missing.err());
    }

    @Test
    void theExampleConfigLoadsAndNamesEveryKey() throws IOException
    {
        final EngineContext context = EngineConfigFile.load(
            EXAMPLE, Map.of(EngineConfigFile.JOURNAL_DIR_KEY, dir.resolve("journal").toString()), System.out);
        assertTrue(context.isConcluded());
        assertEquals(EngineConfiguration.RING_SIZE_DEFAULT, context.ringSize());
        final String example = Files.readString(EXAMPLE);
        for (final String key : EngineConfigFile.settings().keySet())
        {
            assertTrue(Pattern.compile("^#?" + Pattern.quote(key) + "=", Pattern.MULTILINE).matcher(example).find(),
                "the example config names " + key);
        }
        // the snapshot keys another change adds to EngineConfiguration come in through the same reflection
        assertTrue(EngineConfigFile.settings().containsKey(EngineConfiguration.THREADING_MODE_PROP_NAME));
    }

    @Test
    void theFilesValuesReachTheContextAndLeaveNoSystemProperty() throws IOException
    {
        final EngineContext context = EngineConfigFile.load(config(
            "pme.ring.size=1024\npme.threading.mode=dedicated\npme.journal.sync.interval=5ms\n" +
            "pme.max.accounts=0x100\n"), Map.of(), System.out);
        assertEquals(1024, context.ringSize());
        assertEquals("dedicated", context.threadingMode().propertyValue());
        assertEquals(5_000_000L, context.journalSyncIntervalNs());
        assertEquals(256, context.maxAccounts());
        assertEquals(dir.resolve("aeron").toString(), context.aeronDirectoryName());
        assertFalse(context.embeddedMediaDriver() && null == context.aeronDirectoryName());
        assertNull(System.getProperty(EngineConfiguration.RING_SIZE_PROP_NAME));
        assertNull(System.getProperty(EngineConfiguration.THREADING_MODE_PROP_NAME));
    }

    private void assertRefused(final String line, final String expected) throws IOException
    {
        assertEquals(expected, refusal(line));
    }

    // the refusal's text after "pme engine: config FILE: ", checking it is the one line and nothing started
    private String refusal(final String line) throws IOException
    {
        final Path config = config(line + "\n");
        final CliRun run = CliRun.of("engine", "--config", config.toString());
        assertEquals(1, run.code(), run.err());
        assertEquals("", run.out(), "nothing printed as started");
        assertEquals(1, run.err().lines().count(), run.err());
        final String prefix = "pme engine: config " + config + ": ";
        assertTrue(run.err().startsWith(prefix), run.err());
        assertFalse(Files.exists(dir.resolve("aeron")), "no media driver started");
        assertFalse(Files.exists(dir.resolve("journal")), "no journal opened");
        return run.err().strip().substring(prefix.length());
    }

    private Path config(final String lines) throws IOException
    {
        return Files.writeString(dir.resolve("engine.properties"), "pme.journal.dir=" + dir.resolve("journal") +
            "\npme.aeron.dir=" + dir.resolve("aeron") + "\n" + lines);
    }
}
