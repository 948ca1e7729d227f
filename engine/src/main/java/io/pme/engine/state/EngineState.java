package io.pme.engine.state;

/**
 * All state the business-logic thread owns. Only that thread mutates it.
 */
public final class EngineState
{
    private final Assets assets;
    private final Instruments instruments;
    private final Accounts accounts;
    private final OpenOrders openOrders;
    private final Clients clients;
    private final ParameterLog parameterLog = new ParameterLog();
    private final RiskVectors riskVectors;
    private final Ledger ledger;
    private long nowNs;
    private long inputSequence;
    private double feesCollected;

    /** Allocates every table at its capacity, so nothing grows on the hot path. */
    public EngineState(
        final int maxAssets,
        final int maxInstruments,
        final int maxAccounts,
        final int maxPositions,
        final int maxOpenOrders,
        final int maxClients,
        final int maxUnderlyings)
    {
        riskVectors = new RiskVectors(maxAccounts, maxAssets, maxUnderlyings);
        ledger = new Ledger(maxAssets);
        assets = new Assets(maxAssets);
        instruments = new Instruments(maxInstruments);
        accounts = new Accounts(maxAccounts, maxAssets, maxPositions);
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
        nowNs = 0;
        inputSequence = 0;
        feesCollected = 0.0;
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
}
