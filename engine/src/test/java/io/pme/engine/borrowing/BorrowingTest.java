package io.pme.engine.borrowing;

import com.fasterxml.jackson.databind.JsonNode;
import io.pme.codecs.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pme.engine.borrowing.BorrowingEngine.BTC;
import static io.pme.engine.borrowing.BorrowingEngine.CALL;
import static io.pme.engine.borrowing.BorrowingEngine.HOUR;
import static io.pme.engine.borrowing.BorrowingEngine.SOL;
import static io.pme.engine.borrowing.BorrowingEngine.T0;
import static io.pme.engine.borrowing.BorrowingEngine.USD;
import static io.pme.engine.borrowing.BorrowingEngine.USDC;
import static io.pme.engine.borrowing.BorrowingParameters.MAX_BORROW_USD;
import static io.pme.engine.borrowing.BorrowingParameters.MAX_UTILIZATION;
import static io.pme.engine.borrowing.BorrowingParameters.POOL_SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rulebook section 8 through the real business logic: the rulebook's USDC epoch worked by hand (docs/borrowing.md),
 * limits refused exactly past their bounds, deposits repaying first, the check's premium rule, and money conserved
 * with the interest in the ledger.
 */
class BorrowingTest
{
    private static final long ACCOUNT = 7;
    private static final double RATE_AT_HALF = 0.05 * 0.5 / 0.9;
    /** The hand-worked factor of docs/borrowing.md: 1 + 0.027777… / 8,760. */
    private static final double FACTOR_AT_HALF = 1.0000031709791983;

    private BorrowingEngine borrowerOfHalfThePool()
    {
        final BorrowingEngine engine = new BorrowingEngine();
        // a pool of 20,000,000 USDC, of which the account borrows 10,000,000: U = 0.5, as in the rulebook's example
        engine.parameter(T0, USDC, POOL_SUPPLY, 20_000_000);
        engine.open(T0, ACCOUNT);
        engine.deposit(T0, ACCOUNT, BTC, 200);
        assertEquals(RejectReason.NONE, engine.withdraw(T0, ACCOUNT, USDC, 10_000_000), "at maxBorrowUsd exactly");
        return engine;
    }

    @Test
    void oneHourlyEpochAtHalfUtilizationIsTheRulebooksExample()
    {
        final BorrowingEngine engine = borrowerOfHalfThePool();
        final JsonNode pool = engine.of("BorrowRate").get(0);
        assertEquals(0.5, pool.get("utilization").asDouble(), 0.0);
        assertEquals(RATE_AT_HALF, pool.get("rate").asDouble(), 1e-15);
        assertEquals(1.0, pool.get("index").asDouble(), 0.0, "no epoch yet");
        assertEquals(-10_000_000.0, engine.balance(ACCOUNT, USDC), 0.0);

        engine.heartbeat(T0 + HOUR - 1);
        assertEquals(List.of(), engine.of("BorrowRate"), "the boundary is not reached");
        engine.heartbeat(T0 + HOUR);
        final JsonNode after = engine.of("BorrowRate").get(0);
        assertEquals(FACTOR_AT_HALF, after.get("index").asDouble(), 1e-15);
        assertEquals(1.0 + RATE_AT_HALF * 3_600.0 / (365.0 * 86_400.0), after.get("index").asDouble(), 1e-15);
        assertEquals(-10_000_000.0 * FACTOR_AT_HALF, engine.balance(ACCOUNT, USDC), 1e-6);
        assertEquals(31.709791983, after.get("interestIncome").asDouble(), 1e-6, "10,000,000 x 3.1709791983e-6");
        assertEquals(after.get("interestIncome").asDouble(), engine.state.ledger().interest(USDC), 0.0);
        assertTrue(engine.state.isMoneyConserved());
    }

