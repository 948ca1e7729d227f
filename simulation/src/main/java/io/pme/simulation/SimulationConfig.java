package io.pme.simulation;

/**
 * Parameters of a {@link MarketSimulation}, set fluently then checked by {@link #conclude()}.
 * <p>
 * Event weights are relative: each steady step emits {@link #eventsPerStep()} events drawn with these weights,
 * plus the scheduled ones (order follow-ups, heartbeats, funding).
 */
public final class SimulationConfig
{
    /** 2026-11-24T00:00:00Z in nanoseconds since the epoch. */
    public static final long DEFAULT_START_TIME_NS = 1_795_478_400_000_000_000L;

    /**
     * Of the collateral-only and covered-call accounts, the share that borrows USDC against its collateral (and
     * repays part of it later), as a system property read when a configuration is made.
     */
    public static final String BORROWER_SHARE_PROP_NAME = "pme.simulation.borrower.share";

    /**
     * Default of {@link #BORROWER_SHARE_PROP_NAME}: three in ten.
     */
    public static final double BORROWER_SHARE_DEFAULT = 0.3;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private boolean isConcluded;
    private long seed = 42;
    private int accounts = 2000;
    private long startTimeNs = DEFAULT_START_TIME_NS;
    private long stepNs = 1_000_000L;
    private int eventsPerStep = 4;
    private double priceTickWeight = 45.0;
    private double volatilityWeight = 15.0;
    private double orderCheckWeight = 36.0;
    private double depositWeight = 2.0;
    private double withdrawalWeight = 2.0;
    private double orderDoneProbability = 0.9;
    private double fillProbability = 0.35;
    private int maxOrderLifetimeSteps = 50;
    private int pendingOrderCapacity = 8192;
    private double edgeCaseProbability = 0.01;
    private double btcVolatility = 0.55;
    private double ethVolatility = 0.70;
    private double solVolatility = 0.95;
    private double btcEthCorrelation = 0.80;
    private double btcSolCorrelation = 0.70;
    private double ethSolCorrelation = 0.75;
    private double jumpProbability = 2.0e-5;
    private double jumpMean = -0.002;
    private double jumpStdDev = 0.01;
    private double depegProbability = 1.0e-5;
    private long heartbeatIntervalNs = NANOS_PER_SECOND;
    private long fundingIntervalNs = 8L * 3600L * NANOS_PER_SECOND;
    private long firstCrashNs = 8L * NANOS_PER_SECOND;
    private long crashIntervalNs = 120L * NANOS_PER_SECOND;
    private double crashMinDepth = 0.12;
    private double crashMaxDepth = 0.25;
    private long crashFallNs = 3L * NANOS_PER_SECOND;
    private long crashRecoveryNs = 30L * NANOS_PER_SECOND;
    private int liquidators = 3;
    private double liquidatorDepositUsd = 20_000_000.0;
    private double insuranceFundUsd = 20_000.0;
    private long auctionDurationNs = 15L * NANOS_PER_SECOND;
    private boolean liquidationDesk;
    private double borrowerShare = borrowerShareProperty();

    /**
     * Validate the parameters; further calls are no-ops.
     *
     * @return this for a fluent API.
     * @throws IllegalArgumentException if a parameter is out of range.
     */
    public SimulationConfig conclude()
    {
        if (!isConcluded)
        {
            validate();
            isConcluded = true;
        }

        return this;
    }

    /** @return the seed every random stream of the run derives from: same seed, same frames. */
    public long seed()
    {
        return seed;
    }

    /**
     * Sets {@link #seed()}.
     *
     * @param seed the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    /** @return how many trading accounts the reference phase opens. */
    public int accounts()
    {
        return accounts;
    }

    /**
     * Sets {@link #accounts()}.
     *
     * @param accounts the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig accounts(final int accounts)
    {
        this.accounts = accounts;
        return this;
    }

    /** @return the simulated clock at the first frame, nanoseconds since the epoch. */
    public long startTimeNs()
    {
        return startTimeNs;
    }

