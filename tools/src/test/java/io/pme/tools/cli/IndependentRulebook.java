package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rulebook v1 (sections 1 to 4 of {@code ../shared/rulebook.md}, with its default parameters) written a second time,
 * straight from the text, for the tests: one account of the offline calculator's file format in, the result's
 * figures out. It shares no code with the engine or the pricing module (not the scenario grid, the risk arrays,
 * the aggregation, Black–Scholes or the normal distribution; the normal distribution here is Marsaglia's series
 * and Laplace's continued fraction, not Cody's rational approximations), and it is written for plain reading, not
 * speed: every exposure is revalued in every scenario, as the rulebook says it.
 * <p>
 * It is itself checked against the leads' worked example ({@code MarginCommandTest}), whose figures the leads
 * computed, so an agreement between it and the engine is two implementations agreeing, one of them held to a
 * third party's numbers.
 */
final class IndependentRulebook
{
    private static final double SECONDS_PER_YEAR = 365.0 * 86_400.0;
    private static final double[] TAILS = {-0.66, -0.33, 0.5, 1.0, 2.0, 3.0};
    private static final double VOL_RANGE_UP = 0.5;
    private static final double VOL_RANGE_DOWN = 0.25;
    private static final double MIN_VOL_FOR_SHOCK_UP = 0.5;
    private static final double CONTINGENCY = 0.005;
    private static final double MM_FACTOR = 0.8;
    private static final int UP = 0;
    private static final int NONE = 1;
    private static final int DOWN = 2;

    /** Section 2's haircut tiers: lower bounds in USD notional and the haircut of each tier. */
    private static final Map<String, double[][]> TIERS = Map.of(
        "USD", new double[][]{{0, 0}},
        "USDC", new double[][]{{0, 0.01}, {10e6, 0.03}, {50e6, 0.05}},
        "USDT", new double[][]{{0, 0.02}, {10e6, 0.04}, {50e6, 0.08}},
        "BTC", new double[][]{{0, 0}, {5e6, 0.025}, {20e6, 0.05}, {50e6, 0.10}},
        "ETH", new double[][]{{0, 0}, {5e6, 0.03}, {20e6, 0.08}},
        "SOL", new double[][]{{0, 0}, {1e6, 0.05}, {5e6, 0.15}});
    /** Section 4's per-underlying table: price range and P&L offset; all three are in the set MAJORS. */
    private static final Map<String, double[]> UNDERLYINGS = Map.of(
        "BTC", new double[]{0.16, 0.6},
        "ETH", new double[]{0.18, 0.6},
        "SOL", new double[]{0.25, 0.5});
    private static final String SET = "MAJORS";
    /** Section 7's table: what each wrapped asset stands for, its tiers and its de-peg shock. */
    private static final Map<String, String> WRAPS = Map.of("WBTC", "BTC", "STETH", "ETH");
    private static final Map<String, Double> DEPEG_SHOCK = Map.of("WBTC", 0.05, "STETH", 0.06);
    private static final Map<String, double[][]> WRAPPED_TIERS = Map.of(
        "WBTC", new double[][]{{0, 0}, {5e6, 0.05}, {20e6, 0.10}},
        "STETH", new double[][]{{0, 0}, {5e6, 0.05}, {20e6, 0.12}});

    private IndependentRulebook()
    {
    }

    private enum Kind
    {
        BALANCE, WRAPPED, LINEAR, OPTION
    }

    /**
     * One thing whose value moves with an underlying; size is signed units of it (qty × multiplier; for a wrapped
     * balance b, b × P_w / S_u, so that its P&amp;L b × P_w × x is size × S_u × x); depeg is a wrapped asset's
     * de-peg shock, 0 for anything else.
     */
    private record Exposure(
        Kind kind, String underlying, double size, boolean isCall, double strike, double t, double vol, double depeg)
    {
        boolean option()
        {
            return Kind.OPTION == kind;
        }
    }

