package io.pme.tools.stress;

import io.pme.engine.StrictProperties;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.state.Assets;
import io.pme.engine.state.Instruments;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One named, parameterised stress scenario read from a properties file (docs/stress.md): what it does to the
 * replica's index prices and option volatilities, applied to copies of them, never to the state.
 */
final class Scenario
{
    /** The file names of the scenarios shipped in docs/scenarios/stress/, run when none is given. */
    static final List<String> SHIPPED = List.of(
        "market-crash.properties", "single-asset-crash.properties", "stablecoin-depeg.properties",
        "volatility-spike.properties");

    private static final String RESOURCES = "/io/pme/tools/stress/scenarios/";
    private static final String NAME = "name";
    private static final String KIND = "kind";
    private static final String ASSET = "asset";
    private static final String ASSETS = "assets";
    private static final String PRICE = "price";
    private static final String PRICE_CHANGE = "priceChangePercent";
    private static final String VOL_POINTS = "volatilityPoints";
    private static final String VOL_FACTOR = "volatilityFactor";
    private static final double VOL_POINT = 0.01;

    /** The kinds of scenario and the keys each takes besides {@code name} and {@code kind}. */
    enum Kind
    {
        MARKET_CRASH("market-crash", Set.of(PRICE_CHANGE, VOL_POINTS, VOL_FACTOR)),
        SINGLE_ASSET_CRASH("single-asset-crash", Set.of(ASSET, PRICE_CHANGE, VOL_POINTS, VOL_FACTOR)),
        STABLECOIN_DEPEG("stablecoin-depeg", Set.of(ASSET, PRICE)),
        VOLATILITY_SPIKE("volatility-spike", Set.of(ASSETS, VOL_POINTS, VOL_FACTOR));

        private final String label;
        private final Set<String> keys;

        Kind(final String label, final Set<String> keys)
        {
            this.label = label;
            this.keys = keys;
        }

        String label()
        {
            return label;
        }
    }

