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
        statuses = new int[maxInstruments];
        valid = new boolean[maxInstruments];
        unitArrays = new double[assets.capacity() * N];
        unitValid = new boolean[assets.capacity()];
    }

    void invalidateAll()
    {
        Arrays.fill(valid, false);
        Arrays.fill(unitValid, false);
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
            statuses[instrumentId] = compute(instrumentId);
            valid[instrumentId] = true;
        }
        return statuses[instrumentId];
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

    private int compute(final int instrumentId)
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
            final double vol = instruments.vol(instrumentId);
            if (!(vol > 0.0))
            {
                return MarginResult.STATUS_VOL_MISSING;
            }
            final double t = (instruments.expiryNs(instrumentId) - assets.priceTimeNs(u)) / BlackScholes.NANOS_PER_YEAR;
            computeOption(instrumentId, spot, t, vol, range);
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

    // At absurd spots (a subnormal price) S·σ√T underflows and gamma is 0/0: the expansion then simply does not move,
    // and the exact refresh rule takes over.
    private static double finiteOrZero(final double value)
    {
        return value - value == 0.0 ? value : 0.0;
    }
}
