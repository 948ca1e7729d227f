package io.pme.tools.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.rulebook.RiskParameters;
import io.pme.engine.rulebook.ScenarioGrid;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Assets;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One account's state written in the offline calculator's files, so {@code pme margin} margins what the engine
 * margined: the portfolio (rulebook section 5: valuation time, prices, instruments, balances, positions) and the
 * risk parameters in force (the parameter file's format, admin changes and the oracle's factors applied).
 */
final class PortfolioExport
{
    private final EngineState state;
    private final int slot;

    /**
     * @param state the engine state at the end of the replay.
     * @param slot  the account's slot.
     */
    PortfolioExport(final EngineState state, final int slot)
    {
        this.state = state;
        this.slot = slot;
    }

    /**
     * The valuation time: the engine values each leg at its underlying's latest price time, so the latest of those
     * of the account's underlyings (the engine's clock when it holds no position).
     *
     * @return nanoseconds since the epoch.
     */
    long valuationTimeNs()
    {
        final Accounts accounts = state.accounts();
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int underlying = state.instruments().underlying(accounts.positionInstrument(slot, i));
            latest = Math.max(latest, state.assets().priceTimeNs(underlying));
        }
        return Long.MIN_VALUE == latest ? state.nowNs() : latest;
    }

    /**
     * @param file where the portfolio goes.
     * @throws UncheckedIOException when it cannot be written.
     */
    void writePortfolio(final Path file)
    {
        final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = mapper.createObjectNode();
        final Accounts accounts = state.accounts();
        final Assets assets = state.assets();
        final Instruments instruments = state.instruments();
        root.put("valuationTime", MessageTime.iso(valuationTimeNs()));
        final TreeSet<Integer> priced = new TreeSet<>();
        final ObjectNode balances = mapper.createObjectNode();
        for (int a = 0; a < accounts.maxAssets(); a++)
        {
            final double balance = accounts.balance(slot, a);
            if (assets.isDefined(a) && 0.0 != balance)
            {
                balances.put(assets.symbol(a), balance);
                priced.add(a);
            }
        }
        final ArrayNode instrumentList = mapper.createArrayNode();
        final ArrayNode positions = mapper.createArrayNode();
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int id = accounts.positionInstrument(slot, i);
            final double quantity = accounts.positionQuantity(slot, i);
            if (0.0 == quantity)
            {
                continue;
            }
            instrumentList.add(instrument(mapper, id));
            priced.add(instruments.underlying(id));
            final ObjectNode position = positions.addObject();
            position.put("symbol", instruments.symbol(id));
            position.put("qty", quantity);
            if (!instruments.isOption(id))
            {
                position.put("entryPrice", accounts.positionEntryPrice(slot, i));
            }
        }
        final ObjectNode prices = root.putObject("prices");
        for (final int a : priced)
        {
            // USD is the unit; an asset without a price yet is left out, and the calculator names it
            if (!assets.isUsd(a) && assets.price(a) > 0.0)
            {
                prices.put(assets.symbol(a), assets.price(a));
            }
        }
        root.set("instruments", instrumentList);
        root.set("balances", balances);
        root.set("positions", positions);
        try
        {
            Files.writeString(file, mapper.writeValueAsString(root) + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private ObjectNode instrument(final ObjectMapper mapper, final int id)
    {
        final Instruments instruments = state.instruments();
        final ObjectNode node = mapper.createObjectNode();
        node.put("symbol", instruments.symbol(id));
        final byte kind = instruments.kind(id);
        node.put("kind", Instruments.OPTION == kind ? "OPTION" : Instruments.FUTURE == kind ? "FUTURE" : "PERPETUAL");
        node.put("underlying", state.assets().symbol(instruments.underlying(id)));
        node.put("multiplier", instruments.multiplier(id));
        if (Instruments.PERPETUAL != kind)
        {
            node.put("expiry", MessageTime.iso(instruments.expiryNs(id)));
        }
        if (Instruments.OPTION == kind)
        {
            node.put("strike", instruments.strike(id));
            node.put("right", Instruments.RIGHT_CALL == instruments.right(id) ? "CALL" : "PUT");
            node.put("vol", instruments.vol(id));
        }
        return node;
    }

    /**
     * Writes the parameters in force in the parameter file's format: every global, the tail shocks, and for each
     * defined asset its haircut tiers (each scaled by the oracle's factor, at most 1), for a wrapped asset what it
     * wraps and its de-peg shock, and for an underlying its price range in force (the oracle's factor applied),
     * P&amp;L offset and correlation set.
     *
     * @param parameters the engine's parameters at the end of the replay.
     * @param file       where they go.
     * @throws UncheckedIOException when it cannot be written.
     */
    void writeParameters(final RiskParameters parameters, final Path file)
    {
        final TreeMap<String, String> lines = new TreeMap<>();
        lines.put("volRangeUp", number(parameters.volRangeUp()));
        lines.put("volRangeDown", number(parameters.volRangeDown()));
        lines.put("minVolForShockUp", number(parameters.minVolForShockUp()));
        lines.put("shortTermVegaPower", number(parameters.shortTermVegaPower()));
        lines.put("longTermVegaPower", number(parameters.longTermVegaPower()));
        lines.put("vegaReferenceDays", number(parameters.vegaReferenceDays()));
        lines.put("vegaFloorDays", number(parameters.vegaFloorDays()));
        lines.put("optionContingency", number(parameters.optionContingency()));
        lines.put("linearContingency", number(parameters.linearContingency()));
        lines.put("mmFactor", number(parameters.mmFactor()));
        lines.put("riskFreeRate", number(parameters.riskFreeRate()));
        final StringBuilder tails = new StringBuilder();
        for (int i = 0; i < ScenarioGrid.TAIL_COUNT; i++)
        {
            tails.append(i > 0 ? ", " : "").append(number(parameters.tailShock(i)));
        }
        lines.put("tailShocks", tails.toString());
        // every asset the engine defined is listed, so the fallback below applies to none of them
        lines.put("fallback.haircutTiers", "0:1");
        final TreeSet<Integer> sets = new TreeSet<>();
        for (int a = 0; a < parameters.maxAssets(); a++)
        {
            if (!parameters.isDefined(a))
            {
                continue;
            }
            final String prefix = "asset." + parameters.symbol(a) + ".";
            final StringBuilder tiers = new StringBuilder();
            for (int t = 0; t < parameters.tierCount(a); t++)
            {
                final double haircut = Math.min(1.0, parameters.tierHaircut(a, t) * parameters.haircutScale(a));
                tiers.append(t > 0 ? ", " : "").append(number(parameters.tierBound(a, t))).append(':')
                    .append(number(haircut));
            }
            lines.put(prefix + "haircutTiers", tiers.toString());
            final int wrapped = parameters.wrappedUnderlying(a);
            if (wrapped >= 0)
            {
                // without them the calculator would count a WBTC balance as plain collateral, outside BTC's grid
                lines.put(prefix + "wraps", parameters.symbol(wrapped));
                lines.put(prefix + "depegShock", number(parameters.depegShock(a)));
            }
            if (parameters.isUnderlying(a))
            {
                lines.put(prefix + "priceRange", number(parameters.priceRange(a)));
                lines.put(prefix + "pnlOffset", number(parameters.pnlOffset(a)));
                lines.put(prefix + "correlationSet", Integer.toString(parameters.correlationSet(a)));
                if (parameters.correlationSet(a) > 0)
                {
                    sets.add(parameters.correlationSet(a));
                }
            }
        }
        for (final int set : sets)
        {
            lines.put("correlationSet." + set + ".name", parameters.correlationSetName(set));
        }
        final StringBuilder text = new StringBuilder(
            "# the risk parameters in force at the end of the journal, written by pme audit --params-out" +
            System.lineSeparator());
        lines.forEach((key, value) -> text.append(key).append('=').append(value).append(System.lineSeparator()));
        try
        {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String number(final double value)
    {
        return Double.toString(value);
    }
}
