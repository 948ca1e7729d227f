package io.pme.engine.state;

/**
 * All state the business-logic thread owns. Only that thread mutates it.
 */
public final class EngineState
{
    private final Assets assets;
    private final Instruments instruments;
    private final Accounts accounts;
    private final DebtPools debtPools;
    private final OpenOrders openOrders;
    private final Clients clients;
    private final ParameterLog parameterLog = new ParameterLog();
    private final RiskVectors riskVectors;
    private final Ledger ledger;
    private final Liquidations liquidations;
    private final AdlRanks adlRanks;
    private final OracleBook oracleBook;
    private final ScheduledParameters scheduledParameters = new ScheduledParameters();
    private final SnapshotSchedule snapshotSchedule = new SnapshotSchedule();
    private long nowNs;
    private long inputSequence;
    private long parameterVersion;
    private double feesCollected;

    /**
     * As the full constructor, with a liquidation record for every account: an account below MM always gets one, so
     * no liquidation ever waits for a record.
     */
    public EngineState(
        final int maxAssets,
        final int maxInstruments,
        final int maxAccounts,
        final int maxPositions,
        final int maxOpenOrders,
        final int maxClients,
        final int maxUnderlyings)
    {
        this(maxAssets, maxInstruments, maxAccounts, maxPositions, maxOpenOrders, maxClients, maxUnderlyings,
            maxAccounts);
    }

    /** Allocates every table at its capacity, so nothing grows on the hot path. */
    public EngineState(
        final int maxAssets,
        final int maxInstruments,
        final int maxAccounts,
        final int maxPositions,
        final int maxOpenOrders,
        final int maxClients,
        final int maxUnderlyings,
        final int maxLiquidations)
    {
        liquidations = new Liquidations(maxLiquidations);
        adlRanks = new AdlRanks(maxInstruments);
        riskVectors = new RiskVectors(maxAccounts, maxAssets, maxUnderlyings);
        ledger = new Ledger(maxAssets);
        assets = new Assets(maxAssets);
        oracleBook = new OracleBook(maxAssets);
        instruments = new Instruments(maxInstruments);
        debtPools = new DebtPools(maxAssets);
        accounts = new Accounts(maxAccounts, maxAssets, maxPositions, debtPools);
        openOrders = new OpenOrders(maxOpenOrders, maxAccounts);
        clients = new Clients(maxClients);
    }

    /** Empties every table, before a snapshot restore. */
    public void clear()
    {
        assets.clear();
        instruments.clear();
        accounts.clear();
        openOrders.clear();
        clients.clear();
        parameterLog.clear();
        riskVectors.clear();
        ledger.clear();
        liquidations.clear();
        adlRanks.clear();
        oracleBook.clear();
        scheduledParameters.clear();
        snapshotSchedule.clear();
        debtPools.clear();
        nowNs = 0;
        inputSequence = 0;
        parameterVersion = 0;
        feesCollected = 0.0;
    }

    /** @return each asset's debt index and total debt (rulebook section 8). */
    public DebtPools debtPools()
    {
        return debtPools;
    }

    /** @return the last version an admin change (a set counting once) was given. */
    public long parameterVersion()
    {
        return parameterVersion;
    }

    /** Sets the version of the parameters in force. */
    public void parameterVersion(final long version)
    {
        parameterVersion = version;
    }

    /** @return the parameter change sets not yet applied. */
    public ScheduledParameters scheduledParameters()
    {
        return scheduledParameters;
    }

    /** @return where the last scheduled snapshot was taken. */
    public SnapshotSchedule snapshotSchedule()
    {
        return snapshotSchedule;
    }

    /** @return per asset, its sources' prices and the oracle's decisions. */
    public OracleBook oracleBook()
    {
        return oracleBook;
    }

    /** @return the assets and their prices. */
    public Assets assets()
    {
        return assets;
    }

    /** @return the instruments. */
    public Instruments instruments()
    {
        return instruments;
    }

    /** @return the accounts. */
    public Accounts accounts()
    {
        return accounts;
    }

