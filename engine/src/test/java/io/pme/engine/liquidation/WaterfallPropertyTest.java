package io.pme.engine.liquidation;

import io.pme.engine.state.Encodings;
import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.Side;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;
import io.pme.protocol.json.JsonFrameEncoder;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.LongRange;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Long random markets with crashes, a venue that fills some liquidation orders and liquidators that bid in some
 * auctions: after every input money is conserved (checked here from the balances and the ledger, not through the
 * engine's own check); after every deleveraging the fund is back to zero, never above; when the market calms and
 * every order fills, every liquidation ends with no account below MM; and an engine restored from a snapshot taken
 * at a random input (a crash) ends with the same digest as the one that ran through.
 */
class WaterfallPropertyTest
{
    private static final long T0 = 1_796_112_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int BTC = 2;
    private static final int ETH = 3;
    // beside the stages in a run's event list: an InsuranceFund event, with its balance
    private static final long FUND_EVENT = -1;

    /**
     * Seed 11887: one tick deleverages for the fund's own loss, then an auction ends and the fund takes a portfolio
     * worth more than nothing: the fund ends the input above zero, and the deleveraging still paid no more than the
     * deficit it was for.
     */
    @Example
    void aTakeoverAfterADeleveragingInTheSameInput()
    {
        waterfallKeepsMoneyAndEndsEveryLiquidation(11_887);
    }

    @Property(tries = 30)
    void waterfallKeepsMoneyAndEndsEveryLiquidation(@ForAll @LongRange(min = 1, max = 1_000_000) final long seed)
    {
        final Run run = new Run(seed);
        run.market(240);
        run.calm(400);
        run.assertEverythingEnded();
        for (final LiquidationEventType stage : run.stagesSeen)
        {
            Statistics.label("stages").collect(stage.name());
        }
        assertEquals(run.digest(), run.restoredDigest(), "a restore from a snapshot ends as the run that went through");
    }

    private static final class Run
    {
        private final SplittableRandom random;
        private final Engine live = new Engine();
        private final List<String> inputs = new ArrayList<>();
        private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        private final List<long[]> openOrders = new ArrayList<>();
        private final List<long[]> auctions = new ArrayList<>();
        private final int accountCount;
        private final int snapshotAt;
        private Engine restored;
        private long now = T0;
        private double btc = 100_000;
        private double eth = 3_000;
        private boolean uncovered;
        private final java.util.EnumSet<LiquidationEventType> stagesSeen =
            java.util.EnumSet.noneOf(LiquidationEventType.class);

        Run(final long seed)
        {
            random = new SplittableRandom(seed);
            accountCount = 10 + random.nextInt(30);
            snapshotAt = 100 + random.nextInt(600);
            asset(0, "USD");
            asset(BTC, "BTC");
            asset(ETH, "ETH");
            perpetual(0, BTC, "BTC-PERP");
            perpetual(1, ETH, "ETH-PERP");
            send("{\"type\":\"InstrumentDefinition\",\"timestampNs\":" + now + ",\"clientId\":1,\"instrumentId\":2," +
                "\"underlyingAssetId\":2,\"kind\":\"OPTION\",\"right\":\"PUT\",\"multiplier\":1,\"strike\":90000," +
                "\"expiryNs\":" + (now + 90 * 86_400 * SECOND) + ",\"symbol\":\"BTC-P-90000\"}");
            prices();
            send("{\"type\":\"OptionVolatility\",\"timestampNs\":" + now + ",\"clientId\":2,\"sourceId\":1," +
                "\"instrumentId\":2,\"volatility\":0.6,\"sourceTimestampNs\":0}");
            deposit(0, 0, random.nextInt(3) * 20_000.0);
            for (int a = 1; a <= accountCount; a++)
            {
                open(a);
            }
            for (int a = 900; a <= 901; a++)
            {
                send("{\"type\":\"AccountOpen\",\"timestampNs\":" + now + ",\"clientId\":1,\"accountId\":" + a +
                    ",\"marginMode\":\"CROSS\"}");
                deposit(a, 0, 5_000_000);
            }
        }

        private void open(final int account)
        {
            send("{\"type\":\"AccountOpen\",\"timestampNs\":" + now + ",\"clientId\":1,\"accountId\":" + account +
                ",\"marginMode\":\"CROSS\"}");
            deposit(account, 0, 5_000 + random.nextInt(40_000));
            if (random.nextInt(4) == 0)
            {
                deposit(account, BTC, 0.1 + random.nextInt(5) * 0.1);
            }
            fill(account, 0, (random.nextBoolean() ? 1 : -1) * (0.1 + random.nextInt(10) * 0.1), btc);
            if (random.nextBoolean())
            {
                fill(account, 1, (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(20)), eth);
            }
            if (random.nextInt(3) == 0)
            {
                fill(account, 2, (random.nextBoolean() ? 1 : -1) * (0.1 + random.nextInt(5) * 0.1), 3_000);
            }
        }

        void market(final int seconds)
        {
            int crash = 20 + random.nextInt(40);
            for (int s = 0; s < seconds; s++)
            {
                now += SECOND;
                final double move = s == crash ? -(0.08 + random.nextDouble() * 0.2) : random.nextGaussian() * 0.004;
                if (s == crash)
                {
                    crash += 30 + random.nextInt(60);
                }
                btc *= Math.exp(move);
                eth *= Math.exp(move * (0.8 + random.nextDouble() * 0.4));
                prices();
                venue(0.5);
                liquidators(0.5);
            }
        }

        void calm(final int seconds)
        {
            for (int s = 0; s < seconds; s++)
            {
                now += SECOND;
                send("{\"type\":\"Heartbeat\",\"timestampNs\":" + now + ",\"clientId\":2}");
                venue(1.0);
            }
        }

        private void prices()
        {
            send("{\"type\":\"OraclePrice\",\"timestampNs\":" + now + ",\"clientId\":2,\"sourceId\":1,\"assetId\":2," +
                "\"price\":" + btc + ",\"sourceTimestampNs\":0}");
            send("{\"type\":\"OraclePrice\",\"timestampNs\":" + now + ",\"clientId\":2,\"sourceId\":1,\"assetId\":3," +
                "\"price\":" + eth + ",\"sourceTimestampNs\":0}");
        }

        // fills each open liquidation order with the probability, whole or in part, at its limit
        private void venue(final double probability)
        {
            final List<long[]> orders = new ArrayList<>(openOrders);
            openOrders.clear();
            for (final long[] order : orders)
            {
                final double left = Double.longBitsToDouble(order[1]);
                if (order[3] <= now || random.nextDouble() >= probability)
                {
                    if (order[3] > now)
                    {
                        openOrders.add(order);
                    }
                    continue;
                }
                final double quantity = random.nextBoolean() ? left : left * 0.5;
                send("{\"type\":\"LiquidationFill\",\"timestampNs\":" + now + ",\"clientId\":4," +
                    "\"liquidationOrderId\":" + order[0] + ",\"quantity\":" + quantity + ",\"price\":" +
                    Double.longBitsToDouble(order[2]) + "}");
                if (quantity < left)
                {
                    order[1] = Double.doubleToRawLongBits(left - quantity);
                    openOrders.add(order);
                }
            }
        }

        private void liquidators(final double probability)
        {
            final List<long[]> open = new ArrayList<>(auctions);
            auctions.clear();
            for (final long[] auction : open)
            {
                if (auction[1] < now)
                {
                    continue;
                }
                if (random.nextDouble() < probability * 0.1)
                {
                    send("{\"type\":\"AuctionBid\",\"timestampNs\":" + now + ",\"clientId\":5,\"liquidationId\":" +
                        auction[0] + ",\"bidderAccountId\":" + (900 + random.nextInt(2)) + ",\"maxPrice\":" +
                        Double.longBitsToDouble(auction[2]) + "}");
                }
                else
                {
                    auctions.add(auction);
                }
            }
        }

        private void asset(final int id, final String symbol)
        {
            send("{\"type\":\"AssetDefinition\",\"timestampNs\":" + now + ",\"clientId\":1,\"assetId\":" + id +
                ",\"symbol\":\"" + symbol + "\"}");
        }

        private void perpetual(final int id, final int underlying, final String symbol)
        {
            send("{\"type\":\"InstrumentDefinition\",\"timestampNs\":" + now + ",\"clientId\":1," +
                "\"instrumentId\":" + id + ",\"underlyingAssetId\":" + underlying + ",\"kind\":\"PERPETUAL\"," +
                "\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0,\"symbol\":\"" + symbol + "\"}");
        }

        private void deposit(final int account, final int asset, final double amount)
        {
            if (amount > 0)
            {
                send("{\"type\":\"Deposit\",\"timestampNs\":" + now + ",\"clientId\":1,\"accountId\":" + account +
                    ",\"assetId\":" + asset + ",\"amount\":" + amount + "}");
            }
        }

        private void fill(final int account, final int instrument, final double quantity, final double price)
        {
            send("{\"type\":\"Fill\",\"timestampNs\":" + now + ",\"clientId\":4,\"accountId\":" + account +
                ",\"instrumentId\":" + instrument + ",\"quantity\":" + quantity + ",\"price\":" + price +
                ",\"fee\":0,\"clientOrderId\":0}");
        }

        private void send(final String json)
        {
            inputs.add(json);
            if (inputs.size() == snapshotAt)
            {
                // as on a SNAPSHOT input: the state a snapshot holds, then an engine restored from it
                restored = live.restoredCopy(encoder.encode(
                    "{\"type\":\"AdminCommand\",\"timestampNs\":" + now + ",\"clientId\":1,\"command\":\"SNAPSHOT\"}",
                    buffer, 0), buffer);
            }
            live.events.clear();
            final int length = encoder.encode(json, buffer, 0);
            live.process(buffer, length);
            if (null != restored)
            {
                restored.process(buffer, length);
                restored.orders.clear();
                restored.events.clear();
            }
            checkMoneyConserved(live.state);
            boolean deleveraged = false;
            for (final long[] event : live.events)
            {
                if (FUND_EVENT == event[0])
                {
                    // the InsuranceFund event after a deleveraging: what it left, before anything else in the input
                    if (deleveraged && !uncovered)
                    {
                        assertEquals(0.0, Double.longBitsToDouble(event[3]), 1.0e-6 * (1.0 + btc),
                            "deleveraging pays the deficit exactly");
                    }
                    deleveraged = false;
                    continue;
                }
                final LiquidationEventType stage = LiquidationEventType.get((short)event[0]);
                stagesSeen.add(stage);
                deleveraged |= LiquidationEventType.DELEVERAGED == stage;
                uncovered |= LiquidationEventType.UNCOVERED == stage;
                if (LiquidationEventType.AUCTION_STARTED == stage)
                {
                    auctions.add(new long[]{event[1], event[2], event[3]});
                }
            }
            openOrders.addAll(live.orders);
            live.orders.clear();
            assertTrue(!deleveraged, "every deleveraging is followed by the fund's InsuranceFund event");
        }

        void assertEverythingEnded()
        {
            final EngineState state = live.state;
            assertEquals(0, state.liquidations().active(), "every liquidation ended once every order filled");
            final Accounts accounts = state.accounts();
            for (int slot = 0; slot < accounts.count(); slot++)
            {
                if (0 == accounts.accountId(slot))
                {
                    assertTrue(uncovered || accounts.equity(slot) >= -1.0e-6, "the fund is not left in deficit");
                    continue;
                }
                final long id = accounts.accountId(slot);
                assertTrue(!AccountStates.isBelowMaintenanceMargin(accounts.state(slot)),
                    () -> "account " + id + " below MM and not in liquidation");
            }
        }

        long digest()
        {
            return live.processor.digest();
        }

        long restoredDigest()
        {
            return null == restored ? live.processor.digest() : restored.processor.digest();
        }

        private static void checkMoneyConserved(final EngineState state)
        {
            final Accounts accounts = state.accounts();
            for (int asset = 0; asset < 4; asset++)
            {
                double total = 0.0;
                double scale = 1.0;
                for (int slot = 0; slot < accounts.count(); slot++)
                {
                    total += accounts.balance(slot, asset);
                    scale += Math.abs(accounts.balance(slot, asset));
                }
                double expected = state.ledger().deposits(asset) - state.ledger().withdrawals(asset);
                if (0 == asset)
                {
                    expected += state.ledger().tradeCash() + state.ledger().funding() - state.feesCollected();
                }
                if (Math.abs(total - expected) > 1.0e-9 * scale)
                {
                    fail("money not conserved in asset " + asset + ": " + total + " vs " + expected);
                }
            }
        }
    }

    private static final class Engine
    {
        final EngineState state;
        final PortfolioRiskModel risk;
        final InputProcessor processor;
        final List<long[]> orders = new ArrayList<>();
        final List<long[]> events = new ArrayList<>();
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
        private final LiquidationEventDecoder event = new LiquidationEventDecoder();
        private final InsuranceFundDecoder fund = new InsuranceFundDecoder();

        Engine()
        {
            state = new EngineContext().maxAccounts(1_000).maxOpenOrders(1_000).newState();
            risk = new PortfolioRiskModel(state, null);
            final Outbox outbox = this::onOutput;
            processor = new InputProcessor(state, risk, EngineCounters.local(), outbox, SnapshotSink.NONE);
        }

        // takes the snapshot command, then a fresh engine decodes the state it left
        Engine restoredCopy(final int commandLength, final DirectBuffer command)
        {
            process(command, commandLength);
            final StateSnapshot codec = new StateSnapshot();
            final long length = codec.encode(state);
            final Engine copy = new Engine();
            new StateSnapshot().decode(new UnsafeBuffer(Encodings.bytes(codec, length)), 0, (int)length, copy.state);
            copy.processor.onRestore(copy.risk);
            return copy;
        }

        void process(final DirectBuffer frame, final int length)
        {
            processor.process(frame, 0, length, -1);
        }

        private void onOutput(final DirectBuffer b, final int offset, final int length)
        {
            header.wrap(b, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (LiquidationOrderDecoder.TEMPLATE_ID == header.templateId())
            {
                order.wrap(b, body, header.blockLength(), header.version());
                orders.add(new long[]{order.liquidationOrderId(), Double.doubleToRawLongBits(order.quantity()),
                    Double.doubleToRawLongBits(order.limitPrice()), order.expiresNs(),
                    Side.BUY == order.side() ? 1 : -1});
            }
            else if (LiquidationEventDecoder.TEMPLATE_ID == header.templateId())
            {
                event.wrap(b, body, header.blockLength(), header.version());
                events.add(new long[]{event.stageRaw(), event.liquidationId(), event.untilNs(),
                    Double.doubleToRawLongBits(event.price())});
            }
            else if (InsuranceFundDecoder.TEMPLATE_ID == header.templateId())
            {
                fund.wrap(b, body, header.blockLength(), header.version());
                events.add(new long[]{FUND_EVENT, fund.liquidationId(), 0, Double.doubleToRawLongBits(fund.balance())});
            }
        }
    }
}
