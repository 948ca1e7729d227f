package io.pme.engine.rulebook;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every parameter of the rulebook's table, mutable at runtime through {@link #apply(int, int, int, double, double)}
 * (the ParameterUpdate admin message), with per-asset values in arrays indexed by asset id.
 * <p>
 * Defaults come from a parameter file keyed by symbol (the engine ships {@code risk-parameters.properties}); an asset
 * picks its symbol's defaults when defined. An asset is an underlying exactly when its price range is positive.
 */
public final class RiskParameters
{
    /** Most haircut tiers an asset can have. */
    public static final int MAX_TIERS = 8;
    /** Correlation sets are numbered 1 … MAX_CORRELATION_SETS − 1; 0 means "a set of its own". */
    public static final int MAX_CORRELATION_SETS = 16;
    /** Classpath resource holding the shipped defaults. */
    public static final String DEFAULT_RESOURCE = "/risk-parameters.properties";

    private static final String USD = "USD";

    private final int maxAssets;
    private final double[] tailShocks = new double[ScenarioGrid.TAIL_COUNT];
    private final String[] setNames = new String[MAX_CORRELATION_SETS];
    private final Map<String, AssetDefaults> defaultsBySymbol = new HashMap<>();
    private AssetDefaults fallback;

    private double volRangeUp;
    private double volRangeDown;
    private double minVolForShockUp;
    private double shortTermVegaPower;
    private double longTermVegaPower;
    private double vegaReferenceDays;
    private double vegaFloorDays;
    private double optionContingency;
    private double linearContingency;
    private double mmFactor;
    private double riskFreeRate;

    private final String[] symbols;
    private final boolean[] usd;
    private final int[] tierCounts;
    private final double[] tierBounds;
    private final double[] tierHaircuts;
    private final double[] priceRanges;
    private final double[] pnlOffsets;
    private final int[] correlationSets;

    /**
     * Empty parameters: no global values and no symbol defaults. Use {@link #loadDefaults(int)} or
     * {@link #load(Path, int)} for a usable set.
     *
     * @param maxAssets capacity of asset ids 0 … maxAssets − 1.
     */
    public RiskParameters(final int maxAssets)
    {
        this.maxAssets = maxAssets;
        symbols = new String[maxAssets];
        usd = new boolean[maxAssets];
        tierCounts = new int[maxAssets];
        tierBounds = new double[maxAssets * MAX_TIERS];
        tierHaircuts = new double[maxAssets * MAX_TIERS];
        priceRanges = new double[maxAssets];
        pnlOffsets = new double[maxAssets];
        correlationSets = new int[maxAssets];
        for (int n = 0; n < MAX_CORRELATION_SETS; n++)
        {
            setNames[n] = "SET" + n;
        }
    }

    /**
     * The shipped defaults, from the classpath resource {@value #DEFAULT_RESOURCE}.
     *
     * @param maxAssets capacity of asset ids.
     * @return a new parameter set.
     */
    public static RiskParameters loadDefaults(final int maxAssets)
    {
        return RiskParametersLoader.loadResource(DEFAULT_RESOURCE, maxAssets);
    }

    /**
     * Parameters from a file in the format of {@code risk-parameters.properties}.
     *
     * @param file      the parameter file.
     * @param maxAssets capacity of asset ids.
     * @return a new parameter set.
     * @throws IllegalArgumentException naming the key and the reason when the file is malformed or unreadable.
     */
    public static RiskParameters load(final Path file, final int maxAssets)
    {
        return RiskParametersLoader.loadFile(file, maxAssets);
    }

    /**
     * Defines an asset id as a symbol and copies that symbol's defaults; an unknown symbol gets the file's
     * {@code fallback.*} defaults (by default: no collateral value, not an underlying).
     *
     * @param assetId id in 0 … maxAssets − 1.
     * @param symbol  the asset's symbol, e.g. "BTC".
     */
    public void defineAsset(final int assetId, final String symbol)
    {
        final AssetDefaults defaults = defaultsBySymbol.getOrDefault(symbol, fallback);
        symbols[assetId] = symbol;
        usd[assetId] = USD.equals(symbol);
        tierCounts[assetId] = defaults.tierBounds.length;
        System.arraycopy(defaults.tierBounds, 0, tierBounds, assetId * MAX_TIERS, defaults.tierBounds.length);
        System.arraycopy(defaults.tierHaircuts, 0, tierHaircuts, assetId * MAX_TIERS, defaults.tierHaircuts.length);
        priceRanges[assetId] = defaults.priceRange;
        pnlOffsets[assetId] = defaults.pnlOffset;
        correlationSets[assetId] = defaults.correlationSet;
    }

