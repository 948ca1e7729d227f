package io.pme.tools.stress;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What one scenario does to the book, from the figures of every account before and after the shock: accounts by
 * state, those it newly takes below IM and MM, the bankrupt ones and their deficit, whether the insurance fund
 * covers it, and the largest contributors. The insurance fund is counted apart, never among the accounts.
 */
final class ScenarioOutcome
{
    private static final int STATES = AccountStates.UNMARGINED + 1;

    private final Scenario scenario;
    private final String skipped;
    private final int[] before = new int[STATES];
    private final int[] after = new int[STATES];
    private final int[] top;
    private int topCount;
    private long newlyBelowIm;
    private long newlyBelowMm;
    private long belowIm;
    private long belowMm;
    private long bankrupt;
    private double deficit;
    private double equityBefore;
    private double equityAfter;
    private double fundBefore;
    private double fundAfter;
    private final boolean fundOpen;
    private final StressBook.Figures was;
    private final StressBook.Figures now;
    private final Accounts accounts;

    /**
     * @param scenario the scenario.
     * @param skipped  why it does not apply to the journal, or null.
     * @param book     the replica.
     * @param was      every account's figures before the shock.
     * @param now      after it (the same as {@code was} when skipped).
     * @param topN     how many of the largest contributors to keep.
     */
    ScenarioOutcome(
        final Scenario scenario,
        final String skipped,
        final StressBook book,
        final StressBook.Figures was,
        final StressBook.Figures now,
        final int topN)
    {
        this.scenario = scenario;
        this.skipped = skipped;
        this.was = was;
        this.now = now;
        accounts = book.state().accounts();
        top = new int[Math.min(topN, book.count())];
        final int fund = book.fundSlot();
        fundOpen = fund >= 0;
        fundBefore = fundOpen ? zeroIfNaN(was.equity(fund)) : 0.0;
        fundAfter = fundOpen ? zeroIfNaN(now.equity(fund)) : 0.0;
        for (int slot = 0, n = book.count(); slot < n; slot++)
        {
            if (slot != fund)
            {
                tally(slot);
            }
        }
    }

    private void tally(final int slot)
    {
        final byte s0 = was.state(slot);
        final byte s1 = now.state(slot);
        before[s0]++;
        after[s1]++;
        equityBefore += AccountStates.UNMARGINED == s0 ? 0.0 : was.equity(slot);
        equityAfter += AccountStates.UNMARGINED == s1 ? 0.0 : now.equity(slot);
        if (AccountStates.isBelowInitialMargin(s1))
        {
            belowIm++;
            newlyBelowIm += AccountStates.isBelowInitialMargin(s0) ? 0 : 1;
        }
        if (AccountStates.isBelowMaintenanceMargin(s1))
        {
            belowMm++;
            newlyBelowMm += AccountStates.isBelowMaintenanceMargin(s0) ? 0 : 1;
        }
        if (AccountStates.BANKRUPT == s1)
        {
            bankrupt++;
            deficit += Math.max(0.0, -now.equity(slot));
        }
        if (AccountStates.isBelowMaintenanceMargin(s1) && top.length > 0)
        {
            rank(slot);
        }
    }

    // kept sorted, largest first: by deficit, then by MM shortfall, then by account id, so ties never depend on
    // the order the accounts were opened in
    private void rank(final int slot)
    {
        int i = topCount < top.length ? topCount++ : top.length;
        if (i == top.length && !before(slot, top[top.length - 1]))
        {
            return;
        }
        i = Math.min(i, top.length - 1);
        while (i > 0 && before(slot, top[i - 1]))
        {
            top[i] = top[i - 1];
            i--;
        }
        top[i] = slot;
    }

    private boolean before(final int a, final int b)
    {
        final int byDeficit = Double.compare(deficit(a), deficit(b));
        if (0 != byDeficit)
        {
            return byDeficit > 0;
        }
        final int byShortfall = Double.compare(shortfall(a), shortfall(b));
        if (0 != byShortfall)
        {
            return byShortfall > 0;
        }
        return accounts.accountId(a) < accounts.accountId(b);
    }

    private double deficit(final int slot)
    {
        return Math.max(0.0, -now.equity(slot));
    }

    private double shortfall(final int slot)
    {
        return Math.max(0.0, now.maintenanceMargin(slot) - now.equity(slot));
    }

    private static double zeroIfNaN(final double value)
    {
        return Double.isNaN(value) ? 0.0 : value;
    }

