package io.pme.engine.market;

import io.pme.codecs.OracleCause;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.EngineCounters;
import io.pme.engine.liquidation.LiquidationGate;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.logic.Checks;
import io.pme.engine.logic.MarginListener;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.OracleBook;

import static io.pme.engine.market.OracleParameters.CONFIRM_NS;
import static io.pme.engine.market.OracleParameters.DEGRADED_RANGE_FACTOR;
import static io.pme.engine.market.OracleParameters.DEPEG_PAUSE_NS;
import static io.pme.engine.market.OracleParameters.JUMP_THRESHOLD;
import static io.pme.engine.market.OracleParameters.MAX_AGE_NS;
import static io.pme.engine.market.OracleParameters.MIN_SOURCES;
import static io.pme.engine.market.OracleParameters.MIN_SOURCE_INTERVAL_NS;
import static io.pme.engine.market.OracleParameters.PEG;
import static io.pme.engine.market.OracleParameters.PEG_BAND;
import static io.pme.engine.market.OracleParameters.REDEMPTION_FLOOR;
import static io.pme.engine.state.OracleBook.DEGRADED;
import static io.pme.engine.state.OracleBook.NORMAL;
import static io.pme.engine.state.OracleBook.PENDING;

/**
 * The guarded oracle: every source price is journaled and stored, and the index margin sees is decided from the
 * fresh listed sources by one rule (docs/oracle.md): their median, outliers dropped, the rest clamped and averaged;
 * a jump taken only once confirmed; fewer fresh sources than the quorum make the asset DEGRADED. Time passing is a
 * decision too (a source going stale, a jump persisting, a de-peg pause ending), taken at the end of the first applied
 * input whose time reaches the asset's deadline. Allocation-free.
 */
public final class Oracle implements LiquidationGate
{
    /** A source time later than the message time by more than this is refused, ns. */
    public static final long MAX_SOURCE_AHEAD_NS = 1_000_000_000L;
    private static final int NO_SOURCE = -1;

    private final EngineState state;
    private final Assets assets;
    private final Accounts accounts;
    private final Instruments instruments;
    private final OracleBook book;
    private final RiskModelBinding risk;
    private final MarginListener listener;
    private final OracleOutput out;
    private final EngineCounters counters;
    private final Liquidator liquidator;
    private final OracleParameters parameters;
    private final PriceIndex index = new PriceIndex();
    private final VolatilityFactor volatility;
    private long nextDeadlineNs = Long.MAX_VALUE;

    /**
     * @param state      the engine state the book and prices are in.
     * @param risk       the risk model told of every index move and factor change.
     * @param listener   told of the account state changes they cause.
     * @param out        where the decisions are announced.
     * @param counters   where outliers, degraded episodes and effective changes are counted.
     * @param liquidator held while the prices it depends on are not trusted.
     */
    public Oracle(
        final EngineState state,
        final RiskModelBinding risk,
        final MarginListener listener,
        final OracleOutput out,
        final EngineCounters counters,
        final Liquidator liquidator)
    {
        this.state = state;
        this.assets = state.assets();
        this.accounts = state.accounts();
        this.instruments = state.instruments();
        this.book = state.oracleBook();
        this.risk = risk;
        this.listener = listener;
        this.out = out;
        this.counters = counters;
        this.liquidator = liquidator;
        this.parameters = new OracleParameters(assets.capacity());
        this.volatility = new VolatilityFactor(parameters);
        liquidator.gate(this);
    }

    /** @return the oracle's rules and source lists in force. */
    public OracleParameters parameters()
    {
        return parameters;
    }

