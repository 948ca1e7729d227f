package io.pme.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pme.engine.EngineCounters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The end-of-run figures of {@code pme simulate}, which drives an engine in another process: what the outputs it
 * received told (the liquidation stages, the insurance fund's last published equity, the borrowing pools as last
 * announced) and what the engine's counters file publishes (accounts, accounts below maintenance margin, the
 * oracle's counts). {@code pme run}'s summary reads
 * the engine's state too, which another process cannot: the accounts in liquidation at the end, the insurance
 * fund's unwinding, money conservation and the state digest are the engine's to print when it stops (or
 * {@code pme replay}'s).
 */
final class SimulateSummary
{
    private final Map<String, Object> figures = new LinkedHashMap<>();

    SimulateSummary(
        final long inputs,
        final long outputsReceived,
        final EngineFigures engine,
        final LiquidationTally tally,
        final BorrowTally borrowing,
        final OracleCounts oracle)
    {
        figures.put("inputs", inputs);
        figures.put("outputsReceived", outputsReceived);
        figures.put("accounts", engine.counter(EngineCounters.ACCOUNTS_TYPE_ID));
        figures.put("belowMaintenanceAtEnd", engine.counter(EngineCounters.BELOW_MM_TYPE_ID));
        tally.putStages(figures);
        figures.put("insuranceFund", tally.fundEquity());
        tally.putAfterTheFund(figures, oracle);
        figures.put("outputsDropped", engine.counter(EngineCounters.OUTPUTS_DROPPED_TYPE_ID));
        figures.put("borrowing", borrowing.figures());
    }

    /**
     * @return the figures on one line, as {@code pme run}'s with what only the engine's state tells left out.
     */
    String line()
    {
        final double fund = (double)figures.get("insuranceFund");
        return String.format("liquidations: %,d started, %,d recovered by partial steps, %,d auctions (%,d won, " +
            "%,d taken by the insurance fund), %,d bankrupt, %,d accounts deleveraged (%,.2f USD notional); " +
            "deficits covered %,.2f USD; insurance fund %s; at the end %,d accounts below MM (the engine's " +
            "counter); oracle: %,d outliers rejected, %,d degraded episodes, %,d parameter changes",
            (long)figures.get("liquidationsStarted"), (long)figures.get("recoveredByPartial"),
            (long)figures.get("auctions"), (long)figures.get("auctionsWon"),
            (long)figures.get("takenByInsuranceFund"), (long)figures.get("bankrupt"),
            (int)figures.get("deleveragedAccounts"), (double)figures.get("deleveragedNotional"),
            (double)figures.get("deficitCovered"), Double.isNaN(fund) ? "-" : String.format("%,.2f USD", fund),
            (long)figures.get("belowMaintenanceAtEnd"), (long)figures.get("oracleOutliersRejected"),
            (long)figures.get("degradedEpisodes"), (long)figures.get("parameterChanges"));
    }

    /**
     * Writes the figures to the file as one JSON object.
     */
    void write(final Path file) throws IOException
    {
        final Map<String, Object> json = new LinkedHashMap<>(figures);
        if (Double.isNaN((double)json.get("insuranceFund")))
        {
            json.put("insuranceFund", null);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }
}