    /**
     * Sets {@link #startTimeNs()}.
     *
     * @param startTimeNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig startTimeNs(final long startTimeNs)
    {
        this.startTimeNs = startTimeNs;
        return this;
    }

    /**
     * @return simulated time advanced per steady step (one batch of generated events).
     */
    public long stepNs()
    {
        return stepNs;
    }

    /**
     * Sets {@link #stepNs()}.
     *
     * @param stepNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig stepNs(final long stepNs)
    {
        this.stepNs = stepNs;
        return this;
    }

    /** @return events drawn per clock step. */
    public int eventsPerStep()
    {
        return eventsPerStep;
    }

    /**
     * Sets {@link #eventsPerStep()}.
     *
     * @param eventsPerStep the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig eventsPerStep(final int eventsPerStep)
    {
        this.eventsPerStep = eventsPerStep;
        return this;
    }

    /** @return relative weight of an oracle price tick among the steady events. */
    public double priceTickWeight()
    {
        return priceTickWeight;
    }

    /**
     * Sets {@link #priceTickWeight()}.
     *
     * @param weight the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig priceTickWeight(final double weight)
    {
        this.priceTickWeight = weight;
        return this;
    }

    /** @return relative weight of an option volatility update among the steady events. */
    public double volatilityWeight()
    {
        return volatilityWeight;
    }

    /**
     * Sets {@link #volatilityWeight()}.
     *
     * @param weight the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig volatilityWeight(final double weight)
    {
        this.volatilityWeight = weight;
        return this;
    }

    /** @return relative weight of an order check among the steady events. */
    public double orderCheckWeight()
    {
        return orderCheckWeight;
    }

    /**
     * Sets {@link #orderCheckWeight()}.
     *
     * @param weight the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig orderCheckWeight(final double weight)
    {
        this.orderCheckWeight = weight;
        return this;
    }

    /** @return relative weight of a deposit among the steady events. */
    public double depositWeight()
    {
        return depositWeight;
    }

    /**
     * Sets {@link #depositWeight()}.
     *
     * @param weight the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig depositWeight(final double weight)
    {
        this.depositWeight = weight;
        return this;
    }

    /** @return relative weight of a withdrawal among the steady events. */
    public double withdrawalWeight()
    {
        return withdrawalWeight;
    }

    /**
     * Sets {@link #withdrawalWeight()}.
     *
     * @param weight the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig withdrawalWeight(final double weight)
    {
        this.withdrawalWeight = weight;
        return this;
    }

    /**
     * @return probability that a checked order later gets an OrderDone.
     */
    public double orderDoneProbability()
    {
        return orderDoneProbability;
    }

    /**
     * Sets {@link #orderDoneProbability()}.
     *
     * @param probability the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig orderDoneProbability(final double probability)
    {
        this.orderDoneProbability = probability;
        return this;
    }

    /**
     * @return probability that an order which gets an OrderDone is (partly) filled before it.
     */
    public double fillProbability()
    {
        return fillProbability;
    }

    /**
     * Sets {@link #fillProbability()}.
     *
     * @param probability the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig fillProbability(final double probability)
    {
        this.fillProbability = probability;
        return this;
    }

    /** @return clock steps within which a checked order gets its follow-up (fill, done). */
    public int maxOrderLifetimeSteps()
    {
        return maxOrderLifetimeSteps;
    }

    /**
     * Sets {@link #maxOrderLifetimeSteps()}.
     *
     * @param steps the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig maxOrderLifetimeSteps(final int steps)
    {
        this.maxOrderLifetimeSteps = steps;
        return this;
    }

    /**
     * @return orders awaiting their follow-up at most; beyond it new orders get none (power of two).
     */
    public int pendingOrderCapacity()
    {
        return pendingOrderCapacity;
    }

    /**
     * Sets {@link #pendingOrderCapacity()}.
     *
     * @param capacity the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig pendingOrderCapacity(final int capacity)
    {
        this.pendingOrderCapacity = capacity;
        return this;
    }

    /**
     * @return probability of a deliberate refusal (unknown account, oversized order, over-withdrawal); 0 disables.
     */
    public double edgeCaseProbability()
    {
        return edgeCaseProbability;
    }