    /**
     * A source's price: validated, stored, and the asset's index decided again.
     *
     * @param message the decoded input.
     * @return {@link RejectReason#NONE} when stored, else why nothing changed.
     */
    public RejectReason onOraclePrice(final OraclePriceDecoder message)
    {
        final int assetId = message.assetId();
        if (!assets.isDefined(assetId))
        {
            return RejectReason.UNKNOWN_ASSET;
        }
        final double price = message.price();
        if (!Checks.isPositiveBounded(price) || (assets.isUsd(assetId) && 1.0 != price))
        {
            return RejectReason.INVALID_PRICE;
        }
        final long timestampNs = message.timestampNs();
        if (assets.isUsd(assetId))
        {
            state.advanceClock(timestampNs);
            return RejectReason.NONE;
        }
        final int sourceId = message.sourceId();
        if (!parameters.isListed(assetId, sourceId))
        {
            return RejectReason.SOURCE_NOT_LISTED;
        }
        final long nowNs = Math.max(state.nowNs(), timestampNs);
        final long sourceTimeNs = 0 == message.sourceTimestampNs() ? timestampNs : message.sourceTimestampNs();
        if (sourceTimeNs < 0 || sourceTimeNs - timestampNs > MAX_SOURCE_AHEAD_NS)
        {
            return RejectReason.INVALID_TIMESTAMP;
        }
        int slot = book.findSlot(assetId, sourceId);
        if (slot >= 0)
        {
            if (sourceTimeNs < book.slotSourceTimeNs(slot))
            {
                return RejectReason.INVALID_TIMESTAMP;
            }
            final long interval = parameters.whole(assetId, MIN_SOURCE_INTERVAL_NS);
            if (interval > 0 && nowNs - book.slotArrivalNs(slot) < interval)
            {
                return RejectReason.SOURCE_THROTTLED;
            }
        }
        else
        {
            slot = freeSlot(assetId, nowNs);
            if (slot < 0)
            {
                return RejectReason.CAPACITY_EXCEEDED;
            }
        }
        book.slot(slot, sourceId, price, sourceTimeNs, nowNs);
        state.advanceClock(timestampNs);
        decide(assetId, nowNs, slot, sourceId);
        return RejectReason.NONE;
    }

    // A slot never used, else one whose source no longer counts (unlisted, or stale): a new source takes it.
    private int freeSlot(final int assetId, final long nowNs)
    {
        final int first = OracleBook.firstSlot(assetId);
        int reusable = -1;
        for (int s = first; s < first + OracleBook.SLOTS; s++)
        {
            final int source = book.slotSource(s);
            if (NO_SOURCE == source)
            {
                return s;
            }
            if (reusable < 0 && (!parameters.isListed(assetId, source) ||
                nowNs - book.slotSourceTimeNs(s) > maxAgeNs(assetId)))
            {
                reusable = s;
            }
        }
        return reusable;
    }

    /**
     * Time passing: every asset whose deadline the clock reached is decided again, at the end of an applied input.
     * Costs a comparison when none is due.
     *
     * @param nowNs the engine's clock.
     */
    public void timePasses(final long nowNs)
    {
        if (nowNs < nextDeadlineNs)
        {
            return;
        }
        for (int a = 0, n = book.capacity(); a < n; a++)
        {
            if (book.deadlineNs(a) <= nowNs && assets.isDefined(a))
            {
                final long deadline = book.deadlineNs(a);
                book.deadlineNs(a, Long.MAX_VALUE);
                final long depegSince = book.depeggedSinceNs(a);
                if (0 != depegSince && deadline == depegSince + parameters.whole(a, DEPEG_PAUSE_NS))
                {
                    // the de-peg pause is over: what it held is liquidated as the figures say
                    liquidator.resume();
                }
                decide(a, nowNs, -1, NO_SOURCE);
            }
        }
        nextDeadlineNs = earliestDeadline();
    }

    private long earliestDeadline()
    {
        long earliest = Long.MAX_VALUE;
        for (int a = 0, n = book.capacity(); a < n; a++)
        {
            earliest = Math.min(earliest, book.deadlineNs(a));
        }
        return earliest;
    }

    private long maxAgeNs(final int assetId)
    {
        final long maxAgeNs = parameters.whole(assetId, MAX_AGE_NS);
        return 0 == maxAgeNs ? Long.MAX_VALUE : maxAgeNs;
    }

