package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.codecs.RejectReason;
import io.pme.codecs.WithdrawalDecoder;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.simulation.SimulationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulation's borrowers and wrapped collateral against the real business logic. Message time advances one
 * millisecond a step, about 0.85 simulated seconds a second of {@code pme run} at its default rate, so a short run
 * never reaches the first hourly interest epoch (the first input, at 00:00 UTC, only starts the count): the run is
 * checked for debt and utilization, and a closed loop started 20 s before a full hour for the interest.
 */
class SimulatedBorrowingTest
{
    private static final int USDC = 1;
    private static final int WBTC = 6;
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final Pattern STATUS_WITH_DEBT = Pattern.compile(
        "t=.* \\| borrowed (.*, )?USDC U \\d+\\.\\d\\d% r \\d+\\.\\d\\d% int [\\d,]+\\.\\d{4}(, .*)?");

    @TempDir
    Path dir;

    @Test
    void aRunBorrowsUsdcAndShowsThePoolLiveAndInItsSummary() throws IOException
    {
        final Path summaryFile = dir.resolve("summary.json");
        final CliRun run = CliRun.of("run", "--duration", "6", "--aeron-dir", dir.resolve("aeron").toString(),
            "--summary", summaryFile.toString());
        assertEquals(0, run.code(), run.out() + run.err());

        final List<String> lines = run.outLines();
        assertTrue(lines.stream().anyMatch(line -> STATUS_WITH_DEBT.matcher(line).matches()), run::out);
        final int liquidationsLine = lines.size() - 4;
        assertTrue(lines.get(liquidationsLine).startsWith("liquidations: "), run::out);
        final String borrowing = lines.get(liquidationsLine - 1);
        assertTrue(borrowing.startsWith("borrowing: ") && borrowing.contains("USDC utilization "), run::out);

        final JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
        assertTrue(summary.get("moneyConserved").asBoolean(), summary::toString);
        final JsonNode usdc = summary.get("borrowing").get("USDC");
        assertTrue(usdc.get("debt").asDouble() > 0.0, summary::toString);
        assertTrue(usdc.get("utilization").asDouble() > 0.0, summary::toString);
        assertEquals(usdc.get("debt").asDouble() / 500_000_000.0, usdc.get("utilization").asDouble(), 1e-12);
        assertTrue(usdc.get("rate").asDouble() > 0.0, summary::toString);
        // no hour of message time went by: no epoch, no interest, the index where it started
        assertEquals(0.0, usdc.get("interest").asDouble(), summary::toString);
        assertEquals(1.0, usdc.get("index").asDouble(), summary::toString);
        for (final String pool : List.of("USD", "USDC", "USDT", "BTC", "ETH"))
        {
            assertTrue(summary.get("borrowing").has(pool), summary::toString);
        }
        assertEquals(5, summary.get("borrowing").size(), "SOL and WBTC are not borrowable: " + summary);
    }

    @Test
    void aBorrowerShareOutsideZeroToOneIsAUsageErrorBeforeAnythingStarts()
    {
        System.setProperty(SimulationConfig.BORROWER_SHARE_PROP_NAME, "1.5");
        try
        {
            final CliRun run = CliRun.of("run", "--duration", "1", "--aeron-dir", dir.resolve("aeron").toString());
            assertEquals(ExitCodes.USAGE, run.code(), run.out() + run.err());
            assertEquals("pme run: borrowerShare (pme.simulation.borrower.share) must be in [0, 1]: 1.5" +
                System.lineSeparator(), run.err());
            assertEquals("", run.out());
        }
        finally
        {
            System.clearProperty(SimulationConfig.BORROWER_SHARE_PROP_NAME);
        }
    }

    @Test
    void anHourBoundaryOfBorrowingPaysInterestWithWrappedCollateralHeldAndMoneyConserved()
    {
        final SimulationConfig config = new SimulationConfig()
            .accounts(400)
            .startTimeNs(SimulationConfig.DEFAULT_START_TIME_NS + HOUR_NS - 20_000_000_000L);
        final ClosedLoop loop = new ClosedLoop(config);
        loop.run(250_000);
        assertTrue(loop.simulation().simulatedTimeNs() > config.startTimeNs() + 21_000_000_000L,
            "past the hour: " + loop.simulation().simulatedTimeNs());

        final EngineState state = loop.state();
        final double debt = state.debtPools().totalDebt(USDC);
        final double interest = state.ledger().interest(USDC);
        assertTrue(debt > 0.0, "USDC owed " + debt);
        assertTrue(interest > 0.0, "USDC interest " + interest);
        assertTrue(state.debtPools().index(USDC) > 1.0);
        // the announcements a client reads are the state's pool
        final BorrowTally announced = loop.borrowing();
        assertEquals(interest, announced.interest(USDC), 1e-9 * interest);
        assertEquals(debt, announced.totalDebt(USDC), 1e-9 * debt);
        assertEquals(state.debtPools().index(USDC), announced.index(USDC));

        final Accounts accounts = state.accounts();
        int wrappedHolders = 0;
        int usdcDebtors = 0;
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            wrappedHolders += accounts.balance(slot, WBTC) > 0.0 ? 1 : 0;
            usdcDebtors += accounts.balance(slot, USDC) < 0.0 ? 1 : 0;
        }
        assertTrue(wrappedHolders > 20, "WBTC holders " + wrappedHolders);
        assertTrue(usdcDebtors > 10, "USDC debtors " + usdcDebtors);
        assertTrue(state.isMoneyConserved());

        // the edge cases the engine must refuse still are: beyond a balance nobody lends, past the borrowing limit
        assertTrue(loop.rejects(WithdrawalDecoder.TEMPLATE_ID, RejectReason.INSUFFICIENT_BALANCE) > 0);
        assertTrue(loop.rejects(WithdrawalDecoder.TEMPLATE_ID, RejectReason.BORROW_LIMIT) > 0);
        assertEquals(0, loop.rejects(WithdrawalDecoder.TEMPLATE_ID, RejectReason.UTILIZATION_LIMIT));
    }
}
