package io.pme.engine.margin;

import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.RiskArrays;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.rulebook.ScenarioGrid;
import io.pme.engine.rulebook.VolatilityShock;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import io.pme.pricing.BlackScholes;
import io.pme.pricing.OptionValuation;

import java.util.Arrays;

/**
 * Per instrument, its risk array (P&amp;L per contract in the 33 scenarios) and its mark, and per underlying the
 * risk array of one unit held. Computed lazily, at the time of the underlying's latest price: so the cache is a
 * pure function of engine state and recomputing it after a restore gives the same bits.
 */
final class InstrumentRiskCache
{
    static final int N = ScenarioGrid.SCENARIO_COUNT;
    /**
     * Message time an option's expansion is trusted for, as a fraction of its time to expiry: time value goes as
     * √T near the money, so a secant over τ misses at most about (τ/T)²/32 of the option's value.
     */
    static final double AGE_FRACTION = 2.0e-3;
    /**
     * Refresh range of an option near the money in some scenario, per (σ√T)^⅔: the expansion's third-order
     * remainder per contract is about x³/(15(σ√T)²) of the spot for a move x.
     */
    static final double RANGE_FACTOR = 0.0114;
    /** Log-moneyness, in shocked standard deviations, beyond which an option is far from the money. */
    static final double FAR_FROM_MONEY = 8.0;
    /**
     * Doubles of one volatility change, see {@link #change()}: the risk array's change with its spot, second spot
     * and time derivatives ({@code N} each), the mark's four, the change of the two third-derivative bounds, and the
     * spot and price time (a {@code long} in the double's bits) it was priced at.
     */
    static final int CHANGE_LENGTH = 4 * N + 8;
    /** Offset in a change of the mark's change and its derivatives. */
    static final int MARK_CHANGE = 4 * N;
    /** Offset in a change of the change of {@link #marginThird(int)} and then {@link #markThird(int)}. */
    static final int THIRD_CHANGE = MARK_CHANGE + 4;
    /** Offset in a change of the spot it was priced at; the price time follows. */
    static final int CHANGE_SPOT = THIRD_CHANGE + 2;
    private static final double MAX_THIRD = 1e200;
    private static final double QUARTER_OCTAVE = Math.sqrt(Math.sqrt(2.0));
    private static final double HALF_OCTAVE = Math.sqrt(2.0);
    private static final double INVERSE_ROOT_TWO_PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final Assets assets;
    private final Instruments instruments;
    private final RiskParameters parameters;
    private final double[] arrays;
    private final double[] arrayDeltas;
    private final double[] arrayGammas;
    private final double[] marks;
    private final double[] markDeltas;
    private final double[] markGammas;
    private final double[] unitDeltas;
    private final double[] arrayThetas;
    private final double[] markThetas;
    private final double[] refreshRanges;
    private final long[] maxAges;
    private final double[] marginThirds;
    private final double[] markThirds;
    private final double[] scratch = new double[N];
    private final double[] computedVols;
    private final double[] change = new double[CHANGE_LENGTH];
    private double rangeBefore;
    private long ageBefore;
    private final OptionValuation valuation = new OptionValuation();
    private final int[] statuses;
    private final boolean[] valid;
    private final double[] unitArrays;
    private final boolean[] unitValid;

    InstrumentRiskCache(final EngineState state, final RiskParameters parameters)
    {
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.parameters = parameters;
        final int maxInstruments = instruments.capacity();
        arrays = new double[maxInstruments * N];
        arrayDeltas = new double[maxInstruments * N];
        arrayGammas = new double[maxInstruments * N];
        marks = new double[maxInstruments];
        markDeltas = new double[maxInstruments];
        markGammas = new double[maxInstruments];
        unitDeltas = new double[assets.capacity() * N];
        arrayThetas = new double[maxInstruments * N];
        markThetas = new double[maxInstruments];
        refreshRanges = new double[maxInstruments];
        maxAges = new long[maxInstruments];
        marginThirds = new double[maxInstruments];
        markThirds = new double[maxInstruments];
        computedVols = new double[maxInstruments];
        statuses = new int[maxInstruments];
        valid = new boolean[maxInstruments];
        unitArrays = new double[assets.capacity() * N];
        unitValid = new boolean[assets.capacity()];
        invalidateAll();
    }