    /**
     * Sets {@link #edgeCaseProbability()}.
     *
     * @param probability the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig edgeCaseProbability(final double probability)
    {
        this.edgeCaseProbability = probability;
        return this;
    }

    /** @return annual volatility of the BTC index path. */
    public double btcVolatility()
    {
        return btcVolatility;
    }

    /**
     * Sets {@link #btcVolatility()}.
     *
     * @param annualVolatility the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig btcVolatility(final double annualVolatility)
    {
        this.btcVolatility = annualVolatility;
        return this;
    }

    /** @return annual volatility of the ETH index path. */
    public double ethVolatility()
    {
        return ethVolatility;
    }

    /**
     * Sets {@link #ethVolatility()}.
     *
     * @param annualVolatility the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig ethVolatility(final double annualVolatility)
    {
        this.ethVolatility = annualVolatility;
        return this;
    }

    /** @return annual volatility of the SOL index path. */
    public double solVolatility()
    {
        return solVolatility;
    }

    /**
     * Sets {@link #solVolatility()}.
     *
     * @param annualVolatility the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig solVolatility(final double annualVolatility)
    {
        this.solVolatility = annualVolatility;
        return this;
    }

    /** @return correlation of the BTC and ETH index returns. */
    public double btcEthCorrelation()
    {
        return btcEthCorrelation;
    }

    /**
     * Sets {@link #btcEthCorrelation()}.
     *
     * @param correlation the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig btcEthCorrelation(final double correlation)
    {
        this.btcEthCorrelation = correlation;
        return this;
    }

    /** @return correlation of the BTC and SOL index returns. */
    public double btcSolCorrelation()
    {
        return btcSolCorrelation;
    }

    /**
     * Sets {@link #btcSolCorrelation()}.
     *
     * @param correlation the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig btcSolCorrelation(final double correlation)
    {
        this.btcSolCorrelation = correlation;
        return this;
    }

    /** @return correlation of the ETH and SOL index returns. */
    public double ethSolCorrelation()
    {
        return ethSolCorrelation;
    }

    /**
     * Sets {@link #ethSolCorrelation()}.
     *
     * @param correlation the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig ethSolCorrelation(final double correlation)
    {
        this.ethSolCorrelation = correlation;
        return this;
    }

    /**
     * @return probability per step of a market-wide jump in the crypto prices.
     */
    public double jumpProbability()
    {
        return jumpProbability;
    }

    /**
     * Sets {@link #jumpProbability()}.
     *
     * @param probability the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig jumpProbability(final double probability)
    {
        this.jumpProbability = probability;
        return this;
    }

    /** @return mean log return of a market-wide jump. */
    public double jumpMean()
    {
        return jumpMean;
    }

    /**
     * Sets {@link #jumpMean()}.
     *
     * @param logReturn the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig jumpMean(final double logReturn)
    {
        this.jumpMean = logReturn;
        return this;
    }

    /** @return standard deviation of the log return of a market-wide jump. */
    public double jumpStdDev()
    {
        return jumpStdDev;
    }

    /**
     * Sets {@link #jumpStdDev()}.
     *
     * @param logReturn the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig jumpStdDev(final double logReturn)
    {
        this.jumpStdDev = logReturn;
        return this;
    }

    /**
     * @return probability per step of a small stablecoin de-peg shock.
     */
    public double depegProbability()
    {
        return depegProbability;
    }

    /**
     * Sets {@link #depegProbability()}.
     *
     * @param probability the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig depegProbability(final double probability)
    {
        this.depegProbability = probability;
        return this;
    }

    /** @return simulated time between heartbeats. */
    public long heartbeatIntervalNs()
    {
        return heartbeatIntervalNs;
    }

    /**
     * Sets {@link #heartbeatIntervalNs()}.
     *
     * @param intervalNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig heartbeatIntervalNs(final long intervalNs)
    {
        this.heartbeatIntervalNs = intervalNs;
        return this;
    }

    /** @return simulated time between funding payments of the perpetuals. */
    public long fundingIntervalNs()
    {
        return fundingIntervalNs;
    }

