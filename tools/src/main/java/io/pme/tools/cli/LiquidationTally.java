package io.pme.tools.cli;

import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.HashSet;
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
}