    // The one rule: the candidate from the fresh sources, then the quorum, the jump guard and the peg.
    private void decide(final int assetId, final long nowNs, final int inputSlot, final int sourceId)
    {
        final long maxAgeNs = maxAgeNs(assetId);
        index.compute(book, assetId, nowNs, maxAgeNs, inputSlot, parameters);
        final byte previous = book.status(assetId);
        final double current = book.index(assetId);
        if (index.inputDropped())
        {
            counters.oracleOutliersRejected().incrementRelease();
        }
        if (index.used() < parameters.whole(assetId, MIN_SOURCES))
        {
            if (Double.isNaN(current))
            {
                // no index yet, so none to keep: the asset stays unpriced until a quorum gives it one
                schedule(assetId, nowNs, maxAgeNs);
                return;
            }
            if (DEGRADED != previous)
            {
                book.status(assetId, DEGRADED);
                book.pending(assetId, 0L, Double.NaN);
                counters.degradedEpisodes().incrementRelease();
                announce(assetId, previous, OracleCause.DEGRADED, sourceId);
                applyFactors(assetId, nowNs);
            }
            else if (index.inputDropped())
            {
                announce(assetId, previous, OracleCause.OUTLIER_IGNORED, sourceId);
            }
            schedule(assetId, nowNs, maxAgeNs);
            return;
        }
        final double candidate = index.candidate();
        final double jump = parameters.value(assetId, JUMP_THRESHOLD);
        if (!Double.isNaN(current) && jump > 0.0 && Math.abs(candidate / current - 1.0) > jump &&
            !isConfirmed(assetId, current, candidate, nowNs))
        {
            hold(assetId, previous, current, candidate, nowNs, sourceId);
            schedule(assetId, nowNs, maxAgeNs);
            return;
        }
        final boolean beyond = !Double.isNaN(current) && jump > 0.0 && Math.abs(candidate / current - 1.0) > jump;
        final OracleCause cause = DEGRADED == previous ? OracleCause.RECOVERED :
            beyond ? OracleCause.JUMP_CONFIRMED : PENDING == previous ? OracleCause.JUMP_DROPPED :
            index.inputDropped() ? OracleCause.OUTLIER_IGNORED : OracleCause.INDEX_MOVED;
        book.status(assetId, NORMAL);
        book.pending(assetId, 0L, Double.NaN);
        if (candidate != current || NORMAL != previous)
        {
            accept(assetId, current, candidate, nowNs, previous, cause, sourceId);
        }
        else if (index.inputDropped())
        {
            announce(assetId, previous, OracleCause.OUTLIER_IGNORED, sourceId);
        }
        schedule(assetId, nowNs, maxAgeNs);
    }

    // A second source agreeing (two or more within the drop band), or the same direction held for CONFIRM_NS.
    private boolean isConfirmed(final int assetId, final double current, final double candidate, final long nowNs)
    {
        if (index.used() >= 2)
        {
            return true;
        }
        final long since = book.pendingSinceNs(assetId);
        return 0 != since && isSameDirection(current, book.pendingPrice(assetId), candidate) &&
            nowNs - since >= parameters.whole(assetId, CONFIRM_NS);
    }

    private static boolean isSameDirection(final double current, final double held, final double candidate)
    {
        return (held > current) == (candidate > current);
    }

    private void hold(final int assetId, final byte previous, final double current, final double candidate,
        final long nowNs, final int sourceId)
    {
        final long since = book.pendingSinceNs(assetId);
        final boolean fresh = 0 == since || !isSameDirection(current, book.pendingPrice(assetId), candidate);
        book.pending(assetId, fresh ? nowNs : since, candidate);
        book.status(assetId, PENDING);
        if (DEGRADED == previous)
        {
            applyFactors(assetId, nowNs);
            liquidator.resume();
        }
        if (fresh)
        {
            announce(assetId, previous, OracleCause.JUMP_HELD, sourceId);
        }
        else if (index.inputDropped())
        {
            announce(assetId, previous, OracleCause.OUTLIER_IGNORED, sourceId);
        }
    }

    private void accept(final int assetId, final double current, final double candidate, final long nowNs,
        final byte previous, final OracleCause cause, final int sourceId)
    {
        book.index(assetId, candidate, nowNs);
        final double floor = parameters.value(assetId, PEG) > 0.0 ? parameters.value(assetId, REDEMPTION_FLOOR) : 0.0;
        final double marginPrice = Math.max(candidate, floor);
        if (marginPrice != assets.price(assetId))
        {
            assets.price(assetId, marginPrice, nowNs, sourceId);
            risk.model().onPrice(assetId, listener);
        }
        announce(assetId, previous, cause, sourceId);
        final boolean factorChanged = !Double.isNaN(current) &&
            volatility.onMove(book, assetId, current, candidate, nowNs, risk.basePriceRange(assetId));
        if (factorChanged || DEGRADED == previous)
        {
            applyFactors(assetId, nowNs);
        }
        peg(assetId, candidate, nowNs, sourceId);
        if (DEGRADED == previous)
        {
            liquidator.resume();
        }
    }

    private void peg(final int assetId, final double candidate, final long nowNs, final int sourceId)
    {
        final double peg = parameters.value(assetId, PEG);
        if (peg <= 0.0)
        {
            return;
        }
        final boolean outside = Math.abs(candidate / peg - 1.0) > parameters.value(assetId, PEG_BAND);
        final long since = book.depeggedSinceNs(assetId);
        if (outside && 0 == since)
        {
            book.depeggedSinceNs(assetId, nowNs);
            announce(assetId, book.status(assetId), OracleCause.DEPEGGED, sourceId);
        }
        else if (!outside && 0 != since)
        {
            book.depeggedSinceNs(assetId, 0L);
            announce(assetId, book.status(assetId), OracleCause.REPEGGED, sourceId);
            liquidator.resume();
        }
    }

