package io.pme.tools.cli;

import io.pme.codecs.BorrowRateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The latest {@code BorrowRate} the engine announced for each borrowable asset (docs/borrowing.md): its pool's
 * utilization, the annual rate at it, the debt index, the total debt and the interest its debts paid so far. The
 * engine announces a pool at the end of every input that changed it, so after the last output of a run these are
 * the pools as the run left them; the status line reads them live, as a client of the outputs would.
 */
final class BorrowTally
{
    private static final int MAX_ASSETS = 64;

    private final BorrowRateDecoder rate = new BorrowRateDecoder();
    private final IntFunction<String> symbols;
    private final boolean[] announced = new boolean[MAX_ASSETS];
    private final double[] utilization = new double[MAX_ASSETS];
    private final double[] annualRate = new double[MAX_ASSETS];
    private final double[] index = new double[MAX_ASSETS];
    private final double[] totalDebt = new double[MAX_ASSETS];
    private final double[] interest = new double[MAX_ASSETS];
    private long announcements;

    /**
     * @param symbols an asset's symbol by its id, null for one it does not know (then shown as {@code #id}).
     */
    BorrowTally(final IntFunction<String> symbols)
    {
        this.symbols = symbols;
    }

    /**
     * Keeps the frame's figures if it is a {@code BorrowRate}.
     *
     * @return true when it was one.
     */
    boolean onOutput(final DirectBuffer buffer, final int offset, final int templateId, final int blockLength,
        final int version)
    {
        if (BorrowRateDecoder.TEMPLATE_ID != templateId)
        {
            return false;
        }
        rate.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, blockLength, version);
        final int assetId = rate.assetId();
        if (assetId >= 0 && assetId < MAX_ASSETS)
        {
            announced[assetId] = true;
            utilization[assetId] = rate.utilization();
            annualRate[assetId] = rate.rate();
            index[assetId] = rate.index();
            totalDebt[assetId] = rate.totalDebt();
            interest[assetId] = rate.interestIncome();
        }
        announcements++;
        return true;
    }

    /** @return {@code BorrowRate} frames received. */
    long announcements()
    {
        return announcements;
    }

    /** @return whether the asset's pool was announced. */
    boolean isAnnounced(final int assetId)
    {
        return announced[assetId];
    }

    /** @return the asset's latest announced utilization, 0 before any. */
    double utilization(final int assetId)
    {
        return utilization[assetId];
    }

    /** @return the asset's latest announced annual rate. */
    double rate(final int assetId)
    {
        return annualRate[assetId];
    }

    /** @return the asset's latest announced debt index. */
    double index(final int assetId)
    {
        return index[assetId];
    }

    /** @return units of the asset owed, as last announced. */
    double totalDebt(final int assetId)
    {
        return totalDebt[assetId];
    }

    /** @return units of the asset its debts paid as interest so far, as last announced. */
    double interest(final int assetId)
    {
        return interest[assetId];
    }

    /**
     * @return the status line's part: each asset with a debt, its utilization, rate and interest so far; "none"
     * while nothing is owed.
     */
    String statusPart()
    {
        final StringBuilder part = new StringBuilder();
        for (int assetId = 0; assetId < MAX_ASSETS; assetId++)
        {
            if (announced[assetId] && totalDebt[assetId] > 0.0)
            {
                part.append(part.length() == 0 ? "" : ", ").append(String.format("%s U %.2f%% r %.2f%% int %,.4f",
                    symbol(assetId), 100.0 * utilization[assetId], 100.0 * annualRate[assetId], interest[assetId]));
            }
        }
        return part.length() == 0 ? "none" : part.toString();
    }

    /**
     * @return the summary's line: each asset with a debt or interest, its figures at the end of the run.
     */
    String line()
    {
        final StringBuilder line = new StringBuilder("borrowing:");
        int assets = 0;
        for (int assetId = 0; assetId < MAX_ASSETS; assetId++)
        {
            if (announced[assetId] && (totalDebt[assetId] > 0.0 || interest[assetId] > 0.0))
            {
                line.append(assets++ == 0 ? " " : "; ").append(String.format(
                    "%s utilization %.4f%%, rate %.4f%% a year, debt %,.4f, interest %,.6f, index %.12f",
                    symbol(assetId), 100.0 * utilization[assetId], 100.0 * annualRate[assetId], totalDebt[assetId],
                    interest[assetId], index[assetId]));
            }
        }
        return 0 == assets ? "borrowing: nothing owed" : line.toString();
    }

    /**
     * @return the summary's figures: per announced asset, by symbol, its pool as last announced.
     */
    Map<String, Object> figures()
    {
        final Map<String, Object> pools = new LinkedHashMap<>();
        for (int assetId = 0; assetId < MAX_ASSETS; assetId++)
        {
            if (announced[assetId])
            {
                final Map<String, Object> pool = new LinkedHashMap<>();
                pool.put("utilization", utilization[assetId]);
                pool.put("rate", annualRate[assetId]);
                pool.put("index", index[assetId]);
                pool.put("debt", totalDebt[assetId]);
                pool.put("interest", interest[assetId]);
                pools.put(symbol(assetId), pool);
            }
        }
        return pools;
    }

    private String symbol(final int assetId)
    {
        final String symbol = symbols.apply(assetId);
        return null == symbol ? "#" + assetId : symbol;
    }
}
