package io.pme.engine.rulebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One account and its market in the rulebook's file format (section 5), read and validated for the offline
 * calculator. Every error names the offending field and why, e.g. {@code positions[1].qty: must be a number}.
 * <p>
 * Read as strictly as {@code pme script} reads its JSON lines: a key given twice in one object, anything after the
 * top-level object, and a field the format does not give that object (its kind's fields for an instrument,
 * {@code entryPrice} for a linear position only) are errors, so a typo or a pasted duplicate cannot be silently
 * ignored or silently win.
 */
public final class PortfolioFile
{
    private static final String USD = "USD";
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    private static final List<String> FILE_FIELDS =
        List.of("valuationTime", "prices", "instruments", "balances", "positions");
    private static final List<String> LINEAR_FIELDS = List.of("symbol", "kind", "underlying", "multiplier");
    private static final List<String> FUTURE_FIELDS = List.of("symbol", "kind", "underlying", "multiplier", "expiry");
    private static final List<String> OPTION_FIELDS =
        List.of("symbol", "kind", "underlying", "multiplier", "expiry", "strike", "right", "vol");
    private static final List<String> LINEAR_POSITION_FIELDS = List.of("symbol", "qty", "entryPrice");
    private static final List<String> OPTION_POSITION_FIELDS = List.of("symbol", "qty");

    private final long valuationTimeNs;
    private final Map<String, Double> prices = new HashMap<>();
    private final Map<String, Double> balances = new HashMap<>();
    private final Map<String, Instrument> instruments = new HashMap<>();
    private final List<Position> positions = new ArrayList<>();
    private final TreeSet<String> assets = new TreeSet<>();
    private final Map<String, String> assetFields = new HashMap<>();

    private record Instrument(
        String field, String symbol, boolean option, String underlying, double multiplier, double strike,
        long expiryNs, boolean isCall, double vol)
    {
    }

    private record Position(String field, Instrument instrument, double qty, double entryPrice)
    {
    }

    private PortfolioFile(final JsonNode root)
    {
        requireObject(root, "the file");
        requireKnownFields(root, "", FILE_FIELDS, "the file");
        valuationTimeNs = time(root.get("valuationTime"), "valuationTime");
        readAmounts(root.get("prices"), "prices", prices, true);
        readAmounts(root.get("balances"), "balances", balances, false);
        readInstruments(root.get("instruments"));
        readPositions(root.get("positions"));
        assets.add(USD);
    }