    // The next time time alone changes a decision: a used source going stale, a held jump's confirmation, the end
    // of a de-peg pause.
    private void schedule(final int assetId, final long nowNs, final long maxAgeNs)
    {
        long deadline = Long.MAX_VALUE;
        if (index.used() > 0)
        {
            deadline = index.firstStaleNs(maxAgeNs);
        }
        final long since = book.pendingSinceNs(assetId);
        if (0 != since)
        {
            deadline = Math.min(deadline, since + parameters.whole(assetId, CONFIRM_NS));
        }
        final long depegSince = book.depeggedSinceNs(assetId);
        final long pause = parameters.whole(assetId, DEPEG_PAUSE_NS);
        if (0 != depegSince && pause > 0 && depegSince + pause > nowNs)
        {
            deadline = Math.min(deadline, depegSince + pause);
        }
        book.deadlineNs(assetId, deadline);
        if (deadline < nextDeadlineNs)
        {
            nextDeadlineNs = deadline;
        }
    }

    private void applyFactors(final int assetId, final long nowNs)
    {
        final double rangeScale = scale(assetId);
        risk.model().onAssetRiskChange(assetId, listener);
        counters.parameterChanges().incrementRelease();
        out.effectiveParameters(
            assetId, risk.basePriceRange(assetId) * rangeScale, book.volatilityFactor(assetId), nowNs);
    }

    // The factors in force on the asset's range (its volatility's, widened while DEGRADED) and haircuts (its
    // volatility's), handed to the risk parameters; returns the range's.
    private double scale(final int assetId)
    {
        final double factor = book.volatilityFactor(assetId);
        final double widen = DEGRADED == book.status(assetId) ? parameters.value(assetId, DEGRADED_RANGE_FACTOR) : 1.0;
        risk.scaleAsset(assetId, factor * widen, factor);
        return factor * widen;
    }

    private void announce(final int assetId, final byte previous, final OracleCause cause, final int sourceId)
    {
        out.oracleStatus(assetId, book.status(assetId), previous, cause.value(), sourceId, book.index(assetId),
            index.candidate(), index.fresh(), index.used(), index.spread(), index.oldestAgeNs());
    }

    /**
     * Whether a decision at {@code nowNs} must treat the asset as DEGRADED: it is, or time alone will make it so at
     * the end of the input (its quorum's deadline passed and the fresh sources no longer make one). Changes nothing.
     */
    public boolean isDegraded(final int assetId, final long nowNs)
    {
        if (DEGRADED == book.status(assetId))
        {
            return true;
        }
        if (book.deadlineNs(assetId) > nowNs || Double.isNaN(book.index(assetId)))
        {
            return false;
        }
        index.compute(book, assetId, nowNs, maxAgeNs(assetId), -1, parameters);
        return index.used() < parameters.whole(assetId, MIN_SOURCES);
    }

    /**
     * Held: the account depends on a DEGRADED asset (a position on it, or a balance of it), until it recovers; or
     * it is below MM only because of de-pegged collateral (at the peg it would not be), until the pause ends.
     */
    @Override
    public long heldUntilNs(final int slot, final long nowNs)
    {
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            if (DEGRADED == book.status(instruments.underlying(accounts.positionInstrument(slot, i))))
            {
                return Long.MAX_VALUE;
            }
        }
        long until = 0;
        double atPeg = 0.0;
        for (int a = 0, n = accounts.maxAssets(); a < n; a++)
        {
            final double balance = accounts.balance(slot, a);
            if (0.0 == balance)
            {
                continue;
            }
            if (DEGRADED == book.status(a))
            {
                return Long.MAX_VALUE;
            }
            final long since = book.depeggedSinceNs(a);
            final long pause = parameters.whole(a, DEPEG_PAUSE_NS);
            final double peg = parameters.value(a, PEG);
            if (balance > 0.0 && 0 != since && pause > 0 && nowNs - since < pause && peg > assets.price(a))
            {
                until = Math.max(until, since + pause);
                atPeg += risk.model().collateralValue(a, balance * peg) -
                    risk.model().collateralValue(a, balance * assets.price(a));
            }
        }
        return until > nowNs && accounts.equity(slot) + atPeg >= accounts.maintenanceMargin(slot) ? until : 0L;
    }

    /** Makes what is derived from the book match a restored state: the factors in force and the next deadline. */
    public void onRestore()
    {
        for (int a = 0, n = book.capacity(); a < n; a++)
        {
            if (assets.isDefined(a))
            {
                scale(a);
            }
        }
        nextDeadlineNs = earliestDeadline();
    }
}