    @Test
    void boundariesPassedTogetherAreTakenOneByOneAtTheUtilizationOfEach()
    {
        final BorrowingEngine engine = borrowerOfHalfThePool();
        engine.heartbeat(T0 + 3 * HOUR + 5);
        double debt = 10_000_000.0;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            final double u = debt / 20_000_000.0;
            debt *= 1.0 + 0.05 * u / 0.9 / 8_760.0;
        }
        assertEquals(-debt, engine.balance(ACCOUNT, USDC), 1e-6);
        assertEquals(debt - 10_000_000.0, engine.state.ledger().interest(USDC), 1e-6);
        engine.heartbeat(T0 + 4 * HOUR - 1);
        assertEquals(-debt, engine.balance(ACCOUNT, USDC), 1e-6, "no boundary since");
    }

    @Test
    void limitsAreRefusedExactlyPastTheirBounds()
    {
        final BorrowingEngine engine = borrowerOfHalfThePool();
        assertEquals(RejectReason.BORROW_LIMIT, engine.withdraw(T0, ACCOUNT, USDC, 0.01), "10,000,000.01 > max");
        assertEquals(RejectReason.INSUFFICIENT_BALANCE, engine.withdraw(T0, ACCOUNT, SOL, 1), "SOL lends nothing");

        engine.open(T0, 8);
        engine.deposit(T0, 8, USD, 1_000);
        assertEquals(RejectReason.INSUFFICIENT_MARGIN, engine.withdraw(T0, 8, USDC, 10_000), "not HEALTHY after");
        assertEquals(RejectReason.NONE, engine.withdraw(T0, 8, USDC, 100), "borrowing against USD");

        engine.parameter(T0, USDC, MAX_BORROW_USD, 20_000_000);
        engine.parameter(T0, USDC, MAX_UTILIZATION, 0.75);
        assertEquals(RejectReason.NONE, engine.withdraw(T0, ACCOUNT, USDC, 4_999_900), "U = 0.75 exactly");
        assertEquals(RejectReason.UTILIZATION_LIMIT, engine.withdraw(T0, ACCOUNT, USDC, 0.01));
        assertEquals(RejectReason.NONE, engine.withdraw(T0, 8, USD, 10), "another pool");
        assertTrue(engine.state.isMoneyConserved());
    }

    @Test
    void aDepositRepaysTheDebtFirst()
    {
        final BorrowingEngine engine = borrowerOfHalfThePool();
        engine.deposit(T0, ACCOUNT, USDC, 4_000_000);
        assertEquals(-6_000_000.0, engine.balance(ACCOUNT, USDC), 1e-9);
        assertEquals(6_000_000.0, engine.of("BorrowRate").get(0).get("totalDebt").asDouble(), 1e-9);
        assertEquals(6_000_000.0 * 100_000 / 100_000, engine.of("MarginUpdate").get(0).get("debt").asDouble(), 1e-9);
        engine.deposit(T0, ACCOUNT, USDC, 7_000_000);
        assertEquals(1_000_000.0, engine.balance(ACCOUNT, USDC), 1e-9);
        assertEquals(0.0, engine.state.debtPools().totalDebt(USDC), 1e-9);
        assertEquals(0.0, engine.of("MarginUpdate").get(0).get("debt").asDouble(), 0.0);
    }

    @Test
    void anOptionBuyWhosePremiumWouldBreakAUsdLimitIsRefusedWithItsOwnReason()
    {
        final BorrowingEngine engine = new BorrowingEngine();
        engine.open(T0, ACCOUNT);
        engine.deposit(T0, ACCOUNT, BTC, 10);
        engine.parameter(T0, USD, MAX_BORROW_USD, 1_000);
        assertEquals(RejectReason.BORROW_LIMIT, check(engine, 1, 5_000), "a premium of 5,000 borrowed");
        assertEquals(RejectReason.NONE, check(engine, 0.2, 5_000), "1,000 exactly");
        assertEquals(RejectReason.NONE, check(engine, -1, 5_000), "a sale pays no premium");
        // the venue's fill is a fact: booked past the limit
        engine.applied(T0, "Fill", "\"accountId\":" + ACCOUNT + ",\"instrumentId\":" + CALL +
            ",\"quantity\":1,\"price\":5000,\"fee\":2,\"clientOrderId\":0");
        assertEquals(-5_002.0, engine.balance(ACCOUNT, USD), 1e-9);
        assertEquals(RejectReason.BORROW_LIMIT, check(engine, 0.01, 5_000), "past the limit: only lower the debt");
        assertTrue(engine.state.isMoneyConserved());
    }

    private static RejectReason check(final BorrowingEngine engine, final double quantity, final double limit)
    {
        return engine.send(T0, "OrderCheck", "\"accountId\":" + ACCOUNT + ",\"instrumentId\":" + CALL +
            ",\"side\":\"" + (quantity > 0 ? "BUY" : "SELL") + "\",\"quantity\":" + Math.abs(quantity) +
            ",\"limitPrice\":" + limit + ",\"clientOrderId\":" + (long)(1_000 * Math.abs(quantity) + limit));
    }

    @Test
    void anEpochRevaluesTheBorrowersAndAnnouncesTheStateTheyCross()
    {
        final BorrowingEngine engine = new BorrowingEngine();
        engine.open(T0, ACCOUNT);
        engine.deposit(T0, ACCOUNT, BTC, 1);
        // a steep USDC rate: 1,000% a year at U = 0.5 of a small pool, so hours of interest matter
        engine.parameter(T0, USDC, POOL_SUPPLY, 100_000);
        engine.parameter(T0, USDC, BorrowingParameters.BASE_RATE, 10);
        double withdrawn = 0.0;
        while (RejectReason.NONE == engine.withdraw(T0, ACCOUNT, USDC, 1_000))
        {
            withdrawn += 1_000;
        }
        assertTrue(withdrawn > 10_000, "borrowed " + withdrawn);
        final String before = engine.state.accounts().state(engine.state.accounts().slot(ACCOUNT)) + "";
        long t = T0;
        List<JsonNode> updates = List.of();
        while (updates.isEmpty() && t < T0 + 1_000 * HOUR)
        {
            t += HOUR;
            engine.heartbeat(t);
            updates = engine.of("MarginUpdate");
        }
        assertEquals(1, updates.size(), "one account crossed a threshold");
        final JsonNode update = updates.get(0);
        assertEquals("HEALTHY", update.get("previousState").asText(), before);
        assertEquals(-engine.balance(ACCOUNT, USDC), update.get("debt").asDouble(), 1e-6);
        assertTrue(update.get("debt").asDouble() > withdrawn);
        assertTrue(engine.state.isMoneyConserved());
    }
}