    /**
     * @param symbol an asset symbol.
     * @return true when the parameter file has defaults for this symbol.
     */
    public boolean knowsSymbol(final String symbol)
    {
        return defaultsBySymbol.containsKey(symbol);
    }

    /**
     * Applies one ParameterUpdate. Validates first and leaves the state unchanged on reject.
     *
     * @param parameterId SBE ParameterId value, see {@link ParameterIds}.
     * @param assetId     the asset for per-asset parameters, −1 for global ones.
     * @param index       tail shock index, haircut tier index, or correlation set number.
     * @param value       the new value (for a haircut tier: its lower bound in USD).
     * @param value2      a haircut tier's haircut; unused otherwise.
     * @return {@link ParameterIds#OK} or a RejectReason code.
     */
    public int apply(final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        switch (parameterId)
        {
            case ParameterIds.PRICE_RANGE, ParameterIds.PNL_OFFSET, ParameterIds.HAIRCUT_TIER,
                ParameterIds.CORRELATION_SET:
                return isDefined(assetId) ? applyPerAsset(parameterId, assetId, index, value, value2) :
                    ParameterIds.UNKNOWN_ASSET;
            case ParameterIds.VOL_RANGE_UP, ParameterIds.VOL_RANGE_DOWN, ParameterIds.MIN_VOL_FOR_SHOCK_UP,
                ParameterIds.SHORT_TERM_VEGA_POWER, ParameterIds.LONG_TERM_VEGA_POWER, ParameterIds.TAIL_SHOCK,
                ParameterIds.OPTION_CONTINGENCY, ParameterIds.LINEAR_CONTINGENCY, ParameterIds.MM_FACTOR,
                ParameterIds.RISK_FREE_RATE:
                // Global parameters carry assetId −1; anything else is a malformed update.
                return assetId == -1 ? applyGlobal(parameterId, index, value) : ParameterIds.INVALID_VALUE;
            default:
                return ParameterIds.UNKNOWN_PARAMETER;
        }
    }

    private int applyGlobal(final int parameterId, final int index, final double value)
    {
        if (parameterId == ParameterIds.TAIL_SHOCK)
        {
            if (index < 0 || index >= ScenarioGrid.TAIL_COUNT || !validTailShock(value))
            {
                return ParameterIds.INVALID_VALUE;
            }
            tailShocks[index] = value;
            return ParameterIds.OK;
        }

        if (!validGlobal(parameterId, value))
        {
            return ParameterIds.INVALID_VALUE;
        }
        setGlobal(parameterId, value);
        return ParameterIds.OK;
    }

    private int applyPerAsset(
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        switch (parameterId)
        {
            case ParameterIds.PRICE_RANGE:
                if (!validPriceRange(value))
                {
                    return ParameterIds.INVALID_VALUE;
                }
                priceRanges[assetId] = value;
                return ParameterIds.OK;

            case ParameterIds.PNL_OFFSET:
                if (!validFraction(value))
                {
                    return ParameterIds.INVALID_VALUE;
                }
                pnlOffsets[assetId] = value;
                return ParameterIds.OK;

            case ParameterIds.HAIRCUT_TIER:
                return applyTier(assetId, index, value, value2);

            default:
                if (index < 0 || index >= MAX_CORRELATION_SETS)
                {
                    return ParameterIds.INVALID_VALUE;
                }
                correlationSets[assetId] = index;
                return ParameterIds.OK;
        }
    }

    // Replaces tier `index` or appends it at the end; bounds must stay strictly increasing and start at 0.
    private int applyTier(final int assetId, final int index, final double bound, final double haircut)
    {
        final int count = tierCounts[assetId];
        final int base = assetId * MAX_TIERS;
        if (index < 0 || index > count || index >= MAX_TIERS || !validFraction(haircut) || !validBound(bound) ||
            (index == 0 && bound != 0.0) ||
            (index > 0 && !(bound > tierBounds[base + index - 1])) ||
            (index + 1 < count && !(bound < tierBounds[base + index + 1])))
        {
            return ParameterIds.INVALID_VALUE;
        }
        tierBounds[base + index] = bound;
        tierHaircuts[base + index] = haircut;
        tierCounts[assetId] = Math.max(count, index + 1);
        return ParameterIds.OK;
    }

