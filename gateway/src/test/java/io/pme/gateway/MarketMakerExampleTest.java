package io.pme.gateway;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.gateway.example.MarketMakerExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The market maker's example client run as a user runs it ({@code scripts/pme-example} is its {@code main}), against
 * a real engine with authentication on: every step of the README's walk-through prints what it says, and without
 * an engine it says how to start one.
 */
class MarketMakerExampleTest
{
    @TempDir
    Path dir;

    @Test
    void theWalkThroughRunsAgainstAnEngine() throws Exception
    {
        final String output;
        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc"))
        {
            // client 7 of the fixture is entitled to account 7 only: "not my acct" (account 9) is refused
            final Run run = run("--aeron-dir", fixture.engine.aeronDirectoryName(), "--client-id", "7",
                "--secret-hex", EngineFixture.SECRET_7, "--accounts", "7", "--seconds", "1", "--instrument", "0",
                "--price", "90000");
            output = run.out;
            assertEquals(0, run.code, output);
        }
        // margin updates stream in between the steps (the listener runs inside every blocking call): skip them
        final List<String> steps = output.lines().filter(line -> !line.startsWith("  ")).toList();
        assertEquals(8, steps.size(), output);
        assertEquals("logon as client 7: ACCEPTED", steps.get(0), output);
        // 10,000 USDC at its 1% haircut, nothing else
        assertTrue(Pattern.matches("account 7 is HEALTHY; with its open orders filled: " +
            "equity 9.?900.00 IM 0.00 MM 0.00", steps.get(1)), output);
        assertTrue(steps.get(2).startsWith("small buy    -> ACCEPTED NONE "), output);
        assertTrue(steps.get(3).startsWith("huge buy     -> REJECTED INSUFFICIENT_MARGIN "), output);
        assertTrue(steps.get(4).startsWith("not my acct  -> REJECTED NOT_AUTHORISED "), output);
        // one more BTC needs 14,400 + 450 beside the small buy: more than the equity
        assertTrue(Pattern.matches("what if I bought 1 more: IM [\\d,.]+ -> [\\d,.]+, would be rejected " +
            "\\(nothing reserved\\)", steps.get(5)), output);
        assertEquals("quoting for 1 s with the poller ...", steps.get(6));
        assertTrue(Pattern.matches("checks: [\\d,]+ accepted, [\\d,]+ rejected \\(\\w+\\), [\\d,]+ not sent " +
            "\\(client-side refusals\\); margin updates [\\d,]+, liquidations [\\d,]+", steps.get(7)), output);
        assertTrue(!steps.get(7).startsWith("checks: 0 accepted, 0 rejected,"), "it quoted: " + steps.get(7));
        assertTrue(output.contains("  check "), "the first quotes' results are printed: " + output);
    }

    @Test
    void withoutAnEngineItSaysHowToStartOne()
    {
        final String timeout = System.getProperty(PmeClientConfiguration.CONNECT_TIMEOUT_PROP_NAME);
        System.setProperty(PmeClientConfiguration.CONNECT_TIMEOUT_PROP_NAME, "1s");
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString()).threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true)))
        {
            final Run run = run("--aeron-dir", driver.aeronDirectoryName());
            assertEquals(1, run.code, run.out);
            assertEquals("no engine on " + driver.aeronDirectoryName() + ": start one with scripts/pme run " +
                "--sessions scripts/sessions.example.properties --duration 300" + System.lineSeparator(), run.out);
        }
        finally
        {
            if (null == timeout)
            {
                System.clearProperty(PmeClientConfiguration.CONNECT_TIMEOUT_PROP_NAME);
            }
            else
            {
                System.setProperty(PmeClientConfiguration.CONNECT_TIMEOUT_PROP_NAME, timeout);
            }
        }
    }

    private static Run run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int code = MarketMakerExample.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out)
    {
    }
}