    /** @return the total deficit: the negative equity of the bankrupt accounts, summed. */
    double deficit()
    {
        return deficit;
    }

    /**
     * @param node where the scenario's report goes.
     */
    void json(final ObjectNode node)
    {
        node.put("name", scenario.name());
        node.put("kind", scenario.kind().label());
        node.put("source", scenario.source());
        final ObjectNode parameters = node.putObject("parameters");
        scenario.parameters().forEach(parameters::put);
        node.put("description", scenario.describe());
        if (null != skipped)
        {
            node.put("skipped", skipped);
        }
        final ObjectNode states = node.putObject("accountsByState");
        final ObjectNode beforeNode = states.putObject("before");
        final ObjectNode afterNode = states.putObject("after");
        for (int s = 0; s < STATES; s++)
        {
            beforeNode.put(AccountStates.name(s), before[s]);
            afterNode.put(AccountStates.name(s), after[s]);
        }
        node.put("totalEquityBefore", equityBefore);
        node.put("totalEquityAfter", equityAfter);
        node.put("belowInitialMargin", belowIm);
        node.put("newlyBelowInitialMargin", newlyBelowIm);
        node.put("belowMaintenanceMargin", belowMm);
        node.put("newlyBelowMaintenanceMargin", newlyBelowMm);
        node.put("bankrupt", bankrupt);
        node.put("deficit", deficit);
        final ObjectNode fund = node.putObject("insuranceFund");
        fund.put("open", fundOpen);
        fund.put("equityBefore", fundBefore);
        fund.put("equityAfter", fundAfter);
        fund.put("coversDeficit", fundAfter >= deficit);
        final ArrayNode largest = node.putArray("largestContributors");
        for (int i = 0; i < topCount; i++)
        {
            final int slot = top[i];
            final ObjectNode row = largest.addObject();
            row.put("accountId", accounts.accountId(slot));
            row.put("stateBefore", AccountStates.name(was.state(slot)));
            row.put("stateAfter", AccountStates.name(now.state(slot)));
            row.put("equityBefore", was.equity(slot));
            row.put("equityAfter", now.equity(slot));
            row.put("initialMarginAfter", now.initialMargin(slot));
            row.put("maintenanceMarginAfter", now.maintenanceMargin(slot));
            row.put("deficit", deficit(slot));
            row.put("maintenanceShortfall", shortfall(slot));
        }
    }

    /**
     * @param out where the scenario's block of text goes.
     */
    void printText(final PrintStream out)
    {
        out.println("scenario " + scenario.name() + " (" + scenario.kind().label() + ": " + scenario.describe() +
            "; " + scenario.source() + ")" + (null == skipped ? "" : ": skipped, " + skipped));
        out.println("  accounts by state before: " + states(before));
        out.println("  accounts by state after:  " + states(after));
        out.println("  equity of the accounts: " + money(equityBefore) + " -> " + money(equityAfter) + " USD");
        out.printf(Locale.ROOT, "  below IM %,d (%,d newly), below MM %,d (%,d newly), bankrupt %,d, deficit %s USD%n",
            belowIm, newlyBelowIm, belowMm, newlyBelowMm, bankrupt, money(deficit));
        out.println("  insurance fund (account 0): " + (fundOpen ? "equity " + money(fundBefore) + " -> " +
            money(fundAfter) + " USD, " : "not opened, ") + (fundAfter >= deficit ? "covers" : "does not cover") +
            " the deficit");
        for (int i = 0; i < topCount; i++)
        {
            final int slot = top[i];
            out.printf(Locale.ROOT, "  #%d account %d: %s -> %s, equity %s -> %s, MM %s, deficit %s, MM shortfall %s%n",
                i + 1, accounts.accountId(slot), AccountStates.name(was.state(slot)),
                AccountStates.name(now.state(slot)), money(was.equity(slot)), money(now.equity(slot)),
                money(now.maintenanceMargin(slot)), money(deficit(slot)), money(shortfall(slot)));
        }
    }

    private static String states(final int[] counts)
    {
        final StringBuilder text = new StringBuilder();
        for (int s = 0; s < STATES; s++)
        {
            text.append(s > 0 ? ", " : "").append(String.format(Locale.ROOT, "%,d ", counts[s]))
                .append(AccountStates.name(s));
        }
        return text.toString();
    }

    private static String money(final double value)
    {
        return String.format(Locale.ROOT, "%,.2f", value);
    }
}