    /**
     * Feeds every parameter into a hash accumulator, in a fixed order, for state digests.
     *
     * @param hash the accumulator so far.
     * @return the new accumulator.
     */
    public long digestInto(final long hash)
    {
        long h = hash;
        h = mix(h, volRangeUp);
        h = mix(h, volRangeDown);
        h = mix(h, minVolForShockUp);
        h = mix(h, shortTermVegaPower);
        h = mix(h, longTermVegaPower);
        h = mix(h, vegaReferenceDays);
        h = mix(h, vegaFloorDays);
        h = mix(h, optionContingency);
        h = mix(h, linearContingency);
        h = mix(h, mmFactor);
        h = mix(h, riskFreeRate);
        for (final double tail : tailShocks)
        {
            h = mix(h, tail);
        }
        for (int a = 0; a < maxAssets; a++)
        {
            h = mix(h, priceRanges[a]);
            h = mix(h, pnlOffsets[a]);
            h = mix(h, correlationSets[a]);
            h = mix(h, tierCounts[a]);
            for (int i = 0; i < tierCounts[a]; i++)
            {
                h = mix(h, tierBounds[a * MAX_TIERS + i]);
                h = mix(h, tierHaircuts[a * MAX_TIERS + i]);
            }
        }
        return h;
    }