    /**
     * Reads and validates a portfolio file.
     *
     * @param file the JSON file.
     * @return the portfolio.
     * @throws IllegalArgumentException naming the field and the reason.
     */
    public static PortfolioFile read(final Path file)
    {
        try
        {
            return new PortfolioFile(JSON.readTree(file.toFile()));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(file + ": not valid JSON at line " + ex.getLocation().getLineNr() +
                ", column " + ex.getLocation().getColumnNr() + ": " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(file + ": cannot read (" + ex + ")");
        }
    }

    /**
     * @return how many asset ids this portfolio needs (every asset named anywhere, plus USD).
     */
    public int assetCount()
    {
        return assets.size();
    }

    /**
     * Defines the assets in the parameters (ids in symbol order) and fills the portfolio.
     *
     * @param parameters parameters sized for {@link #assetCount()} assets.
     * @param portfolio  a portfolio sized for {@link #assetCount()} assets and {@link #positionCount()} positions.
     * @throws IllegalArgumentException for an unknown asset, a non-underlying, or a missing price.
     */
    public void fill(final RiskParameters parameters, final Portfolio portfolio)
    {
        final Map<String, Integer> ids = new HashMap<>();
        for (final String symbol : assets)
        {
            if (!parameters.knowsSymbol(symbol))
            {
                throw new IllegalArgumentException(
                    assetFields.get(symbol) + ": unknown asset '" + symbol + "' (not in the risk parameters)");
            }
            final int id = ids.size();
            ids.put(symbol, id);
            parameters.defineAsset(id, symbol);
        }
        portfolio.clear();
        portfolio.valuationTimeNs(valuationTimeNs);
        for (final Map.Entry<String, Double> price : prices.entrySet())
        {
            portfolio.price(ids.get(price.getKey()), price.getValue());
        }
        for (final Map.Entry<String, Double> balance : balances.entrySet())
        {
            requirePrice(balance.getKey(), "balances." + balance.getKey());
            final String wraps = parameters.wraps(ids.get(balance.getKey()));
            if (null != wraps)
            {
                requirePrice(wraps, "balances." + balance.getKey() + ", which wraps " + wraps);
            }
            portfolio.balance(ids.get(balance.getKey()), balance.getValue());
        }
        for (final Position position : positions)
        {
            fillPosition(parameters, portfolio, ids, position);
        }
    }

    /** @return positions the file lists. */
    public int positionCount()
    {
        return positions.size();
    }

    /** @return the symbols of the assets the file names, in the order of their ids. */
    public List<String> assetSymbols()
    {
        return List.copyOf(assets);
    }

    private void fillPosition(
        final RiskParameters parameters, final Portfolio portfolio, final Map<String, Integer> ids,
        final Position position)
    {
        final Instrument instrument = position.instrument();
        final int underlying = ids.get(instrument.underlying());
        if (!parameters.isUnderlying(underlying))
        {
            throw new IllegalArgumentException(instrument.field() + ".underlying: '" + instrument.underlying() +
                "' is not an underlying (no priceRange in the risk parameters)");
        }
        requirePrice(instrument.underlying(), position.field() + " (" + instrument.symbol() + ")");
        if (instrument.option())
        {
            portfolio.option(underlying, instrument.multiplier(), position.qty(), instrument.strike(),
                instrument.expiryNs(), instrument.isCall(), instrument.vol());
        }
        else
        {
            portfolio.linear(underlying, instrument.multiplier(), position.qty(), position.entryPrice());
        }
    }

    private void requirePrice(final String asset, final String neededBy)
    {
        if (!USD.equals(asset) && !prices.containsKey(asset))
        {
            throw new IllegalArgumentException("prices." + asset + ": missing price for " + asset + " (needed by " +
                neededBy + ")");
        }
    }

    private void readAmounts(final JsonNode node, final String field, final Map<String, Double> into,
        final boolean required)
    {
        if (null == node && !required)
        {
            return;
        }
        requireObject(node, field);
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> entry = fields.next();
            final String name = field + "." + entry.getKey();
            final double value = number(entry.getValue(), name);
            if (required && !(value > 0.0))
            {
                throw new IllegalArgumentException(name + ": a price must be positive, got " + value);
            }
            into.put(entry.getKey(), value);
            addAsset(entry.getKey(), name);
        }
    }

    private void readInstruments(final JsonNode node)
    {
        requireArray(node, "instruments");
        for (int i = 0; i < node.size(); i++)
        {
            final String field = "instruments[" + i + "]";
            final JsonNode item = node.get(i);
            requireObject(item, field);
            final Instrument instrument = instrument(item, field);
            if (null != instruments.putIfAbsent(instrument.symbol(), instrument))
            {
                throw new IllegalArgumentException(field + ".symbol: '" + instrument.symbol() + "' defined twice");
            }
            addAsset(instrument.underlying(), field + ".underlying");
        }
    }

    private Instrument instrument(final JsonNode item, final String field)
    {
        final String symbol = text(item.get("symbol"), field + ".symbol");
        final String kind = text(item.get("kind"), field + ".kind");
        final String underlying = text(item.get("underlying"), field + ".underlying");
        final double multiplier = positive(item.get("multiplier"), field + ".multiplier");
        switch (kind)
        {
            case "PERPETUAL":
                requireKnownFields(item, field + ".", LINEAR_FIELDS, "a PERPETUAL");
                return new Instrument(field, symbol, false, underlying, multiplier, 0.0, 0L, false, 0.0);
            case "FUTURE":
                requireKnownFields(item, field + ".", FUTURE_FIELDS, "a FUTURE");
                final long expiry = time(item.get("expiry"), field + ".expiry");
                return new Instrument(field, symbol, false, underlying, multiplier, 0.0, expiry, false, 0.0);
            case "OPTION":
                requireKnownFields(item, field + ".", OPTION_FIELDS, "an OPTION");
                return new Instrument(field, symbol, true, underlying, multiplier,
                    positive(item.get("strike"), field + ".strike"), time(item.get("expiry"), field + ".expiry"),
                    right(item.get("right"), field + ".right"), volatility(item.get("vol"), field + ".vol", symbol));
            default:
                throw new IllegalArgumentException(
                    field + ".kind: must be PERPETUAL, FUTURE or OPTION, got '" + kind + "'");
        }
    }