    /**
     * Sets {@link #fundingIntervalNs()}.
     *
     * @param intervalNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig fundingIntervalNs(final long intervalNs)
    {
        this.fundingIntervalNs = intervalNs;
        return this;
    }

    /**
     * @return simulated time from the start of the steady market to the first crash, give or take a quarter;
     * {@link #crashIntervalNs()} 0 means no crash at all.
     */
    public long firstCrashNs()
    {
        return firstCrashNs;
    }

    /**
     * Sets {@link #firstCrashNs()}.
     *
     * @param firstCrashNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig firstCrashNs(final long firstCrashNs)
    {
        this.firstCrashNs = firstCrashNs;
        return this;
    }

    /**
     * @return simulated time from one crash's start to the next, give or take a quarter (never before the previous
     * one has recovered); 0 disables crashes.
     */
    public long crashIntervalNs()
    {
        return crashIntervalNs;
    }

    /**
     * Sets {@link #crashIntervalNs()}.
     *
     * @param intervalNs the new value, 0 for no crashes.
     * @return this for a fluent API.
     */
    public SimulationConfig crashIntervalNs(final long intervalNs)
    {
        this.crashIntervalNs = intervalNs;
        return this;
    }

    /** @return the mildest fall of a crash at its bottom, as a fraction of the price (BTC falls least). */
    public double crashMinDepth()
    {
        return crashMinDepth;
    }

    /**
     * Sets {@link #crashMinDepth()}.
     *
     * @param depth the new value, in (0, 1).
     * @return this for a fluent API.
     */
    public SimulationConfig crashMinDepth(final double depth)
    {
        this.crashMinDepth = depth;
        return this;
    }

    /** @return the deepest fall of a crash at its bottom, as a fraction of the price (SOL falls most). */
    public double crashMaxDepth()
    {
        return crashMaxDepth;
    }

    /**
     * Sets {@link #crashMaxDepth()}.
     *
     * @param depth the new value, in [{@link #crashMinDepth()}, 1).
     * @return this for a fluent API.
     */
    public SimulationConfig crashMaxDepth(final double depth)
    {
        this.crashMaxDepth = depth;
        return this;
    }

    /** @return simulated time a crash takes to reach its bottom, give or take a quarter. */
    public long crashFallNs()
    {
        return crashFallNs;
    }

    /**
     * Sets {@link #crashFallNs()}.
     *
     * @param fallNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig crashFallNs(final long fallNs)
    {
        this.crashFallNs = fallNs;
        return this;
    }

    /** @return simulated time prices take to climb back from a crash's bottom, give or take a quarter. */
    public long crashRecoveryNs()
    {
        return crashRecoveryNs;
    }

    /**
     * Sets {@link #crashRecoveryNs()}.
     *
     * @param recoveryNs the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig crashRecoveryNs(final long recoveryNs)
    {
        this.crashRecoveryNs = recoveryNs;
        return this;
    }

    /**
     * @return liquidator accounts the opening book opens and funds, ids from
     * {@link MarketSimulation#FIRST_LIQUIDATOR_ACCOUNT_ID} on; with the desk they bid in liquidation auctions.
     */
    public int liquidators()
    {
        return liquidators;
    }

    /**
     * Sets {@link #liquidators()}.
     *
     * @param liquidators the new value, 0 to 8.
     * @return this for a fluent API.
     */
    public SimulationConfig liquidators(final int liquidators)
    {
        this.liquidators = liquidators;
        return this;
    }

    /** @return USD the first liquidator deposits; each next one deposits half the one before. */
    public double liquidatorDepositUsd()
    {
        return liquidatorDepositUsd;
    }

    /**
     * Sets {@link #liquidatorDepositUsd()}.
     *
     * @param usd the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig liquidatorDepositUsd(final double usd)
    {
        this.liquidatorDepositUsd = usd;
        return this;
    }

    /** @return USD the opening book deposits to the insurance fund (account 0); 0 leaves it unseeded. */
    public double insuranceFundUsd()
    {
        return insuranceFundUsd;
    }