    private static long mix(final long h, final double value)
    {
        return (h ^ Double.doubleToLongBits(value)) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    /**
     * Collateral value of a holding with a USD notional: marginal haircut tiers for a positive notional, the full
     * notional when negative.
     *
     * @param assetId  the asset.
     * @param notional balance × price.
     * @return the collateral value in USD.
     */
    public double collateralValue(final int assetId, final double notional)
    {
        if (notional <= 0.0)
        {
            return notional;
        }

        final int base = assetId * MAX_TIERS;
        final int count = tierCounts[assetId];
        double value = 0.0;
        for (int i = 0; i < count; i++)
        {
            final double lower = tierBounds[base + i];
            if (notional <= lower)
            {
                break;
            }
            final double upper = i + 1 < count ? Math.min(notional, tierBounds[base + i + 1]) : notional;
            value += (upper - lower) * (1.0 - tierHaircuts[base + i]);
        }
        return value;
    }

    /** @return asset ids 0 … maxAssets − 1. */
    public int maxAssets()
    {
        return maxAssets;
    }

    /** @return true when the asset is defined. */
    public boolean isDefined(final int assetId)
    {
        return assetId >= 0 && assetId < maxAssets && null != symbols[assetId];
    }

    /** @return true when the asset is defined with a price range: positions may be held on it. */
    public boolean isUnderlying(final int assetId)
    {
        return isDefined(assetId) && priceRanges[assetId] > 0.0;
    }

    /** @return true when the asset is USD. */
    public boolean isUsd(final int assetId)
    {
        return usd[assetId];
    }

    /** @return the asset's symbol. */
    public String symbol(final int assetId)
    {
        return symbols[assetId];
    }

    /** @return the underlying's price range, the largest scenario move as a fraction of spot. */
    public double priceRange(final int assetId)
    {
        return priceRanges[assetId];
    }

    /** @return the underlying's P&amp;L offset, applied when its scenario vectors are aggregated into its set. */
    public double pnlOffset(final int assetId)
    {
        return pnlOffsets[assetId];
    }

    /**
     * @param assetId an underlying.
     * @return its correlation set number, 0 for a set of its own.
     */
    public int correlationSet(final int assetId)
    {
        return correlationSets[assetId];
    }

    /** @return the name of the numbered correlation set. */
    public String correlationSetName(final int setNumber)
    {
        return setNames[setNumber];
    }

    /** @return how many haircut tiers the asset has. */
    public int tierCount(final int assetId)
    {
        return tierCounts[assetId];
    }

    /** @return the lower bound in USD of the asset's haircut tier. */
    public double tierBound(final int assetId, final int tier)
    {
        return tierBounds[assetId * MAX_TIERS + tier];
    }

    /** @return the haircut of the asset's tier. */
    public double tierHaircut(final int assetId, final int tier)
    {
        return tierHaircuts[assetId * MAX_TIERS + tier];
    }

    /** @return the tail scenario's move, as a fraction of spot. */
    public double tailShock(final int index)
    {
        return tailShocks[index];
    }

    /** @return the volatility shock up. */
    public double volRangeUp()
    {
        return volRangeUp;
    }

    /** @return the volatility shock down. */
    public double volRangeDown()
    {
        return volRangeDown;
    }

    /** @return the least volatility the shock up is proportional to. */
    public double minVolForShockUp()
    {
        return minVolForShockUp;
    }

    /** @return the power of the expiry scaling of volatility shocks for expiries short of the reference days. */
    public double shortTermVegaPower()
    {
        return shortTermVegaPower;
    }

    /** @return the power of the expiry scaling of volatility shocks for the other expiries. */
    public double longTermVegaPower()
    {
        return longTermVegaPower;
    }

    /** @return the days to expiry at which the expiry scaling of volatility shocks is 1. */
    public double vegaReferenceDays()
    {
        return vegaReferenceDays;
    }

    /** @return the least days to expiry the expiry scaling of volatility shocks uses. */
    public double vegaFloorDays()
    {
        return vegaFloorDays;
    }

    /** @return the contingency rate on option positions. */
    public double optionContingency()
    {
        return optionContingency;
    }

    /** @return the contingency rate on linear positions. */
    public double linearContingency()
    {
        return linearContingency;
    }

    /** @return the maintenance margin as a fraction of the initial margin. */
    public double mmFactor()
    {
        return mmFactor;
    }

    /** @return the continuously compounded rate options are valued at. */
    public double riskFreeRate()
    {
        return riskFreeRate;
    }

    void setGlobal(final int parameterId, final double value)
    {
        switch (parameterId)
        {
            case ParameterIds.VOL_RANGE_UP -> volRangeUp = value;
            case ParameterIds.VOL_RANGE_DOWN -> volRangeDown = value;
            case ParameterIds.MIN_VOL_FOR_SHOCK_UP -> minVolForShockUp = value;
            case ParameterIds.SHORT_TERM_VEGA_POWER -> shortTermVegaPower = value;
            case ParameterIds.LONG_TERM_VEGA_POWER -> longTermVegaPower = value;
            case ParameterIds.OPTION_CONTINGENCY -> optionContingency = value;
            case ParameterIds.LINEAR_CONTINGENCY -> linearContingency = value;
            case ParameterIds.MM_FACTOR -> mmFactor = value;
            case ParameterIds.RISK_FREE_RATE -> riskFreeRate = value;
            default -> throw new IllegalArgumentException("not a global parameter: " + parameterId);
        }
    }

    void vegaDays(final double referenceDays, final double floorDays)
    {
        vegaReferenceDays = referenceDays;
        vegaFloorDays = floorDays;
    }

    void tailShock(final int index, final double value)
    {
        tailShocks[index] = value;
    }

    void correlationSetName(final int setNumber, final String name)
    {
        setNames[setNumber] = name;
    }

    void symbolDefaults(final String symbol, final AssetDefaults defaults)
    {
        defaultsBySymbol.put(symbol, defaults);
    }

    void fallback(final AssetDefaults defaults)
    {
        fallback = defaults;
    }

    static boolean validGlobal(final int parameterId, final double value)
    {
        switch (parameterId)
        {
            case ParameterIds.VOL_RANGE_DOWN:
                return validFraction(value);
            case ParameterIds.MM_FACTOR:
                return value > 0.0 && value <= 1.0;
            case ParameterIds.RISK_FREE_RATE:
                return value >= -1.0 && value <= 1.0;
            default:
                return value >= 0.0 && value < 100.0;
        }
    }

    static boolean validPriceRange(final double value)
    {
        return value > 0.0 && value < 1.0;
    }

    static boolean validFraction(final double value)
    {
        return value >= 0.0 && value <= 1.0;
    }

    static boolean validTailShock(final double value)
    {
        return value > -1.0 && value != 0.0 && value <= 100.0;
    }

    static boolean validBound(final double value)
    {
        return value >= 0.0 && value < Double.POSITIVE_INFINITY;
    }
}
