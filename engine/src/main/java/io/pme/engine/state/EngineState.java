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

    public Assets assets()
    {
        return assets;
    }

    public Instruments instruments()
    {
        return instruments;
    }

    public Accounts accounts()
    {
        return accounts;
    }

    public OpenOrders openOrders()
    {
        return openOrders;
    }

    public Clients clients()
    {
        return clients;
    }

    public Ledger ledger()
    {
        return ledger;
    }

    public RiskVectors riskVectors()
    {
        return riskVectors;
    }

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

    public void advanceClock(final long timestampNs)
    {
        if (timestampNs > nowNs)
        {
            nowNs = timestampNs;
        }
    }

    public long inputSequence()
    {
        return inputSequence;
    }

    public void inputSequence(final long inputSequence)
    {
        this.inputSequence = inputSequence;
    }

    public long nextInputSequence()
    {
        return ++inputSequence;
    }

    public double feesCollected()
    {
        return feesCollected;
    }

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