    // Every holder's expansion is priced at the volatility in the engine state when the cache is built or rebuilt,
    // so the volatility a change starts from is a function of engine state, restores included.
    void invalidateAll()
    {
        Arrays.fill(valid, false);
        Arrays.fill(unitValid, false);
        for (int i = 0, n = instruments.limit(); i < n; i++)
        {
            computedVols[i] = instruments.vol(i);
        }
    }

    /** Records that no holder is priced at an earlier volatility of the option than the one in the engine state. */
    void volatilityPriced(final int instrumentId)
    {
        computedVols[instrumentId] = instruments.vol(instrumentId);
    }

    void invalidateUnderlying(final int assetId)
    {
        unitValid[assetId] = false;
        for (int i = 0, n = instruments.limit(); i < n; i++)
        {
            if (instruments.underlying(i) == assetId)
            {
                valid[i] = false;
            }
        }
    }

    void invalidateInstrument(final int instrumentId)
    {
        valid[instrumentId] = false;
    }

    /**
     * @return {@link MarginResult#STATUS_OK} when the instrument's risk array and mark are current, else why they
     * cannot be.
     */
    int ensure(final int instrumentId)
    {
        if (!valid[instrumentId])
        {
            statuses[instrumentId] = compute(instrumentId, instruments.vol(instrumentId));
            valid[instrumentId] = true;
        }
        return statuses[instrumentId];
    }

    /**
     * Prices an option's new volatility: the change of its risk array and mark, with their derivatives in the spot
     * and time, at the current spot and price time, from the volatility the cache last priced it at to the one now
     * in the engine state. Holders priced their positions at that last volatility: a change reaches every holder.
     *
     * @return {@link MarginResult#STATUS_OK} when both are priced; the change is then in {@link #change()}.
     */
    int volatilityChange(final int instrumentId)
    {
        // a valid entry was computed at the volatility holders are priced at, at today's spot and price time
        final int before = valid[instrumentId] ?
            statuses[instrumentId] : compute(instrumentId, computedVols[instrumentId]);
        final int at = instrumentId * N;
        System.arraycopy(arrays, at, change, 0, N);
        System.arraycopy(arrayDeltas, at, change, N, N);
        System.arraycopy(arrayGammas, at, change, 2 * N, N);
        System.arraycopy(arrayThetas, at, change, 3 * N, N);
        change[MARK_CHANGE] = marks[instrumentId];
        change[MARK_CHANGE + 1] = markDeltas[instrumentId];
        change[MARK_CHANGE + 2] = markGammas[instrumentId];
        change[MARK_CHANGE + 3] = markThetas[instrumentId];
        change[THIRD_CHANGE] = marginThirds[instrumentId];
        change[THIRD_CHANGE + 1] = markThirds[instrumentId];
        rangeBefore = refreshRanges[instrumentId];
        ageBefore = maxAges[instrumentId];
        valid[instrumentId] = false;
        final int after = ensure(instrumentId);
        if (MarginResult.STATUS_OK != before || MarginResult.STATUS_OK != after)
        {
            return MarginResult.STATUS_OK != after ? after : before;
        }
        for (int k = 0; k < N; k++)
        {
            change[k] = arrays[at + k] - change[k];
            change[N + k] = arrayDeltas[at + k] - change[N + k];
            change[2 * N + k] = arrayGammas[at + k] - change[2 * N + k];
            change[3 * N + k] = arrayThetas[at + k] - change[3 * N + k];
        }
        change[MARK_CHANGE] = marks[instrumentId] - change[MARK_CHANGE];
        change[MARK_CHANGE + 1] = markDeltas[instrumentId] - change[MARK_CHANGE + 1];
        change[MARK_CHANGE + 2] = markGammas[instrumentId] - change[MARK_CHANGE + 2];
        change[MARK_CHANGE + 3] = markThetas[instrumentId] - change[MARK_CHANGE + 3];
        change[THIRD_CHANGE] = marginThirds[instrumentId] - change[THIRD_CHANGE];
        change[THIRD_CHANGE + 1] = markThirds[instrumentId] - change[THIRD_CHANGE + 1];
        change[CHANGE_SPOT] = assets.price(instruments.underlying(instrumentId));
        change[CHANGE_SPOT + 1] = Double.longBitsToDouble(assets.priceTimeNs(instruments.underlying(instrumentId)));
        return MarginResult.STATUS_OK;
    }