    /**
     * Sets {@link #insuranceFundUsd()}.
     *
     * @param usd the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig insuranceFundUsd(final double usd)
    {
        this.insuranceFundUsd = usd;
        return this;
    }

    /**
     * @return the venue's rule for how long a liquidation auction lasts, set by the opening book with a
     * {@code ParameterUpdate} (LIQUIDATION, rule 11); shorter than the engine's 30 s, so a minute's run sees the
     * auctions of a crash end; 0 sends no rule and leaves the engine's.
     */
    public long auctionDurationNs()
    {
        return auctionDurationNs;
    }

    /**
     * Sets {@link #auctionDurationNs()}.
     *
     * @param durationNs the new value, 0 to leave the engine's rule.
     * @return this for a fluent API.
     */
    public SimulationConfig auctionDurationNs(final long durationNs)
    {
        this.auctionDurationNs = durationNs;
        return this;
    }

    /**
     * @return whether the simulation answers the engine's liquidation orders and auctions (the venue's
     * liquidation desk and the liquidators): it then needs every output frame of the engine through
     * {@link MarketSimulation#onOutput}, and holds its clock back until the outputs it may have to answer have
     * arrived.
     */
    public boolean liquidationDesk()
    {
        return liquidationDesk;
    }

    /**
     * Sets {@link #liquidationDesk()}.
     *
     * @param liquidationDesk the new value.
     * @return this for a fluent API.
     */
    public SimulationConfig liquidationDesk(final boolean liquidationDesk)
    {
        this.liquidationDesk = liquidationDesk;
        return this;
    }

