package io.pme.engine.borrowing;

import io.pme.codecs.RejectReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static io.pme.engine.borrowing.BorrowingEngine.BTC;
import static io.pme.engine.borrowing.BorrowingEngine.HOUR;
import static io.pme.engine.borrowing.BorrowingEngine.T0;
import static io.pme.engine.borrowing.BorrowingEngine.USDC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index method against the definition it replaces: each borrower's own debt grown at every epoch by the rate at
 * the pool's utilization then, kept here per borrower with no index at all. Over random borrows, repayments and
 * time, every account's balance agrees to 1e-9 (relative), and money stays conserved with the interest in the ledger.
 */
class IndexAccrualPropertyTest
{
    private static final int BORROWERS = 4;
    private static final double POOL = 2_000_000;

    record Step(int kind, int borrower, double amount, long elapsedNs)
    {
    }

    @Property(tries = 60)
    void theIndexEqualsPerBorrowerAccrual(@ForAll("steps") final List<Step> steps)
    {
        final BorrowingEngine engine = new BorrowingEngine();
        engine.parameter(T0, USDC, BorrowingParameters.POOL_SUPPLY, POOL);
        // a rate that makes interest visible within hours: base 50% a year, steep past the kink
        engine.parameter(T0, USDC, BorrowingParameters.BASE_RATE, 0.5);
        final double[] balance = new double[BORROWERS];
        for (int b = 0; b < BORROWERS; b++)
        {
            engine.open(T0, 100 + b);
            engine.deposit(T0, 100 + b, BTC, 20);
        }
        long now = T0;
        for (final Step step : steps)
        {
            final long next = now + step.elapsedNs();
            for (long boundary = (now / HOUR + 1) * HOUR; boundary <= next; boundary += HOUR)
            {
                epoch(balance);
            }
            now = next;
            final long account = 100 + step.borrower();
            if (0 == step.kind())
            {
                if (RejectReason.NONE == engine.withdraw(now, account, USDC, step.amount()))
                {
                    balance[step.borrower()] -= step.amount();
                }
            }
            else
            {
                engine.deposit(now, account, USDC, step.amount());
                balance[step.borrower()] += step.amount();
            }
            for (int b = 0; b < BORROWERS; b++)
            {
                final double expected = balance[b];
                assertEquals(expected, engine.balance(100 + b, USDC), 1e-9 * Math.max(1.0, Math.abs(expected)),
                    "borrower " + b);
            }
        }
        assertTrue(engine.state.isMoneyConserved());
    }

    // the definition: each debt grows by the rate at the utilization the debts make before this epoch
    private static void epoch(final double[] balance)
    {
        double debt = 0.0;
        for (final double b : balance)
        {
            debt += Math.max(0.0, -b);
        }
        final double u = debt / POOL;
        final double rate = 0.5 + 0.05 * Math.min(u, 0.9) / 0.9 + 0.6 * Math.max(0.0, u - 0.9) / 0.1;
        for (int b = 0; b < balance.length; b++)
        {
            if (balance[b] < 0.0)
            {
                balance[b] *= 1.0 + rate * 3_600.0 / (365.0 * 86_400.0);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps()
    {
        final Arbitrary<Step> step = Combinators.combine(
            Arbitraries.integers().between(0, 1),
            Arbitraries.integers().between(0, BORROWERS - 1),
            Arbitraries.doubles().between(1, 400_000),
            Arbitraries.longs().between(0, 30 * HOUR)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }
}
