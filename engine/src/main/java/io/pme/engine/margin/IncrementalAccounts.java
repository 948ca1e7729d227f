package io.pme.engine.margin;

import io.pme.engine.logic.MarginFigures;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.RiskArrays;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.engine.state.RiskVectors;
import org.agrona.concurrent.UnsafeBuffer;

import static io.pme.engine.state.RiskVectors.CONTINGENCY;
import static io.pme.engine.state.RiskVectors.CURRENT;
import static io.pme.engine.state.RiskVectors.DELTA;
import static io.pme.engine.state.RiskVectors.DEPEG_ADD_ON;
import static io.pme.engine.state.RiskVectors.EQUITY_REMAINDER;
import static io.pme.engine.state.RiskVectors.EQUITY_SLOPE;
import static io.pme.engine.state.RiskVectors.GAMMA;
import static io.pme.engine.state.RiskVectors.GROSS_OPTION_VALUE;
import static io.pme.engine.state.RiskVectors.LINEAR_COST;
import static io.pme.engine.state.RiskVectors.LINEAR_QUANTITY;
import static io.pme.engine.state.RiskVectors.MARGIN_REMAINDER;
import static io.pme.engine.state.RiskVectors.MARGIN_SLOPE;
import static io.pme.engine.state.RiskVectors.MAX_AGE;
import static io.pme.engine.state.RiskVectors.OPTION_DELTA;
import static io.pme.engine.state.RiskVectors.OPTION_GAMMA;
import static io.pme.engine.state.RiskVectors.OPTION_THETA;
import static io.pme.engine.state.RiskVectors.OPTION_VALUE;
import static io.pme.engine.state.RiskVectors.REFERENCE;
import static io.pme.engine.state.RiskVectors.REFERENCE_TIME;
import static io.pme.engine.state.RiskVectors.REFRESH_RANGE;
import static io.pme.engine.state.RiskVectors.SPOT;
import static io.pme.engine.state.RiskVectors.THETA;

/**
 * Accounts' margin kept by expansion: an exact refresh walks the account's balances and positions once and stores,
 * per underlying, the scenario vector at the current spot with its first and second derivatives in the spot, and the
 * equity's linear and option parts with their Greeks. A tick then moves an account in O(scenarios) without walking
 * its positions; the figures are exact right after a refresh and within the documented tolerance between refreshes.
 */
final class IncrementalAccounts
{
    private static final int N = RiskVectors.SCENARIOS;
    private static final int B = Double.BYTES;
    private static final int STAGGER_MASK = 255;
    private static final int STAGGER_SHIFT = 10;

    private final Accounts accounts;
    private final Assets assets;
    private final Instruments instruments;
    private final RiskVectors vectors;
    private final RiskParameters parameters;
    private final InstrumentRiskCache cache;
    private final int ownSetBase = RiskParameters.MAX_CORRELATION_SETS;
    private final double[] aggregates;
    private final boolean[] setActive;
    private final int[] activeSets;
    private final double[] overlay;
    private final double[] changes = new double[4 * N];
    private final double[] wrapped = new double[N];
    private long overlayMask;
    private double overlayEquity;

    IncrementalAccounts(final EngineState state, final RiskParameters parameters, final InstrumentRiskCache cache)
    {
        this.accounts = state.accounts();
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.vectors = state.riskVectors();
        this.parameters = parameters;
        this.cache = cache;
        final int sets = ownSetBase + assets.capacity();
        aggregates = new double[sets * N];
        setActive = new boolean[sets];
        activeSets = new int[sets];
        overlay = new double[vectors.maxUnderlyings() * N];
    }