    /**
     * @return the last {@link #volatilityChange(int)}, {@link #CHANGE_LENGTH} doubles: the risk array's change and
     * its spot, second spot and time derivatives ({@code N} each), then from {@link #MARK_CHANGE} the mark's, from
     * {@link #THIRD_CHANGE} the change of the two third-derivative bounds, and at {@link #CHANGE_SPOT} the spot and
     * price time it was priced at.
     */
    double[] change()
    {
        return change;
    }

    /**
     * @return whether the last {@link #volatilityChange(int)} left the option's trusted age as long as it was (it
     * follows time to expiry alone): then holders may take the rest of the change lazily, their trusted ranges
     * narrowed on the tick where the option's range or third-derivative bounds narrow them.
     */
    boolean changeKeepsAge(final int instrumentId)
    {
        return maxAges[instrumentId] >= ageBefore;
    }

    /** @return whether the last {@link #volatilityChange(int)} shrank the option's trusted range. */
    boolean changeShrankRange(final int instrumentId)
    {
        return refreshRanges[instrumentId] < rangeBefore;
    }

    /**
     * @return per contract, a bound on |∂³P/∂S³| of its weighted scenario P&amp;L in any scenario, for any spot within
     * twice its trusted range of today's: the expansion's remainder is at most this × |h|³ / 6.
     */
    double marginThird(final int instrumentId)
    {
        return marginThirds[instrumentId];
    }

    /**
     * @return per unit of the underlying, a bound on |∂³mark/∂S³| for any spot within twice the trusted range.
     */
    double markThird(final int instrumentId)
    {
        return markThirds[instrumentId];
    }

    /**
     * @return {@link MarginResult#STATUS_OK} when the unit risk array of the underlying is current.
     */
    int ensureUnit(final int assetId)
    {
        final double spot = assets.price(assetId);
        if (!(spot > 0.0))
        {
            return MarginResult.STATUS_PRICE_MISSING;
        }
        if (!unitValid[assetId])
        {
            final double range = parameters.priceRange(assetId);
            RiskArrays.linear(spot, 1.0, range, parameters, unitArrays, assetId * N);
            for (int k = 0; k < N; k++)
            {
                unitDeltas[assetId * N + k] = ScenarioGrid.weightedShock(k, range, parameters);
            }
            unitValid[assetId] = true;
        }
        return MarginResult.STATUS_OK;
    }

    double[] arrays()
    {
        return arrays;
    }

    double[] unitArrays()
    {
        return unitArrays;
    }

    /**
     * @return per unit held, ∂(risk array)/∂S: a linear exposure's scenario P&amp;L is linear in the spot.
     */
    double[] unitDeltas()
    {
        return unitDeltas;
    }

    /**
     * @return per instrument, ∂(risk array)/∂S in each scenario.
     */
    double[] arrayDeltas()
    {
        return arrayDeltas;
    }

    /**
     * @return per instrument, ∂²(risk array)/∂S² in each scenario.
     */
    double[] arrayGammas()
    {
        return arrayGammas;
    }

    /**
     * @return per instrument, the change of the risk array per nanosecond of the underlying's price time in each
     * scenario (a secant over {@link #maxAgeNs(int)}).
     */
    double[] arrayThetas()
    {
        return arrayThetas;
    }

    /**
     * @return the mark's change per nanosecond of the underlying's price time, per unit of the underlying.
     */
    double markTheta(final int instrumentId)
    {
        return markThetas[instrumentId];
    }