    /**
     * @return {@link #BORROWER_SHARE_PROP_NAME} as set, {@link #BORROWER_SHARE_DEFAULT} unset, NaN if it is no
     * number (refused by {@link #conclude()}).
     */
    public static double borrowerShareProperty()
    {
        final String value = System.getProperty(BORROWER_SHARE_PROP_NAME);
        if (null == value)
        {
            return BORROWER_SHARE_DEFAULT;
        }
        try
        {
            return Double.parseDouble(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    /**
     * @return of the collateral-only and covered-call accounts, the share that borrows USDC.
     */
    public double borrowerShare()
    {
        return borrowerShare;
    }

    /**
     * Sets {@link #borrowerShare()}.
     *
     * @param share the new value, in [0, 1].
     * @return this for a fluent API.
     */
    public SimulationConfig borrowerShare(final double share)
    {
        this.borrowerShare = share;
        return this;
    }

    private void validate()
    {
        require(accounts >= 1 && accounts <= 1_000_000, "accounts must be in 1..1000000: " + accounts);
        require(startTimeNs > 0, "startTimeNs must be positive: " + startTimeNs);
        require(stepNs > 0, "stepNs must be positive: " + stepNs);
        require(eventsPerStep >= 1, "eventsPerStep must be at least 1: " + eventsPerStep);
        requireWeight(priceTickWeight, "priceTickWeight");
        requireWeight(volatilityWeight, "volatilityWeight");
        requireWeight(orderCheckWeight, "orderCheckWeight");
        requireWeight(depositWeight, "depositWeight");
        requireWeight(withdrawalWeight, "withdrawalWeight");
        require(
            priceTickWeight + volatilityWeight + orderCheckWeight + depositWeight + withdrawalWeight > 0.0,
            "at least one event weight must be positive");
        requireProbability(orderDoneProbability, "orderDoneProbability");
        requireProbability(fillProbability, "fillProbability");
        requireProbability(edgeCaseProbability, "edgeCaseProbability");
        requireProbability(jumpProbability, "jumpProbability");
        requireProbability(depegProbability, "depegProbability");
        requireProbability(borrowerShare, "borrowerShare (" + BORROWER_SHARE_PROP_NAME + ")");
        require(maxOrderLifetimeSteps >= 1, "maxOrderLifetimeSteps must be at least 1: " + maxOrderLifetimeSteps);
        require(
            pendingOrderCapacity >= 2 && Integer.bitCount(pendingOrderCapacity) == 1,
            "pendingOrderCapacity must be a power of two: " + pendingOrderCapacity);
        requireVolatility(btcVolatility, "btcVolatility");
        requireVolatility(ethVolatility, "ethVolatility");
        requireVolatility(solVolatility, "solVolatility");
        require(Double.isFinite(jumpMean) && Math.abs(jumpMean) < 1.0, "jumpMean out of range: " + jumpMean);
        require(jumpStdDev >= 0.0 && jumpStdDev < 1.0, "jumpStdDev out of range: " + jumpStdDev);
        require(heartbeatIntervalNs > 0, "heartbeatIntervalNs must be positive: " + heartbeatIntervalNs);
        require(fundingIntervalNs > 0, "fundingIntervalNs must be positive: " + fundingIntervalNs);
        require(firstCrashNs > 0, "firstCrashNs must be positive: " + firstCrashNs);
        require(crashIntervalNs >= 0, "crashIntervalNs must not be negative: " + crashIntervalNs);
        require(crashMinDepth > 0.0 && crashMinDepth <= crashMaxDepth && crashMaxDepth < 1.0,
            "crash depths must satisfy 0 < min <= max < 1: " + crashMinDepth + ", " + crashMaxDepth);
        require(crashFallNs > 0 && crashRecoveryNs > 0,
            "crash fall and recovery must be positive: " + crashFallNs + ", " + crashRecoveryNs);
        require(liquidators >= 0 && liquidators <= MarketSimulation.MAX_LIQUIDATORS,
            "liquidators must be in 0.." + MarketSimulation.MAX_LIQUIDATORS + ": " + liquidators);
        require(liquidatorDepositUsd > 0.0 && liquidatorDepositUsd <= 1.0e12,
            "liquidatorDepositUsd must be in (0, 1e12]: " + liquidatorDepositUsd);
        require(auctionDurationNs >= 0 && auctionDurationNs <= 3_600L * NANOS_PER_SECOND,
            "auctionDurationNs must be in 0..3.6e12: " + auctionDurationNs);
        require(insuranceFundUsd >= 0.0 && insuranceFundUsd <= 1.0e12,
            "insuranceFundUsd must be in [0, 1e12]: " + insuranceFundUsd);
        // the desk answers an output no sooner than its response delay: the clock must be able to step within it
        require(!liquidationDesk || stepNs * 2 <= MarketSimulation.RESPONSE_DELAY_NS,
            "the liquidation desk needs stepNs <= " + MarketSimulation.RESPONSE_DELAY_NS / 2 + ": " + stepNs);
        require(
            Cholesky.isPositiveDefinite(correlationMatrix()),
            "correlations do not form a positive-definite matrix");
    }

    double[][] correlationMatrix()
    {
        return new double[][]
        {
            { 1.0, btcEthCorrelation, btcSolCorrelation },
            { btcEthCorrelation, 1.0, ethSolCorrelation },
            { btcSolCorrelation, ethSolCorrelation, 1.0 },
        };
    }

    double[] annualVolatilities()
    {
        return new double[]{ btcVolatility, ethVolatility, solVolatility };
    }

    private static void requireWeight(final double weight, final String name)
    {
        require(weight >= 0.0 && Double.isFinite(weight), name + " must be finite and non-negative: " + weight);
    }

    private static void requireProbability(final double probability, final String name)
    {
        require(probability >= 0.0 && probability <= 1.0, name + " must be in [0, 1]: " + probability);
    }

    private static void requireVolatility(final double volatility, final String name)
    {
        require(volatility > 0.0 && volatility < 10.0, name + " must be in (0, 10): " + volatility);
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString()
    {
        return "SimulationConfig{" +
            "seed=" + seed +
            ", accounts=" + accounts +
            ", startTimeNs=" + startTimeNs +
            ", stepNs=" + stepNs +
            ", eventsPerStep=" + eventsPerStep +
            ", edgeCaseProbability=" + edgeCaseProbability +
            ", crashIntervalNs=" + crashIntervalNs +
            ", liquidationDesk=" + liquidationDesk +
            ", borrowerShare=" + borrowerShare +
            '}';
    }
}
