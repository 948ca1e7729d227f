package io.pme.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each HdrHistogram harness of {@code scripts/bench} run through its {@code main} with tiny sizes and its report
 * read back: it must set up, run, stop by itself and print every line docs/benchmarks.md describes. Only the shape
 * of the report is checked; its figures are meaningless at these sizes.
 */
class HarnessSmokeTest
{
    private static final String LATENCY = "\\(%s\\): p50 [\\d.]+ \\| p90 [\\d.]+ \\| p99 [\\d.]+ \\| p99.9 [\\d.]+ " +
        "\\| p99.99 [\\d.]+ \\| max [\\d.]+ \\| mean [\\d.]+ \\| count ([\\d,]+)";

    @Test
    void checkLatencyHarness() throws Exception
    {
        final String out = run(() -> CheckLatencyHarness.main(
            new String[]{"--accounts", "500", "--checks", "20000", "--warmup", "5000", "--hot", "10"}));
        assertTrue(out.contains("check+done pairs 20,000 (warm-up 5,000) on 500 accounts (10 hot accounts)"), out);
        assertCount(out, "check\\+done latency " + LATENCY.formatted("ns"), 20_000);
        assertTrue(out.contains("throughput: "), out);
    }

    @Test
    void endToEndHarness() throws Exception
    {
        final String out = run(() -> EndToEndHarness.main(
            new String[]{"--rate", "500", "--seconds", "1", "--warmup", "0", "--accounts", "200"}));
        assertTrue(out.contains("setup: 200 accounts"), out);
        assertTrue(out.contains(" 0 rejected, "), out);
        final Matcher answered = Pattern.compile("checks answered ([\\d,]+) of 500 measured").matcher(out);
        assertTrue(answered.find() && number(answered.group(1)) > 0, out);
        assertTrue(Pattern.compile("round trip from intended send " + LATENCY.formatted("µs")).matcher(out).find(),
            out);
        assertTrue(Pattern.compile("engine receive→decided \\(BusinessLogicHandler\\) " + LATENCY.formatted("µs"))
            .matcher(out).find(), out);
        assertTrue(out.contains("sustained: "), out);
        assertTrue(out.contains("engine errors 0"), out);
        // the floors beside it: three rows, each answering every measured check, and two ratios
        for (final String row : new String[]{EchoFloors.RAW, EchoFloors.JOURNAL, "pme"})
        {
            assertTrue(Pattern.compile("\n  " + Pattern.quote(row) + " *( +[\\d.]+){5}  [\\d,]+ of 500\n")
                .matcher(out).find(), () -> row + " row in:\n" + out);
        }
        for (final String ratio : new String[]{"pme / raw", "journal / raw"})
        {
            assertTrue(Pattern.compile("\n  " + Pattern.quote(ratio) + " *( +[\\d.]+×){5}\n").matcher(out).find(),
                () -> ratio + " in:\n" + out);
        }
        assertTrue(out.contains("goals (issue 12): pme p50 ≤ raw p50 + 3 µs: "), out);
        assertTrue(Pattern.compile("\n  " + Pattern.quote(EchoFloors.RAW) + " .*  500 of 500\n").matcher(out).find(),
            out);
    }

    @Test
    void endToEndHarnessWithoutFloors() throws Exception
    {
        final String out = run(() -> EndToEndHarness.main(
            new String[]{"--rate", "500", "--seconds", "1", "--warmup", "0", "--accounts", "200", "--no-floors"}));
        assertTrue(out.contains("checks answered "), out);
        assertFalse(out.contains(EchoFloors.RAW), out);
    }

    @Test
    void endToEndHarnessWithTheEveryInputJournalSync() throws Exception
    {
        final String out = run(() -> EndToEndHarness.main(new String[]{"--rate", "200", "--seconds", "1",
            "--warmup", "0", "--accounts", "100", "--journal-sync", "every-input"}));
        assertTrue(out.contains("journal sync every-input"), out);
        final Matcher journal = Pattern.compile("journal: ([\\d,]+) excerpts appended, ([\\d,]+) of them synced " +
            "to the device in ([\\d,]+) syncs \\(mean [\\d,]+ µs, max [\\d,]+ µs").matcher(out);
        assertTrue(journal.find(), out);
        assertEquals(number(journal.group(1)), number(journal.group(2)), "every excerpt synced: " + out);
        assertTrue(number(journal.group(3)) > 0, out);
        assertTrue(out.contains("engine errors 0"), out);
    }