    /**
     * @param file a portfolio in the rulebook's format (section 5), assumed valid.
     * @return the section 5 result's figures: collateralValue … siloedInitialMargin, correlationSets.MAJORS
     * .worstLoss, underlyings.{u}.delta, .gamma, .vega, .contingency.
     */
    static ObjectNode margin(final JsonNode file)
    {
        final double now = seconds(file.get("valuationTime").asText());
        final Map<String, Double> prices = new LinkedHashMap<>();
        file.get("prices").fields().forEachRemaining(e -> prices.put(e.getKey(), e.getValue().asDouble()));
        prices.put("USD", 1.0);

        double collateral = 0;
        final List<Exposure> exposures = new ArrayList<>();
        final Iterator<Map.Entry<String, JsonNode>> balances = file.get("balances").fields();
        while (balances.hasNext())
        {
            final Map.Entry<String, JsonNode> balance = balances.next();
            final double notional = balance.getValue().asDouble() * prices.get(balance.getKey());
            final double[][] tiers = TIERS.getOrDefault(balance.getKey(), WRAPPED_TIERS.get(balance.getKey()));
            collateral += notional > 0 ? afterHaircut(tiers, notional) : notional;
            if (UNDERLYINGS.containsKey(balance.getKey()))
            {
                exposures.add(
                    new Exposure(Kind.BALANCE, balance.getKey(), balance.getValue().asDouble(), false, 0, 0, 0, 0));
            }
            final String wrapped = WRAPS.get(balance.getKey());
            if (null != wrapped)
            {
                exposures.add(new Exposure(Kind.WRAPPED, wrapped, notional / prices.get(wrapped), false, 0, 0, 0,
                    DEPEG_SHOCK.get(balance.getKey())));
            }
        }

        final Map<String, JsonNode> instruments = new LinkedHashMap<>();
        file.get("instruments").forEach(i -> instruments.put(i.get("symbol").asText(), i));
        double equity = collateral;
        for (final JsonNode position : file.get("positions"))
        {
            final JsonNode instrument = instruments.get(position.get("symbol").asText());
            final String underlying = instrument.get("underlying").asText();
            final double size = position.get("qty").asDouble() * instrument.get("multiplier").asDouble();
            final double spot = prices.get(underlying);
            if ("OPTION".equals(instrument.get("kind").asText()))
            {
                final Exposure option = new Exposure(Kind.OPTION, underlying, size,
                    "CALL".equals(instrument.get("right").asText()), instrument.get("strike").asDouble(),
                    (seconds(instrument.get("expiry").asText()) - now) / SECONDS_PER_YEAR,
                    instrument.get("vol").asDouble(), 0);
                exposures.add(option);
                equity += size * value(option, spot, option.vol());
            }
            else
            {
                final double entry = position.get("entryPrice").asDouble();
                exposures.add(new Exposure(Kind.LINEAR, underlying, size, false, 0, 0, 0, 0));
                equity += size * (spot - entry);
            }
        }
        return figures(collateral, equity, exposures, prices);
    }

    /**
     * @param file a portfolio in the rulebook's format, assumed valid.
     * @return Σ |qty × multiplier × option value| over its option positions, the scale of the incremental
     * tolerance on equity.
     */
    static double grossOptionValue(final JsonNode file)
    {
        final double now = seconds(file.get("valuationTime").asText());
        final Map<String, JsonNode> instruments = new LinkedHashMap<>();
        file.get("instruments").forEach(i -> instruments.put(i.get("symbol").asText(), i));
        double gross = 0;
        for (final JsonNode position : file.get("positions"))
        {
            final JsonNode instrument = instruments.get(position.get("symbol").asText());
            if ("OPTION".equals(instrument.get("kind").asText()))
            {
                final Exposure option = new Exposure(Kind.OPTION, instrument.get("underlying").asText(),
                    position.get("qty").asDouble() * instrument.get("multiplier").asDouble(),
                    "CALL".equals(instrument.get("right").asText()), instrument.get("strike").asDouble(),
                    (seconds(instrument.get("expiry").asText()) - now) / SECONDS_PER_YEAR,
                    instrument.get("vol").asDouble(), 0);
                gross += Math.abs(option.size() *
                    value(option, file.get("prices").get(option.underlying()).asDouble(), option.vol()));
            }
        }
        return gross;
    }

