package io.pme.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Digest;
import io.pme.engine.state.EngineState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end-of-run figures of {@code pme run}: counts of the liquidation stages from the events the run received, the
 * state's figures from the engine after it drained (read once the engine has closed), and what the guarded oracle
 * did, from the engine's counters (read after the drain, before the close, as the counters go with the engine), and
 * the borrowing pools as the engine's last {@code BorrowRate} outputs announced them (once drained, the state's).
 * {@code --summary FILE} writes them as one JSON object; a line of them is printed in any case.
 * <p>
 * The insurance fund (account 0) is left out of the accounts below maintenance margin and in liquidation: it never
 * enters liquidation for being below MM, it unwinds what it took over ({@code insuranceFundUnwinding}).
 */
final class RunSummary
{
    private static final long FUND = 0;

    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final long belowMaintenance;
    private final long belowMaintenanceNotInLiquidation;

    RunSummary(
        final long inputs,
        final long stateDigest,
        final long correlationDigest,
        final long outputsDropped,
        final EngineState state,
        final LiquidationTally tally,
        final BorrowTally borrowing,
        final OracleCounts oracle)
    {
        final Accounts accounts = state.accounts();
        long below = 0;
        long inLiquidation = 0;
        long belowNotInLiquidation = 0;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (FUND == accounts.accountId(slot))
            {
                continue;
            }
            final boolean isBelow = AccountStates.isBelowMaintenanceMargin(accounts.state(slot));
            final boolean isInLiquidation = accounts.liquidation(slot) >= 0;
            below += isBelow ? 1 : 0;
            inLiquidation += isInLiquidation ? 1 : 0;
            belowNotInLiquidation += isBelow && !isInLiquidation ? 1 : 0;
        }
        belowMaintenance = below;
        belowMaintenanceNotInLiquidation = belowNotInLiquidation;
        final int fund = accounts.slot(FUND);

        figures.put("inputs", inputs);
        figures.put("stateDigest", Digest.hex(stateDigest));
        figures.put("correlationDigest", Digest.hex(correlationDigest));
        figures.put("accounts", accounts.count());
        figures.put("belowMaintenanceAtEnd", below);
        figures.put("inLiquidationAtEnd", inLiquidation);
        figures.put("belowMaintenanceNotInLiquidation", belowNotInLiquidation);
        tally.putStages(figures);
        figures.put("insuranceFund", fund >= 0 ? accounts.equity(fund) : 0.0);
        figures.put("insuranceFundUnwinding", fund >= 0 && accounts.liquidation(fund) >= 0);
        tally.putAfterTheFund(figures, oracle);
        figures.put("outputsDropped", outputsDropped);
        figures.put("moneyConserved", state.isMoneyConserved());
        figures.put("borrowing", borrowing.figures());
    }

    Map<String, Object> figures()
    {
        return figures;
    }

    /**
     * @return how many accounts (the fund left out) are below maintenance margin and not in a liquidation: 0 unless
     * the engine let one slip.
     */
    long belowMaintenanceNotInLiquidation()
    {
        return belowMaintenanceNotInLiquidation;
    }

    /**
     * @return the figures on one line, for the run's output.
     */
    String line()
    {
        return String.format("liquidations: %,d started, %,d recovered by partial steps, %,d auctions (%,d won, " +
            "%,d taken by the insurance fund), %,d bankrupt, %,d accounts deleveraged (%,.2f USD notional); " +
            "deficits covered %,.2f USD; insurance fund %,.2f USD; at the end %,d accounts below MM, %,d in " +
            "liquidation%s; money %s; oracle: %,d outliers rejected, %,d degraded episodes, %,d parameter changes",
            (long)figures.get("liquidationsStarted"), (long)figures.get("recoveredByPartial"),
            (long)figures.get("auctions"), (long)figures.get("auctionsWon"),
            (long)figures.get("takenByInsuranceFund"), (long)figures.get("bankrupt"),
            (int)figures.get("deleveragedAccounts"), (double)figures.get("deleveragedNotional"),
            (double)figures.get("deficitCovered"), (double)figures.get("insuranceFund"), belowMaintenance,
            (long)figures.get("inLiquidationAtEnd"),
            0 == belowMaintenanceNotInLiquidation ? "" :
                String.format(" (%,d below MM and NOT in liquidation)", belowMaintenanceNotInLiquidation),
            (boolean)figures.get("moneyConserved") ? "conserved" : "NOT conserved",
            (long)figures.get("oracleOutliersRejected"), (long)figures.get("degradedEpisodes"),
            (long)figures.get("parameterChanges"));
    }

    /**
     * Writes the figures to the file as one JSON object.
     */
    void write(final Path file) throws IOException
    {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
    }
}
