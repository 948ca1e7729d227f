package io.pme.engine.margin;

import io.pme.engine.logic.MarginExplanation;
import io.pme.engine.logic.MarginFigures;
import io.pme.engine.logic.MarginListener;
import io.pme.engine.logic.MarginModel;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.OpenOrders;
import io.pme.engine.state.RiskVectors;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The rulebook's portfolio margin, kept current for every account of the engine, incrementally. A tick on an
 * underlying moves each exposed account's scenario vector by its stored expansion (no walk over positions); an
 * account is revalued exactly from its positions when its change is its own (deposit, fill…), when the spot has
 * moved more than {@link #REFRESH_MOVE} from its reference, when the reference is older than {@link #MAX_AGE_NS} of
 * message time, or when its figures come within {@link #DECISION_BAND} of its IM or MM, so every state decision is
 * taken on exact figures. Accounts that change state are reported at once.
 * <p>
 * A tick visits only the accounts it can bring near a threshold or due for a refresh: after every evaluation each
 * account gets, per underlying it holds, a spot band within which the distance of its figures to every threshold,
 * shrinking at most at the account's bounded slopes, stays positive (the distance is shared out among its
 * underlyings, so any combination of ticks within the bands is safe). A tick inside the band changes nothing a
 * visit would decide; the account's vectors and figures are moved to the new spots when next read
 * ({@link #settle()}, checks, queries), by the same arithmetic a visit would have done, so skipping changes no
 * figure and no digest.
 */
public final class PortfolioRiskModel implements RiskModelBinding, MarginModel
{
    /**
     * Borrowers of collateral without a grid one input reviews at most after an interest epoch (the epoch itself
     * only advances the collateral epoch, so every read of an account is exact whatever the sweep has reached).
     */
    public static final int DEBT_REVIEWS_PER_INPUT = 256;
    /** Relative spot move from the reference after which an account is revalued exactly. */
    public static final double REFRESH_MOVE = 0.005;
    /**
     * The same for an underlying on which the account holds no option: its balance and linear contracts have risk
     * arrays and equity linear in the spot, so the expansion is exact however far the spot moves (zero gamma, no
     * remainder); the bound only keeps bands finite. Without it a crash refreshes every holder at each 0.5% it falls.
     */
    public static final double LINEAR_REFRESH_MOVE = 0.25;
    /**
     * Price time after which an account's expansion on an underlying is rebuilt, at the latest, less a stagger of up
     * to a quarter by slot, so that accounts refreshed together do not all come due on the same tick. The expansion
     * follows time by each option's time decay; shorter-dated options shorten it (see
     * {@code InstrumentRiskCache.AGE_FRACTION}).
     */
    public static final long MAX_AGE_NS = 300_000_000_000L;
    /**
     * Distance to a threshold (zero equity, IM, MM), relative to |equity| + IM + Σ |option marks|, within which the
     * figures are recomputed exactly before a state or check decision: ten times the expansion's documented error
     * ({@link #TOLERANCE}).
     */
    public static final double DECISION_BAND = 1.0e-5;
    /**
     * The documented tolerance of the incremental figures, relative: |ΔIM| ≤ this × IM + {@link #TOLERANCE_FLOOR},
     * |ΔE| ≤ this × (|E| + Σ|option marks|) + {@link #TOLERANCE_FLOOR}; the expansion's spot remainder is held to half
     * of it per account.
     */
    public static final double TOLERANCE = 1.0e-6;
    /** The documented tolerance's absolute part, in USD. */
    public static final double TOLERANCE_FLOOR = 0.01;
    /** Absolute part of the decision band, in USD: ten times the documented absolute error of 0.01. */
    public static final double DECISION_FLOOR = 0.1;
    /**
     * Share of an account's distance to its nearest threshold, less all that its spots and time may take of it
     * before its next exact refresh, that volatility changes of its options may take while it takes them lazily.
     */
    public static final double VOLATILITY_BUDGET_SHARE = 0.2;
    /**
     * Width, in log price, of the steps of a collateral price that is no underlying: a price crossing one ends every
     * account's volatility budget, which is sized for collateral moving within one step either way.
     */
    public static final double COLLATERAL_STEP = 1.0e-3;

    private RiskParameters saved;
    private static final int MAX_WHAT_IF_TRADES = 4096;

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;
    private final OpenOrders orders;
    private final RiskVectors vectors;
    private final Path parametersFile;
    private final long[] balanceMasks;
    private final long[] collateralMasks;
    private final int[] collateralIndices;
    private final int[] debtSweepCursors;
    /** Each wrapped asset's price at its last tick: what its holders' wrapped shares stand at. */
    private final double[] wrappedPrices;
    private long debtSweeps;
    private final int[] collateralAssets;
    private final int maxUnderlyings;
    private final Holders holders;
    private final InstrumentHolders instrumentHolders;
    private final VolatilityChanges volatilityChanges;
    private final long[] collateralSteps;
    private final double[] untaken = new double[VolatilityChanges.LENGTH];
    private final Trades trades = new Trades(MAX_WHAT_IF_TRADES);
    private final Trades takeoverTrades;
    private final MarginFigures explained = new MarginFigures();
    private final MarginFigures figures = new MarginFigures();
    private final MarginFigures buys = new MarginFigures();
    private final MarginFigures sells = new MarginFigures();
    private final boolean skipSafeAccounts;
    private RiskParameters parameters;
    private InstrumentRiskCache cache;
    private AccountRiskCalculator calculator;
    private IncrementalAccounts incremental;
    private int collateralCount;
    private long tickVisits;
    private long exactChecks;
    private long debtIndexPending;
    private long nearDecisionRefreshes;
    private long lazyVolatilityChanges;
    private long volatilityHolderChanges;
    private long volatilityCatchUps;
    private int tradesSlot = -1;
    private boolean observing;
    private long tradesInputSequence = -1;

    /**
     * @param parametersFile the parameter file, or null for the defaults shipped with the engine.
     */
    public PortfolioRiskModel(final EngineState state, final Path parametersFile)
    {
        this(state, parametersFile, true);
    }

    /**
     * @param parametersFile   the parameter file, or null for the defaults shipped with the engine.
     * @param skipSafeAccounts whether ticks leave accounts inside their safe band to be moved when read (the
     *                         default); false visits every holder on every tick, e.g. to compare.
     */
    public PortfolioRiskModel(final EngineState state, final Path parametersFile, final boolean skipSafeAccounts)
    {
        if (state.assets().capacity() > Long.SIZE)
        {
            throw new IllegalArgumentException("exposure masks cover " + Long.SIZE + " assets, configured " +
                state.assets().capacity());
        }
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.orders = state.openOrders();
        this.vectors = state.riskVectors();
        this.parametersFile = parametersFile;
        this.skipSafeAccounts = skipSafeAccounts;
        takeoverTrades = new Trades(accounts.maxPositions());
        balanceMasks = new long[accounts.capacity()];
        collateralMasks = new long[accounts.capacity()];
        maxUnderlyings = vectors.maxUnderlyings();
        collateralIndices = new int[state.assets().capacity()];
        debtSweepCursors = new int[state.assets().capacity()];
        wrappedPrices = new double[state.assets().capacity()];
        Arrays.fill(wrappedPrices, Double.NaN);
        collateralAssets = new int[maxUnderlyings];
        java.util.Arrays.fill(collateralIndices, -1);
        holders = new Holders(accounts.capacity(), 2 * maxUnderlyings);
        instrumentHolders = new InstrumentHolders(accounts, instruments.capacity());
        volatilityChanges = new VolatilityChanges(instruments.capacity());
        collateralSteps = new long[state.assets().capacity()];
        java.util.Arrays.fill(collateralSteps, Long.MIN_VALUE);
        resetParameters();
    }

    @Override
    public MarginModel model()
    {
        return this;
    }

    @Override
    public int wrappedUnderlying(final int assetId)
    {
        return parameters.isDefined(assetId) ? parameters.wrappedUnderlying(assetId) : -1;
    }

    /** @return the risk parameters in force. */
    public RiskParameters parameters()
    {
        return parameters;
    }

    @Override
    public void defineAsset(final int assetId, final String symbol)
    {
        parameters.defineAsset(assetId, symbol);
        cache.invalidateUnderlying(assetId);
    }

    @Override
    public boolean isUnderlying(final int assetId)
    {
        return parameters.isUnderlying(assetId);
    }

    @Override
    public int applyParameter(
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        return parameters.apply(parameterId, assetId, index, value, value2);
    }

    @Override
    public void resetParameters()
    {
        final int maxAssets = state.assets().capacity();
        parameters = null == parametersFile ?
            RiskParameters.loadDefaults(maxAssets) : RiskParameters.load(parametersFile, maxAssets);
        cache = new InstrumentRiskCache(state, parameters);
        calculator = new AccountRiskCalculator(state, parameters, cache);
        incremental = new IncrementalAccounts(state, parameters, cache);
    }

    @Override
    public void saveParameters()
    {
        if (null == saved)
        {
            saved = new RiskParameters(state.assets().capacity());
        }
        saved.copyValuesFrom(parameters);
    }

    @Override
    public void restoreParameters()
    {
        parameters.copyValuesFrom(saved);
    }

    @Override
    public long parametersDigest()
    {
        return parameters.digestInto(0x5EED_0F_9A2A4E7EL);
    }

    @Override
    public boolean isLoaded()
    {
        return true;
    }

    @Override
    public void refresh(final int slot)
    {
        balanceMasks[slot] = balanceMask(slot);
        updateCollateral(slot);
        instrumentHolders.sync(slot);
        exact(slot);
    }

    // An exact refresh prices every option at today's volatility: the changes it had not taken are in it.
    private void exact(final int slot)
    {
        final long oldMask = vectors.mask(slot);
        for (int r = 0, n = instrumentHolders.registrations(slot); r < n; r++)
        {
            final int instrumentId = instrumentHolders.registeredInstrument(slot, r);
            instrumentHolders.taken(instrumentId, instrumentHolders.registeredIndex(slot, r),
                volatilityChanges.written(instrumentId));
        }
        instrumentHolders.pending(slot, false);
        incremental.refresh(slot, state.nowNs(), balanceMasks[slot]);
        holders.update(slot, oldMask, vectors.mask(slot), 0);
        incremental.figures(slot, -1, 0.0, 0.0, figures);
        evaluated(slot);
    }

    // The figures were evaluated exactly or on a volatility change: from them, how far lazy volatility changes may
    // move them, and the trusted ranges with that reserved, then the bands. Both are state, set on inputs that visit
    // the account whether or not ticks skip accounts inside their bands.
    private void evaluated(final int slot)
    {
        double budget = 0.0;
        if (figures.isMargined())
        {
            final double e = figures.equity;
            final double nearest = Math.min(Math.abs(e), Math.min(
                Math.abs(e - figures.initialMargin), Math.abs(e - figures.maintenanceMargin)));
            final double drift = incremental.driftBound(slot, Math.max(1.0, parameters.mmFactor())) +
                collateralDrift(slot);
            budget = VOLATILITY_BUDGET_SHARE *
                Math.max(0.0, nearest - decisionBand(slot, figures) - (1.0 + 2.0 * DECISION_BAND) * drift);
        }
        vectors.volatilityBudget(slot, budget);
        incremental.limitRanges(slot, figures, budget);
        keep(slot);
    }

    // Equity of collateral that is no underlying moves at most by its value per unit of relative price (haircut
    // slopes are at most 1); its price stays within twice a step of today's until a step is crossed.
    private double collateralDrift(final int slot)
    {
        double drift = 0.0;
        for (long m = balanceMasks[slot]; 0 != m; m &= m - 1)
        {
            final int a = Long.numberOfTrailingZeros(m);
            if (!parameters.isUnderlying(a))
            {
                drift += Math.abs(accounts.balance(slot, a) * state.assets().price(a));
            }
        }
        return 2.0 * Math.expm1(COLLATERAL_STEP) * drift;
    }

    // Collateral that is no underlying gets a list of its holders like an underlying, up to as many such assets as
    // underlyings; the prices of any further ones revalue every account holding them.
    private void updateCollateral(final int slot)
    {
        long mask = 0;
        for (long m = balanceMasks[slot]; 0 != m; m &= m - 1)
        {
            final int a = Long.numberOfTrailingZeros(m);
            if (!parameters.isUnderlying(a))
            {
                if (collateralIndices[a] < 0 && collateralCount < maxUnderlyings)
                {
                    collateralAssets[collateralCount] = a;
                    collateralIndices[a] = collateralCount++;
                }
                if (collateralIndices[a] >= 0)
                {
                    mask |= 1L << collateralIndices[a];
                }
            }
        }
        holders.update(slot, collateralMasks[slot], mask, maxUnderlyings);
        collateralMasks[slot] = mask;
    }

    private void store(final int slot)
    {
        incremental.figures(slot, -1, 0.0, 0.0, figures);
        keep(slot);
    }

    private void keep(final int slot)
    {
        accounts.figures(slot, figures.equity, figures.initialMargin, figures.maintenanceMargin, figures.state);
        band(slot);
    }

    // The figures' distance to the nearest threshold of the decision band, halved against rounding, is shared
    // out among the account's underlyings and collateral; each share over that price's slope bound is how far it
    // may move, within the range the expansion is trusted for, before the account must be looked at again.
    private void band(final int slot)
    {
        final long mask = vectors.mask(slot);
        final long collateral = collateralMasks[slot];
        final double e = figures.equity;
        final double scale = Math.abs(e) + figures.initialMargin;
        final double nearest = Math.min(Math.abs(e), Math.min(
            Math.abs(e - figures.initialMargin), Math.abs(e - figures.maintenanceMargin)));
        final double distance = nearest - decisionBand(slot, figures);
        final double share = (0.5 * distance - 1e-9 * scale) / (Long.bitCount(mask) + Long.bitCount(collateral));
        if (!skipSafeAccounts || !(share > 0.0))
        {
            for (long m = mask; 0 != m; m &= m - 1)
            {
                holders.band(slot, Long.numberOfTrailingZeros(m), Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Long.MIN_VALUE);
            }
            for (long m = collateral; 0 != m; m &= m - 1)
            {
                holders.band(slot, maxUnderlyings + Long.numberOfTrailingZeros(m), Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Long.MIN_VALUE);
            }
            return;
        }
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        final double mmWeight = Math.max(1.0, parameters.mmFactor());
        for (long m = mask; 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final double spot = state.assets().price(vectors.assetOf(d));
            final double reference = hot.getDouble(vectors.offset(slot, d, RiskVectors.SPOT));
            final double equitySlope = cold.getDouble(vectors.offset(slot, d, RiskVectors.EQUITY_SLOPE));
            final double marginSlope = cold.getDouble(vectors.offset(slot, d, RiskVectors.MARGIN_SLOPE));
            final double slope = (1.0 + DECISION_BAND) * (equitySlope + mmWeight * marginSlope);
            final double width = share / slope;
            final double reach = cold.getDouble(vectors.offset(slot, d, RiskVectors.REFRESH_RANGE)) * (1.0 - 1e-9) *
                reference;
            holders.band(slot, d, Math.max(spot - width, reference - reach), Math.min(spot + width, reference + reach),
                incremental.deadlineNs(slot, d));
        }
        // equity of collateral moves at most by the balance per unit of price: haircut slopes are at most 1
        for (long m = collateral; 0 != m; m &= m - 1)
        {
            final int c = Long.numberOfTrailingZeros(m);
            final int a = collateralAssets[c];
            final double price = state.assets().price(a);
            final double width = share / ((1.0 + DECISION_BAND) * Math.abs(accounts.balance(slot, a)));
            holders.band(slot, maxUnderlyings + c, price - width, price + width, Long.MAX_VALUE);
        }
    }

    // A tick moved some of the account's underlyings, or changed the volatility of its options, while it sat inside
    // its bands: move it now, as a visit would.
    private void settle(final int slot)
    {
        if (Double.isNaN(vectors.baseEquity(slot)))
        {
            return;
        }
        if (observing)
        {
            // a check that may be refused reads as a visit does: it must leave the expansion's bits as they were
            final boolean moved = incremental.settle(slot, balanceMasks[slot]);
            if (instrumentHolders.isPending(slot))
            {
                overlayPending(slot);
                store(slot);
            }
            else if (moved)
            {
                store(slot);
            }
            return;
        }
        if (takePending(slot) | incremental.settle(slot, balanceMasks[slot]))
        {
            store(slot);
        }
    }

    // The volatility changes the account has not taken yet, into its expansion: on inputs that reach the account
    // whether or not ticks skip accounts inside their bands (its own inputs, a volatility tick that evaluates it or
    // finds it too far behind, a digest or snapshot), in the order of its positions, so that the expansion's bits are
    // a function of the journaled inputs alone.
    private boolean takePending(final int slot)
    {
        if (!instrumentHolders.isPending(slot))
        {
            return false;
        }
        instrumentHolders.pending(slot, false);
        long changed = 0;
        for (int p = 0, n = accounts.positionCount(slot); p < n; p++)
        {
            final int instrumentId = accounts.positionInstrument(slot, p);
            final int index = instrumentHolders.indexOf(slot, instrumentId);
            if (index >= 0 && untaken(instrumentId, index))
            {
                final int d = vectors.dense(instruments.underlying(instrumentId));
                incremental.takeVolatility(slot, d, instrumentId, accounts.positionQuantity(slot, p), untaken,
                    volatilityChanges.originSpot(instrumentId), volatilityChanges.originTimeNs(instrumentId));
                instrumentHolders.taken(instrumentId, index, volatilityChanges.written(instrumentId));
                changed |= 1L << d;
            }
        }
        for (long m = changed; 0 != m; m &= m - 1)
        {
            incremental.volatilityChanged(slot, Long.numberOfTrailingZeros(m));
        }
        return true;
    }

    // A holder too far behind on the option takes that option's changes alone; it stays pending, so that its next
    // read brings its stored figures to its expansion.
    private void catchUp(final int slot, final int d, final int instrumentId, final int index)
    {
        if (untaken(instrumentId, index))
        {
            incremental.takeVolatility(slot, d, instrumentId,
                accounts.positionQuantity(slot, accounts.findPosition(slot, instrumentId)), untaken,
                volatilityChanges.originSpot(instrumentId), volatilityChanges.originTimeNs(instrumentId));
            instrumentHolders.taken(instrumentId, index, volatilityChanges.written(instrumentId));
            incremental.volatilityChanged(slot, d);
        }
    }

    // A tick visiting the account sees its figures as if it had taken its volatility changes, and leaves them untaken:
    // which accounts a tick visits depends on whether it skips those inside their bands, so a visit may not change
    // the expansion's bits.
    private void overlayPending(final int slot)
    {
        if (!instrumentHolders.isPending(slot))
        {
            return;
        }
        for (int p = 0, n = accounts.positionCount(slot); p < n; p++)
        {
            final int instrumentId = accounts.positionInstrument(slot, p);
            final int index = instrumentHolders.indexOf(slot, instrumentId);
            if (index >= 0 && untaken(instrumentId, index))
            {
                incremental.overlayVolatility(slot, vectors.dense(instruments.underlying(instrumentId)), instrumentId,
                    accounts.positionQuantity(slot, p), untaken, volatilityChanges.originSpot(instrumentId),
                    volatilityChanges.originTimeNs(instrumentId));
            }
        }
    }

    // Fills the sums of the changes the member has not taken, if any.
    private boolean untaken(final int instrumentId, final int index)
    {
        final long taken = instrumentHolders.taken(instrumentId, index);
        if (taken >= volatilityChanges.written(instrumentId) || !volatilityChanges.inEpoch(instrumentId))
        {
            return false;
        }
        volatilityChanges.untaken(instrumentId, taken, untaken);
        return true;
    }

    /**
     * Brings every account's stored figures to today's spots and volatilities, before they are read in bulk, leaving
     * volatility changes untaken: an observation, like a visit.
     */
    @Override
    public void settle()
    {
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (!Double.isNaN(vectors.baseEquity(slot)))
            {
                final boolean moved = incremental.settle(slot, balanceMasks[slot]);
                if (instrumentHolders.isPending(slot))
                {
                    overlayPending(slot);
                    store(slot);
                }
                else if (moved)
                {
                    store(slot);
                }
            }
        }
    }

    /**
     * Brings one account's stored figures to today's spots and volatilities, as {@link #settle()} does for every
     * account, leaving volatility changes untaken: an observation, so a reader of a few accounts after every input (an
     * audit) sees the figures a query would, and the model does next what it would have done unobserved.
     *
     * @param slot the account's slot.
     */
    public void observe(final int slot)
    {
        final boolean wasObserving = observing;
        observing = true;
        settle(slot);
        observing = wasObserving;
    }

    // Every account takes every volatility change, so that the snapshot holds them; the sums then restart, so that
    // an engine restored from it keeps the same sums as the one that wrote it.
    @Override
    public void settleForSnapshot()
    {
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            settle(slot);
        }
        volatilityChanges.newEpoch();
    }

    @Override
    public void onPrice(final int assetId, final MarginListener listener)
    {
        cache.invalidateUnderlying(assetId);
        final int d = vectors.denseIfAssigned(assetId);
        if (d >= 0 && parameters.isUnderlying(assetId))
        {
            vectors.advancePriceEpoch();
            moveHolders(d, state.assets().price(assetId), state.assets().priceTimeNs(assetId), listener);
        }
        else
        {
            vectors.advanceCollateralEpoch();
            final long step = collateralStep(assetId);
            if (step != collateralSteps[assetId])
            {
                collateralSteps[assetId] = step;
                vectors.clearVolatilityBudgets();
            }
            final int c = collateralIndices[assetId];
            if (parameters.wrappedUnderlying(assetId) >= 0)
            {
                refreshWrappedHolders(assetId, c, listener);
            }
            else if (c >= 0)
            {
                moveHolders(maxUnderlyings + c, state.assets().price(assetId), state.nowNs(), listener);
            }
            else
            {
                revalueCollateral(assetId, listener);
            }
        }
    }

    // Rulebook section 7: a wrapped asset's price moves its holders' scenario vectors in its underlying's grid and
    // their de-peg add-on, which the expansion in the underlying's spot does not follow. Both are linear in the
    // wrapped price, so every holder, whatever its band, takes exactly the move since the last tick and is reviewed
    // (exactly near a threshold): the same accounts with bands or without, so skipping changes no bit. A first price,
    // or an account without its leg, is refreshed exactly.
    private void refreshWrappedHolders(final int assetId, final int c, final MarginListener listener)
    {
        final double before = wrappedPrices[assetId];
        final double after = state.assets().price(assetId);
        wrappedPrices[assetId] = after;
        final boolean linear = before >= 0.0 && before < Double.MAX_VALUE && after >= 0.0 && after < Double.MAX_VALUE;
        if (c >= 0)
        {
            final int list = maxUnderlyings + c;
            for (int i = holders.count(list) - 1; i >= 0; i--)
            {
                wrappedVisit(holders.member(list, i), assetId, linear, before, after, listener);
            }
            return;
        }
        final long bit = 1L << assetId;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (0 != (balanceMasks[slot] & bit))
            {
                wrappedVisit(slot, assetId, linear, before, after, listener);
            }
        }
    }

    private void wrappedVisit(
        final int slot, final int assetId, final boolean linear, final double before, final double after,
        final MarginListener listener)
    {
        tickVisits++;
        final byte previous = accounts.state(slot);
        if (linear && !Double.isNaN(vectors.baseEquity(slot)) && incremental.moveWrapped(slot, assetId, before, after))
        {
            review(slot);
        }
        else
        {
            exact(slot);
        }
        report(slot, previous, listener);
    }

    // Backwards, because an exact refresh that changes an account's exposures swaps the last member into its place.
    private void moveHolders(final int list, final double price, final long timeNs, final MarginListener listener)
    {
        for (int i = holders.previousToVisit(list, holders.count(list) - 1, price, timeNs); i >= 0;
            i = holders.previousToVisit(list, i - 1, price, timeNs))
        {
            visit(holders.member(list, i), list, price, timeNs, listener);
        }
    }

    private long collateralStep(final int assetId)
    {
        return (long)Math.floor(StrictMath.log(state.assets().price(assetId)) / COLLATERAL_STEP + 0.5);
    }

    private void visit(final int slot, final int list, final double price, final long timeNs,
        final MarginListener listener)
    {
        tickVisits++;
        final byte previous = accounts.state(slot);
        if (Double.isNaN(vectors.baseEquity(slot)) ||
            list < maxUnderlyings && incremental.move(slot, list, price, timeNs))
        {
            exact(slot);
        }
        else
        {
            review(slot);
        }
        report(slot, previous, listener);
    }

    // The account brought to today's spots and volatilities, revalued exactly when near a threshold.
    private void review(final int slot)
    {
        incremental.settle(slot, balanceMasks[slot]);
        overlayPending(slot);
        incremental.figures(slot, -1, 0.0, 0.0, figures);
        if (isNearBoundary(slot, figures))
        {
            nearDecisionRefreshes++;
            exact(slot);
        }
        else
        {
            keep(slot);
        }
    }

    private void revalueCollateral(final int assetId, final MarginListener listener)
    {
        final long bit = 1L << assetId;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            if (0 != (balanceMasks[slot] & bit))
            {
                visit(slot, maxUnderlyings, 0.0, state.nowNs(), listener);
            }
        }
    }

    private boolean isNearBoundary(final int slot, final MarginFigures f)
    {
        final double band = decisionBand(slot, f);
        return Math.abs(f.equity - f.initialMargin) <= band || Math.abs(f.equity - f.maintenanceMargin) <= band ||
            Math.abs(f.equity) <= band;
    }

    private double decisionBand(final int slot, final MarginFigures f)
    {
        return DECISION_BAND * (Math.abs(f.equity) + f.initialMargin + incremental.grossOptionValue(slot)) +
            DECISION_FLOOR;
    }

    private void report(final int slot, final byte previous, final MarginListener listener)
    {
        if (previous != accounts.state(slot))
        {
            listener.onStateChange(slot, previous);
        }
    }

    // The option's change of risk array at today's spot is added to each holder's expansion, re-centred on its
    // reference, so that the expansion equals the exact one at today's spot; no walk over the holder's positions.
    // A change is kept, and a holder whose volatility budget covers all it can move its figures by takes it when next
    // read: the tick reads only the holder's quantity and budget, in one pass. A change that raises the option's
    // third-derivative bounds or shrinks its trusted range narrows each holder's range on the tick (the rise of its
    // remainder bound is taken then, not kept with the rest of the change).
    @Override
    public void onVolatility(final int instrumentId, final MarginListener listener)
    {
        final int count = instrumentHolders.count(instrumentId);
        if (0 == count)
        {
            cache.invalidateInstrument(instrumentId);
            cache.volatilityPriced(instrumentId);
            return;
        }
        final boolean priced = MarginResult.STATUS_OK == cache.volatilityChange(instrumentId);
        final int d = vectors.denseIfAssigned(instruments.underlying(instrumentId));
        final boolean lazy = priced && d >= 0 && cache.changeKeepsAge(instrumentId);
        final double[] change = cache.change();
        final double perContract = lazy ? changeBound(instrumentId, change) : 0.0;
        final double marginRise = lazy ? Math.max(0.0, change[InstrumentRiskCache.THIRD_CHANGE]) : 0.0;
        final double equityRise = lazy ? Math.max(0.0, change[InstrumentRiskCache.THIRD_CHANGE + 1]) : 0.0;
        final double optionRange = lazy && cache.changeShrankRange(instrumentId) ?
            cache.refreshRange(instrumentId) : Double.POSITIVE_INFINITY;
        final boolean narrows = marginRise > 0.0 || equityRise > 0.0 || optionRange < Double.POSITIVE_INFINITY;
        if (lazy)
        {
            change[InstrumentRiskCache.THIRD_CHANGE] -= marginRise;
            change[InstrumentRiskCache.THIRD_CHANGE + 1] -= equityRise;
            volatilityChanges.record(instrumentId, change);
        }
        final long written = volatilityChanges.written(instrumentId);
        final double multiplier = instruments.multiplier(instrumentId);
        volatilityHolderChanges += count;
        for (int i = count - 1; i >= 0; i--)
        {
            final int slot = instrumentHolders.member(instrumentId, i);
            final double budget = vectors.volatilityBudget(slot);
            final double quantity = instrumentHolders.quantity(instrumentId, i);
            // a positive budget is only ever set for an account margined and exposed to the option's underlying
            final boolean affordable = lazy && budget > 0.0 && budget >= quantity * perContract;
            if (affordable && (!narrows ||
                !Double.isNaN(narrowHolder(slot, d, quantity, multiplier, marginRise, equityRise, optionRange))))
            {
                lazyVolatilityChanges++;
                vectors.volatilityBudget(slot, budget - quantity * perContract);
                instrumentHolders.pending(slot, true);
                if (written - instrumentHolders.taken(instrumentId, i) > behindLimit(slot))
                {
                    volatilityCatchUps++;
                    catchUp(slot, d, instrumentId, i);
                }
                if (!skipSafeAccounts)
                {
                    final byte previous = accounts.state(slot);
                    review(slot);
                    report(slot, previous, listener);
                }
                continue;
            }
            final byte previous = accounts.state(slot);
            if (!priced || d < 0 || Double.isNaN(vectors.baseEquity(slot)) ||
                0 == (vectors.mask(slot) & (1L << d)))
            {
                exact(slot);
            }
            else
            {
                if (narrows && !affordable)
                {
                    incremental.narrow(slot, d, quantity * marginRise, quantity * multiplier * equityRise,
                        optionRange);
                }
                instrumentHolders.pending(slot, lazy || instrumentHolders.isPending(slot));
                takePending(slot);
                incremental.settle(slot, balanceMasks[slot]);
                if (!lazy)
                {
                    incremental.changeVolatility(slot, d, instrumentId,
                        accounts.positionQuantity(slot, accounts.findPosition(slot, instrumentId)),
                        cache.change(), 0);
                    incremental.volatilityChanged(slot, d);
                }
                incremental.figures(slot, -1, 0.0, 0.0, figures);
                if (isNearBoundary(slot, figures))
                {
                    exact(slot);
                }
                else
                {
                    evaluated(slot);
                }
            }
            report(slot, previous, listener);
        }
        cache.volatilityPriced(instrumentId);
    }

    // The holder's remainder bounds raised and its trusted range narrowed for a change it takes lazily, its band
    // narrowed with it as a visit would set it; NaN when its range cannot be narrowed so, and it must be evaluated.
    private double narrowHolder(
        final int slot, final int d, final double quantity, final double multiplier, final double marginRise,
        final double equityRise, final double optionRange)
    {
        final double range = incremental.narrow(slot, d, quantity * marginRise, quantity * multiplier * equityRise,
            optionRange);
        if (!Double.isNaN(range))
        {
            final double reference = vectors.get(slot, d, RiskVectors.SPOT);
            final double reach = range * (1.0 - 1e-9) * reference;
            holders.narrow(slot, d, reference - reach, reference + reach);
        }
        return range;
    }

    // A holder is less than DEPTH changes of an option behind, and catches up earlier by a stagger of its slot, so
    // that holders that took the same changes lazily do not all catch up on the same tick.
    private static int behindLimit(final int slot)
    {
        return VolatilityChanges.DEPTH - 1 - (slot & (VolatilityChanges.DEPTH / 2 - 1));
    }

    // Per contract, how far the change can move the distance of a holder's figures to any threshold, at any spot
    // within twice the widest trusted range of the tick's and any price time within the longest trusted age after it:
    // its expansion's terms at their largest, on the mark and on each scenario, weighted as IM and MM take them.
    private double changeBound(final int instrumentId, final double[] change)
    {
        final double reach = 2.02 * REFRESH_MOVE * change[InstrumentRiskCache.CHANGE_SPOT];
        final double age = MAX_AGE_NS;
        final int n = RiskVectors.SCENARIOS;
        double scenario = 0.0;
        for (int k = 0; k < n; k++)
        {
            scenario = Math.max(scenario, Math.abs(change[k]) + reach * Math.abs(change[n + k]) +
                0.5 * reach * reach * Math.abs(change[2 * n + k]) + age * Math.abs(change[3 * n + k]));
        }
        final int m = InstrumentRiskCache.MARK_CHANGE;
        final double mark = Math.abs(change[m]) + reach * Math.abs(change[m + 1]) +
            0.5 * reach * reach * Math.abs(change[m + 2]) + age * Math.abs(change[m + 3]);
        final double offset = Math.max(1.0, Math.abs(parameters.pnlOffset(instruments.underlying(instrumentId))));
        return (1.0 + 2.0 * DECISION_BAND) * (1.0 + 1.0e-9) * (instruments.multiplier(instrumentId) * mark +
            Math.max(1.0, parameters.mmFactor()) * offset * scenario);
    }

    @Override
    public void onRestore()
    {
        cache.invalidateAll();
        rebuildLists();
        // a snapshot is taken with no sweep in progress; the restored vectors stand at the restored prices
        debtSweeps = 0;
        for (int a = 0; a < wrappedPrices.length; a++)
        {
            wrappedPrices[a] = state.assets().price(a);
        }
    }

    // Lists are no state: rebuilt from the accounts, in slot order, with collateral indices in asset order.
    private void rebuildLists()
    {
        holders.clear();
        instrumentHolders.clear();
        volatilityChanges.clear();
        for (int a = 0, n = state.assets().capacity(); a < n; a++)
        {
            collateralSteps[a] = collateralStep(a);
        }
        java.util.Arrays.fill(collateralIndices, -1);
        collateralCount = 0;
        long held = 0;
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            balanceMasks[slot] = balanceMask(slot);
            held |= balanceMasks[slot];
        }
        for (long m = held; 0 != m && collateralCount < maxUnderlyings; m &= m - 1)
        {
            final int a = Long.numberOfTrailingZeros(m);
            if (!parameters.isUnderlying(a))
            {
                collateralAssets[collateralCount] = a;
                collateralIndices[a] = collateralCount++;
            }
        }
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            holders.update(slot, 0L, vectors.mask(slot), 0);
            collateralMasks[slot] = 0L;
            updateCollateral(slot);
            instrumentHolders.sync(slot);
        }
    }

    @Override
    public void onParametersChange(final MarginListener listener)
    {
        cache.invalidateAll();
        rebuildLists();
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            final byte previous = accounts.state(slot);
            exact(slot);
            report(slot, previous, listener);
        }
    }

    // Only the accounts exposed to the asset: its holders when it has a grid, else those holding a balance of it.
    @Override
    public void onAssetRiskChange(final int assetId, final MarginListener listener)
    {
        cache.invalidateUnderlying(assetId);
        vectors.clearVolatilityBudgets();
        final int d = vectors.denseIfAssigned(assetId);
        final int c = collateralIndices[assetId];
        final int list = d >= 0 ? d : c >= 0 ? maxUnderlyings + c : -1;
        if (list >= 0)
        {
            for (int i = holders.count(list) - 1; i >= 0; i--)
            {
                final int slot = holders.member(list, i);
                final byte previous = accounts.state(slot);
                exact(slot);
                report(slot, previous, listener);
            }
        }
        else
        {
            final long bit = 1L << assetId;
            for (int slot = 0, n = accounts.count(); slot < n; slot++)
            {
                if (0 != (balanceMasks[slot] & bit))
                {
                    final byte previous = accounts.state(slot);
                    exact(slot);
                    report(slot, previous, listener);
                }
            }
        }
    }

    @Override
    public void onDebtIndexPending(final int assetId)
    {
        debtIndexPending |= 1L << assetId;
    }

    @Override
    public void onDebtIndexSettled()
    {
        debtIndexPending = 0;
    }

    // An interest epoch scales the asset's debts. A debt of collateral that is no underlying moves only the account's
    // base equity, as a price tick of the asset would: the collateral epoch advances, so every read of an account
    // (a check, a query, a tick's visit) revalues its base first, and the borrowers among the asset's holders are
    // swept over the next inputs, DEBT_REVIEWS_PER_INPUT at a time, to find those the interest moved across a
    // threshold: the epoch's input does O(assets). A debt of an underlying sits in the account's grid as a short
    // exposure, which only an exact refresh moves: each borrower of it is refreshed now.
    @Override
    public void onDebtIndex(final int assetId, final MarginListener listener)
    {
        final int d = vectors.denseIfAssigned(assetId);
        final boolean underlying = d >= 0 && parameters.isUnderlying(assetId);
        final int c = collateralIndices[assetId];
        if (!underlying)
        {
            vectors.advanceCollateralEpoch();
            if (c >= 0)
            {
                debtSweepCursors[assetId] = holders.count(maxUnderlyings + c) - 1;
                debtSweeps |= 1L << assetId;
                return;
            }
        }
        final int list = underlying ? d : -1;
        if (list >= 0)
        {
            for (int i = holders.count(list) - 1; i >= 0; i--)
            {
                final int slot = holders.member(list, i);
                if (accounts.balance(slot, assetId) < 0.0)
                {
                    debtVisit(slot, underlying, listener);
                }
            }
        }
        else
        {
            final long bit = 1L << assetId;
            for (int slot = 0, n = accounts.count(); slot < n; slot++)
            {
                if (0 != (balanceMasks[slot] & bit) && accounts.balance(slot, assetId) < 0.0)
                {
                    debtVisit(slot, underlying, listener);
                }
            }
        }
    }

    @Override
    public void sweepDebts(final MarginListener listener)
    {
        sweepDebts(listener, DEBT_REVIEWS_PER_INPUT);
    }

    @Override
    public void finishDebtSweeps(final MarginListener listener)
    {
        sweepDebts(listener, Integer.MAX_VALUE);
    }

    // Backwards, as ticks walk holders: a member an exact refresh removes is replaced by the last, already swept.
    private void sweepDebts(final MarginListener listener, final int budget)
    {
        int left = budget;
        while (0 != debtSweeps && left > 0)
        {
            final int assetId = Long.numberOfTrailingZeros(debtSweeps);
            final int list = maxUnderlyings + collateralIndices[assetId];
            int i = Math.min(debtSweepCursors[assetId], holders.count(list) - 1);
            for (; i >= 0 && left > 0; i--, left--)
            {
                final int slot = holders.member(list, i);
                if (accounts.balance(slot, assetId) < 0.0)
                {
                    debtVisit(slot, false, listener);
                }
            }
            debtSweepCursors[assetId] = i;
            if (i < 0)
            {
                debtSweeps &= ~(1L << assetId);
            }
        }
    }

    private void debtVisit(final int slot, final boolean underlying, final MarginListener listener)
    {
        final byte previous = accounts.state(slot);
        if (underlying || Double.isNaN(vectors.baseEquity(slot)))
        {
            exact(slot);
        }
        else
        {
            review(slot);
        }
        report(slot, previous, listener);
    }

    @Override
    public void scaleAsset(final int assetId, final double rangeScale, final double haircutScale)
    {
        parameters.scale(assetId, rangeScale, haircutScale);
    }

    @Override
    public double basePriceRange(final int assetId)
    {
        return parameters.isUnderlying(assetId) ? parameters.basePriceRange(assetId) : 0.0;
    }

    /** @return how many accounts ticks on underlyings have visited so far (the others were inside their bands). */
    public long tickVisits()
    {
        return tickVisits;
    }

    /** Revalues every account exactly, e.g. to compare with the incremental figures. */
    public void refreshAll()
    {
        for (int slot = 0, n = accounts.count(); slot < n; slot++)
        {
            exact(slot);
        }
    }

    // The acceptance rule compares equity with IM after the order, and IM after with IM before: where either is
    // closer than the expansion's error could move it, both sets of figures are recomputed exactly.
    @Override
    public void check(
        final int slot, final int instrumentId, final double signedQuantity, final double limitPrice,
        final MarginFigures before, final MarginFigures after)
    {
        observing = true;
        withOpenOrders(slot, before);
        whatIf(slot, instrumentId, signedQuantity, limitPrice, -1, 0.0, after);
        observing = false;
        if (OpenOrders.NONE != orders.first(slot) || !before.isMargined() || !after.isMargined())
        {
            return;
        }
        // an epoch not yet applied to the account's expansion has moved its debts: exact figures decide
        if (Math.abs(after.equity - after.initialMargin) <= decisionBand(slot, after) ||
            Math.abs(after.initialMargin - before.initialMargin) <= decisionBand(slot, before) ||
            0 != (debtIndexPending & balanceMasks[slot]))
        {
            exactChecks++;
            tradesSlot = -1;
            trades.clear();
            calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, before);
            if (trades.add(instrumentId, signedQuantity, limitPrice))
            {
                calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, after);
                trades.removeLast();
            }
        }
    }

    /** @return how many tick visits revalued an account exactly because its figures came near a threshold. */
    public long nearDecisionRefreshes()
    {
        return nearDecisionRefreshes;
    }

    /** @return how many holders volatility ticks reached, one per holder and tick. */
    public long volatilityHolderChanges()
    {
        return volatilityHolderChanges;
    }

    /** @return how many times a volatility tick made a holder too far behind take the option's changes. */
    public long volatilityCatchUps()
    {
        return volatilityCatchUps;
    }

    /** @return how many holders of options took a volatility change lazily, far from every threshold. */
    public long lazyVolatilityChanges()
    {
        return lazyVolatilityChanges;
    }

    /** @return how many checks were decided on figures recomputed exactly, being near a decision. */
    public long exactChecks()
    {
        return exactChecks;
    }

    @Override
    public void whatIf(
        final int slot, final int instrumentId, final double signedQuantity, final double price, final int assetId,
        final double balanceDelta, final MarginFigures out)
    {
        if (assetId < 0 && OpenOrders.NONE == orders.first(slot) && AccountStates.UNMARGINED != accounts.state(slot))
        {
            settle(slot);
            // the common case costs O(scenarios × underlyings held): the trade's risk array on the account's vectors
            incremental.figures(slot, instrumentId, signedQuantity, price, out);
            return;
        }
        openOrdersAsFilled(slot);
        if (instrumentId < 0)
        {
            calculator.compute(slot, balanceMasks[slot], trades, assetId, balanceDelta, out);
            return;
        }
        if (!trades.add(instrumentId, signedQuantity, price))
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        calculator.compute(slot, balanceMasks[slot], trades, assetId, balanceDelta, out);
        trades.removeLast();
    }

    @Override
    public void orderAccepted(final int slot)
    {
        settle(slot);
    }

    @Override
    public void whatIfExact(
        final int slot, final int instrumentId, final double signedQuantity, final double price,
        final MarginFigures out)
    {
        if (!isLoaded())
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        openOrdersAsFilled(slot);
        if (instrumentId < 0)
        {
            calculator.compute(slot, balanceMask(slot), trades, -1, 0.0, out);
            return;
        }
        if (!trades.add(instrumentId, signedQuantity, price))
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        calculator.compute(slot, balanceMask(slot), trades, -1, 0.0, out);
        trades.removeLast();
    }

    @Override
    public double collateralValue(final int assetId, final double notional)
    {
        return parameters.collateralValue(assetId, notional);
    }

    @Override
    public int holderCount(final int instrumentId)
    {
        return instrumentHolders.count(instrumentId);
    }

    @Override
    public int holder(final int instrumentId, final int index)
    {
        return instrumentHolders.member(instrumentId, index);
    }

    @Override
    public double markPrice(final int instrumentId)
    {
        if (!isLoaded() || MarginResult.STATUS_OK != cache.ensure(instrumentId))
        {
            return Double.NaN;
        }
        return cache.mark(instrumentId);
    }

    @Override
    public void whatIfTakeover(final int slot, final int sourceSlot, final double usdPaid, final MarginFigures out)
    {
        final int usd = state.assets().usdAssetId();
        if (!isLoaded() || usd < 0)
        {
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        calculator.computeTakeover(
            slot, sourceSlot, balanceMask(slot) | balanceMask(sourceSlot), takeoverTrades, usd, -usdPaid, out);
    }

    @Override
    public void explain(final int slot, final int instrumentId, final double quantity, final MarginExplanation out)
    {
        if (!isLoaded())
        {
            out.clear();
            return;
        }
        takeoverTrades.clear();
        calculator.compute(slot, balanceMask(slot), takeoverTrades, -1, 0.0, explained);
        calculator.worst(instrumentId, quantity, out);
        out.equity = explained.equity;
        out.initialMargin = explained.initialMargin;
        out.maintenanceMargin = explained.maintenanceMargin;
    }

    @Override
    public void withOpenOrders(final int slot, final MarginFigures out)
    {
        if (OpenOrders.NONE == orders.first(slot))
        {
            settle(slot);
            out.set(accounts.equity(slot), accounts.initialMargin(slot), accounts.maintenanceMargin(slot),
                accounts.state(slot));
            return;
        }
        openOrdersAsFilled(slot);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, out);
    }

    private long balanceMask(final int slot)
    {
        long mask = 0;
        for (int a = 0, n = state.assets().capacity(); a < n; a++)
        {
            if (0.0 != accounts.balance(slot, a))
            {
                mask |= 1L << a;
            }
        }
        return mask;
    }

    // Per instrument, the account's open buys or its open sells, whichever alone needs the higher margin, filled
    // at their limits: an account cannot have both sides filled against the same reservation, and margin must
    // hold for the worse one.
    private void openOrdersAsFilled(final int slot)
    {
        // a check asks for the account with its orders, then with the order added: both within one input, when the
        // open orders cannot have changed, so the set built for the first serves the second
        if (slot == tradesSlot && state.inputSequence() == tradesInputSequence)
        {
            return;
        }
        tradesSlot = slot;
        tradesInputSequence = state.inputSequence();
        trades.clear();
        for (int o = orders.first(slot); o != OpenOrders.NONE; o = orders.next(o))
        {
            final int instrumentId = orders.instrument(o);
            if (isFirstOrderOn(slot, o, instrumentId))
            {
                addWorseSide(slot, instrumentId);
            }
        }
    }

    private boolean isFirstOrderOn(final int slot, final int order, final int instrumentId)
    {
        for (int o = orders.first(slot); o != order; o = orders.next(o))
        {
            if (orders.instrument(o) == instrumentId)
            {
                return false;
            }
        }
        return true;
    }

    private void addWorseSide(final int slot, final int instrumentId)
    {
        double buyQuantity = 0.0;
        double buyCost = 0.0;
        double sellQuantity = 0.0;
        double sellCost = 0.0;
        for (int o = orders.first(slot); o != OpenOrders.NONE; o = orders.next(o))
        {
            if (orders.instrument(o) == instrumentId)
            {
                final double quantity = orders.signedQuantity(o);
                if (quantity > 0.0)
                {
                    buyQuantity += quantity;
                    buyCost += quantity * orders.limitPrice(o);
                }
                else
                {
                    sellQuantity += quantity;
                    sellCost += quantity * orders.limitPrice(o);
                }
            }
        }
        if (0.0 == sellQuantity)
        {
            trades.add(instrumentId, buyQuantity, buyCost / buyQuantity);
            return;
        }
        if (0.0 == buyQuantity)
        {
            trades.add(instrumentId, sellQuantity, sellCost / sellQuantity);
            return;
        }
        trades.add(instrumentId, buyQuantity, buyCost / buyQuantity);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, buys);
        trades.removeLast();
        trades.add(instrumentId, sellQuantity, sellCost / sellQuantity);
        calculator.compute(slot, balanceMasks[slot], trades, -1, 0.0, sells);
        if (buys.initialMargin - buys.equity > sells.initialMargin - sells.equity)
        {
            trades.removeLast();
            trades.add(instrumentId, buyQuantity, buyCost / buyQuantity);
        }
    }
}