    /**
     * Walks the account's balances and positions and stores its expansion at the current spots.
     *
     * @return false when a price, a volatility or an underlying slot is missing (the account is then unmargined).
     */
    boolean refresh(final int slot, final long nowNs, final long balanceMask)
    {
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        long mask = 0;
        double base = 0.0;
        for (long bits = balanceMask; 0 != bits; bits &= bits - 1)
        {
            final int a = Long.numberOfTrailingZeros(bits);
            final double balance = accounts.balance(slot, a);
            if (0.0 == balance)
            {
                continue;
            }
            final double price = assets.price(a);
            if (!(price >= 0.0 && price < Double.MAX_VALUE))
            {
                return unmargined(slot, balanceMask);
            }
            if (!parameters.isUnderlying(a))
            {
                base += parameters.collateralValue(a, balance * price);
                final int u = parameters.wrappedUnderlying(a);
                if (u >= 0)
                {
                    final int d = vectors.dense(u);
                    final double spot = assets.price(u);
                    if (d < 0 || !(spot > 0.0 && spot < Double.MAX_VALUE))
                    {
                        return unmargined(slot, balanceMask);
                    }
                    mask = touch(slot, mask, d);
                    addWrapped(slot, cold, d, u, a, balance, price);
                }
                continue;
            }
            final int d = vectors.dense(a);
            if (d < 0 || MarginResult.STATUS_OK != cache.ensureUnit(a))
            {
                return unmargined(slot, balanceMask);
            }
            mask = touch(slot, mask, d);
            addScaled(cold, vectors.offset(slot, d, REFERENCE), cache.unitArrays(), a * N, balance);
            addScaled(cold, vectors.offset(slot, d, DELTA), cache.unitDeltas(), a * N, balance);
        }
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final int instrumentId = accounts.positionInstrument(slot, i);
            final int d = vectors.dense(instruments.underlying(instrumentId));
            if (d < 0 || MarginResult.STATUS_OK != cache.ensure(instrumentId))
            {
                return unmargined(slot, balanceMask);
            }
            mask = touch(slot, mask, d);
            addPosition(slot, hot, cold, d, instrumentId, accounts.positionQuantity(slot, i),
                accounts.positionEntryPrice(slot, i));
        }
        for (long m = mask; 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final int u = vectors.assetOf(d);
            final double spot = assets.price(u);
            final long timeNs = assets.priceTimeNs(u);
            hot.putDouble(vectors.offset(slot, d, SPOT), spot);
            cold.putLong(vectors.offset(slot, d, REFERENCE_TIME), timeNs);
            vectors.movedSpot(slot, d, spot);
            vectors.movedTimeNs(slot, d, timeNs);
            hot.putBytes(vectors.offset(slot, d, CURRENT), cold, vectors.offset(slot, d, REFERENCE), N * B);
            slopes(slot, hot, cold, d, spot);
        }
        vectors.mask(slot, mask);
        vectors.baseEquity(slot, base);
        vectors.refreshTimeNs(slot, nowNs);
        vectors.settledEpoch(slot, vectors.priceEpoch());
        vectors.valuedCollateralEpoch(slot, vectors.collateralEpoch());
        return true;
    }

    // Rulebook section 7: in u's grid the balance's P&L is b × P_w × x_k × w_k, constant in u's spot (no delta, no
    // gamma: a tick of u leaves it as it is), and its de-peg add-on joins u's contingency, constant in u's spot too.
    // A tick of the wrapped asset's own price moves both by what the price did (moveWrapped).
    private void addWrapped(
        final int slot, final UnsafeBuffer cold, final int d, final int u, final int a, final double balance,
        final double price)
    {
        RiskArrays.linear(price, 1.0, parameters.priceRange(u), parameters, wrapped, 0);
        addScaled(cold, vectors.offset(slot, d, REFERENCE), wrapped, 0, balance);
        add(cold, vectors.offset(slot, d, DEPEG_ADD_ON), parameters.depegShock(a) * Math.abs(balance) * price);
    }

    /**
     * A tick of a wrapped asset from {@code before} to {@code after}: the balance's share of its underlying's grid and
     * its de-peg add-on are linear in the wrapped price, so both move by exactly what the price did, b × ΔP_w × x_k ×
     * w_k and depegShock × |b| × ΔP_w, with no refresh; its collateral value follows at the next settle (the
     * collateral epoch moved).
     *
     * @return false when the account holds no leg of the underlying to move (it needs an exact refresh).
     */
    boolean moveWrapped(final int slot, final int assetId, final double before, final double after)
    {
        final int u = parameters.wrappedUnderlying(assetId);
        final int d = u >= 0 ? vectors.denseIfAssigned(u) : -1;
        if (d < 0 || 0 == (vectors.mask(slot) & (1L << d)))
        {
            return false;
        }
        final double balance = accounts.balance(slot, assetId);
        if (0.0 != balance)
        {
            final double move = after - before;
            RiskArrays.linear(move, 1.0, parameters.priceRange(u), parameters, wrapped, 0);
            addScaled(vectors.cold(slot), vectors.offset(slot, d, REFERENCE), wrapped, 0, balance);
            addScaled(vectors.hot(slot), vectors.offset(slot, d, CURRENT), wrapped, 0, balance);
            add(vectors.cold(slot), vectors.offset(slot, d, DEPEG_ADD_ON),
                parameters.depegShock(assetId) * Math.abs(balance) * move);
        }
        return true;
    }

    /**
     * Recomputes the equity that moves with no underlying (collateral in other assets) after one of their prices
     * moved; the scenario vectors are untouched.
     */
    void revalueBase(final int slot, final long balanceMask)
    {
        if (Double.isNaN(vectors.baseEquity(slot)))
        {
            return;
        }
        double base = 0.0;
        for (long m = balanceMask; 0 != m; m &= m - 1)
        {
            final int a = Long.numberOfTrailingZeros(m);
            if (!parameters.isUnderlying(a))
            {
                final double price = assets.price(a);
                if (!(price >= 0.0 && price < Double.MAX_VALUE))
                {
                    base = Double.NaN;
                    break;
                }
                base += parameters.collateralValue(a, accounts.balance(slot, a) * price);
            }
        }
        vectors.baseEquity(slot, base);
    }

    // Still listed under every underlying it is exposed to, so that the tick bringing the missing price revalues it.
    private boolean unmargined(final int slot, final long balanceMask)
    {
        long mask = 0;
        for (long bits = balanceMask; 0 != bits; bits &= bits - 1)
        {
            final int a = Long.numberOfTrailingZeros(bits);
            final int u = parameters.isUnderlying(a) ? a : parameters.wrappedUnderlying(a);
            if (u >= 0 && vectors.dense(u) >= 0)
            {
                mask = touch(slot, mask, vectors.dense(u));
            }
        }
        for (int i = 0, n = accounts.positionCount(slot); i < n; i++)
        {
            final int d = vectors.dense(instruments.underlying(accounts.positionInstrument(slot, i)));
            if (d >= 0)
            {
                mask = touch(slot, mask, d);
            }
        }
        vectors.mask(slot, mask);
        vectors.baseEquity(slot, Double.NaN);
        return false;
    }

    private long touch(final int slot, final long mask, final int d)
    {
        final long bit = 1L << d;
        if (0 == (mask & bit))
        {
            vectors.clear(slot, d);
            // an option held on the underlying shrinks it to the option's trusted range, at most REFRESH_MOVE
            vectors.put(slot, d, REFRESH_RANGE, PortfolioRiskModel.LINEAR_REFRESH_MOVE);
            vectors.putLong(slot, d, MAX_AGE, PortfolioRiskModel.MAX_AGE_NS);
        }
        return mask | bit;
    }

    private void addPosition(
        final int slot, final UnsafeBuffer buffer, final UnsafeBuffer cold, final int d, final int instrumentId,
        final double quantity, final double entryPrice)
    {
        final int at = instrumentId * N;
        addScaled(cold, vectors.offset(slot, d, REFERENCE), cache.arrays(), at, quantity);
        addScaled(cold, vectors.offset(slot, d, DELTA), cache.arrayDeltas(), at, quantity);
        addScaled(cold, vectors.offset(slot, d, GAMMA), cache.arrayGammas(), at, quantity);
        final double size = quantity * instruments.multiplier(instrumentId);
        if (instruments.isOption(instrumentId))
        {
            addScaled(cold, vectors.offset(slot, d, THETA), cache.arrayThetas(), at, quantity);
            add(cold, vectors.offset(slot, d, GROSS_OPTION_VALUE), Math.abs(size * cache.mark(instrumentId)));
            add(cold, vectors.offset(slot, d, OPTION_THETA), size * cache.markTheta(instrumentId));
            add(cold, vectors.offset(slot, d, MARGIN_REMAINDER), Math.abs(quantity) * cache.marginThird(instrumentId));
            add(cold, vectors.offset(slot, d, EQUITY_REMAINDER), Math.abs(size) * cache.markThird(instrumentId));
            final int range = vectors.offset(slot, d, REFRESH_RANGE);
            cold.putDouble(range, Math.min(cold.getDouble(range), cache.refreshRange(instrumentId)));
            final int age = vectors.offset(slot, d, MAX_AGE);
            cold.putLong(age, Math.min(cold.getLong(age), cache.maxAgeNs(instrumentId)));
            add(buffer, vectors.offset(slot, d, OPTION_VALUE), size * cache.mark(instrumentId));
            add(buffer, vectors.offset(slot, d, OPTION_DELTA), size * cache.markDelta(instrumentId));
            add(buffer, vectors.offset(slot, d, OPTION_GAMMA), size * cache.markGamma(instrumentId));
            add(buffer, vectors.offset(slot, d, CONTINGENCY), parameters.optionContingency() * Math.max(0.0, -size));
        }
        else
        {
            add(buffer, vectors.offset(slot, d, LINEAR_QUANTITY), size);
            add(buffer, vectors.offset(slot, d, LINEAR_COST), size * entryPrice);
            add(buffer, vectors.offset(slot, d, CONTINGENCY), parameters.linearContingency() * Math.abs(size));
        }
    }

    // Within the refresh range |h| ≤ REFRESH_MOVE × spot, per unit of spot: equity moves at most by its balance,
    // linear size and option delta and gamma; each scenario's P&L by its delta and gamma, a correlation set's
    // aggregate by that times max(1, |offset|), and the contingency by its coefficient.
    private void slopes(final int slot, final UnsafeBuffer hot, final UnsafeBuffer cold, final int d, final double spot)
    {
        final int u = vectors.assetOf(d);
        final double range = cold.getDouble(vectors.offset(slot, d, REFRESH_RANGE)) * spot;
        final int delta = vectors.offset(slot, d, DELTA);
        final int gamma = vectors.offset(slot, d, GAMMA);
        double scenario = 0.0;
        for (int k = 0; k < N * B; k += B)
        {
            scenario = Math.max(
                scenario, Math.abs(cold.getDouble(delta + k)) + range * Math.abs(cold.getDouble(gamma + k)));
        }
        final double equity = Math.abs(accounts.balance(slot, u)) +
            Math.abs(hot.getDouble(vectors.offset(slot, d, LINEAR_QUANTITY))) +
            Math.abs(hot.getDouble(vectors.offset(slot, d, OPTION_DELTA))) +
            range * Math.abs(hot.getDouble(vectors.offset(slot, d, OPTION_GAMMA)));
        final double margin = Math.max(1.0, Math.abs(parameters.pnlOffset(u))) * scenario +
            hot.getDouble(vectors.offset(slot, d, CONTINGENCY));
        cold.putDouble(vectors.offset(slot, d, EQUITY_SLOPE), equity);
        cold.putDouble(vectors.offset(slot, d, MARGIN_SLOPE), margin);
    }

    /**
     * Brings the account's scenario vectors to today's spots and price times where a tick moved one since, and its
     * equity of other collateral to today's prices where one of those moved.
     *
     * @return whether anything moved.
     */
    boolean settle(final int slot, final long balanceMask)
    {
        boolean moved = false;
        final long collateralEpoch = vectors.collateralEpoch();
        if (vectors.valuedCollateralEpoch(slot) != collateralEpoch)
        {
            revalueBase(slot, balanceMask);
            vectors.valuedCollateralEpoch(slot, collateralEpoch);
            moved = true;
        }
        final long epoch = vectors.priceEpoch();
        if (vectors.settledEpoch(slot) == epoch)
        {
            return moved;
        }
        for (long m = vectors.mask(slot); 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final int u = vectors.assetOf(d);
            final double spot = assets.price(u);
            final long timeNs = assets.priceTimeNs(u);
            if (spot != vectors.movedSpot(slot, d) || timeNs != vectors.movedTimeNs(slot, d))
            {
                move(slot, d, spot, timeNs);
                moved = true;
            }
        }
        vectors.settledEpoch(slot, epoch);
        return moved;
    }

    /**
     * Moves the account's scenario vector on one underlying to the spot and price time by its expansion.
     *
     * @return whether the move left the range or the age the expansion is trusted for (an exact refresh is due).
     */
    boolean move(final int slot, final int d, final double spot, final long timeNs)
    {
        final UnsafeBuffer buffer = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        final double reference = buffer.getDouble(vectors.offset(slot, d, SPOT));
        final double h = spot - reference;
        final double halfH = 0.5 * h;
        final long ageNs = timeNs - cold.getLong(vectors.offset(slot, d, REFERENCE_TIME));
        final double tau = ageNs;
        final int ref = vectors.offset(slot, d, REFERENCE);
        final int delta = vectors.offset(slot, d, DELTA);
        final int gamma = vectors.offset(slot, d, GAMMA);
        final int theta = vectors.offset(slot, d, THETA);
        final int current = vectors.offset(slot, d, CURRENT);
        for (int k = 0; k < N * B; k += B)
        {
            buffer.putDouble(current + k, cold.getDouble(ref + k) +
                h * (cold.getDouble(delta + k) + halfH * cold.getDouble(gamma + k)) + tau * cold.getDouble(theta + k));
        }
        vectors.movedSpot(slot, d, spot);
        vectors.movedTimeNs(slot, d, timeNs);
        return Math.abs(h) > cold.getDouble(vectors.offset(slot, d, REFRESH_RANGE)) * reference ||
            ageNs > trustedAgeNs(slot, d);
    }

    /**
     * Adds an option's change of volatility to the account's expansion on its underlying: the change of the option's
     * risk array and mark at the spot and price time of the tick (a {@link InstrumentRiskCache#change()} at
     * {@code at}), re-centred on the reference by its own Taylor expansion, so that the expansion at that spot moves
     * by exactly the change, on the tick of a change that holders may not take lazily (one that shortens the
     * option's trusted age, never seen since the age follows time to expiry alone); lazy ones are taken from their
     * sums by {@link #takeVolatility}. {@link #volatilityChanged} then recomputes the slopes and the current vector.
     * The account's trusted range and age narrow to the option's.
     */
    void changeVolatility(
        final int slot, final int d, final int instrumentId, final double quantity, final double[] change,
        final int at)
    {
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        final double reference = hot.getDouble(vectors.offset(slot, d, SPOT));
        final double h = change[at + InstrumentRiskCache.CHANGE_SPOT] - reference;
        final double tau = Double.doubleToRawLongBits(change[at + InstrumentRiskCache.CHANGE_SPOT + 1]) -
            cold.getLong(vectors.offset(slot, d, REFERENCE_TIME));
        final int ref = vectors.offset(slot, d, REFERENCE);
        final int delta = vectors.offset(slot, d, DELTA);
        final int gamma = vectors.offset(slot, d, GAMMA);
        final int theta = vectors.offset(slot, d, THETA);
        for (int k = 0; k < N; k++)
        {
            final double value = change[at + k];
            final double slope = change[at + N + k];
            final double curvature = change[at + 2 * N + k];
            final double decay = change[at + 3 * N + k];
            final int o = k * B;
            add(cold, ref + o, quantity * (value - h * (slope - 0.5 * h * curvature) - tau * decay));
            add(cold, delta + o, quantity * (slope - h * curvature));
            add(cold, gamma + o, quantity * curvature);
            add(cold, theta + o, quantity * decay);
        }
        final double size = quantity * instruments.multiplier(instrumentId);
        final int mark = at + InstrumentRiskCache.MARK_CHANGE;
        add(hot, vectors.offset(slot, d, OPTION_VALUE),
            size * (change[mark] - h * (change[mark + 1] - 0.5 * h * change[mark + 2]) - tau * change[mark + 3]));
        add(hot, vectors.offset(slot, d, OPTION_DELTA), size * (change[mark + 1] - h * change[mark + 2]));
        add(hot, vectors.offset(slot, d, OPTION_GAMMA), size * change[mark + 2]);
        add(cold, vectors.offset(slot, d, OPTION_THETA), size * change[mark + 3]);
        final int third = at + InstrumentRiskCache.THIRD_CHANGE;
        final int marginRemainder = vectors.offset(slot, d, MARGIN_REMAINDER);
        cold.putDouble(marginRemainder,
            Math.max(0.0, cold.getDouble(marginRemainder) + Math.abs(quantity) * change[third]));
        final int equityRemainder = vectors.offset(slot, d, EQUITY_REMAINDER);
        cold.putDouble(equityRemainder,
            Math.max(0.0, cold.getDouble(equityRemainder) + Math.abs(size) * change[third + 1]));
        final int range = vectors.offset(slot, d, REFRESH_RANGE);
        cold.putDouble(range, Math.min(cold.getDouble(range), cache.refreshRange(instrumentId)));
        final int age = vectors.offset(slot, d, MAX_AGE);
        cold.putLong(age, Math.min(cold.getLong(age), cache.maxAgeNs(instrumentId)));
    }

    /**
     * After one or more {@link #changeVolatility}s on the underlying: the slope bounds and the current vector from
     * the changed expansion, both functions of it alone, so that taking changes one by one or together is the same.
     */
    void volatilityChanged(final int slot, final int d)
    {
        final UnsafeBuffer hot = vectors.hot(slot);
        slopes(slot, hot, vectors.cold(slot), d, hot.getDouble(vectors.offset(slot, d, SPOT)));
        move(slot, d, vectors.movedSpot(slot, d), vectors.movedTimeNs(slot, d));
    }

    /**
     * On the tick of a volatility change that raises third-derivative bounds or shrinks the option's trusted range:
     * raises the account's remainder bounds on the underlying by {@code marginRise} and {@code equityRise} and
     * narrows its trusted range so that the bounded remainder stays what it was (the range shrinks by the cube root
     * of the bound's rise) and within the option's new range.
     *
     * @return the account's trusted range after, or NaN when a bound rose from zero, so that no range keeps the
     * remainder's bound: the account must then be evaluated on the tick.
     */
    double narrow(final int slot, final int d, final double marginRise, final double equityRise,
        final double optionRange)
    {
        final UnsafeBuffer cold = vectors.cold(slot);
        final int marginAt = vectors.offset(slot, d, MARGIN_REMAINDER);
        final int equityAt = vectors.offset(slot, d, EQUITY_REMAINDER);
        final int rangeAt = vectors.offset(slot, d, REFRESH_RANGE);
        final double margin = cold.getDouble(marginAt);
        final double equity = cold.getDouble(equityAt);
        final double raisedMargin = margin + marginRise;
        final double raisedEquity = equity + equityRise;
        cold.putDouble(marginAt, raisedMargin);
        cold.putDouble(equityAt, raisedEquity);
        double range = Math.min(cold.getDouble(rangeAt), optionRange);
        if (marginRise > 0.0)
        {
            range = margin > 0.0 ? range * Math.cbrt(margin / raisedMargin) : Double.NaN;
        }
        if (equityRise > 0.0)
        {
            range = equity > 0.0 ? range * Math.cbrt(equity / raisedEquity) : Double.NaN;
        }
        if (range < cold.getDouble(rangeAt))
        {
            cold.putDouble(rangeAt, range);
        }
        return range;
    }

    /**
     * Takes an option's volatility changes that the account has not taken, from their sums
     * ({@link VolatilityChanges#untaken}), into its expansion on the underlying: the same terms, re-centred on its
     * reference, as {@link #changeVolatility} adds one by one. {@link #volatilityChanged} follows.
     */
    void takeVolatility(
        final int slot, final int d, final int instrumentId, final double quantity, final double[] sums,
        final double originSpot, final long originTimeNs)
    {
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        final double r = hot.getDouble(vectors.offset(slot, d, SPOT)) - originSpot;
        final double rho = cold.getLong(vectors.offset(slot, d, REFERENCE_TIME)) - originTimeNs;
        changes(sums, r, rho);
        final int ref = vectors.offset(slot, d, REFERENCE);
        final int delta = vectors.offset(slot, d, DELTA);
        final int gamma = vectors.offset(slot, d, GAMMA);
        final int theta = vectors.offset(slot, d, THETA);
        for (int k = 0; k < N; k++)
        {
            final int o = k * B;
            add(cold, ref + o, quantity * changes[k]);
            add(cold, delta + o, quantity * changes[N + k]);
            add(cold, gamma + o, quantity * changes[2 * N + k]);
            add(cold, theta + o, quantity * changes[3 * N + k]);
        }
        final double size = quantity * instruments.multiplier(instrumentId);
        final int m = VolatilityChanges.MARK;
        add(hot, vectors.offset(slot, d, OPTION_VALUE), size * markValue(sums, r, rho));
        add(hot, vectors.offset(slot, d, OPTION_DELTA), size * (sums[m + 2] - sums[m + 3] + r * sums[m]));
        add(hot, vectors.offset(slot, d, OPTION_GAMMA), size * sums[m]);
        add(cold, vectors.offset(slot, d, OPTION_THETA), size * sums[m + 1]);
        final int marginRemainder = vectors.offset(slot, d, MARGIN_REMAINDER);
        cold.putDouble(marginRemainder, Math.max(0.0,
            cold.getDouble(marginRemainder) + Math.abs(quantity) * sums[VolatilityChanges.THIRDS]));
        final int equityRemainder = vectors.offset(slot, d, EQUITY_REMAINDER);
        cold.putDouble(equityRemainder, Math.max(0.0,
            cold.getDouble(equityRemainder) + Math.abs(size) * sums[VolatilityChanges.THIRDS + 1]));
    }

    /**
     * Adds what an option's untaken volatility changes move the account's current vector and equity by, at the spot
     * and price time it was last moved to, to the overlay the next {@link #figures} reads and clears: the figures as
     * if they were taken, the expansion untouched.
     */
    void overlayVolatility(
        final int slot, final int d, final int instrumentId, final double quantity, final double[] sums,
        final double originSpot, final long originTimeNs)
    {
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        final double reference = hot.getDouble(vectors.offset(slot, d, SPOT));
        final long referenceTimeNs = cold.getLong(vectors.offset(slot, d, REFERENCE_TIME));
        final double r = reference - originSpot;
        final double rho = referenceTimeNs - originTimeNs;
        final double h = vectors.movedSpot(slot, d) - reference;
        final double tau = vectors.movedTimeNs(slot, d) - referenceTimeNs;
        changes(sums, r, rho);
        final long bit = 1L << d;
        if (0 == (overlayMask & bit))
        {
            overlayMask |= bit;
            java.util.Arrays.fill(overlay, d * N, d * N + N, 0.0);
        }
        for (int k = 0; k < N; k++)
        {
            overlay[d * N + k] += quantity * (changes[k] + h * (changes[N + k] + 0.5 * h * changes[2 * N + k]) +
                tau * changes[3 * N + k]);
        }
        final int m = VolatilityChanges.MARK;
        overlayEquity += quantity * instruments.multiplier(instrumentId) * (markValue(sums, r, rho) +
            h * (sums[m + 2] - sums[m + 3] + r * sums[m] + 0.5 * h * sums[m]) + tau * sums[m + 1]);
    }

    // From the sums, per scenario: the changes of the expansion's value at the reference, slope, curvature, decay.
    private void changes(final double[] sums, final double r, final double rho)
    {
        for (int k = 0; k < N; k++)
        {
            final double c = sums[VolatilityChanges.CURVATURE + k];
            final double decay = sums[VolatilityChanges.DECAY + k];
            final double slope = sums[VolatilityChanges.SLOPE + k];
            final double xc = sums[VolatilityChanges.X_CURVATURE + k];
            changes[k] = sums[VolatilityChanges.VALUE + k] - sums[VolatilityChanges.X_SLOPE + k] + r * slope +
                0.5 * sums[VolatilityChanges.XX_CURVATURE + k] - r * xc + 0.5 * r * r * c -
                sums[VolatilityChanges.Y_DECAY + k] + rho * decay;
            changes[N + k] = slope - xc + r * c;
            changes[2 * N + k] = c;
            changes[3 * N + k] = decay;
        }
    }

    private static double markValue(final double[] sums, final double r, final double rho)
    {
        final int m = VolatilityChanges.MARK;
        return sums[m + 4] - sums[m + 5] + r * sums[m + 2] + 0.5 * sums[m + 6] - r * sums[m + 3] +
            0.5 * r * r * sums[m] - sums[m + 7] + rho * sums[m + 1];
    }

    /**
     * @return a bound on how far the account's figures' distance to any threshold can shrink, from any spot and
     * price time within its trusted ranges and ages, volatility unchanged: per underlying, the reach of its range
     * times the equity's and the margin's slopes, and its trusted age times the equity's and the scenarios' decay.
     */
    double driftBound(final int slot, final double marginWeight)
    {
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        double drift = 0.0;
        for (long m = vectors.mask(slot); 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final double reach = 2.0 * cold.getDouble(vectors.offset(slot, d, REFRESH_RANGE)) *
                hot.getDouble(vectors.offset(slot, d, SPOT));
            final int theta = vectors.offset(slot, d, THETA);
            double decay = 0.0;
            for (int k = 0; k < N * B; k += B)
            {
                decay = Math.max(decay, Math.abs(cold.getDouble(theta + k)));
            }
            final double offset = Math.max(1.0, Math.abs(parameters.pnlOffset(vectors.assetOf(d))));
            drift += reach * (cold.getDouble(vectors.offset(slot, d, EQUITY_SLOPE)) +
                marginWeight * cold.getDouble(vectors.offset(slot, d, MARGIN_SLOPE))) +
                cold.getLong(vectors.offset(slot, d, MAX_AGE)) *
                (Math.abs(cold.getDouble(vectors.offset(slot, d, OPTION_THETA))) + marginWeight * offset * decay);
        }
        return drift;
    }

    /**
     * Shrinks the account's trusted ranges so that the expansion's third-order remainder stays within half the
     * documented tolerance, {@link PortfolioRiskModel#TOLERANCE} × IM + {@link PortfolioRiskModel#TOLERANCE_FLOOR}
     * on IM and the same of |E| + Σ|option marks| on equity, shared among the underlyings held. The scales are taken
     * at their lowest anywhere within the ranges, by the account's slope bounds; ranges only ever shrink until the
     * next exact refresh. {@code reserve} is taken off both scales first: how far volatility changes taken lazily
     * may still move them.
     */
    void limitRanges(final int slot, final MarginFigures f, final double reserve)
    {
        final long mask = vectors.mask(slot);
        if (0 == mask || Double.isNaN(f.initialMargin) || Double.isNaN(f.equity))
        {
            return;
        }
        final UnsafeBuffer hot = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        double marginDrop = 0.0;
        double equityDrop = 0.0;
        for (long m = mask; 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final double reach = cold.getDouble(vectors.offset(slot, d, REFRESH_RANGE)) *
                hot.getDouble(vectors.offset(slot, d, SPOT));
            marginDrop += reach * cold.getDouble(vectors.offset(slot, d, MARGIN_SLOPE));
            equityDrop += reach * cold.getDouble(vectors.offset(slot, d, EQUITY_SLOPE));
        }
        final int held = Long.bitCount(mask);
        final double marginBudget = 3.0 * (PortfolioRiskModel.TOLERANCE *
            Math.max(0.0, f.initialMargin - marginDrop - reserve) + PortfolioRiskModel.TOLERANCE_FLOOR) / held;
        final double equityBudget = 3.0 * (PortfolioRiskModel.TOLERANCE *
            Math.max(0.0, Math.abs(f.equity) + grossOptionValue(slot) - 2.0 * equityDrop - reserve) +
            PortfolioRiskModel.TOLERANCE_FLOOR) / held;
        for (long m = mask; 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final double spot = hot.getDouble(vectors.offset(slot, d, SPOT));
            final int range = vectors.offset(slot, d, REFRESH_RANGE);
            // |remainder| ≤ K·|h|³/6 ≤ budget/2 for |h| ≤ ∛(3·budget/K)
            final double marginReach =
                Math.cbrt(marginBudget / cold.getDouble(vectors.offset(slot, d, MARGIN_REMAINDER)));
            final double equityReach =
                Math.cbrt(equityBudget / cold.getDouble(vectors.offset(slot, d, EQUITY_REMAINDER)));
            cold.putDouble(range, Math.min(cold.getDouble(range), Math.min(marginReach, equityReach) / spot));
        }
    }

    /** @return Σ |size × mark| of the account's options at their references. */
    double grossOptionValue(final int slot)
    {
        double gross = 0.0;
        for (long m = vectors.mask(slot); 0 != m; m &= m - 1)
        {
            gross += vectors.get(slot, Long.numberOfTrailingZeros(m), GROSS_OPTION_VALUE);
        }
        return gross;
    }

    /**
     * @return the price time after the account's reference on the underlying at which its expansion stops being
     * trusted, less a stagger by slot of up to a quarter, so that accounts refreshed together do not all come due
     * on the same tick.
     */
    long trustedAgeNs(final int slot, final int d)
    {
        final long maxAgeNs = vectors.getLong(slot, d, MAX_AGE);
        return maxAgeNs - (slot & STAGGER_MASK) * (maxAgeNs >> STAGGER_SHIFT);
    }

    /** @return the price time at which the account's expansion on the underlying stops being trusted. */
    long deadlineNs(final int slot, final int d)
    {
        return vectors.getLong(slot, d, REFERENCE_TIME) + trustedAgeNs(slot, d);
    }

    /**
     * The account's figures from its expansion at today's spots; with a hypothetical trade when
     * {@code instrumentId} ≥ 0 (its risk array at the current spot is added, it pays {@code price}). A what-if
     * starts from the account's stored equity, which must be current (the account settled): a trade changes
     * equity only by its own mark-to-market.
     */
    void figures(
        final int slot, final int instrumentId, final double quantity, final double price, final MarginFigures out)
    {
        final double base = vectors.baseEquity(slot);
        if (Double.isNaN(base))
        {
            overlayMask = 0;
            overlayEquity = 0.0;
            out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
            return;
        }
        final UnsafeBuffer buffer = vectors.hot(slot);
        final UnsafeBuffer cold = vectors.cold(slot);
        double equity = instrumentId >= 0 ? accounts.equity(slot) : base;
        double contingency = 0.0;
        final long exposed = vectors.mask(slot);
        long mask = exposed;
        int tradeDense = -1;
        if (instrumentId >= 0)
        {
            final int u = instruments.underlying(instrumentId);
            tradeDense = vectors.dense(u);
            if (tradeDense < 0 || MarginResult.STATUS_OK != cache.ensure(instrumentId))
            {
                out.set(Double.NaN, Double.NaN, Double.NaN, AccountStates.UNMARGINED);
                return;
            }
            final double size = quantity * instruments.multiplier(instrumentId);
            equity += size * (cache.mark(instrumentId) - price);
            contingency += tradeContingency(slot, instrumentId, quantity) * assets.price(u);
            mask |= 1L << tradeDense;
        }
        int active = 0;
        for (long m = mask; 0 != m; m &= m - 1)
        {
            final int d = Long.numberOfTrailingZeros(m);
            final int u = vectors.assetOf(d);
            final int set = setSlot(u);
            if (!setActive[set])
            {
                setActive[set] = true;
                activeSets[active++] = set;
                java.util.Arrays.fill(aggregates, set * N, set * N + N, 0.0);
            }
            final double trade = d == tradeDense ? quantity : 0.0;
            if (0 == (exposed & (1L << d)))
            {
                // a trade on an underlying the account holds nothing of: its scenario vector is the trade's alone
                accumulate(null, 0, parameters.pnlOffset(u), set * N, cache.arrays(), instrumentId * N, trade);
                continue;
            }
            final double spot = assets.price(u);
            if (instrumentId < 0)
            {
                final double h = spot - buffer.getDouble(vectors.offset(slot, d, SPOT));
                final double tau = assets.priceTimeNs(u) - cold.getLong(vectors.offset(slot, d, REFERENCE_TIME));
                equity += parameters.collateralValue(u, accounts.balance(slot, u) * spot) + tau *
                    cold.getDouble(vectors.offset(slot, d, OPTION_THETA)) +
                    buffer.getDouble(vectors.offset(slot, d, LINEAR_QUANTITY)) * spot -
                    buffer.getDouble(vectors.offset(slot, d, LINEAR_COST)) +
                    buffer.getDouble(vectors.offset(slot, d, OPTION_VALUE)) +
                    h * (buffer.getDouble(vectors.offset(slot, d, OPTION_DELTA)) +
                    0.5 * h * buffer.getDouble(vectors.offset(slot, d, OPTION_GAMMA)));
            }
            contingency += buffer.getDouble(vectors.offset(slot, d, CONTINGENCY)) * spot +
                cold.getDouble(vectors.offset(slot, d, DEPEG_ADD_ON));
            if (0 != (overlayMask & (1L << d)))
            {
                overlaid(buffer, vectors.offset(slot, d, CURRENT), d * N, parameters.pnlOffset(u), set * N,
                    cache.arrays(), instrumentId * N, trade);
                continue;
            }
            accumulate(buffer, vectors.offset(slot, d, CURRENT), parameters.pnlOffset(u), set * N,
                cache.arrays(), instrumentId * N, trade);
        }
        equity += overlayEquity;
        overlayMask = 0;
        overlayEquity = 0.0;
        final double initialMargin = worstLosses(active) + contingency;
        final double maintenanceMargin = parameters.mmFactor() * initialMargin;
        out.set(equity, initialMargin, maintenanceMargin,
            AccountStates.of(equity, initialMargin, maintenanceMargin));
    }

    // Contingency per unit of spot that the trade adds: short options and linear size, netted with the position.
    private double tradeContingency(final int slot, final int instrumentId, final double quantity)
    {
        final int index = accounts.findPosition(slot, instrumentId);
        final double held = index >= 0 ? accounts.positionQuantity(slot, index) : 0.0;
        final double multiplier = instruments.multiplier(instrumentId);
        if (instruments.isOption(instrumentId))
        {
            return parameters.optionContingency() * multiplier *
                (Math.max(0.0, -(held + quantity)) - Math.max(0.0, -held));
        }
        return parameters.linearContingency() * multiplier * (Math.abs(held + quantity) - Math.abs(held));
    }

    private void accumulate(
        final UnsafeBuffer buffer, final int current, final double offset, final int aggregate,
        final double[] trade, final int tradeAt, final double tradeQuantity)
    {
        final double linear = 0.5 * (1.0 + offset);
        final double kink = 0.5 * (1.0 - offset);
        if (null == buffer)
        {
            for (int k = 0; k < N; k++)
            {
                final double p = tradeQuantity * trade[tradeAt + k];
                aggregates[aggregate + k] += linear * p - kink * Math.abs(p);
            }
        }
        else if (0.0 == tradeQuantity)
        {
            for (int k = 0; k < N; k++)
            {
                final double p = buffer.getDouble(current + k * B);
                aggregates[aggregate + k] += linear * p - kink * Math.abs(p);
            }
        }
        else
        {
            for (int k = 0; k < N; k++)
            {
                final double p = buffer.getDouble(current + k * B) + tradeQuantity * trade[tradeAt + k];
                aggregates[aggregate + k] += linear * p - kink * Math.abs(p);
            }
        }
    }

    private void overlaid(
        final UnsafeBuffer buffer, final int current, final int from, final double offset, final int aggregate,
        final double[] trade, final int tradeAt, final double tradeQuantity)
    {
        final double linear = 0.5 * (1.0 + offset);
        final double kink = 0.5 * (1.0 - offset);
        for (int k = 0; k < N; k++)
        {
            final double p = buffer.getDouble(current + k * B) + overlay[from + k] +
                (0.0 == tradeQuantity ? 0.0 : tradeQuantity * trade[tradeAt + k]);
            aggregates[aggregate + k] += linear * p - kink * Math.abs(p);
        }
    }

    private double worstLosses(final int active)
    {
        if (active > 1)
        {
            java.util.Arrays.sort(activeSets, 0, active);
        }
        double worst = 0.0;
        for (int i = 0; i < active; i++)
        {
            final int set = activeSets[i];
            setActive[set] = false;
            double min = 0.0;
            for (int k = set * N, end = k + N; k < end; k++)
            {
                min = Math.min(min, aggregates[k]);
            }
            worst -= min;
        }
        return worst;
    }

    private int setSlot(final int u)
    {
        final int set = parameters.correlationSet(u);
        return set > 0 ? set : ownSetBase + u;
    }

    private static void addScaled(
        final UnsafeBuffer buffer, final int at, final double[] source, final int from, final double scale)
    {
        for (int k = 0; k < N; k++)
        {
            final int offset = at + k * B;
            buffer.putDouble(offset, buffer.getDouble(offset) + scale * source[from + k]);
        }
    }

    private static void add(final UnsafeBuffer buffer, final int at, final double value)
    {
        buffer.putDouble(at, buffer.getDouble(at) + value);
    }
}
