package io.pme.engine.rulebook;

import io.pme.engine.state.AccountStates;

import java.util.Arrays;

/**
 * Reusable result of {@link MarginCalculator#compute(Portfolio, MarginResult)}: the account's figures, per-underlying
 * Greeks and contingency, and per correlation set the worst loss and scenario. Filled without allocation.
 * <p>
 * When {@link #status()} is not {@link #STATUS_OK} a needed input is missing and every figure is NaN.
 */
public final class MarginResult
{
    public static final int STATUS_OK = 0;
    /** An asset with a balance, or an underlying with positions, has no valid price. */
    public static final int STATUS_PRICE_MISSING = 1;
    /** An option has no valid volatility. */
    public static final int STATUS_VOL_MISSING = 2;
    /** A position's underlying has no price range: it is not an underlying. */
    public static final int STATUS_NOT_AN_UNDERLYING = 3;

    private final int maxAssets;
    private final int maxSets;
    private final boolean[] exposed;
    private final int[] underlyingIds;
    private final double[] deltas;
    private final double[] gammas;
    private final double[] vegas;
    private final double[] thetas;
    private final double[] contingencies;
    private final String[] setNames;
    private final int[] setNumbers;
    private final double[] worstLosses;
    private final int[] worstScenarios;
    private final double[] worstTailShocks;
    private final int[] memberCounts;
    private final String[] memberSymbols;
    private final double[] memberRanges;

    private int status;
    private int statusSubject;
    private double collateralValue;
    private double equity;
    private double initialMargin;
    private double maintenanceMargin;
    private double siloedInitialMargin;
    private int underlyingCount;
    private int setCount;

    /**
     * @param maxAssets capacity of asset ids, as the calculator's.
     */
    public MarginResult(final int maxAssets)
    {
        this.maxAssets = maxAssets;
        maxSets = RiskParameters.MAX_CORRELATION_SETS + maxAssets;
        exposed = new boolean[maxAssets];
        underlyingIds = new int[maxAssets];
        deltas = new double[maxAssets];
        gammas = new double[maxAssets];
        vegas = new double[maxAssets];
        thetas = new double[maxAssets];
        contingencies = new double[maxAssets];
        setNames = new String[maxSets];
        setNumbers = new int[maxSets];
        worstLosses = new double[maxSets];
        worstScenarios = new int[maxSets];
        worstTailShocks = new double[maxSets];
        memberCounts = new int[maxSets];
        memberSymbols = new String[maxSets * maxAssets];
        memberRanges = new double[maxSets * maxAssets];
    }

    /** @return {@link #STATUS_OK}, or which needed input is missing. */
    public int status()
    {
        return status;
    }

    /**
     * @return the asset id (price missing, not an underlying) or position index (vol missing) the status is about.
     */
    public int statusSubject()
    {
        return statusSubject;
    }

    /** @return the balances valued in USD after haircuts. */
    public double collateralValue()
    {
        return collateralValue;
    }

    /** @return collateral value plus the value of the positions. */
    public double equity()
    {
        return equity;
    }

    /** @return the initial margin: the correlation sets' worst losses plus the contingencies. */
    public double initialMargin()
    {
        return initialMargin;
    }

    /** @return the maintenance margin, a fraction of the initial margin. */
    public double maintenanceMargin()
    {
        return maintenanceMargin;
    }

    /**
     * @return equity − IM.
     */
    public double availableMargin()
    {
        return equity - initialMargin;
    }

    /**
     * @return MM / equity, NaN when equity ≤ 0 (undefined).
     */
    public double marginRatio()
    {
        return equity > 0.0 ? maintenanceMargin / equity : Double.NaN;
    }

    /**
     * @return the account's state by the rulebook's rule ({@link AccountStates#of(double, double, double)}):
     * {@link AccountStates#HEALTHY}, {@link AccountStates#RESTRICTED}, {@link AccountStates#LIQUIDATION} or
     * {@link AccountStates#BANKRUPT}; −1 without figures (its {@link AccountStates#name(int)} is "UNMARGINED").
     */
    public int state()
    {
        if (status != STATUS_OK)
        {
            return -1;
        }
        return AccountStates.of(equity, initialMargin, maintenanceMargin);
    }

    /** @return the initial margin without netting, each balance and position alone: what the netting saves. */
    public double siloedInitialMargin()
    {
        return siloedInitialMargin;
    }

    /**
     * @return how many underlyings have an exposure (balance or position), listed by ascending asset id.
     */
    public int underlyingCount()
    {
        return underlyingCount;
    }

    /**
     * @param index in 0 … underlyingCount − 1.
     * @return the underlying's asset id.
     */
    public int underlyingAssetId(final int index)
    {
        return underlyingIds[index];
    }

    /** @return true when the account has a balance or positions in the underlying. */
    public boolean hasExposure(final int assetId)
    {
        return exposed[assetId];
    }

    /**
     * @param assetId an underlying.
     * @return net delta in units of the underlying, balances included.
     */
    public double delta(final int assetId)
    {
        return deltas[assetId];
    }

    /**
     * @param assetId an underlying.
     * @return net gamma, ∂²value/∂S².
     */
    public double gamma(final int assetId)
    {
        return gammas[assetId];
    }