    @Test
    void endToEndHarnessInTheSharedThreadingModeWithTheEveryInputJournalSync() throws Exception
    {
        final String out = run(() -> EndToEndHarness.main(new String[]{"--rate", "200", "--seconds", "1",
            "--warmup", "0", "--accounts", "100", "--journal-sync", "every-input", "--threading-mode", "shared",
            "--no-floors"}));
        assertTrue(out.contains("threading mode shared, idle strategy backoff, journal sync every-input"), out);
        final Matcher journal = Pattern.compile("journal: ([\\d,]+) excerpts appended, ([\\d,]+) of them synced")
            .matcher(out);
        assertTrue(journal.find(), out);
        assertEquals(number(journal.group(1)), number(journal.group(2)), "every excerpt synced: " + out);
        assertTrue(out.contains("engine errors 0"), out);
    }

    @Test
    void capacityHarness() throws Exception
    {
        final String out = run(() -> CapacityHarness.main(
            new String[]{"--accounts", "2000", "--ticks", "2", "--checks", "1000"}));
        assertTrue(out.contains("built 2,000 accounts × 10 positions"), out);
        assertTrue(out.contains("per account: heap "), out);
        assertTrue(out.contains("BTC tick: "), out);
        assertCount(out, "check\\+done latency " + LATENCY.formatted("ns"), 1_000);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void crashHarness() throws Exception
    {
        final String out = run(() -> CrashHarness.main(new String[]{
            "--accounts", "1000", "--leveraged", "100", "--runs", "2", "--warmup-accounts", "500"}));
        assertTrue(out.contains("warm-up on 500 accounts (50 leveraged), not reported"), out);
        assertTrue(out.contains("crash book: 1,000 accounts, 100 leveraged"), out);
        assertTrue(Pattern.compile("\nrun 1: .*\nrun 2: ").matcher(out).find(), out);
        assertTrue(out.contains("median of 2 runs (each on a book built afresh), business logic only, 1,000 " +
            "accounts, 100 leveraged:"), out);
        assertTrue(out.contains("exact account refresh (MarginModel.refresh, every account once): p50 "), out);
        assertTrue(out.contains("full-book BTC tick without crash (+20%, nobody below MM): "), out);
        assertTrue(Pattern.compile("crash tick \\(BTC -20%\\): [\\d.,]+ ms, 1,000 accounts visited: .* 100 " +
            "entered liquidation in [\\d.,]+ ms \\(200 open orders released, 100 STARTED\\); their first 64 steps")
            .matcher(out).find(), out);
        // 100 liquidations, 64 first steps in the crash tick: the other 36 on the next heartbeat
        assertTrue(out.contains("until every liquidation had sent its first LiquidationOrder: 1 inputs after the " +
            "crash tick (heartbeats 5 ms apart: 5 ms of message time)"), out);
        assertTrue(Pattern.compile("one liquidation step \\(recompute, plan, order sent\\), heartbeat time / " +
            "steps: p50 [\\d,]+ ns \\| p99 [\\d,]+ \\| max [\\d,]+").matcher(out).find(), out);
        assertTrue(out.contains("one step after its order expired (ORDER_EXPIRED, plan, order sent): p50 "), out);
        assertTrue(out.contains("heap allocated on this thread: crash tick "), out);
        assertTrue(out.contains("to scale: crash tick / tick without crash "), out);
        assertFalse(out.contains("Exception"), out);
    }

    private static void assertCount(final String out, final String pattern, final long count)
    {
        final Matcher matcher = Pattern.compile(pattern).matcher(out);
        assertTrue(matcher.find(), () -> "no line like " + pattern + " in:\n" + out);
        assertTrue(number(matcher.group(1)) == count, () -> "count " + matcher.group(1) + ", expected " + count);
    }

    private static long number(final String grouped)
    {
        return Long.parseLong(grouped.replace(",", ""));
    }

    private interface Main
    {
        void run() throws Exception;
    }

    // the harnesses print to System.out, as they do from scripts/bench
    private static String run(final Main main) throws Exception
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            main.run();
        }
        finally
        {
            System.setOut(original);
        }
        final String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