    /**
     * @return the relative spot move within which the instrument's expansion is trusted.
     */
    double refreshRange(final int instrumentId)
    {
        return refreshRanges[instrumentId];
    }

    /**
     * @return the price time after which the instrument's expansion is no longer trusted.
     */
    long maxAgeNs(final int instrumentId)
    {
        return maxAges[instrumentId];
    }

    /**
     * @return ∂mark/∂S per unit of the underlying.
     */
    double markDelta(final int instrumentId)
    {
        return markDeltas[instrumentId];
    }

    /**
     * @return ∂²mark/∂S² per unit of the underlying.
     */
    double markGamma(final int instrumentId)
    {
        return markGammas[instrumentId];
    }

    /**
     * @return per unit of the underlying: the index for a linear instrument, the option value for an option.
     */
    double mark(final int instrumentId)
    {
        return marks[instrumentId];
    }

    private int compute(final int instrumentId, final double vol)
    {
        final int u = instruments.underlying(instrumentId);
        if (!parameters.isUnderlying(u))
        {
            return MarginResult.STATUS_NOT_AN_UNDERLYING;
        }
        final double spot = assets.price(u);
        if (!(spot > 0.0))
        {
            return MarginResult.STATUS_PRICE_MISSING;
        }
        final double range = parameters.priceRange(u);
        if (instruments.isOption(instrumentId))
        {
            if (!(vol > 0.0))
            {
                return MarginResult.STATUS_VOL_MISSING;
            }
            final long toExpiryNs = instruments.expiryNs(instrumentId) - assets.priceTimeNs(u);
            computedVols[instrumentId] = vol;
            computeOption(instrumentId, spot, toExpiryNs / BlackScholes.NANOS_PER_YEAR, vol, range);
            timeAndRange(instrumentId, spot, toExpiryNs, vol, range);
        }
        else
        {
            final double multiplier = instruments.multiplier(instrumentId);
            RiskArrays.linear(spot, multiplier, range, parameters, arrays, instrumentId * N);
            for (int k = 0; k < N; k++)
            {
                arrayDeltas[instrumentId * N + k] = multiplier * ScenarioGrid.weightedShock(k, range, parameters);
                arrayGammas[instrumentId * N + k] = 0.0;
            }
            marks[instrumentId] = spot;
            markDeltas[instrumentId] = 1.0;
            markGammas[instrumentId] = 0.0;
            Arrays.fill(arrayThetas, instrumentId * N, instrumentId * N + N, 0.0);
            markThetas[instrumentId] = 0.0;
            refreshRanges[instrumentId] = PortfolioRiskModel.REFRESH_MOVE;
            maxAges[instrumentId] = PortfolioRiskModel.MAX_AGE_NS;
            marginThirds[instrumentId] = 0.0;
            markThirds[instrumentId] = 0.0;
        }
        return MarginResult.STATUS_OK;
    }

    // Scenario P&L per contract and its first two derivatives in the spot: in scenario k the shocked spot is
    // S(1 + x), so d/dS brings a factor (1 + x) per derivative; the weight and the shocked vol do not depend on S.
    private void computeOption(
        final int instrumentId, final double spot, final double t, final double vol, final double range)
    {
        final double strike = instruments.strike(instrumentId);
        final boolean isCall = Instruments.RIGHT_CALL == instruments.right(instrumentId);
        final double multiplier = instruments.multiplier(instrumentId);
        final double rate = parameters.riskFreeRate();
        marks[instrumentId] = RiskArrays.option(
            spot, strike, t, vol, isCall, multiplier, range, parameters, arrays, instrumentId * N);
        BlackScholes.valueAndGreeks(spot, strike, t, vol, rate, isCall, valuation);
        final double baseDelta = finiteOrZero(valuation.delta());
        final double baseGamma = finiteOrZero(valuation.gamma());
        markDeltas[instrumentId] = baseDelta;
        markGammas[instrumentId] = baseGamma;
        final double factor = VolatilityShock.factor(t, parameters);
        final double volUp = VolatilityShock.up(vol, factor, parameters);
        final double volDown = VolatilityShock.down(vol, factor, parameters);
        for (int k = 0; k < N; k++)
        {
            final double shockedVol = ScenarioGrid.shockedVol(k, vol, volUp, volDown);
            final double scale = 1.0 + ScenarioGrid.shock(k, range, parameters);
            BlackScholes.valueAndGreeks(spot * scale, strike, t, shockedVol, rate, isCall, valuation);
            final double weight = multiplier * ScenarioGrid.weight(k, range, parameters);
            arrayDeltas[instrumentId * N + k] = weight * (scale * finiteOrZero(valuation.delta()) - baseDelta);
            arrayGammas[instrumentId * N + k] = weight * (scale * scale * finiteOrZero(valuation.gamma()) - baseGamma);
        }
    }

