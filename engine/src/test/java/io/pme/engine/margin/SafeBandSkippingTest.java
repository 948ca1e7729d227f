package io.pme.engine.margin;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tick leaves accounts inside their safe bands unvisited, to be moved when next read. That must change nothing:
 * the same inputs through an engine that visits every holder on every tick give the same answers, the same margin
 * updates in the same order and the same state digest. The market is built so that accounts cross IM and MM,
 * age past the refresh deadline, hold several underlyings and non-underlying collateral, and check orders between
 * ticks. Volatility moves mostly by small steps, which holders far from every threshold take lazily (the engine
 * that visits every holder takes them on the tick), and sometimes jumps; stablecoins mostly stay near their peg.
 */
class SafeBandSkippingTest
{
    private static final String[] SYMBOLS = {"USD", "USDC", "USDT", "BTC", "ETH", "SOL"};
    private static final double[] SPOTS = {1, 1, 1, 90_000, 3_000, 200};
    private static final long NOW = 1_795_478_400_000_000_000L;
    private static final long DAY = 86_400_000_000_000L;
    // more than two blocks of 64 members per list, so that blocks are skipped and rescanned
    private static final int ACCOUNTS = 150;
    private static final int PER_UNDERLYING = 8;

    @Property(tries = 100)
    void skippingSafeAccountsChangesNoAnswerAndNoDigest(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed)
    {
        final Run run = new Run(seed, 400);
        assertEquals(run.all.size(), run.skipping.size());
        for (int i = 0; i < run.all.size(); i++)
        {
            assertEquals(run.all.get(i), run.skipping.get(i), "input " + i + ", seed " + seed);
        }
        assertEquals(run.visitingAll.processor.digest(), run.skippingSafe.processor.digest(), "digest, seed " + seed);
    }