    private static ObjectNode figures(
        final double collateral, final double equity, final List<Exposure> exposures, final Map<String, Double> prices)
    {
        final Map<String, double[]> pnl = new LinkedHashMap<>();
        final Map<String, Double> contingency = new LinkedHashMap<>();
        double siloed = 0;
        for (final Exposure exposure : exposures)
        {
            final double[] alone = scenarioPnl(exposure, prices.get(exposure.underlying()));
            final double[] sum = pnl.computeIfAbsent(exposure.underlying(), u -> new double[alone.length]);
            for (int k = 0; k < alone.length; k++)
            {
                sum[k] += alone[k];
            }
            final double own = contingency(exposure, prices.get(exposure.underlying()));
            contingency.merge(exposure.underlying(), own, Double::sum);
            siloed += Math.max(0, -min(alone)) + own;
        }

        double worstLoss = 0;
        if (!pnl.isEmpty())
        {
            final double[] set = new double[pnl.values().iterator().next().length];
            for (final Map.Entry<String, double[]> member : pnl.entrySet())
            {
                final double offset = UNDERLYINGS.get(member.getKey())[1];
                for (int k = 0; k < set.length; k++)
                {
                    final double p = member.getValue()[k];
                    set[k] += p < 0 ? p : offset * p;
                }
            }
            worstLoss = Math.max(0, -min(set));
        }
        double initialMargin = worstLoss;
        for (final double c : contingency.values())
        {
            initialMargin += c;
        }
        final double maintenanceMargin = MM_FACTOR * initialMargin;

        final ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("collateralValue", collateral);
        result.put("equity", equity);
        result.put("initialMargin", initialMargin);
        result.put("maintenanceMargin", maintenanceMargin);
        result.put("availableMargin", equity - initialMargin);
        if (equity > 0)
        {
            result.put("marginRatio", maintenanceMargin / equity);
        }
        else
        {
            result.putNull("marginRatio");
        }
        result.put("state", equity >= initialMargin ? "HEALTHY" : equity >= maintenanceMargin ? "RESTRICTED" :
            equity > 0 ? "LIQUIDATION" : "BANKRUPT");
        result.put("siloedInitialMargin", siloed);
        if (!pnl.isEmpty())
        {
            result.putObject("correlationSets").putObject(SET).put("worstLoss", worstLoss);
        }
        final ObjectNode underlyings = result.putObject("underlyings");
        for (final String underlying : pnl.keySet())
        {
            greeks(underlyings.putObject(underlying), underlying, exposures, prices.get(underlying))
                .put("contingency", contingency.get(underlying));
        }
        return result;
    }

    /** Section 3: the P&L of one exposure in each of the 33 scenarios, tails weighted, in the rulebook's order. */
    private static double[] scenarioPnl(final Exposure exposure, final double spot)
    {
        final double range = UNDERLYINGS.get(exposure.underlying())[0];
        final double[] pnl = new double[27 + TAILS.length];
        int k = 0;
        for (int j = -4; j <= 4; j++)
        {
            for (final int mode : new int[]{UP, NONE, DOWN})
            {
                pnl[k++] = shocked(exposure, spot, j / 4.0 * range, mode);
            }
        }
        for (final double tail : TAILS)
        {
            pnl[k++] = Math.min(1.0, range / Math.abs(tail)) * shocked(exposure, spot, tail, UP);
        }
        return pnl;
    }

    private static double shocked(final Exposure exposure, final double spot, final double x, final int mode)
    {
        if (!exposure.option())
        {
            return exposure.size() * spot * x;
        }
        final double shockedVol = shockedVol(exposure.vol(), 365.0 * exposure.t(), mode);
        return exposure.size() * (value(exposure, spot * (1 + x), shockedVol) - value(exposure, spot, exposure.vol()));
    }

    private static double shockedVol(final double vol, final double dte, final int mode)
    {
        final double f = Math.pow(30.0 / Math.max(dte, 1.0), dte < 30 ? 0.30 : 0.13);
        switch (mode)
        {
            case UP:
                return vol + VOL_RANGE_UP * f * Math.max(vol, MIN_VOL_FOR_SHOCK_UP);
            case DOWN:
                return Math.max(vol - VOL_RANGE_DOWN * f * vol, 0.01);
            default:
                return vol;
        }
    }