    /** A scenario file that cannot be used: one line naming the file and the key. */
    static final class ScenarioException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        ScenarioException(final String message)
        {
            super(message);
        }
    }

    private final String source;
    private final String name;
    private final Kind kind;
    private final TreeMap<String, String> parameters;
    private final String asset;
    private final List<String> assets;
    private final double price;
    private final double priceFactor;
    private final double volPoints;
    private final double volFactor;

    private Scenario(final String source, final Properties properties)
    {
        this.source = source;
        name = required(properties, NAME);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
        {
            throw new ScenarioException(source + ": " + NAME + ": letters, digits, '.', '_' and '-' only, was '" +
                name + "'");
        }
        final String kindLabel = required(properties, KIND);
        Kind found = null;
        for (final Kind k : Kind.values())
        {
            found = k.label.equals(kindLabel) ? k : found;
        }
        if (null == found)
        {
            throw new ScenarioException(source + ": " + KIND + ": one of market-crash, single-asset-crash, " +
                "stablecoin-depeg, volatility-spike, was '" + kindLabel + "'");
        }
        kind = found;
        parameters = new TreeMap<>();
        for (final String key : new TreeSet<>(properties.stringPropertyNames()))
        {
            if (!NAME.equals(key) && !KIND.equals(key))
            {
                if (!kind.keys.contains(key))
                {
                    throw new ScenarioException(source + ": " + key + ": unknown key for " + kind.label +
                        " (it takes " + String.join(", ", new TreeSet<>(kind.keys)) + ")");
                }
                parameters.put(key, properties.getProperty(key).trim());
            }
        }
        asset = kind.keys.contains(ASSET) ? required(properties, ASSET) : null;
        assets = parameters.containsKey(ASSETS) ? symbols(parameters.get(ASSETS)) : List.of();
        price = Kind.STABLECOIN_DEPEG == kind ? number(PRICE, true, 0.0, Double.MAX_VALUE) : Double.NaN;
        final boolean crash = Kind.MARKET_CRASH == kind || Kind.SINGLE_ASSET_CRASH == kind;
        priceFactor = crash ? 1.0 + number(PRICE_CHANGE, true, -100.0, 1.0e6) / 100.0 : 1.0;
        if (parameters.containsKey(VOL_POINTS) && parameters.containsKey(VOL_FACTOR))
        {
            throw new ScenarioException(source + ": " + VOL_FACTOR + ": give " + VOL_POINTS + " or " + VOL_FACTOR +
                ", not both");
        }
        if (Kind.VOLATILITY_SPIKE == kind && !parameters.containsKey(VOL_POINTS) &&
            !parameters.containsKey(VOL_FACTOR))
        {
            throw new ScenarioException(source + ": " + VOL_POINTS + ": required (or " + VOL_FACTOR + ")");
        }
        volPoints = parameters.containsKey(VOL_POINTS) ? number(VOL_POINTS, true, -100.0, 1.0e4) : 0.0;
        volFactor = parameters.containsKey(VOL_FACTOR) ? number(VOL_FACTOR, true, 0.0, 1.0e4) : 1.0;
    }

    /**
     * @param file a scenario file.
     * @return its scenario.
     * @throws ScenarioException naming the file and the key.
     */
    static Scenario read(final Path file)
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return of(file.toString(), reader);
        }
        catch (final IOException ex)
        {
            throw new ScenarioException(file + ": cannot read (" + ex + ")");
        }
    }

    /**
     * @return the scenarios shipped in docs/scenarios/stress/, packaged with the command.
     */
    static List<Scenario> shipped()
    {
        final List<Scenario> scenarios = new ArrayList<>();
        for (final String file : SHIPPED)
        {
            try (InputStream in = Scenario.class.getResourceAsStream(RESOURCES + file))
            {
                if (null == in)
                {
                    throw new IllegalStateException("the shipped scenario " + file + " is not packaged");
                }
                scenarios.add(of("docs/scenarios/stress/" + file, new InputStreamReader(in, StandardCharsets.UTF_8)));
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("the shipped scenario " + file + " cannot be read", ex);
            }
        }
        return scenarios;
    }

    private static Scenario of(final String source, final Reader reader) throws IOException
    {
        final Properties properties;
        try
        {
            properties = StrictProperties.load(reader, source);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ScenarioException(ex.getMessage());
        }
        return new Scenario(source, properties);
    }

    String source()
    {
        return source;
    }

    String name()
    {
        return name;
    }

    Kind kind()
    {
        return kind;
    }

    /** @return the file's keys besides name and kind, sorted, as written. */
    TreeMap<String, String> parameters()
    {
        return parameters;
    }

    /**
     * Shocks copies of the replica's prices and volatilities: a crash moves its underlyings' prices and every
     * asset's that wraps one of them by the same factor, a de-peg sets the asset's price, a volatility shock moves
     * the mark volatility of every option on an underlying in scope.
     *
     * @param parameters the risk parameters in force (which assets are underlyings, which wrap one).
     * @param assetTable the replica's assets.
     * @param instruments the replica's instruments.
     * @param prices     the replica's prices by asset id, shocked in place.
     * @param vols       the replica's mark volatilities by instrument id, shocked in place.
     * @return null when applied, else why the scenario does not apply to this journal (an asset it names is not
     * in it).
     */
    String shock(
        final RiskParameters parameters,
        final Assets assetTable,
        final Instruments instruments,
        final double[] prices,
        final double[] vols)
    {
        final boolean[] scope = new boolean[prices.length];
        if (null != asset)
        {
            final int id = assetTable.findBySymbol(asset);
            if (id < 0 || assetTable.isUsd(id))
            {
                return id < 0 ? "no asset " + asset + " in the journal" : "USD is the unit of account";
            }
            scope[id] = true;
        }
        else if (!assets.isEmpty())
        {
            for (final String symbol : assets)
            {
                final int id = assetTable.findBySymbol(symbol);
                if (id < 0 || !parameters.isUnderlying(id))
                {
                    return "no underlying " + symbol + " in the journal";
                }
                scope[id] = true;
            }
        }
        else
        {
            for (int a = 0; a < prices.length; a++)
            {
                scope[a] = assetTable.isDefined(a) && parameters.isDefined(a) && parameters.isUnderlying(a);
            }
        }
        if (Kind.STABLECOIN_DEPEG == kind)
        {
            prices[assetTable.findBySymbol(asset)] = price;
            return null;
        }
        for (int a = 0; a < prices.length; a++)
        {
            final int wrapped = parameters.isDefined(a) ? parameters.wrappedUnderlying(a) : -1;
            if (scope[a] || (wrapped >= 0 && scope[wrapped]))
            {
                prices[a] *= priceFactor;
            }
        }
        for (int i = 0; i < vols.length; i++)
        {
            if (instruments.isDefined(i) && instruments.isOption(i) && scope[instruments.underlying(i)])
            {
                vols[i] = Math.max(0.0, vols[i] * volFactor + volPoints * VOL_POINT);
            }
        }
        return null;
    }

    /** @return what the scenario does, in a few words. */
    String describe()
    {
        final StringBuilder text = new StringBuilder();
        switch (kind)
        {
            case MARKET_CRASH -> text.append("every underlying ").append(percent());
            case SINGLE_ASSET_CRASH -> text.append(asset).append(' ').append(percent());
            case STABLECOIN_DEPEG -> text.append(asset).append(" at ").append(parameters.get(PRICE)).append(" USD");
            default -> text.append("options on ").append(assets.isEmpty() ? "every underlying" :
                String.join(", ", assets));
        }
        if (parameters.containsKey(VOL_POINTS))
        {
            text.append(", volatility ").append(volPoints >= 0 ? "+" : "").append(parameters.get(VOL_POINTS))
                .append(" points");
        }
        if (parameters.containsKey(VOL_FACTOR))
        {
            text.append(", volatility x").append(parameters.get(VOL_FACTOR));
        }
        return text.toString();
    }

    private String percent()
    {
        final String change = parameters.get(PRICE_CHANGE);
        return (change.startsWith("-") || change.startsWith("+") ? change : "+" + change) + "%";
    }

    private String required(final Properties properties, final String key)
    {
        final String value = properties.getProperty(key);
        if (null == value || value.isBlank())
        {
            throw new ScenarioException(source + ": " + key + ": required");
        }
        return value.trim();
    }

    private double number(final String key, final boolean required, final double above, final double atMost)
    {
        final String text = parameters.get(key);
        if (null == text)
        {
            if (required)
            {
                throw new ScenarioException(source + ": " + key + ": required");
            }
            return Double.NaN;
        }
        final double value;
        try
        {
            value = Double.parseDouble(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new ScenarioException(source + ": " + key + ": not a number: '" + text + "'");
        }
        if (!(value > above && value <= atMost))
        {
            throw new ScenarioException(source + ": " + key + ": must be above " + format(above) + " and at most " +
                format(atMost) + ", was " + text);
        }
        return value;
    }

    private static String format(final double value)
    {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private List<String> symbols(final String text)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String symbol : text.split(","))
        {
            if (symbol.isBlank())
            {
                throw new ScenarioException(source + ": " + ASSETS + ": a comma-separated list of symbols, was '" +
                    text + "'");
            }
            symbols.add(symbol.trim());
        }
        return List.copyOf(new TreeSet<>(symbols));
    }
}