    private void readPositions(final JsonNode node)
    {
        requireArray(node, "positions");
        for (int i = 0; i < node.size(); i++)
        {
            final String field = "positions[" + i + "]";
            final JsonNode item = node.get(i);
            requireObject(item, field);
            final String symbol = text(item.get("symbol"), field + ".symbol");
            final Instrument instrument = instruments.get(symbol);
            if (null == instrument)
            {
                throw new IllegalArgumentException(
                    field + ".symbol: unknown instrument '" + symbol + "' (not in instruments)");
            }
            requireKnownFields(item, field + ".", instrument.option() ? OPTION_POSITION_FIELDS : LINEAR_POSITION_FIELDS,
                instrument.option() ? "an option position" : "a linear position");
            final double qty = number(item.get("qty"), field + ".qty");
            final double entry = instrument.option() ? 0.0 : positive(item.get("entryPrice"), field + ".entryPrice");
            positions.add(new Position(field, instrument, qty, entry));
        }
    }

    private void addAsset(final String symbol, final String field)
    {
        if (assets.add(symbol))
        {
            assetFields.put(symbol, field);
        }
    }

    private static boolean right(final JsonNode node, final String field)
    {
        final String right = text(node, field);
        if (!right.equals("CALL") && !right.equals("PUT"))
        {
            throw new IllegalArgumentException(field + ": must be CALL or PUT, got '" + right + "'");
        }
        return right.equals("CALL");
    }

    private static double volatility(final JsonNode node, final String field, final String symbol)
    {
        if (null == node || node.isNull())
        {
            throw new IllegalArgumentException(field + ": missing volatility for option " + symbol);
        }
        return positive(node, field);
    }

    private static long time(final JsonNode node, final String field)
    {
        final String text = text(node, field);
        try
        {
            final Instant instant = text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text).toInstant();
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
        catch (final DateTimeException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(
                field + ": '" + text + "' is not an ISO-8601 time such as 2026-11-24T08:00:00Z");
        }
    }

    private static double positive(final JsonNode node, final String field)
    {
        final double value = number(node, field);
        if (!(value > 0.0))
        {
            throw new IllegalArgumentException(field + ": must be positive, got " + value);
        }
        return value;
    }

    private static double number(final JsonNode node, final String field)
    {
        if (null == node || node.isNull())
        {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble()))
        {
            throw new IllegalArgumentException(field + ": must be a finite number, got " + node);
        }
        return node.asDouble();
    }

    private static String text(final JsonNode node, final String field)
    {
        if (null == node || node.isNull())
        {
            throw new IllegalArgumentException(field + ": missing");
        }
        if (!node.isTextual() || node.asText().isEmpty())
        {
            throw new IllegalArgumentException(field + ": must be a non-empty string, got " + node);
        }
        return node.asText();
    }

    private static void requireObject(final JsonNode node, final String field)
    {
        if (null == node || !node.isObject())
        {
            throw new IllegalArgumentException(field + ": " + (null == node ? "missing" : "must be a JSON object"));
        }
    }

    private static void requireKnownFields(
        final JsonNode object, final String prefix, final List<String> known, final String what)
    {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!known.contains(name))
            {
                throw new IllegalArgumentException(prefix + name + ": not a field of " + what + " (its fields: " +
                    String.join(", ", known) + ")");
            }
        }
    }

    private static void requireArray(final JsonNode node, final String field)
    {
        if (null == node || !node.isArray())
        {
            throw new IllegalArgumentException(field + ": " + (null == node ? "missing" : "must be a JSON array"));
        }
    }
}
