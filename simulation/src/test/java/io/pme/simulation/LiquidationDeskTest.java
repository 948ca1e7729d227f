package io.pme.simulation;

import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The liquidation desk against a {@link ScriptedEngine}: fills within the limits, after the delay, partial for the
 * large orders and absent for some; the liquidators' bids on the descending price; nothing for what has ended; and
 * the same frames however late the outputs come.
 */
class LiquidationDeskTest
{
    private static final long START = SimulationConfig.DEFAULT_START_TIME_NS;

    @Test
    void fillsTheOrdersWithinTheirLimitsAfterADelayLessAsTheyGrow()
    {
        final Recorder recorder = new Recorder();
        final MarketSimulation simulation = new MarketSimulation(config());
        final ScriptedEngine engine = new ScriptedEngine(simulation, 997, Integer.MAX_VALUE, false, recorder);
        run(simulation, engine, 2_000_000);

        assertTrue(engine.orders() > 1_500, "orders " + engine.orders());
        final Map<Long, Double> filled = new HashMap<>();
        for (final Fill fill : recorder.fills)
        {
            final long id = fill.orderId;
            assertTrue(fill.timestampNs >= engine.orderPlacedNs(id) + MarketSimulation.RESPONSE_DELAY_NS, "delay");
            assertTrue(fill.timestampNs < engine.orderPlacedNs(id) + ScriptedEngine.ORDER_TTL_NS, "before expiry");
            final double limit = engine.orderLimit(id);
            assertTrue(ScriptedEngine.orderSells(id) ? fill.price >= limit : fill.price <= limit,
                "fill at " + fill.price + " through the limit " + limit);
            filled.merge(id, fill.quantity, Double::sum);
        }
        final long[] full = new long[ScriptedEngine.ORDER_SIZES.length];
        final long[] none = new long[ScriptedEngine.ORDER_SIZES.length];
        for (long id = 1; id <= engine.orders(); id++)
        {
            final double size = ScriptedEngine.orderSize(id);
            final double quantity = filled.getOrDefault(id, 0.0);
            assertTrue(quantity <= size * (1 + 1e-12), "order " + id + " overfilled: " + quantity + " of " + size);
            final int k = (int)((id - 1) % ScriptedEngine.ORDER_SIZES.length);
            full[k] += quantity == size ? 1 : 0;
            none[k] += 0.0 == quantity ? 1 : 0;
        }
        final long perSize = engine.orders() / ScriptedEngine.ORDER_SIZES.length;
        assertTrue(full[0] > perSize * 0.8, "small orders fill whole: " + full[0] + " of " + perSize);
        assertTrue(none[0] > 0, "some find no liquidity");
        assertTrue(full[3] < full[0] / 2, "9.5 M USD orders seldom fill whole: " + full[3]);
        assertTrue(filled.keySet().stream().anyMatch(id -> ScriptedEngine.orderSize(id) == 100.0),
            "but in parts they do");
    }

    @Test
    void liquidatorsBidAsThePriceFallsToTheirDiscountAndSomeNever()
    {
        final Recorder recorder = new Recorder();
        final MarketSimulation simulation = new MarketSimulation(config());
        final ScriptedEngine engine = new ScriptedEngine(simulation, Integer.MAX_VALUE, 1_499, false, recorder);
        run(simulation, engine, 1_000_000);

        assertTrue(engine.auctions() > 500, "auctions " + engine.auctions());
        final Map<Long, Integer> bidsPerAuction = new HashMap<>();
        for (final Bid bid : recorder.bids)
        {
            final int liquidator = (int)(bid.bidderAccountId - MarketSimulation.FIRST_LIQUIDATOR_ACCOUNT_ID);
            assertTrue(liquidator >= 0 && liquidator < 3, "bidder " + bid.bidderAccountId);
            final double discount = (ScriptedEngine.AUCTION_EQUITY - bid.maxPrice) / ScriptedEngine.AUCTION_MM;
            assertTrue(discount >= 0.05 + 0.1 * liquidator && discount <= 0.45 + 0.1 * liquidator, "discount");
            final long startNs = engine.auctionStartNs(bid.liquidationId);
            final double elapsed = (double)(bid.timestampNs - startNs) / ScriptedEngine.AUCTION_NS;
            final double priceThen = ScriptedEngine.AUCTION_EQUITY -
                (ScriptedEngine.AUCTION_EQUITY - ScriptedEngine.AUCTION_FLOOR) * elapsed;
            assertTrue(priceThen <= bid.maxPrice && elapsed <= 1.0, "the price had come down to the bid");
            bidsPerAuction.merge(bid.liquidationId, 1, Integer::sum);
        }
        final long unbid = engine.auctions() - bidsPerAuction.size();
        assertTrue(unbid > engine.auctions() / 10 && unbid < engine.auctions() / 2, "auctions nobody bid in " + unbid);
    }