    // The expansion follows time by a secant over the option's age limit, and is trusted for a spot move short of
    // its third-order remainder; an expired option is piecewise linear in the spot, exact until a scenario spot
    // crosses the strike.
    private void timeAndRange(
        final int instrumentId, final double spot, final long toExpiryNs, final double vol, final double range)
    {
        final int at = instrumentId * N;
        final double strike = instruments.strike(instrumentId);
        if (toExpiryNs <= 0)
        {
            Arrays.fill(arrayThetas, at, at + N, 0.0);
            markThetas[instrumentId] = 0.0;
            maxAges[instrumentId] = PortfolioRiskModel.MAX_AGE_NS;
            double distance = Math.abs(strike - spot);
            for (int k = 0; k < N; k++)
            {
                final double crossing = strike / (1.0 + ScenarioGrid.shock(k, range, parameters));
                distance = Math.min(distance, Math.abs(crossing - spot));
            }
            refreshRanges[instrumentId] =
                Math.min(PortfolioRiskModel.REFRESH_MOVE, quarterOctaveBelow(distance / spot));
            marginThirds[instrumentId] = 0.0;
            markThirds[instrumentId] = 0.0;
            return;
        }
        final long ageNs = Math.max(1L, Math.min(PortfolioRiskModel.MAX_AGE_NS, (long)(AGE_FRACTION * toExpiryNs)));
        maxAges[instrumentId] = ageNs;
        final double t = toExpiryNs / BlackScholes.NANOS_PER_YEAR;
        final double later = (toExpiryNs - ageNs) / BlackScholes.NANOS_PER_YEAR;
        final boolean isCall = Instruments.RIGHT_CALL == instruments.right(instrumentId);
        final double multiplier = instruments.multiplier(instrumentId);
        final double mark = RiskArrays.option(
            spot, strike, later, vol, isCall, multiplier, range, parameters, scratch, 0);
        for (int k = 0; k < N; k++)
        {
            arrayThetas[at + k] = (scratch[k] - arrays[at + k]) / ageNs;
        }
        markThetas[instrumentId] = (mark - marks[instrumentId]) / ageNs;
        final double factor = VolatilityShock.factor(t, parameters);
        final double deviation = VolatilityShock.up(vol, factor, parameters) * Math.sqrt(t);
        boolean nearMoney = false;
        for (int k = 0; k < N && !nearMoney; k++)
        {
            final double scenarioSpot = spot * (1.0 + ScenarioGrid.shock(k, range, parameters));
            nearMoney = Math.abs(Math.log(strike / scenarioSpot)) <= FAR_FROM_MONEY * deviation;
        }
        final double totalVol = vol * Math.sqrt(t);
        refreshRanges[instrumentId] = nearMoney ? Math.min(PortfolioRiskModel.REFRESH_MOVE,
            quarterOctaveBelow(RANGE_FACTOR * Math.cbrt(totalVol * totalVol))) : PortfolioRiskModel.REFRESH_MOVE;
        thirdDerivatives(instrumentId, spot, t, vol, range, 2.0 * refreshRanges[instrumentId]);
    }

