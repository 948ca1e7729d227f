package io.pme.tools.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

import java.io.PrintStream;

/**
 * The book at the end of a replay, as an exchange's reports show it: every asset's balances summed over the
 * accounts beside what the ledger says flowed in and out, the insurance fund, open interest per instrument, and
 * the accounts by state.
 */
final class BookReport
{
    private static final int STATES = AccountStates.UNMARGINED + 1;

    private final EngineState state;
    private final double[] totals;
    private final double[] longs;
    private final double[] shorts;
    private final int[] holders;
    private final int[] byState = new int[STATES];
    private int inLiquidation;

    /**
     * Sums the book: one walk over the accounts.
     *
     * @param state the engine state at the end of the replay.
     */
    BookReport(final EngineState state)
    {
        this.state = state;
        final Accounts accounts = state.accounts();
        totals = new double[accounts.maxAssets()];
        final int instruments = state.instruments().limit();
        longs = new double[instruments];
        shorts = new double[instruments];
        holders = new int[instruments];
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            for (int a = 0; a < totals.length; a++)
            {
                totals[a] += accounts.balance(slot, a);
            }
            for (int i = 0; i < accounts.positionCount(slot); i++)
            {
                final int id = accounts.positionInstrument(slot, i);
                final double quantity = accounts.positionQuantity(slot, i);
                if (quantity > 0.0)
                {
                    longs[id] += quantity;
                }
                else
                {
                    shorts[id] -= quantity;
                }
                if (0.0 != quantity)
                {
                    holders[id]++;
                }
            }
            byState[Math.min(accounts.state(slot), AccountStates.UNMARGINED)]++;
            if (accounts.liquidation(slot) >= 0)
            {
                inLiquidation++;
            }
        }
    }

    /** @return the asset's balances summed over every account, the insurance fund's included. */
    double total(final int assetId)
    {
        return totals[assetId];
    }

    /** @return what the ledger says the asset's balances sum to ({@link EngineState#ledgerBalance(int)}). */
    double ledger(final int assetId)
    {
        return state.ledgerBalance(assetId);
    }

    /**
     * Prints the report as text, one line a figure.
     *
     * @param out where it goes.
     */
    void printText(final PrintStream out)
    {
        final Accounts accounts = state.accounts();
        final Assets assets = state.assets();
        final StringBuilder states = new StringBuilder();
        for (int s = 0; s < STATES; s++)
        {
            states.append(s > 0 ? ", " : "").append(String.format("%,d ", byState[s])).append(AccountStates.name(s));
        }
        out.printf("book: %,d accounts (the insurance fund and the liquidators included): %s; %,d in liquidation%n",
            accounts.count(), states, inLiquidation);
        for (int a = 0; a < totals.length; a++)
        {
            if (assets.isDefined(a))
            {
                out.printf("book balance %s: %s over the accounts, ledger %s, difference %s; debt %s, interest %s%n",
                    assets.symbol(a), amount(total(a)), amount(ledger(a)), amount(total(a) - ledger(a)),
                    amount(state.debtPools().totalDebt(a)), amount(state.ledger().interest(a)));
            }
        }
        final int fund = accounts.slot(Liquidator.INSURANCE_FUND_ACCOUNT_ID);
        if (fund < 0)
        {
            out.println("book insurance fund (account 0): not opened");
        }
        else
        {
            out.println("book insurance fund (account 0): equity " + Figures.money(accounts.equity(fund)) +
                " USD, " + accounts.positionCount(fund) + " positions, " +
                (accounts.liquidation(fund) >= 0 ? "unwinding" : "not unwinding"));
        }
        final Instruments instruments = state.instruments();
        for (int id = 0; id < longs.length; id++)
        {
            if (instruments.isDefined(id) && holders[id] > 0)
            {
                out.printf("book open interest %s (instrument %d): long %s, short %s, net %s contracts, %,d holders%n",
                    instruments.symbol(id), id, amount(longs[id]), amount(shorts[id]),
                    amount(longs[id] - shorts[id]), holders[id]);
            }
        }
        out.println("book money conserved: " + (state.isMoneyConserved() ? "yes" : "NO"));
    }

    /**
     * @param mapper builds the node.
     * @return the report as one JSON object, {@code {"book": {...}}}.
     */
    ObjectNode json(final ObjectMapper mapper)
    {
        final Accounts accounts = state.accounts();
        final Assets assets = state.assets();
        final ObjectNode root = mapper.createObjectNode();
        final ObjectNode book = root.putObject("book");
        book.put("accounts", accounts.count());
        final ObjectNode states = book.putObject("accountsByState");
        for (int s = 0; s < STATES; s++)
        {
            states.put(AccountStates.name(s), byState[s]);
        }
        book.put("inLiquidation", inLiquidation);
        final ObjectNode balances = book.putObject("balances");
        for (int a = 0; a < totals.length; a++)
        {
            if (assets.isDefined(a))
            {
                balances.putObject(assets.symbol(a))
                    .put("total", total(a)).put("ledger", ledger(a)).put("difference", total(a) - ledger(a))
                    .put("deposits", state.ledger().deposits(a)).put("withdrawals", state.ledger().withdrawals(a))
                    .put("debt", state.debtPools().totalDebt(a)).put("interest", state.ledger().interest(a));
            }
        }
        final int fund = accounts.slot(Liquidator.INSURANCE_FUND_ACCOUNT_ID);
        final ObjectNode insurance = book.putObject("insuranceFund");
        insurance.put("open", fund >= 0);
        if (fund >= 0)
        {
            insurance.put("equity", accounts.equity(fund));
            insurance.put("positions", accounts.positionCount(fund));
            insurance.put("unwinding", accounts.liquidation(fund) >= 0);
            final ObjectNode fundBalances = insurance.putObject("balances");
            for (int a = 0; a < totals.length; a++)
            {
                if (assets.isDefined(a) && 0.0 != accounts.balance(fund, a))
                {
                    fundBalances.put(assets.symbol(a), accounts.balance(fund, a));
                }
            }
        }
        final ObjectNode openInterest = book.putObject("openInterest");
        final Instruments instruments = state.instruments();
        for (int id = 0; id < longs.length; id++)
        {
            if (instruments.isDefined(id) && holders[id] > 0)
            {
                openInterest.putObject(instruments.symbol(id)).put("instrumentId", id).put("long", longs[id])
                    .put("short", shorts[id]).put("net", longs[id] - shorts[id]).put("holders", holders[id]);
            }
        }
        book.put("moneyConserved", state.isMoneyConserved());
        return root;
    }

    private static String amount(final double value)
    {
        // eight decimals, trailing zeros dropped, and no "-0" for a rounding difference below them
        final String text = String.format("%,.8f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        return "-0".equals(text) ? "0" : text;
    }
}