    @Test
    void nothingIsAnsweredThatEndedBeforeTheAnswerWasDue()
    {
        final Recorder recorder = new Recorder();
        final MarketSimulation simulation = new MarketSimulation(config());
        final ScriptedEngine engine = new ScriptedEngine(simulation, 997, 1_499, false, recorder);
        engine.withdrawOrders();
        engine.endAuctions();
        run(simulation, engine, 600_000);

        assertTrue(engine.orders() > 400 && engine.auctions() > 300);
        assertEquals(0, recorder.fills.size(), "fills for withdrawn orders");
        assertEquals(0, recorder.bids.size(), "bids in auctions won");
    }

    @Test
    void theFramesAreTheSameHoweverLateTheOutputsCome()
    {
        final FrameHasher prompt = new FrameHasher();
        final MarketSimulation promptSimulation = new MarketSimulation(config());
        final ScriptedEngine promptEngine = new ScriptedEngine(promptSimulation, 997, 1_499, false, prompt);
        run(promptSimulation, promptEngine, 400_000);

        final FrameHasher late = new FrameHasher();
        final MarketSimulation lateSimulation = new MarketSimulation(config());
        final ScriptedEngine lateEngine = new ScriptedEngine(lateSimulation, 997, 1_499, true, late);
        int stalls = 0;
        int batches = 0;
        while (late.frames() < 400_000)
        {
            // the outputs of a batch come only after it, after a few more, or when the clock waits for them
            if (0 == lateSimulation.generate(lateEngine, (int)Math.min(333, 400_000 - late.frames())))
            {
                stalls++;
                lateEngine.deliver();
            }
            else if (0 == ++batches % 7)
            {
                lateEngine.deliver();
            }
        }

        assertTrue(stalls > 100, "the clock waited for the outputs " + stalls + " times");
        assertTrue(promptEngine.fills() > 100 && promptEngine.bids() > 100);
        assertEquals(promptEngine.fills(), lateEngine.fills());
        assertEquals(promptEngine.bids(), lateEngine.bids());
        assertEquals(prompt.hash(), late.hash());
    }

    @Test
    void withoutOutputsTheClockStopsShortOfTheFirstAnswerItCouldOwe()
    {
        final MarketSimulation simulation = new MarketSimulation(config());
        final FrameHasher sink = new FrameHasher();
        long frames = 0;
        for (int i = 0; i < 10_000; i++)
        {
            frames += simulation.generate(sink, 1_000);
        }

        assertTrue(simulation.referencePhaseDone(), "the opening needs no outputs");
        assertEquals(frames, simulation.framesGenerated());
        assertTrue(simulation.simulatedTimeNs() <= START + MarketSimulation.RESPONSE_DELAY_NS,
            "stepped to " + (simulation.simulatedTimeNs() - START));
        assertEquals(0, simulation.generate(sink, 1));
    }

    @Test
    void theDeskNeedsAStepShorterThanItsDelay()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new SimulationConfig().liquidationDesk(true).stepNs(MarketSimulation.RESPONSE_DELAY_NS).conclude());
    }

    @Test
    void answeringAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final MarketSimulation simulation = new MarketSimulation(config());
        final ScriptedEngine engine = new ScriptedEngine(simulation, 997, 1_499, false, null);
        run(simulation, engine, 300_000);
        final long before = threads.getThreadAllocatedBytes(threadId);
        run(simulation, engine, 1_300_000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertTrue(engine.fills() > 500 && engine.bids() > 500);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes");
    }

    private static SimulationConfig config()
    {
        return new SimulationConfig().accounts(50).seed(3).liquidationDesk(true);
    }

    private static void run(final MarketSimulation simulation, final ScriptedEngine engine, final long frames)
    {
        while (simulation.framesGenerated() < frames)
        {
            if (0 == simulation.generate(engine, (int)Math.min(1_000, frames - simulation.framesGenerated())))
            {
                throw new AssertionError("the clock waits though every output came at once");
            }
        }
    }

    private record Fill(long timestampNs, long orderId, double quantity, double price)
    {
    }

    private record Bid(long timestampNs, long liquidationId, long bidderAccountId, double maxPrice)
    {
    }

    /**
     * Keeps the desk's answers, and when each order and auction was placed, from the frames and the script.
     */
    private static final class Recorder implements FrameSink
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final LiquidationFillDecoder fill = new LiquidationFillDecoder();
        private final AuctionBidDecoder bid = new AuctionBidDecoder();
        private final FrameValidator validator = new FrameValidator();
        private final List<Fill> fills = new ArrayList<>();
        private final List<Bid> bids = new ArrayList<>();

        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            validator.offer(buffer, offset, length);
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case LiquidationFillDecoder.TEMPLATE_ID:
                    fill.wrap(buffer, body, header.blockLength(), header.version());
                    fills.add(new Fill(fill.timestampNs(), fill.liquidationOrderId(), fill.quantity(), fill.price()));
                    break;

                case AuctionBidDecoder.TEMPLATE_ID:
                    bid.wrap(buffer, body, header.blockLength(), header.version());
                    bids.add(new Bid(bid.timestampNs(), bid.liquidationId(), bid.bidderAccountId(), bid.maxPrice()));
                    break;

                default:
                    break;
            }
            return true;
        }
    }
}
