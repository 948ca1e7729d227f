package io.pme.tools.cli;

import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a run's liquidations did, counted from the {@code LiquidationEvent}s and {@code InsuranceFund} frames it
 * received: one count per stage, the sums the summary reports, and the accounts deleveraged. The insurance fund's
 * own liquidations (it unwinds what it took over, as account 0) are counted apart from the accounts'.
 */
final class LiquidationTally
{
    private static final long FUND = 0;

    private final LiquidationEventDecoder event = new LiquidationEventDecoder();
    private final InsuranceFundDecoder fund = new InsuranceFundDecoder();
    private final long[] stages = new long[LiquidationEventType.values().length + 1];
    private final Set<Long> deleveragedAccounts = new HashSet<>();
    private long started;
    private long ended;
    private long fundUnwinds;
    private double deficitCovered;
    private double deleveragedAmount;
    private double deleveragedNotional;
    private double uncoveredAmount;
    private double fundEquity = Double.NaN;

    /**
     * Counts the frame if it is a liquidation event or an insurance-fund change.
     *
     * @return true when it was one.
     */
    boolean onOutput(final DirectBuffer buffer, final int offset, final int templateId, final int blockLength,
        final int version)
    {
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (InsuranceFundDecoder.TEMPLATE_ID == templateId)
        {
            fund.wrap(buffer, body, blockLength, version);
            fundEquity = fund.balance();
            return true;
        }
        if (LiquidationEventDecoder.TEMPLATE_ID != templateId)
        {
            return false;
        }

        event.wrap(buffer, body, blockLength, version);
        final LiquidationEventType stage = event.stage();
        final short raw = event.stageRaw();
        if (raw >= 0 && raw < stages.length)
        {
            stages[raw]++;
        }
        final boolean ofFund = FUND == event.accountId();
        switch (stage)
        {
            case STARTED:
                if (ofFund)
                {
                    fundUnwinds++;
                }
                else
                {
                    started++;
                }
                break;

            case RECOVERED:
                ended++;
                break;

            case CLOSED:
                ended += ofFund ? 0 : 1;
                break;

            case DEFICIT_COVERED:
                deficitCovered += event.amount();
                break;

            case DELEVERAGED:
                deleveragedAccounts.add(event.accountId());
                deleveragedAmount += event.amount();
                deleveragedNotional += Math.abs(event.quantity()) * event.price();
                break;

            case UNCOVERED:
                uncoveredAmount += event.amount();
                break;

            default:
                break;
        }
        return true;
    }

    long stage(final LiquidationEventType type)
    {
        return stages[type.value()];
    }

    /** @return liquidations of accounts started, the fund's unwinding left out. */
    long started()
    {
        return started;
    }

    /** @return liquidations of accounts in progress: started and neither recovered nor closed. */
    long inProgress()
    {
        return started - ended;
    }

    long fundUnwinds()
    {
        return fundUnwinds;
    }

    int deleveragedAccounts()
    {
        return deleveragedAccounts.size();
    }

    /** @return USD the fund paid for accounts' negative equity (DEFICIT_COVERED). */
    double deficitCoveredByFund()
    {
        return deficitCovered;
    }

    /** @return USD of profit deleveraged accounts gave up (DELEVERAGED). */
    double deleveragedAmount()
    {
        return deleveragedAmount;
    }

    /** @return USD notional of the legs deleveraging closed: |quantity| × price. */
    double deleveragedNotional()
    {
        return deleveragedNotional;
    }

    double uncoveredAmount()
    {
        return uncoveredAmount;
    }

    /** @return the fund's equity after its latest change, NaN before any. */
    double fundEquity()
    {
        return fundEquity;
    }

    /**
     * The summary's figures of the stages, in the order of the README's list, up to the insurance fund's.
     *
     * @param figures the summary's figures, in order.
     */
    void putStages(final Map<String, Object> figures)
    {
        figures.put("liquidationsStarted", started());
        figures.put("partialSteps", stage(LiquidationEventType.STEP));
        figures.put("liquidationFills", stage(LiquidationEventType.FILLED));
        figures.put("ordersExpired", stage(LiquidationEventType.ORDER_EXPIRED));
        figures.put("recoveredByPartial", stage(LiquidationEventType.RECOVERED));
        figures.put("auctions", stage(LiquidationEventType.AUCTION_STARTED));
        figures.put("auctionsWon", stage(LiquidationEventType.AUCTION_WON));
        figures.put("takenByInsuranceFund", stage(LiquidationEventType.TAKEN_BY_FUND));
        figures.put("bankrupt", stage(LiquidationEventType.DEFICIT_COVERED));
    }

    /**
     * The summary's figures after the insurance fund's: its unwinds, deleveraging, what stayed uncovered and the
     * oracle's counters.
     *
     * @param figures the summary's figures, in order.
     * @param oracle  the oracle's counters over the run.
     */
    void putAfterTheFund(final Map<String, Object> figures, final OracleCounts oracle)
    {
        figures.put("insuranceFundUnwinds", fundUnwinds());
        figures.put("deleveragedAccounts", deleveragedAccounts());
        figures.put("deleveragedLegs", stage(LiquidationEventType.DELEVERAGED));
        figures.put("deficitCovered", deficitCoveredByFund() + deleveragedAmount());
        figures.put("deleveragedNotional", deleveragedNotional());
        figures.put("uncovered", stage(LiquidationEventType.UNCOVERED));
        figures.put("uncoveredAmount", uncoveredAmount());
        figures.put("oracleOutliersRejected", oracle.outliersRejected());
        figures.put("degradedEpisodes", oracle.degradedEpisodes());
        figures.put("parameterChanges", oracle.parameterChanges());
    }
}