    // Black–Scholes' third spot derivative is φ(d₁)(d₁ + σ√T) / (S²σ²T), for calls and puts alike; its sup over a
    // spot interval is the sup of |φ(d)(d + σ√T)| over the matching d₁ interval, at an end or where
    // d² + σ√T·d = 1, over the interval's lowest S². Scenario k's P&L per contract is w·m·(V(S(1 + x), σₖ) − V(S, σ)),
    // whose third derivative is w·m·((1 + x)³V'''ₖ − V''').
    private void thirdDerivatives(
        final int instrumentId, final double spot, final double t, final double vol, final double range,
        final double reach)
    {
        final double strike = instruments.strike(instrumentId);
        final double rate = parameters.riskFreeRate();
        final double multiplier = instruments.multiplier(instrumentId);
        final double low = spot * (1.0 - reach);
        final double base = supThird(low, spot * (1.0 + reach), strike, t, vol, rate);
        final double factor = VolatilityShock.factor(t, parameters);
        final double volUp = VolatilityShock.up(vol, factor, parameters);
        final double volDown = VolatilityShock.down(vol, factor, parameters);
        double margin = 0.0;
        for (int k = 0; k < N; k++)
        {
            final double scale = 1.0 + ScenarioGrid.shock(k, range, parameters);
            final double shocked = supThird(low * scale, spot * (1.0 + reach) * scale, strike, t,
                ScenarioGrid.shockedVol(k, vol, volUp, volDown), rate);
            margin = Math.max(margin,
                Math.abs(ScenarioGrid.weight(k, range, parameters)) * (scale * scale * scale * shocked + base));
        }
        marginThirds[instrumentId] = halfOctaveAbove(multiplier * margin);
        markThirds[instrumentId] = halfOctaveAbove(base);
    }

    // Ranges and bounds move in steps (a range down to a quarter octave, a bound up to a half), so that a small
    // change of volatility mostly leaves them as they were and its holders may take it lazily.
    static double quarterOctaveBelow(final double value)
    {
        if (!(value > 0.0) || value >= Double.MAX_VALUE)
        {
            return value > 0.0 ? value : 0.0;
        }
        final double octave = Math.scalb(1.0, Math.getExponent(value));
        double step = octave;
        while (step * QUARTER_OCTAVE <= value)
        {
            step *= QUARTER_OCTAVE;
        }
        return step;
    }

    static double halfOctaveAbove(final double value)
    {
        if (value <= 0.0)
        {
            return 0.0;
        }
        if (!(value < MAX_THIRD))
        {
            return MAX_THIRD;
        }
        final double octave = Math.scalb(1.0, Math.getExponent(value));
        if (octave == value)
        {
            return value;
        }
        return octave * HALF_OCTAVE >= value ? octave * HALF_OCTAVE : 2.0 * octave;
    }

    private static double supThird(
        final double low, final double high, final double strike, final double t, final double vol,
        final double rate)
    {
        final double a = vol * Math.sqrt(t);
        final double drift = (rate + 0.5 * vol * vol) * t;
        final double from = (Math.log(low / strike) + drift) / a;
        final double to = (Math.log(high / strike) + drift) / a;
        double sup = Math.max(Math.abs(speedShape(from, a)), Math.abs(speedShape(to, a)));
        final double root = Math.sqrt(a * a + 4.0);
        final double upper = 0.5 * (root - a);
        final double lower = -0.5 * (root + a);
        if (upper > from && upper < to)
        {
            sup = Math.max(sup, Math.abs(speedShape(upper, a)));
        }
        if (lower > from && lower < to)
        {
            sup = Math.max(sup, Math.abs(speedShape(lower, a)));
        }
        // at absurd spots or times the bound is huge or not a number: the range then shrinks to nothing, and every
        // tick revalues the account exactly
        final double bound = sup / (low * low * a * a);
        return bound <= MAX_THIRD ? bound : MAX_THIRD;
    }

    private static double speedShape(final double d, final double a)
    {
        return Math.exp(-0.5 * d * d) * INVERSE_ROOT_TWO_PI * (d + a);
    }

    // At absurd spots (a subnormal price) S·σ√T underflows and gamma is 0/0: the expansion then simply does not move,
    // and the exact refresh rule takes over.
    private static double finiteOrZero(final double value)
    {
        return value - value == 0.0 ? value : 0.0;
    }
}