    /**
     * Section 3: short options and linear positions pay it on their size; balances of underlyings and long options
     * do not; section 7: a wrapped balance pays its de-peg add-on.
     */
    private static double contingency(final Exposure exposure, final double spot)
    {
        switch (exposure.kind())
        {
            case OPTION:
                return exposure.size() < 0 ? CONTINGENCY * spot * -exposure.size() : 0.0;
            case LINEAR:
                return CONTINGENCY * spot * Math.abs(exposure.size());
            case WRAPPED:
                // section 7's de-peg add-on, depegShock × |b| × P_w, with |b| × P_w = |size| × S_u
                return exposure.depeg() * spot * Math.abs(exposure.size());
            default:
                return 0.0;
        }
    }

    private static ObjectNode greeks(
        final ObjectNode into, final String underlying, final List<Exposure> exposures, final double spot)
    {
        double delta = 0;
        double gamma = 0;
        double vega = 0;
        for (final Exposure e : exposures)
        {
            if (!underlying.equals(e.underlying()))
            {
                continue;
            }
            if (!e.option())
            {
                delta += e.size();
                continue;
            }
            if (e.t() <= 0)
            {
                delta += e.size() * (e.isCall() ? (spot > e.strike() ? 1 : 0) : (spot < e.strike() ? -1 : 0));
                continue;
            }
            final double sqrtT = Math.sqrt(e.t());
            final double d1 = (Math.log(spot / e.strike()) + 0.5 * e.vol() * e.vol() * e.t()) / (e.vol() * sqrtT);
            delta += e.size() * (e.isCall() ? cdf(d1) : cdf(d1) - 1);
            gamma += e.size() * density(d1) / (spot * e.vol() * sqrtT);
            vega += e.size() * spot * density(d1) * sqrtT / 100.0;
        }
        into.put("delta", delta);
        into.put("gamma", gamma);
        into.put("vega", vega);
        return into;
    }

    /** Black–Scholes with no rate and no dividend (the defaults); intrinsic value at or after expiry. */
    private static double value(final Exposure option, final double spot, final double vol)
    {
        final double k = option.strike();
        final double t = option.t();
        if (t <= 0)
        {
            return Math.max(0, option.isCall() ? spot - k : k - spot);
        }
        final double d1 = (Math.log(spot / k) + 0.5 * vol * vol * t) / (vol * Math.sqrt(t));
        final double d2 = d1 - vol * Math.sqrt(t);
        return option.isCall() ? spot * cdf(d1) - k * cdf(d2) : k * cdf(-d2) - spot * cdf(-d1);
    }

    /**
     * The standard normal distribution: Marsaglia's series {@code 1/2 + φ(x) Σ x^(2n+1) / (2n+1)!!} for |x| < 3,
     * Laplace's continued fraction {@code φ(x) / (x + 1/(x + 2/(x + 3/(x + …))))} for the lower tail beyond.
     */
    static double cdf(final double x)
    {
        if (Math.abs(x) < 3)
        {
            double term = x;
            double sum = x;
            for (int n = 1; ; n++)
            {
                term *= x * x / (2 * n + 1);
                final double next = sum + term;
                if (next == sum)
                {
                    return 0.5 + density(x) * sum;
                }
                sum = next;
            }
        }
        if (x > 0)
        {
            return 1 - cdf(-x);
        }
        final double a = -x;
        double fraction = a;
        for (int k = 300; k > 0; k--)
        {
            fraction = a + k / fraction;
        }
        return density(a) / fraction;
    }

    private static double density(final double x)
    {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** Section 2: the part of the notional inside each tier counts at one minus that tier's haircut. */
    private static double afterHaircut(final double[][] tiers, final double notional)
    {
        double counted = 0;
        for (int k = 0; k < tiers.length; k++)
        {
            final double upper = k + 1 < tiers.length ? tiers[k + 1][0] : Double.POSITIVE_INFINITY;
            counted += Math.max(0, Math.min(notional, upper) - tiers[k][0]) * (1 - tiers[k][1]);
        }
        return counted;
    }

    private static double min(final double[] values)
    {
        double min = Double.POSITIVE_INFINITY;
        for (final double v : values)
        {
            min = Math.min(min, v);
        }
        return min;
    }

    private static double seconds(final String iso)
    {
        final Instant instant = Instant.parse(iso);
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
