package io.pme.engine.rulebook;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every parameter of the rulebook's table, mutable at runtime through {@link #apply(int, int, int, double, double)}
 * (the ParameterUpdate admin message), with per-asset values in arrays indexed by asset id.
 * <p>
 * Defaults come from a parameter file keyed by symbol (the engine ships {@code risk-parameters.properties}); an asset
 * picks its symbol's defaults when defined. An asset is an underlying exactly when its price range is positive, so
 * exactly when the file gives its symbol one: an update may move a range within its bounds but never to or from 0,
 * because instruments and margin depend on which assets have a scenario grid.
 */
public final class RiskParameters
{
    /** Most haircut tiers an asset can have. */
    public static final int MAX_TIERS = 8;
    /** Correlation sets are numbered 1 … MAX_CORRELATION_SETS − 1; 0 means "a set of its own". */
    public static final int MAX_CORRELATION_SETS = 16;
    /**
     * Least non-zero value of a rate, fraction or power among the parameters: below it a parameter means nothing,
     * and the floor keeps subnormal doubles out of every product it enters.
     */
    public static final double MIN_NON_ZERO = 1e-6;
    /** Classpath resource holding the shipped defaults. */
    public static final String DEFAULT_RESOURCE = "/risk-parameters.properties";

    private static final String USD = "USD";

