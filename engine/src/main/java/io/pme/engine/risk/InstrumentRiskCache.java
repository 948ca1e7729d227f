package io.pme.engine.risk;

import io.pme.engine.margin.RiskArrays;
import io.pme.engine.margin.RiskParameters;
import io.pme.engine.margin.ScenarioGrid;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

import java.util.Arrays;

/**
 * Per instrument, its risk array (P&amp;L per contract in the 33 scenarios) and its mark, and per underlying the
 * risk array of one unit held. Computed lazily, at the time of the underlying's latest price: so the cache is a
 * pure function of engine state and recomputing it after a restore gives the same bits.
 */
final class InstrumentRiskCache
{
    static final int N = ScenarioGrid.SCENARIO_COUNT;
    static final int OK = 0;
    static final int PRICE_MISSING = 1;
    static final int VOL_MISSING = 2;
    static final int NOT_AN_UNDERLYING = 3;

    private static final double NANOS_PER_YEAR = 365.0 * 86_400.0 * 1e9;

    private final Assets assets;
    private final Instruments instruments;
    private final RiskParameters parameters;
    private final double[] arrays;
    private final double[] marks;
    private final int[] statuses;
    private final boolean[] valid;
    private final double[] unitArrays;
    private final boolean[] unitValid;
    private long computations;

    InstrumentRiskCache(final EngineState state, final RiskParameters parameters)
    {
        this.assets = state.assets();
        this.instruments = state.instruments();
        this.parameters = parameters;
        final int maxInstruments = instruments.capacity();
        arrays = new double[maxInstruments * N];
        marks = new double[maxInstruments];
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
        for (int i = 0, n = instruments.capacity(); i < n; i++)
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
     * @return {@link #OK} when the instrument's risk array and mark are current, else why they cannot be.
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
     * @return {@link #OK} when the unit risk array of the underlying is current.
     */
    int ensureUnit(final int assetId)
    {
        final double spot = assets.price(assetId);
        if (!(spot > 0.0))
        {
            return PRICE_MISSING;
        }
        if (!unitValid[assetId])
        {
            RiskArrays.linear(spot, 1.0, parameters.priceRange(assetId), parameters, unitArrays, assetId * N);
            unitValid[assetId] = true;
        }
        return OK;
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
     * @return per unit of the underlying: the index for a linear instrument, the option value for an option.
     */
    double mark(final int instrumentId)
    {
        return marks[instrumentId];
    }

    long computations()
    {
        return computations;
    }

    private int compute(final int instrumentId)
    {
        final int u = instruments.underlying(instrumentId);
        if (!parameters.isUnderlying(u))
        {
            return NOT_AN_UNDERLYING;
        }
        final double spot = assets.price(u);
        if (!(spot > 0.0))
        {
            return PRICE_MISSING;
        }
        computations++;
        final double range = parameters.priceRange(u);
        if (instruments.isOption(instrumentId))
        {
            final double vol = instruments.vol(instrumentId);
            if (!(vol > 0.0))
            {
                return VOL_MISSING;
            }
            final double t = (instruments.expiryNs(instrumentId) - assets.priceTimeNs(u)) / NANOS_PER_YEAR;
            marks[instrumentId] = RiskArrays.option(
                spot, instruments.strike(instrumentId), t, vol, Instruments.RIGHT_CALL == instruments.right(instrumentId),
                instruments.multiplier(instrumentId), range, parameters, arrays, instrumentId * N);
        }
        else
        {
            RiskArrays.linear(spot, instruments.multiplier(instrumentId), range, parameters, arrays, instrumentId * N);
            marks[instrumentId] = spot;
        }
        return OK;
    }
}