    /** @return the open orders. */
    public OpenOrders openOrders()
    {
        return openOrders;
    }

    /** @return the clients and their correlation ids. */
    public Clients clients()
    {
        return clients;
    }

    /** @return the totals that reconcile the balances. */
    public Ledger ledger()
    {
        return ledger;
    }

    /** @return the liquidations in progress. */
    public Liquidations liquidations()
    {
        return liquidations;
    }

    /** @return what the auto-deleveraging rank bands are published from. */
    public AdlRanks adlRanks()
    {
        return adlRanks;
    }

    /** @return the accounts' risk vectors. */
    public RiskVectors riskVectors()
    {
        return riskVectors;
    }

    /** @return the parameter updates applied since the start. */
    public ParameterLog parameterLog()
    {
        return parameterLog;
    }

    /**
     * @return the engine clock: the latest timestamp seen on an input. It never goes backwards.
     */
    public long nowNs()
    {
        return nowNs;
    }

    /** Moves the engine's clock forward to the timestamp; an earlier one leaves it where it is. */
    public void advanceClock(final long timestampNs)
    {
        if (timestampNs > nowNs)
        {
            nowNs = timestampNs;
        }
    }

    /** @return the sequence number of the latest input. */
    public long inputSequence()
    {
        return inputSequence;
    }

    /** Sets the sequence number of the latest input, on a restore. */
    public void inputSequence(final long inputSequence)
    {
        this.inputSequence = inputSequence;
    }

    /** @return the sequence number of the next input, now the latest. */
    public long nextInputSequence()
    {
        return ++inputSequence;
    }

    /** @return fees charged on fills so far. */
    public double feesCollected()
    {
        return feesCollected;
    }

    /** Adds a fee charged on a fill. */
    public void addFees(final double fee)
    {
        feesCollected += fee;
    }

    void restoreClock(final long nowNs, final double feesCollected)
    {
        this.nowNs = nowNs;
        this.feesCollected = feesCollected;
    }

    /**
     * How far the asset's balances, summed over every account (the insurance fund's included), are from what flowed
     * in and out: deposits − withdrawals − the interest the asset's debts paid the venue, and in USD the fills'
     * premiums and realised P&amp;L, funding, less the fees of ordinary fills. Zero, up to rounding, when money is
     * conserved; walks every account.
     */
    public double imbalance(final int assetId)
    {
        double sum = 0.0;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            sum += accounts.balance(slot, assetId);
        }
        return sum - ledgerBalance(assetId);
    }

    /**
     * @return what the ledger says the asset's balances over every account sum to: deposits − withdrawals − the
     * interest its debts paid the venue, and in USD the fills' premiums and realised P&amp;L, funding, less the fees
     * of ordinary fills.
     */
    public double ledgerBalance(final int assetId)
    {
        double expected = ledger.deposits(assetId) - ledger.withdrawals(assetId) - ledger.interest(assetId);
        if (assets.isUsd(assetId))
        {
            expected += ledger.tradeCash() + ledger.funding() - feesCollected;
        }
        return expected;
    }

    /**
     * @return true when every asset's {@link #imbalance(int)} is within rounding of the money that moved in it.
     */
    public boolean isMoneyConserved()
    {
        for (int a = 0; a < assets.capacity(); a++)
        {
            if (!assets.isDefined(a))
            {
                continue;
            }
            // rounding grows with the sizes summed, not with their net
            double scale = 1.0 + Math.abs(ledger.deposits(a)) + Math.abs(ledger.withdrawals(a)) +
                Math.abs(ledger.interest(a));
            for (int slot = 0, n = accounts.count(); slot < n; slot++)
            {
                scale += Math.abs(accounts.balance(slot, a));
            }
            if (assets.isUsd(a))
            {
                scale += Math.abs(ledger.tradeCash()) + Math.abs(ledger.funding()) + Math.abs(feesCollected);
            }
            if (!(Math.abs(imbalance(a)) <= 1.0e-9 * scale))
            {
                return false;
            }
        }
        return true;
    }
}