    /**
     * @param assetId an underlying.
     * @return value change for +1 volatility point (+0.01).
     */
    public double vega(final int assetId)
    {
        return vegas[assetId];
    }

    /**
     * @param assetId an underlying.
     * @return value change per year of calendar time passing.
     */
    public double theta(final int assetId)
    {
        return thetas[assetId];
    }

    /** @return the contingency charged on the underlying. */
    public double contingency(final int assetId)
    {
        return contingencies[assetId];
    }

    /**
     * @return how many correlation sets have exposure: numbered sets by number, then sets of one by asset id.
     */
    public int setCount()
    {
        return setCount;
    }

    /**
     * @param set index in 0 … setCount − 1.
     * @return the set's name.
     */
    public String setName(final int set)
    {
        return setNames[set];
    }

    /**
     * @param set index in 0 … setCount − 1.
     * @return the set number, 0 for an underlying in a set of its own.
     */
    public int setNumber(final int set)
    {
        return setNumbers[set];
    }

    /**
     * @param set index in 0 … setCount − 1.
     * @return the set's worst loss over the scenarios, 0 or more.
     */
    public double worstLoss(final int set)
    {
        return worstLosses[set];
    }

    /**
     * @param set index in 0 … setCount − 1.
     * @return the scenario index (0 … 32, see {@link ScenarioGrid}) of the set's lowest aggregate.
     */
    public int worstScenario(final int set)
    {
        return worstScenarios[set];
    }

    /**
     * Readable label of a set's worst scenario, e.g. "BTC -16% ETH -18% vol up" or "tail -66%". Allocates.
     *
     * @param set index in 0 … setCount − 1.
     * @return the label.
     */
    public String worstScenarioLabel(final int set)
    {
        final StringBuilder out = new StringBuilder(48);
        final int k = worstScenarios[set];
        if (ScenarioGrid.isTail(k))
        {
            out.append("tail ");
            ScenarioLabel.appendPercent(worstTailShocks[set], out);
            return out.toString();
        }
        final int base = set * maxAssets;
        for (int m = 0; m < memberCounts[set]; m++)
        {
            out.append(memberSymbols[base + m]).append(' ');
            ScenarioLabel.appendPercent((ScenarioGrid.step(k) / 4.0) * memberRanges[base + m], out);
            out.append(' ');
        }
        return out.append(ScenarioLabel.volModeName(ScenarioGrid.volMode(k))).toString();
    }

    void reset()
    {
        status = STATUS_OK;
        statusSubject = -1;
        collateralValue = 0.0;
        equity = 0.0;
        initialMargin = 0.0;
        maintenanceMargin = 0.0;
        siloedInitialMargin = 0.0;
        underlyingCount = 0;
        setCount = 0;
        Arrays.fill(exposed, false);
        Arrays.fill(deltas, 0.0);
        Arrays.fill(gammas, 0.0);
        Arrays.fill(vegas, 0.0);
        Arrays.fill(thetas, 0.0);
        Arrays.fill(contingencies, 0.0);
    }

    void fail(final int status, final int subject)
    {
        this.status = status;
        statusSubject = subject;
        collateralValue = Double.NaN;
        equity = Double.NaN;
        initialMargin = Double.NaN;
        maintenanceMargin = Double.NaN;
        siloedInitialMargin = Double.NaN;
        underlyingCount = 0;
        setCount = 0;
    }

    void exposed(final int assetId)
    {
        if (!exposed[assetId])
        {
            exposed[assetId] = true;
            underlyingIds[underlyingCount++] = assetId;
        }
    }

    void sortUnderlyings()
    {
        // Insertion sort: tiny, allocation-free, and results must not depend on position order.
        for (int i = 1; i < underlyingCount; i++)
        {
            final int id = underlyingIds[i];
            int j = i - 1;
            while (j >= 0 && underlyingIds[j] > id)
            {
                underlyingIds[j + 1] = underlyingIds[j];
                j--;
            }
            underlyingIds[j + 1] = id;
        }
    }

    void addGreeks(final int assetId, final double delta, final double gamma, final double vega, final double theta)
    {
        deltas[assetId] += delta;
        gammas[assetId] += gamma;
        vegas[assetId] += vega;
        thetas[assetId] += theta;
    }

    void addContingency(final int assetId, final double amount)
    {
        contingencies[assetId] += amount;
    }

    int beginSet(final String name, final int number, final double worstLoss, final int worstScenario,
        final double tailShock)
    {
        final int set = setCount++;
        setNames[set] = name;
        setNumbers[set] = number;
        worstLosses[set] = worstLoss;
        worstScenarios[set] = worstScenario;
        worstTailShocks[set] = tailShock;
        memberCounts[set] = 0;
        return set;
    }

    void addMember(final int set, final String symbol, final double range)
    {
        final int slot = set * maxAssets + memberCounts[set]++;
        memberSymbols[slot] = symbol;
        memberRanges[slot] = range;
    }

    void figures(
        final double collateralValue,
        final double equity,
        final double initialMargin,
        final double maintenanceMargin,
        final double siloedInitialMargin)
    {
        this.collateralValue = collateralValue;
        this.equity = equity;
        this.initialMargin = initialMargin;
        this.maintenanceMargin = maintenanceMargin;
        this.siloedInitialMargin = siloedInitialMargin;
    }
}