    private final int maxAssets;
    private final double[] tailShocks = new double[ScenarioGrid.TAIL_COUNT];
    private final double[] defaultTailShocks = new double[ScenarioGrid.TAIL_COUNT];
    private final double[] defaultGlobals = new double[ParameterIds.RESET_TO_DEFAULT];
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
    private final double[] rangeScales;
    private final double[] haircutScales;
    private final double[] pnlOffsets;
    private final int[] correlationSets;
    private final String[] wrapsSymbols;
    private final int[] wrappedUnderlyings;
    private final boolean[] wrapsSet;
    private final double[] depegShocks;

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
        rangeScales = new double[maxAssets];
        haircutScales = new double[maxAssets];
        java.util.Arrays.fill(rangeScales, 1.0);
        java.util.Arrays.fill(haircutScales, 1.0);
        pnlOffsets = new double[maxAssets];
        correlationSets = new int[maxAssets];
        wrapsSymbols = new String[maxAssets];
        wrappedUnderlyings = new int[maxAssets];
        java.util.Arrays.fill(wrappedUnderlyings, -1);
        wrapsSet = new boolean[maxAssets];
        depegShocks = new double[maxAssets];
        for (int n = 0; n < MAX_CORRELATION_SETS; n++)
        {
            setNames[n] = "SET" + n;
        }
    }

    /**
     * Makes every value a change can move equal to {@code other}'s (defaults and symbols are not values): how a set of
     * changes applied as one is undone when one of them is refused.
     *
     * @param other parameters of the same capacity.
     */
    public void copyValuesFrom(final RiskParameters other)
    {
        System.arraycopy(other.tailShocks, 0, tailShocks, 0, tailShocks.length);
        volRangeUp = other.volRangeUp;
        volRangeDown = other.volRangeDown;
        minVolForShockUp = other.minVolForShockUp;
        shortTermVegaPower = other.shortTermVegaPower;
        longTermVegaPower = other.longTermVegaPower;
        vegaReferenceDays = other.vegaReferenceDays;
        vegaFloorDays = other.vegaFloorDays;
        optionContingency = other.optionContingency;
        linearContingency = other.linearContingency;
        mmFactor = other.mmFactor;
        riskFreeRate = other.riskFreeRate;
        System.arraycopy(other.tierCounts, 0, tierCounts, 0, maxAssets);
        System.arraycopy(other.tierBounds, 0, tierBounds, 0, tierBounds.length);
        System.arraycopy(other.tierHaircuts, 0, tierHaircuts, 0, tierHaircuts.length);
        System.arraycopy(other.priceRanges, 0, priceRanges, 0, maxAssets);
        System.arraycopy(other.rangeScales, 0, rangeScales, 0, maxAssets);
        System.arraycopy(other.haircutScales, 0, haircutScales, 0, maxAssets);
        System.arraycopy(other.pnlOffsets, 0, pnlOffsets, 0, maxAssets);
        System.arraycopy(other.correlationSets, 0, correlationSets, 0, maxAssets);
        System.arraycopy(other.wrappedUnderlyings, 0, wrappedUnderlyings, 0, maxAssets);
        System.arraycopy(other.wrapsSet, 0, wrapsSet, 0, maxAssets);
        System.arraycopy(other.depegShocks, 0, depegShocks, 0, maxAssets);
    }

    /**
     * The shipped defaults, from the classpath resource {@value #DEFAULT_RESOURCE}.
     *
     * @param maxAssets capacity of asset ids.
     * @return a new parameter set.
     */
    public static RiskParameters loadDefaults(final int maxAssets)
    {
        return RiskParametersLoader.loadResource(DEFAULT_RESOURCE, maxAssets).keepAsDefaults();
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
        return RiskParametersLoader.loadFile(file, maxAssets).keepAsDefaults();
    }

    // What RESET_TO_DEFAULT restores the global parameters to: the file's values, as loaded.
    private RiskParameters keepAsDefaults()
    {
        System.arraycopy(tailShocks, 0, defaultTailShocks, 0, tailShocks.length);
        defaultGlobals[ParameterIds.VOL_RANGE_UP] = volRangeUp;
        defaultGlobals[ParameterIds.VOL_RANGE_DOWN] = volRangeDown;
        defaultGlobals[ParameterIds.MIN_VOL_FOR_SHOCK_UP] = minVolForShockUp;
        defaultGlobals[ParameterIds.SHORT_TERM_VEGA_POWER] = shortTermVegaPower;
        defaultGlobals[ParameterIds.LONG_TERM_VEGA_POWER] = longTermVegaPower;
        defaultGlobals[ParameterIds.OPTION_CONTINGENCY] = optionContingency;
        defaultGlobals[ParameterIds.LINEAR_CONTINGENCY] = linearContingency;
        defaultGlobals[ParameterIds.MM_FACTOR] = mmFactor;
        defaultGlobals[ParameterIds.RISK_FREE_RATE] = riskFreeRate;
        return this;
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
        copyTiers(assetId, defaults);
        priceRanges[assetId] = defaults.priceRange;
        pnlOffsets[assetId] = defaults.pnlOffset;
        correlationSets[assetId] = defaults.correlationSet;
        wrapsSymbols[assetId] = defaults.wraps;
        depegShocks[assetId] = defaults.depegShock;
        wrapsSet[assetId] = false;
        wrappedUnderlyings[assetId] = defaultWrapped(assetId);
        // a wrapped asset and its underlying may be defined in either order; a WRAPS update outlasts definitions,
        // so that a restore (definitions first, then the parameter log) ends where the live run did
        for (int a = 0; a < maxAssets; a++)
        {
            if (!wrapsSet[a] && symbol.equals(wrapsSymbols[a]))
            {
                wrappedUnderlyings[a] = assetId;
            }
        }
    }

    // The defined asset the parameter file's `wraps` names for this one, or -1.
    private int defaultWrapped(final int assetId)
    {
        if (null != wrapsSymbols[assetId])
        {
            for (int a = 0; a < maxAssets; a++)
            {
                if (wrapsSymbols[assetId].equals(symbols[a]))
                {
                    return a;
                }
            }
        }
        return -1;
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
     * Applies one ParameterUpdate. Validates first and leaves the state unchanged on reject. Every field the
     * parameter does not use must be 0, and every value must lie within the bounds of {@code docs/bounds.md}.
     *
     * @param parameterId SBE ParameterId value, see {@link ParameterIds}.
     * @param assetId     the asset for per-asset parameters, −1 for global ones.
     * @param index       tail shock index, haircut tier index, correlation set number, or for
     *                    {@link ParameterIds#RESET_TO_DEFAULT} the parameter to restore.
     * @param value       the new value (for a haircut tier: its lower bound in USD; for {@link ParameterIds#WRAPS}
     *                    the underlying's asset id, −1 for none).
     * @param value2      a haircut tier's haircut; unused otherwise.
     * @return {@link ParameterIds#OK} or a RejectReason code.
     */
    public int apply(final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        if (ParameterIds.RESET_TO_DEFAULT == parameterId)
        {
            return reset(index, assetId, value, value2);
        }
        final int scopeProblem = checkScope(parameterId, assetId);
        if (ParameterIds.OK != scopeProblem)
        {
            return scopeProblem;
        }
        if (ParameterIds.WRAPS == parameterId || ParameterIds.DEPEG_SHOCK == parameterId)
        {
            return 0 != index || 0.0 != value2 ? ParameterIds.INVALID_VALUE : applyWrapped(parameterId, assetId, value);
        }
        final boolean indexed = ParameterIds.TAIL_SHOCK == parameterId || ParameterIds.HAIRCUT_TIER == parameterId ||
            ParameterIds.CORRELATION_SET == parameterId;
        if ((!indexed && 0 != index) || (ParameterIds.HAIRCUT_TIER != parameterId && 0.0 != value2) ||
            (ParameterIds.CORRELATION_SET == parameterId && 0.0 != value))
        {
            return ParameterIds.INVALID_VALUE;
        }
        switch (parameterId)
        {
            case ParameterIds.PRICE_RANGE, ParameterIds.PNL_OFFSET, ParameterIds.HAIRCUT_TIER,
                ParameterIds.CORRELATION_SET:
                return applyPerAsset(parameterId, assetId, index, value, value2);
            default:
                return applyGlobal(parameterId, index, value);
        }
    }

    // Whether the asset named fits the parameter: -1 for a global one, a defined asset for a per-asset one, and an
    // underlying for a per-underlying one; a price range on USD would make it a fifth underlying without a grid.
    private int checkScope(final int parameterId, final int assetId)
    {
        switch (parameterId)
        {
            case ParameterIds.PRICE_RANGE, ParameterIds.PNL_OFFSET, ParameterIds.CORRELATION_SET:
                if (!isDefined(assetId))
                {
                    return ParameterIds.UNKNOWN_ASSET;
                }
                return isUnderlying(assetId) ? ParameterIds.OK : ParameterIds.NOT_AN_UNDERLYING;
            case ParameterIds.HAIRCUT_TIER:
                return isDefined(assetId) ? ParameterIds.OK : ParameterIds.UNKNOWN_ASSET;
            case ParameterIds.WRAPS, ParameterIds.DEPEG_SHOCK:
                if (!isDefined(assetId))
                {
                    return ParameterIds.UNKNOWN_ASSET;
                }
                // an underlying's balance is its own grid's exposure: wrapping one would count it twice
                return isUnderlying(assetId) ? ParameterIds.INVALID_VALUE : ParameterIds.OK;
            case ParameterIds.VOL_RANGE_UP, ParameterIds.VOL_RANGE_DOWN, ParameterIds.MIN_VOL_FOR_SHOCK_UP,
                ParameterIds.SHORT_TERM_VEGA_POWER, ParameterIds.LONG_TERM_VEGA_POWER, ParameterIds.TAIL_SHOCK,
                ParameterIds.OPTION_CONTINGENCY, ParameterIds.LINEAR_CONTINGENCY, ParameterIds.MM_FACTOR,
                ParameterIds.RISK_FREE_RATE:
                // Global parameters carry assetId −1; anything else is a malformed update.
                return assetId == -1 ? ParameterIds.OK : ParameterIds.INVALID_VALUE;
            default:
                return ParameterIds.UNKNOWN_PARAMETER;
        }
    }

    // Back to the parameter file's value, for the asset's symbol where the parameter is per asset. A set and a reset
    // are both in the parameter log, so a snapshot restore replays them in order and ends where the live run did.
    private int reset(final int parameterId, final int assetId, final double value, final double value2)
    {
        final int scopeProblem = checkScope(parameterId, assetId);
        if (ParameterIds.OK != scopeProblem)
        {
            return scopeProblem;
        }
        if (0.0 != value || 0.0 != value2)
        {
            return ParameterIds.INVALID_VALUE;
        }
        switch (parameterId)
        {
            case ParameterIds.PRICE_RANGE -> priceRanges[assetId] = defaultsOf(assetId).priceRange;
            case ParameterIds.PNL_OFFSET -> pnlOffsets[assetId] = defaultsOf(assetId).pnlOffset;
            case ParameterIds.CORRELATION_SET -> correlationSets[assetId] = defaultsOf(assetId).correlationSet;
            case ParameterIds.HAIRCUT_TIER -> copyTiers(assetId, defaultsOf(assetId));
            case ParameterIds.WRAPS ->
            {
                wrapsSet[assetId] = false;
                wrappedUnderlyings[assetId] = defaultWrapped(assetId);
            }
            case ParameterIds.DEPEG_SHOCK -> depegShocks[assetId] = defaultsOf(assetId).depegShock;
            case ParameterIds.TAIL_SHOCK -> System.arraycopy(defaultTailShocks, 0, tailShocks, 0, tailShocks.length);
            default -> setGlobal(parameterId, defaultGlobals[parameterId]);
        }
        return ParameterIds.OK;
    }

    private AssetDefaults defaultsOf(final int assetId)
    {
        return defaultsBySymbol.getOrDefault(symbols[assetId], fallback);
    }

    private void copyTiers(final int assetId, final AssetDefaults defaults)
    {
        final int base = assetId * MAX_TIERS;
        tierCounts[assetId] = defaults.tierBounds.length;
        System.arraycopy(defaults.tierBounds, 0, tierBounds, base, defaults.tierBounds.length);
        System.arraycopy(defaults.tierHaircuts, 0, tierHaircuts, base, defaults.tierHaircuts.length);
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

    // Section 7. The underlying must have a grid (so it is no wrapped asset either: a wrapped asset has none) and
    // not be the asset itself; -1 unwraps. The de-peg shock is a fraction, as in the parameter file.
    private int applyWrapped(final int parameterId, final int assetId, final double value)
    {
        if (ParameterIds.DEPEG_SHOCK == parameterId)
        {
            if (!validFraction(value))
            {
                return ParameterIds.INVALID_VALUE;
            }
            depegShocks[assetId] = value;
            return ParameterIds.OK;
        }
        if (!(value >= -1.0 && value < maxAssets) || value != Math.rint(value) || value == assetId)
        {
            return ParameterIds.INVALID_VALUE;
        }
        final int underlying = (int)value;
        if (underlying >= 0 && !isDefined(underlying))
        {
            return ParameterIds.UNKNOWN_ASSET;
        }
        if (underlying >= 0 && !isUnderlying(underlying))
        {
            return ParameterIds.NOT_AN_UNDERLYING;
        }
        wrappedUnderlyings[assetId] = underlying;
        wrapsSet[assetId] = true;
        return ParameterIds.OK;
    }

    // Replaces tier `index` or appends it at the end; bounds must stay strictly increasing and start at 0. A tier
    // is removed only by resetting the asset's schedule (RESET_TO_DEFAULT of HAIRCUT_TIER).
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
            h = mix(h, rangeScales[a]);
            h = mix(h, haircutScales[a]);
            h = mix(h, pnlOffsets[a]);
            h = mix(h, correlationSets[a]);
            h = mix(h, tierCounts[a]);
            if (wrappedUnderlyings[a] >= 0 || 0.0 != depegShocks[a] || wrapsSet[a])
            {
                // only where section 7 applies, so that the digests of markets without wrapped assets stay as they were
                h = mix(h, wrappedUnderlyings[a]);
                h = mix(h, depegShocks[a]);
                h = mix(h, wrapsSet[a] ? 1 : 0);
            }
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
            value += (upper - lower) * (1.0 - Math.min(1.0, tierHaircuts[base + i] * haircutScales[assetId]));
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

    /**
     * Rulebook section 7: the underlying a wrapped asset stands for, whose scenario grid its balance is an
     * exposure of.
     *
     * @param assetId a defined asset.
     * @return the underlying's asset id, or −1 when the asset wraps nothing or its underlying is not defined.
     */
    public int wrappedUnderlying(final int assetId)
    {
        final int u = wrappedUnderlyings[assetId];
        return u >= 0 && isUnderlying(u) ? u : -1;
    }

    /**
     * @param assetId a defined asset.
     * @return the symbol of the underlying the asset wraps (section 7), or null when it wraps nothing.
     */
    public String wraps(final int assetId)
    {
        return wrapsSymbols[assetId];
    }

    /**
     * @param assetId a wrapped asset.
     * @return its de-peg shock: the add-on to its underlying's contingency per USD of |balance| × price.
     */
    public double depegShock(final int assetId)
    {
        return depegShocks[assetId];
    }

    /** @return the asset's symbol. */
    public String symbol(final int assetId)
    {
        return symbols[assetId];
    }

    /**
     * @return the underlying's price range in force, the largest scenario move as a fraction of spot: the
     * parameter's value times the factor the oracle scales it by ({@link #scale(int, double, double)}).
     */
    public double priceRange(final int assetId)
    {
        return priceRanges[assetId] * rangeScales[assetId];
    }

    /** @return the underlying's price range as the parameters set it, before the oracle's factor. */
    public double basePriceRange(final int assetId)
    {
        return priceRanges[assetId];
    }

    /**
     * Sets the factors the oracle derives for an asset (its volatility, a degraded index): the price range in force
     * is the parameter's times {@code rangeScale}, each haircut the tier's times {@code haircutScale} (at most 1).
     * Not a parameter change: the parameter log never holds it, the oracle's state does (docs/oracle.md).
     *
     * @param assetId      a defined asset.
     * @param rangeScale   positive factor on the price range, 1 for none.
     * @param haircutScale positive factor on the haircuts, 1 for none.
     */
    public void scale(final int assetId, final double rangeScale, final double haircutScale)
    {
        rangeScales[assetId] = rangeScale;
        haircutScales[assetId] = haircutScale;
    }

    /** @return the factor on the asset's haircuts in force. */
    public double haircutScale(final int assetId)
    {
        return haircutScales[assetId];
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
            case ParameterIds.VOL_RANGE_UP:
                return zeroOrWithin(value, MIN_NON_ZERO, 2.0);
            case ParameterIds.VOL_RANGE_DOWN, ParameterIds.SHORT_TERM_VEGA_POWER, ParameterIds.LONG_TERM_VEGA_POWER:
                return validFraction(value);
            case ParameterIds.MIN_VOL_FOR_SHOCK_UP:
                return zeroOrWithin(value, 1e-4, 10.0);
            case ParameterIds.OPTION_CONTINGENCY, ParameterIds.LINEAR_CONTINGENCY:
                return zeroOrWithin(value, MIN_NON_ZERO, 0.1);
            case ParameterIds.MM_FACTOR:
                return within(value, 0.1, 1.0);
            case ParameterIds.RISK_FREE_RATE:
                return zeroOrWithin(value, MIN_NON_ZERO, 0.5) || within(value, -0.1, -MIN_NON_ZERO);
            default:
                return false;
        }
    }

    static boolean validPriceRange(final double value)
    {
        return within(value, 0.01, 0.95);
    }

    static boolean validFraction(final double value)
    {
        return zeroOrWithin(value, MIN_NON_ZERO, 1.0);
    }

    static boolean validTailShock(final double value)
    {
        return within(value, -0.99, -0.01) || within(value, 0.01, 10.0);
    }

    static boolean validBound(final double value)
    {
        return zeroOrWithin(value, 1.0, 1e15);
    }

    private static boolean within(final double value, final double min, final double max)
    {
        return value >= min && value <= max;
    }

    private static boolean zeroOrWithin(final double value, final double min, final double max)
    {
        return 0.0 == value || within(value, min, max);
    }
}
