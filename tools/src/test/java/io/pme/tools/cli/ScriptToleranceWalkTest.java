package io.pme.tools.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental figures held to the documented tolerance from outside, as a user would check them: a
 * {@code pme script} of rulebook portfolios through the real pipeline, then a long market walk (price steps and
 * jumps, gaps from milliseconds to hours, volatility ticks, stablecoin moves, options expiring and new short-dated
 * ones traded), every account read through a {@code MarginQuery} after every input and compared with the
 * independent implementation of the rulebook on the same portfolio at that moment (each option valued at its
 * underlying's latest price time): |ΔIM| ≤ 1e-6 × IM + 0.01, |ΔE| ≤ 1e-6 × (|E| + Σ|option marks|) + 0.01,
 * and the state the rulebook's. Some accounts are placed within 0.1% of IM or MM, again and again during the walk.
 */
class ScriptToleranceWalkTest
{
    private static final double RELATIVE = 1e-6;
    private static final double ABSOLUTE = 0.01;
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;
    private static final long DAY = 24 * HOUR;
    private static final long START = Instant.parse("2026-11-24T08:00:00Z").getEpochSecond() * SECOND;
    private static final String[] SYMBOLS = {"USD", "USDC", "USDT", "BTC", "ETH", "SOL"};
    private static final double[] SPOTS = {1.0, 1.0, 1.0, 90_000, 3_000, 150};
    private static final double[] SIZES = {0, 0, 0, 2, 30, 600};
    private static final int FIRST_UNDERLYING = 3;
    private static final int TRANSFER = 0;
    private static final int ACCOUNTS = 10;
    private static final int STEPS = 1_000;
    private static final int TRADE_EVERY = 200;
    private static final int PLACE_EVERY = 50;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom random = new SplittableRandom(20261202L);
    private final List<String> lines = new ArrayList<>();
    private final List<ObjectNode> expected = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private String event = "";
    private final double[] prices = SPOTS.clone();
    private final long[] priceTimes = new long[SYMBOLS.length];
    private final List<Instrument> instruments = new ArrayList<>();
    private final List<Map<Integer, Double>> positions = new ArrayList<>();
    private final List<double[]> balances = new ArrayList<>();
    private long now = START;

    private record Instrument(
        int id, String symbol, int underlying, String kind, String right, double strike, long expiryNs, double[] vol)
    {
    }

    @Test
    void everyReadingWithinToleranceAndEveryStateExact() throws Exception
    {
        setUp();
        for (int step = 1; step <= STEPS; step++)
        {
            now += gap();
            final int kind = random.nextInt(10);
            event = "step " + step + " kind " + kind;
            if (kind < 6)
            {
                final int asset = FIRST_UNDERLYING + random.nextInt(SYMBOLS.length - FIRST_UNDERLYING);
                final double move = random.nextInt(25) == 0 ? random.nextDouble(-0.2, 0.2) :
                    0.002 * random.nextGaussian();
                price(asset, prices[asset] * Math.exp(move));
            }
            else if (kind < 8)
            {
                final Instrument option = instruments.get(random.nextInt(instruments.size()));
                if ("OPTION".equals(option.kind()))
                {
                    option.vol()[0] = Math.min(4.0, option.vol()[0] * Math.exp(0.05 * random.nextGaussian()));
                    line("\"type\":\"OptionVolatility\",\"clientId\":2,\"sourceId\":1,\"instrumentId\":" + option.id() +
                        ",\"volatility\":" + option.vol()[0] + ",\"sourceTimestampNs\":0");
                }
            }
            else
            {
                final int asset = 1 + random.nextInt(2);
                price(asset, prices[asset] * Math.exp(0.001 * random.nextGaussian()));
            }
            if (0 == step % TRADE_EVERY)
            {
                tradeShortDatedOptions();
            }
            if (0 == step % PLACE_EVERY)
            {
                place();
            }
            queryAll();
        }

        final List<JsonNode> answers = run();
        assertEquals(expected.size(), answers.size(), "one MarginQueryResult per query");
        int nearThreshold = 0;
        double worstIm = 0.0;
        double worstEquity = 0.0;
        final Map<String, Integer> states = new LinkedHashMap<>();
        for (int i = 0; i < answers.size(); i++)
        {
            final JsonNode answer = answers.get(i);
            final ObjectNode rulebook = expected.get(i);
            final String where = "reading " + i + " of account " + answer.get("accountId").asLong() + ": ";
            assertEquals("NONE", answer.get("reason").asText(), where);
            final double im = rulebook.get("initialMargin").asDouble();
            final double mm = rulebook.get("maintenanceMargin").asDouble();
            final double e = rulebook.get("equity").asDouble();
            final double gross = rulebook.get("grossOptionValue").asDouble();
            final double engineIm = answer.get("initialMargin").asDouble();
            final double engineE = answer.get("equity").asDouble();
            worstIm = Math.max(worstIm, Math.abs(engineIm - im) / (RELATIVE * im + ABSOLUTE));
            worstEquity = Math.max(worstEquity, Math.abs(engineE - e) / (RELATIVE * (Math.abs(e) + gross) + ABSOLUTE));
            assertTrue(Math.abs(engineIm - im) <= RELATIVE * im + ABSOLUTE,
                where + events.get(i) + ": IM " + engineIm + " vs " + im);
            assertTrue(Math.abs(engineE - e) <= RELATIVE * (Math.abs(e) + gross) + ABSOLUTE,
                where + events.get(i) + ": E " + engineE + " vs " + e + " (gross option value " + gross + ")");
            final double closest = Math.min(Math.abs(e), Math.min(Math.abs(e - im), Math.abs(e - mm)));
            states.merge(answer.get("state").asText(), 1, Integer::sum);
            if (closest <= 1e-3 * (Math.abs(e) + im))
            {
                nearThreshold++;
            }
            // two exact implementations may round a figure sitting on a threshold to either side
            if (closest > 1e-9 * (Math.abs(e) + im + gross))
            {
                assertEquals(rulebook.get("state").asText(), answer.get("state").asText(),
                    where + "state at E " + e + " IM " + im + " MM " + mm);
            }
        }
        System.out.printf("%,d readings, %,d within 0.1%% of a threshold, states %s; worst error / tolerance: " +
            "IM %.3f, equity %.3f%n", answers.size(), nearThreshold, states, worstIm, worstEquity);
        assertTrue(answers.size() >= ACCOUNTS * STEPS, "readings: " + answers.size());
        assertTrue(states.containsKey("RESTRICTED") && states.containsKey("LIQUIDATION"), states::toString);
        assertTrue(nearThreshold >= 100, "readings within 0.1% of a threshold: " + nearThreshold);
    }

    private List<JsonNode> run() throws Exception
    {
        final Path script = dir.resolve("walk.jsonl");
        Files.write(script, lines);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = Pme.run(new String[]{"script", "--input", script.toString(), "--journal",
            dir.resolve("journal").toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        final List<JsonNode> answers = new ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (line.startsWith("{"))
            {
                final JsonNode node = json.readTree(line);
                assertTrue(!"Reject".equals(node.get("type").asText()), line);
                if ("MarginQueryResult".equals(node.get("type").asText()))
                {
                    answers.add(node);
                }
            }
        }
        return answers;
    }

    private void setUp()
    {
        // the reference knows margin, not liquidation: the walk compares figures of books nothing takes over
        line("\"type\":\"ParameterUpdate\",\"clientId\":1,\"parameterId\":\"LIQUIDATION\",\"assetId\":-1," +
            "\"index\":17,\"value\":0,\"value2\":0");
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            line("\"type\":\"AssetDefinition\",\"clientId\":1,\"assetId\":" + a + ",\"symbol\":\"" + SYMBOLS[a] + "\"");
            // nor interest (section 8, held by BorrowingScenarioTest): its hours of gaps leave debts as they are
            line("\"type\":\"ParameterUpdate\",\"clientId\":1,\"parameterId\":\"BORROW\",\"assetId\":" + a +
                ",\"index\":0,\"value\":0,\"value2\":0");
        }
        for (int a = 1; a < SYMBOLS.length; a++)
        {
            price(a, SPOTS[a]);
        }
        define(FIRST_UNDERLYING, "PERPETUAL", "NONE", 0, 0);
        for (int u = FIRST_UNDERLYING; u < SYMBOLS.length; u++)
        {
            define(u, "PERPETUAL", "NONE", 0, 0);
            define(u, "FUTURE", "NONE", 0, START + 30 * DAY);
            for (int k = 0; k < 5; k++)
            {
                defineOption(u, random.nextBoolean() ? random.nextLong(60 * SECOND, DAY / 4) :
                    random.nextLong(DAY / 4, 400 * DAY), 0.7, 1.4);
            }
        }
        for (int account = 0; account < ACCOUNTS; account++)
        {
            positions.add(new LinkedHashMap<>());
            balances.add(new double[SYMBOLS.length]);
            line("\"type\":\"AccountOpen\",\"clientId\":1,\"accountId\":" + (account + 1) +
                ",\"marginMode\":\"CROSS\"");
            deposit(account, 0, random.nextDouble(50_000, 500_000));
            deposit(account, 1 + random.nextInt(2), random.nextDouble(0, 200_000));
            deposit(account, FIRST_UNDERLYING + random.nextInt(3), random.nextDouble(0, 1) * SIZES[FIRST_UNDERLYING]);
            for (int p = 0, n = 2 + random.nextInt(8); p < n; p++)
            {
                final Instrument instrument = instruments.get(1 + random.nextInt(instruments.size() - 1));
                fill(account, instrument, random.nextDouble(-1.0, 1.0));
            }
        }
        place();
        queryAll();
    }

    private void tradeShortDatedOptions()
    {
        for (int u = FIRST_UNDERLYING; u < SYMBOLS.length; u++)
        {
            final Instrument option = defineOption(u, random.nextLong(60 * SECOND, DAY / 4), 0.7, 1.4);
            for (int account = 0; account < ACCOUNTS; account += 1 + random.nextInt(3))
            {
                fill(account, option, random.nextDouble(-1.0, 1.0));
            }
            // bought at the money, an hour or so out: a small IM beside a large gamma, whose expansion errs most
            final Instrument atTheMoney = defineOption(u, random.nextLong(10 * 60 * SECOND, 2 * HOUR), 1.0, 1.0);
            for (int account = 7; account < ACCOUNTS; account++)
            {
                fill(account, atTheMoney, random.nextDouble(1.0, 5.0));
            }
        }
    }

    // Deposits USD so that equity sits within 0.1% of IM (the first four accounts) or MM (the next three).
    private void place()
    {
        for (int account = 0; account < 7; account++)
        {
            final ObjectNode figures = rulebook(account);
            final double target = figures.get(account < 4 ? "initialMargin" : "maintenanceMargin").asDouble() *
                (1.0 + random.nextDouble(-0.001, 0.001));
            transfer(account, target - figures.get("equity").asDouble());
        }
    }

    private void queryAll()
    {
        for (int account = 0; account < ACCOUNTS; account++)
        {
            line("\"type\":\"MarginQuery\",\"clientId\":3,\"accountId\":" + (account + 1) +
                ",\"instrumentId\":-1,\"side\":\"BUY\",\"quantity\":0,\"limitPrice\":0");
            expected.add(rulebook(account));
            events.add(event);
        }
    }

    // The account's portfolio now in the rulebook's format: an option's expiry is moved by its underlying's price
    // age, so that its time to expiry from the valuation time is the one from that price time.
    private ObjectNode rulebook(final int account)
    {
        final ObjectNode file = json.createObjectNode();
        file.put("valuationTime", instant(now));
        final ObjectNode priceNode = file.putObject("prices");
        for (int a = 1; a < SYMBOLS.length; a++)
        {
            priceNode.put(SYMBOLS[a], prices[a]);
        }
        final ArrayNode instrumentNodes = file.putArray("instruments");
        for (final Instrument instrument : instruments)
        {
            final ObjectNode node = instrumentNodes.addObject();
            node.put("symbol", instrument.symbol());
            node.put("kind", instrument.kind());
            node.put("underlying", SYMBOLS[instrument.underlying()]);
            node.put("multiplier", 1);
            if ("OPTION".equals(instrument.kind()))
            {
                node.put("expiry", instant(instrument.expiryNs() - priceTimes[instrument.underlying()] + now));
                node.put("strike", instrument.strike());
                node.put("right", instrument.right());
                node.put("vol", instrument.vol()[0]);
            }
        }
        final ObjectNode balanceNode = file.putObject("balances");
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            if (0.0 != balances.get(account)[a])
            {
                balanceNode.put(SYMBOLS[a], balances.get(account)[a]);
            }
        }
        final ArrayNode positionNodes = file.putArray("positions");
        for (final Map.Entry<Integer, Double> position : positions.get(account).entrySet())
        {
            final Instrument instrument = instruments.get(position.getKey());
            final ObjectNode node = positionNodes.addObject();
            node.put("symbol", instrument.symbol());
            node.put("qty", position.getValue());
            if (!"OPTION".equals(instrument.kind()))
            {
                node.put("entryPrice", instrument.vol()[0]);
            }
        }
        final ObjectNode figures = IndependentRulebook.margin(file);
        figures.put("grossOptionValue", IndependentRulebook.grossOptionValue(file));
        return figures;
    }

    private void fill(final int account, final Instrument instrument, final double scale)
    {
        if (positions.get(account).containsKey(instrument.id()))
        {
            return;
        }
        final double size = SIZES[instrument.underlying()];
        final double quantity = Math.round(scale * size * 100.0) / 100.0;
        if (0.0 == quantity)
        {
            return;
        }
        positions.get(account).put(instrument.id(), quantity);
        // options trade at no premium, so the USD balance is only what was deposited; a linear position's entry
        // price is kept in its vol slot, unused for it
        final double price = "OPTION".equals(instrument.kind()) ? 0.0 : instrument.vol()[0];
        line("\"type\":\"Fill\",\"clientId\":4,\"accountId\":" + (account + 1) + ",\"instrumentId\":" +
            instrument.id() + ",\"quantity\":" + quantity + ",\"price\":" + price +
            ",\"fee\":0,\"clientOrderId\":0");
    }

    private void define(final int underlying, final String kind, final String right, final double strike,
        final long expiryNs)
    {
        final int id = instruments.size();
        final double entry = Math.round(prices[underlying] * random.nextDouble(0.98, 1.02));
        instruments.add(new Instrument(id, SYMBOLS[underlying] + "-" + kind + "-" + id, underlying, kind, right, strike,
            expiryNs, new double[]{entry}));
        line("\"type\":\"InstrumentDefinition\",\"clientId\":1,\"instrumentId\":" + id + ",\"underlyingAssetId\":" +
            underlying + ",\"kind\":\"" + kind + "\",\"right\":\"" + right + "\",\"multiplier\":1,\"strike\":" +
            strike + ",\"expiryNs\":" + expiryNs + ",\"symbol\":\"" + SYMBOLS[underlying] + "-" + kind + "-" + id +
            "\"");
    }

    private Instrument defineOption(final int underlying, final long fromNow, final double low, final double high)
    {
        final int id = instruments.size();
        final double strike = Math.round(prices[underlying] * (low == high ? low : random.nextDouble(low, high)));
        final String right = random.nextBoolean() ? "CALL" : "PUT";
        final Instrument option = new Instrument(id, SYMBOLS[underlying] + "-" + right + "-" + id, underlying,
            "OPTION", right, strike, now + fromNow, new double[]{random.nextDouble(0.05, 2.5)});
        instruments.add(option);
        line("\"type\":\"InstrumentDefinition\",\"clientId\":1,\"instrumentId\":" + id + ",\"underlyingAssetId\":" +
            underlying + ",\"kind\":\"OPTION\",\"right\":\"" + right + "\",\"multiplier\":1,\"strike\":" + strike +
            ",\"expiryNs\":" + option.expiryNs() + ",\"symbol\":\"" + option.symbol() + "\"");
        line("\"type\":\"OptionVolatility\",\"clientId\":2,\"sourceId\":1,\"instrumentId\":" + id +
            ",\"volatility\":" + option.vol()[0] + ",\"sourceTimestampNs\":0");
        return option;
    }

    // Moves USD in or out of the account whatever its state, as the realised P&L of a round trip in a perpetual it
    // holds nothing of: bought at the index, sold back at the index plus the amount per contract.
    private void transfer(final int account, final double amount)
    {
        final double spot = prices[FIRST_UNDERLYING];
        final double quantity = Math.max(1.0, Math.ceil(2.0 * Math.abs(amount) / spot));
        balances.get(account)[0] += amount;
        final String fill = "\"type\":\"Fill\",\"clientId\":4,\"accountId\":" + (account + 1) + ",\"instrumentId\":" +
            TRANSFER + ",\"fee\":0,\"clientOrderId\":0,\"quantity\":";
        line(fill + quantity + ",\"price\":" + spot);
        line(fill + -quantity + ",\"price\":" + (spot + amount / quantity));
    }

    private void deposit(final int account, final int asset, final double amount)
    {
        if (amount > 0.0)
        {
            balances.get(account)[asset] += amount;
            line("\"type\":\"Deposit\",\"clientId\":1,\"accountId\":" + (account + 1) + ",\"assetId\":" + asset +
                ",\"amount\":" + amount);
        }
    }

    private void price(final int asset, final double price)
    {
        prices[asset] = price;
        priceTimes[asset] = now;
        line("\"type\":\"OraclePrice\",\"clientId\":2,\"sourceId\":1,\"assetId\":" + asset + ",\"price\":" + price +
            ",\"sourceTimestampNs\":0");
    }

    private long gap()
    {
        final int kind = random.nextInt(20);
        if (kind < 10)
        {
            return random.nextLong(1_000_000L, SECOND / 2);
        }
        if (kind < 18)
        {
            return random.nextLong(SECOND, 60 * SECOND);
        }
        return random.nextLong(60 * SECOND, 4 * HOUR);
    }

    private void line(final String fields)
    {
        lines.add("{" + fields.replaceFirst("\"type\":\"(\\w+)\",", "\"type\":\"$1\",\"timestamp\":\"" +
            instant(now) + "\",") + "}");
    }

    private static String instant(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs).toString();
    }
}
