package io.pme.engine.rulebook;

import io.pme.engine.StrictProperties;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a parameter file (Java properties, format documented in {@code risk-parameters.properties}), strictly:
 * every global key is required, unknown keys are errors and a key given twice is an error naming both lines, so a
 * typo cannot silently fall back to a default and a repeated line cannot silently replace a value.
 */
final class RiskParametersLoader
{
    private static final String ASSET_PREFIX = "asset.";
    private static final String SET_PREFIX = "correlationSet.";
    private static final String FALLBACK_TIERS = "fallback.haircutTiers";
    private static final String TAIL_SHOCKS = "tailShocks";
    private static final String VEGA_REFERENCE_DAYS = "vegaReferenceDays";
    private static final String VEGA_FLOOR_DAYS = "vegaFloorDays";
    private static final String WRAPS = "wraps";
    private static final String DEPEG_SHOCK = "depegShock";

    private static final Map<String, Integer> GLOBALS = globals();

    private final String source;
    private final Properties properties;
    private final RiskParameters parameters;

    private RiskParametersLoader(final String source, final Properties properties, final int maxAssets)
    {
        this.source = source;
        this.properties = properties;
        this.parameters = new RiskParameters(maxAssets);
    }

    static RiskParameters loadResource(final String resource, final int maxAssets)
    {
        try (InputStream in = RiskParameters.class.getResourceAsStream(resource))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("risk parameters: classpath resource " + resource + " not found");
            }
            return parse(resource, new InputStreamReader(in, StandardCharsets.UTF_8), maxAssets);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("risk parameters " + resource + ": " + ex.getMessage(), ex);
        }
    }

    static RiskParameters loadFile(final Path file, final int maxAssets)
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(file.toString(), reader, maxAssets);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("risk parameters " + file + ": cannot read (" + ex + ")", ex);
        }
    }

    private static RiskParameters parse(final String source, final Reader reader, final int maxAssets)
        throws IOException
    {
        final Properties properties = StrictProperties.load(reader, "risk parameters " + source);
        return new RiskParametersLoader(source, properties, maxAssets).read();
    }

    private RiskParameters read()
    {
        final Map<String, Map<String, String>> assets = new TreeMap<>();
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            final String value = properties.getProperty(key).trim();
            if (GLOBALS.containsKey(key))
            {
                readGlobal(key, value);
            }
            else if (key.startsWith(ASSET_PREFIX))
            {
                final int dot = key.lastIndexOf('.');
                if (dot <= ASSET_PREFIX.length())
                {
                    throw fail(key, "expected asset.SYMBOL.field");
                }
                assets.computeIfAbsent(key.substring(ASSET_PREFIX.length(), dot), s -> new TreeMap<>())
                    .put(key.substring(dot + 1), value);
            }
            else if (key.startsWith(SET_PREFIX))
            {
                readSetName(key, value);
            }
            else if (!key.equals(TAIL_SHOCKS) && !key.equals(VEGA_REFERENCE_DAYS) && !key.equals(VEGA_FLOOR_DAYS) &&
                !key.equals(FALLBACK_TIERS))
            {
                throw fail(key, "unknown key");
            }
        }
        readTailShocks();
        parameters.vegaDays(positive(VEGA_REFERENCE_DAYS), positive(VEGA_FLOOR_DAYS));
        parameters.fallback(new AssetDefaults(
            tierBounds(FALLBACK_TIERS, required(FALLBACK_TIERS)),
            tierHaircuts(FALLBACK_TIERS, required(FALLBACK_TIERS)),
            0.0, 0.0, 0));
        for (final Map.Entry<String, Map<String, String>> entry : assets.entrySet())
        {
            parameters.symbolDefaults(entry.getKey(), assetDefaults(entry.getKey(), entry.getValue()));
        }
        for (final Map.Entry<String, Map<String, String>> entry : assets.entrySet())
        {
            final String wraps = entry.getValue().get(WRAPS);
            if (null != wraps && !assets.getOrDefault(wraps, Map.of()).containsKey("priceRange"))
            {
                throw fail(ASSET_PREFIX + entry.getKey() + "." + WRAPS,
                    "'" + wraps + "' is not an underlying of this file (asset." + wraps + ".priceRange)");
            }
        }
        for (final String key : GLOBALS.keySet())
        {
            required(key);
        }
        return parameters;
    }

    private void readGlobal(final String key, final String text)
    {
        final int id = GLOBALS.get(key);
        final double value = number(key, text);
        if (!RiskParameters.validGlobal(id, value))
        {
            throw fail(key, "value " + text + " is out of range");
        }
        parameters.setGlobal(id, value);
    }

    private void readSetName(final String key, final String value)
    {
        final String[] parts = key.split("\\.");
        if (parts.length != 3 || !parts[2].equals("name"))
        {
            throw fail(key, "expected correlationSet.N.name");
        }
        final int number = (int)number(key, parts[1]);
        if (number < 1 || number >= RiskParameters.MAX_CORRELATION_SETS || !parts[1].equals(Integer.toString(number)))
        {
            throw fail(key, "set number must be 1 … " + (RiskParameters.MAX_CORRELATION_SETS - 1));
        }
        if (value.isEmpty())
        {
            throw fail(key, "empty name");
        }
        parameters.correlationSetName(number, value);
    }

    private void readTailShocks()
    {
        final String[] parts = required(TAIL_SHOCKS).split(",");
        if (parts.length != ScenarioGrid.TAIL_COUNT)
        {
            throw fail(TAIL_SHOCKS, "expected " + ScenarioGrid.TAIL_COUNT + " comma-separated shocks");
        }
        for (int i = 0; i < parts.length; i++)
        {
            final double shock = number(TAIL_SHOCKS, parts[i].trim());
            if (!RiskParameters.validTailShock(shock))
            {
                throw fail(TAIL_SHOCKS, "shock " + parts[i].trim() + " must be in [-0.99, -0.01] or [0.01, 10]");
            }
            parameters.tailShock(i, shock);
        }
    }

    private AssetDefaults assetDefaults(final String symbol, final Map<String, String> fields)
    {
        final String prefix = ASSET_PREFIX + symbol + ".";
        for (final String field : fields.keySet())
        {
            if (!field.equals("haircutTiers") && !field.equals("priceRange") && !field.equals("pnlOffset") &&
                !field.equals("correlationSet") && !field.equals(WRAPS) && !field.equals(DEPEG_SHOCK))
            {
                throw fail(prefix + field,
                    "unknown field (haircutTiers, priceRange, pnlOffset, correlationSet, wraps, depegShock)");
            }
        }
        final String tiersKey = prefix + "haircutTiers";
        final String tiers = fields.get("haircutTiers");
        if (null == tiers)
        {
            throw fail(tiersKey, "missing");
        }
        double range = 0.0;
        double offset = 0.0;
        int set = 0;
        if (fields.containsKey("priceRange"))
        {
            range = number(prefix + "priceRange", fields.get("priceRange"));
            if (!RiskParameters.validPriceRange(range))
            {
                throw fail(prefix + "priceRange", "must be in [0.01, 0.95]");
            }
            if (!fields.containsKey("pnlOffset"))
            {
                throw fail(prefix + "pnlOffset", "missing (required for an underlying)");
            }
            offset = number(prefix + "pnlOffset", fields.get("pnlOffset"));
            if (!RiskParameters.validFraction(offset))
            {
                throw fail(prefix + "pnlOffset", "must be 0 or in [1e-6, 1]");
            }
            set = setNumber(prefix + "correlationSet", fields.getOrDefault("correlationSet", "0"));
        }
        else if (fields.containsKey("pnlOffset") || fields.containsKey("correlationSet"))
        {
            throw fail(prefix + "priceRange", "missing (pnlOffset and correlationSet apply to underlyings only)");
        }
        final String wraps = fields.get(WRAPS);
        return new AssetDefaults(tierBounds(tiersKey, tiers), tierHaircuts(tiersKey, tiers), range, offset, set,
            wraps, depegShock(prefix, fields, wraps, range));
    }

    // Section 7: a wrapped asset names its underlying and its de-peg shock, both or neither, and is no underlying.
    private double depegShock(
        final String prefix, final Map<String, String> fields, final String wraps, final double range)
    {
        if (null == wraps)
        {
            if (fields.containsKey(DEPEG_SHOCK))
            {
                throw fail(prefix + WRAPS, "missing (depegShock applies to wrapped assets only)");
            }
            return 0.0;
        }
        if (range > 0.0)
        {
            throw fail(prefix + WRAPS, "a wrapped asset is not an underlying itself (no priceRange)");
        }
        if (wraps.isEmpty())
        {
            throw fail(prefix + WRAPS, "empty symbol");
        }
        if (!fields.containsKey(DEPEG_SHOCK))
        {
            throw fail(prefix + DEPEG_SHOCK, "missing (required for a wrapped asset)");
        }
        final double shock = number(prefix + DEPEG_SHOCK, fields.get(DEPEG_SHOCK));
        if (!RiskParameters.validFraction(shock))
        {
            throw fail(prefix + DEPEG_SHOCK, "must be 0 or in [1e-6, 1]");
        }
        return shock;
    }

    private int setNumber(final String key, final String text)
    {
        final double number = number(key, text);
        if (number < 0 || number >= RiskParameters.MAX_CORRELATION_SETS || number != Math.rint(number))
        {
            throw fail(key, "must be an integer 0 … " + (RiskParameters.MAX_CORRELATION_SETS - 1));
        }
        return (int)number;
    }

    private double[] tierBounds(final String key, final String text)
    {
        return tierColumn(key, text, 0);
    }

    private double[] tierHaircuts(final String key, final String text)
    {
        return tierColumn(key, text, 1);
    }

    // Tiers are "bound:haircut" pairs, comma-separated, bounds strictly increasing from 0.
    private double[] tierColumn(final String key, final String text, final int column)
    {
        final String[] tiers = text.split(",");
        if (tiers.length > RiskParameters.MAX_TIERS)
        {
            throw fail(key, "at most " + RiskParameters.MAX_TIERS + " tiers");
        }
        final List<double[]> pairs = new ArrayList<>();
        for (final String tier : tiers)
        {
            final String[] pair = tier.trim().split(":");
            if (pair.length != 2)
            {
                throw fail(key, "tier '" + tier.trim() + "' is not bound:haircut");
            }
            final double bound = number(key, pair[0].trim());
            final double haircut = number(key, pair[1].trim());
            final double previous = pairs.isEmpty() ? Double.NaN : pairs.get(pairs.size() - 1)[0];
            if (pairs.isEmpty() ? bound != 0.0 : !(bound > previous) || !RiskParameters.validBound(bound))
            {
                throw fail(key, "tier bounds must start at 0 and increase strictly, each in [1, 1e15]");
            }
            if (!RiskParameters.validFraction(haircut))
            {
                throw fail(key, "haircut " + pair[1].trim() + " must be 0 or in [1e-6, 1]");
            }
            pairs.add(new double[]{ bound, haircut });
        }
        final double[] out = new double[pairs.size()];
        for (int i = 0; i < out.length; i++)
        {
            out[i] = pairs.get(i)[column];
        }
        return out;
    }

    private double positive(final String key)
    {
        final double value = number(key, required(key));
        if (!(value > 0.0 && value < Double.POSITIVE_INFINITY))
        {
            throw fail(key, "must be positive");
        }
        return value;
    }

    private String required(final String key)
    {
        final String value = properties.getProperty(key);
        if (null == value)
        {
            throw fail(key, "missing");
        }
        return value.trim();
    }

    private double number(final String key, final String text)
    {
        try
        {
            return Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw fail(key, "'" + text + "' is not a number");
        }
    }

    private IllegalArgumentException fail(final String key, final String why)
    {
        return new IllegalArgumentException("risk parameters " + source + ": " + key + ": " + why);
    }

    private static Map<String, Integer> globals()
    {
        final Map<String, Integer> map = new TreeMap<>();
        map.put("volRangeUp", ParameterIds.VOL_RANGE_UP);
        map.put("volRangeDown", ParameterIds.VOL_RANGE_DOWN);
        map.put("minVolForShockUp", ParameterIds.MIN_VOL_FOR_SHOCK_UP);
        map.put("shortTermVegaPower", ParameterIds.SHORT_TERM_VEGA_POWER);
        map.put("longTermVegaPower", ParameterIds.LONG_TERM_VEGA_POWER);
        map.put("optionContingency", ParameterIds.OPTION_CONTINGENCY);
        map.put("linearContingency", ParameterIds.LINEAR_CONTINGENCY);
        map.put("mmFactor", ParameterIds.MM_FACTOR);
        map.put("riskFreeRate", ParameterIds.RISK_FREE_RATE);
        return map;
    }
}