    /**
     * {@link PortfolioRiskModel#observe(int)} (how {@code pme audit} reads the accounts it audits after every input)
     * is an observation: an engine whose accounts are read at random between inputs answers and digests as one left
     * alone.
     */
    @Property(tries = 30)
    void observingAccountsBetweenInputsChangesNoAnswerAndNoDigest(
        @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) final long seed)
    {
        final Run run = new Run(seed, 400, true);
        assertEquals(run.skipping, run.observing, "seed " + seed);
        assertEquals(run.skippingSafe.processor.digest(), run.observed.processor.digest(), "digest, seed " + seed);
        assertTrue(run.observations > 0);
    }

    @Example
    void mostTicksLeaveMostAccountsUnvisited()
    {
        final Run run = new Run(7, 2_000);
        final long all = run.visitingAll.risk.tickVisits();
        final long skipping = run.skippingSafe.risk.tickVisits();
        assertTrue(skipping * 3 < all, () -> "visits: skipping " + skipping + ", all " + all);
        assertTrue(run.transitions > 0, "some account must change state along the way");
        final long lazy = run.skippingSafe.risk.lazyVolatilityChanges();
        assertEquals(lazy, run.visitingAll.risk.lazyVolatilityChanges());
        // accounts in liquidation are recomputed exactly at every step, which takes their changes at once: fewer are
        // left to take lazily than before liquidation existed (1,000 then)
        assertTrue(lazy > 600, () -> "volatility changes taken lazily: " + lazy);
    }

    private static final class Run
    {
        final EngineFrames visitingAll = new EngineFrames(false);
        final EngineFrames skippingSafe = new EngineFrames(true);
        final List<List<String>> all = new ArrayList<>();
        final List<List<String>> skipping = new ArrayList<>();
        final SplittableRandom random;
        final double[] prices = SPOTS.clone();
        final double[] vols = new double[3 * PER_UNDERLYING];
        final List<long[]> openOrders = new ArrayList<>();
        long timeNs = NOW;
        long clientOrderId;
        int transitions;

        final EngineFrames observed;
        final List<List<String>> observing = new ArrayList<>();
        // its own draws, so the inputs are the same with or without observing
        final SplittableRandom observer;
        long observations;

        Run(final long seed, final int steps)
        {
            this(seed, steps, false);
        }

        Run(final long seed, final int steps, final boolean observe)
        {
            observed = observe ? new EngineFrames(true) : null;
            observer = new SplittableRandom(~seed);
            random = new SplittableRandom(seed);
            setUp();
            for (int s = 0; s < steps; s++)
            {
                step();
            }
        }

        private void send(final String json)
        {
            final List<String> a = visitingAll.send(json);
            final List<String> b = skippingSafe.send(json);
            all.add(a);
            skipping.add(b);
            if (null != observed)
            {
                observing.add(observed.send(json));
                final int count = observed.state.accounts().count();
                for (int k = 0, n = observer.nextInt(4); k < n && count > 0; k++)
                {
                    observed.risk.observe(observer.nextInt(count));
                    observations++;
                }
            }
            for (final String line : b)
            {
                if (line.contains("\"type\":\"MarginUpdate\"") &&
                    !line.matches(".*\"state\":\"([A-Z]+)\".*\"previousState\":\"\\1\".*"))
                {
                    transitions++;
                }
            }
        }

        private void setUp()
        {
            for (int a = 0; a < SYMBOLS.length; a++)
            {
                send(json("AssetDefinition", 1, "\"assetId\":" + a + ",\"symbol\":\"" + SYMBOLS[a] + "\""));
                if (a > 0)
                {
                    send(price(a, SPOTS[a]));
                }
            }
            for (int u = 3; u < SYMBOLS.length; u++)
            {
                final int base = (u - 3) * PER_UNDERLYING;
                send(instrument(base, u, "PERPETUAL", "NONE", 0, 0));
                send(instrument(base + 1, u, "FUTURE", "NONE", 0, NOW + 30 * DAY));
                for (int k = 2; k < PER_UNDERLYING; k++)
                {
                    final double strike = Math.round(SPOTS[u] * (0.8 + 0.08 * k));
                    send(instrument(base + k, u, "OPTION", 0 == (k & 1) ? "CALL" : "PUT", strike,
                        NOW + (7 + 20L * k) * DAY));
                    vols[base + k] = 0.4 + 0.05 * k;
                    send(volatility(base + k));
                }
            }
            for (int account = 1; account <= ACCOUNTS; account++)
            {
                send(json("AccountOpen", 1, "\"accountId\":" + account + ",\"marginMode\":\"CROSS\""));
                send(deposit(account, 1 + random.nextInt(2), Math.pow(10, random.nextDouble(3.5, 5.5))));
                if (random.nextInt(3) == 0)
                {
                    send(deposit(account, 3 + random.nextInt(3), random.nextDouble(0.1, 3)));
                }
                for (int p = 0, n = 1 + random.nextInt(8); p < n; p++)
                {
                    send(fill(account));
                }
            }
        }

        private void step()
        {
            final int kind = random.nextInt(100);
            if (kind < 60)
            {
                final int u = 3 + random.nextInt(3);
                final double move = random.nextInt(40) == 0 ? random.nextDouble(-0.06, 0.06) :
                    0.0015 * random.nextGaussian();
                prices[u] *= Math.exp(move);
                send(price(u, prices[u]));
            }
            else if (kind < 66)
            {
                final int a = 1 + random.nextInt(2);
                prices[a] = random.nextInt(8) == 0 ? 1.0 + random.nextDouble(-0.02, 0.01) :
                    1.0 + 5.0e-5 * random.nextGaussian();
                send(price(a, prices[a]));
            }
            else if (kind < 78)
            {
                check();
            }
            else if (kind < 82 && !openOrders.isEmpty())
            {
                final long[] order = openOrders.remove(random.nextInt(openOrders.size()));
                send(json("OrderDone", 5, "\"accountId\":" + order[0] + ",\"clientOrderId\":" + order[1]));
            }
            else if (kind < 88)
            {
                send(fill(1 + random.nextInt(ACCOUNTS)));
            }
            else if (kind < 92)
            {
                final int option = option();
                vols[option] = random.nextInt(5) == 0 ? random.nextDouble(0.3, 1.2) :
                    vols[option] * Math.exp(0.01 * random.nextGaussian());
                send(volatility(option));
            }
            else if (kind < 97)
            {
                send(json("MarginQuery", 5, "\"accountId\":" + (1 + random.nextInt(ACCOUNTS)) +
                    ",\"instrumentId\":-1,\"side\":\"BUY\",\"quantity\":0,\"limitPrice\":0"));
            }
            else
            {
                send(json("AdminCommand", 1, "\"command\":\"DIGEST\""));
            }
        }

        private void check()
        {
            final int account = 1 + random.nextInt(ACCOUNTS);
            final int instrument = random.nextInt(3 * PER_UNDERLYING);
            final long orderId = ++clientOrderId;
            openOrders.add(new long[] {account, orderId});
            send(json("OrderCheck", 5, "\"accountId\":" + account + ",\"instrumentId\":" + instrument +
                ",\"side\":\"" + (random.nextBoolean() ? "BUY" : "SELL") + "\",\"quantity\":" +
                random.nextInt(1, 20) / 4.0 + ",\"limitPrice\":" + fairPrice(instrument) + ",\"clientOrderId\":" +
                orderId));
        }

        private int option()
        {
            return random.nextInt(3) * PER_UNDERLYING + 2 + random.nextInt(PER_UNDERLYING - 2);
        }

        private String fill(final int account)
        {
            final int instrument = random.nextInt(3 * PER_UNDERLYING);
            final double quantity = (random.nextBoolean() ? 1 : -1) * random.nextInt(1, 40) / 4.0;
            return json("Fill", 4, "\"accountId\":" + account + ",\"instrumentId\":" + instrument +
                ",\"quantity\":" + quantity + ",\"price\":" + fairPrice(instrument) +
                ",\"fee\":0.5,\"clientOrderId\":0");
        }

        private double fairPrice(final int instrument)
        {
            final int u = 3 + instrument / PER_UNDERLYING;
            return instrument % PER_UNDERLYING < 2 ? prices[u] : prices[u] * 0.05;
        }

        private String price(final int asset, final double price)
        {
            timeNs += random.nextInt(4) == 0 ? random.nextLong(300_000_000L, 1_500_000_000L) :
                random.nextLong(1_000_000L, 50_000_000L);
            return json("OraclePrice", 2, "\"sourceId\":1,\"assetId\":" + asset + ",\"price\":" + price +
                ",\"sourceTimestampNs\":0");
        }

        private String volatility(final int option)
        {
            return json("OptionVolatility", 2, "\"sourceId\":1,\"instrumentId\":" + option + ",\"volatility\":" +
                vols[option] + ",\"sourceTimestampNs\":0");
        }

        private String deposit(final int account, final int asset, final double amount)
        {
            return json("Deposit", 3, "\"accountId\":" + account + ",\"assetId\":" + asset + ",\"amount\":" + amount);
        }

        private String json(final String type, final int clientId, final String fields)
        {
            return "{\"type\":\"" + type + "\",\"timestampNs\":" + timeNs + ",\"clientId\":" + clientId + "," +
                fields + "}";
        }
    }

    private static String instrument(
        final int id,
        final int underlying,
        final String kind,
        final String right,
        final double strike,
        final long expiry)
    {
        return "{\"type\":\"InstrumentDefinition\",\"timestampNs\":" + NOW + ",\"clientId\":1,\"instrumentId\":" + id +
            ",\"underlyingAssetId\":" + underlying + ",\"kind\":\"" + kind + "\",\"right\":\"" + right +
            "\",\"multiplier\":1,\"strike\":" + strike + ",\"expiryNs\":" + expiry + ",\"symbol\":\"I" + id + "\"}";
    }
}
