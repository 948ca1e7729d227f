package io.pme.simulation;

import io.pme.codecs.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationAgentTest
{
    private long nowNs = 1_000L;

    @Test
    void pacesTheSteadyMarketToTheTargetRate()
    {
        final FrameHasher sink = new FrameHasher();
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), sink, () -> nowNs, 1_000, 100);
        agent.onStart();
        final long opening = sendOpening(agent);

        assertEquals(0, agent.doWork());
        nowNs += 10_000_000L;
        assertEquals(10, agent.doWork());
        nowNs += 700_000L;
        assertEquals(0, agent.doWork());
        nowNs += 700_000L;
        assertEquals(1, agent.doWork());
        nowNs += 10_000_000_000L;
        assertEquals(100, agent.doWork());
        assertEquals(opening + 111, sink.frames());
        assertEquals("simulation", agent.roleName());
    }

    @Test
    void backPressureKeepsTheCredit()
    {
        final boolean[] accept = { true };
        final FrameHasher hasher = new FrameHasher();
        final FrameSink sink = (buffer, offset, length) -> accept[0] && hasher.offer(buffer, offset, length);
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), sink, () -> nowNs, 1_000, 100);
        agent.onStart();
        sendOpening(agent);
        accept[0] = false;

        nowNs += 5_000_000L;
        assertEquals(0, agent.doWork());
        accept[0] = true;
        assertEquals(5, agent.doWork());
    }

    @Test
    void backPressureHoldsTheOpeningBack()
    {
        final boolean[] accept = { false };
        final FrameHasher hasher = new FrameHasher();
        final FrameSink sink = (buffer, offset, length) -> accept[0] && hasher.offer(buffer, offset, length);
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), sink, () -> nowNs, 1_000, 100);
        agent.onStart();

        assertEquals(0, agent.doWork());
        accept[0] = true;
        assertEquals(100, agent.doWork());
    }

    @Test
    void unpacedRunsFullBursts()
    {
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), new FrameHasher(), () -> 0L,
            SimulationAgent.UNPACED, 64);
        agent.onStart();
        final long opening = sendOpening(agent);

        assertEquals(64, agent.doWork());
        assertEquals(64, agent.doWork());
        assertEquals(opening + 128, agent.simulation().framesGenerated());
    }

    @Test
    void theOpeningIgnoresTheRateAndStaysWithinTheWindow()
    {
        final long[] taken = { 0 };
        final FrameHasher sink = new FrameHasher();
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().accounts(1_000));
        final SimulationAgent agent = new SimulationAgent(
            simulation, sink, () -> nowNs, 1_000, 256, () -> taken[0], 600);
        agent.onStart();
        final int opening = simulation.referenceFrameCount();
        assertTrue(opening > 2_000, "opening of " + opening + " frames");

        // no clock time passes: at 1,000 msgs/s a paced opening would send nothing
        assertEquals(256, agent.doWork());
        assertEquals(256, agent.doWork());
        assertEquals(88, agent.doWork());
        assertEquals(0, agent.doWork());
        taken[0] = 500;
        assertEquals(256, agent.doWork());
        assertEquals(244, agent.doWork());
        assertEquals(0, agent.doWork());

        while (sink.frames() < opening)
        {
            taken[0] = sink.frames();
            agent.doWork();
        }
        assertEquals(opening, sink.frames());
        assertEquals(-1, agent.openingDurationNs());

        // the market waits for the whole book to be taken, then starts paced, with no catch-up burst
        nowNs += 60_000_000_000L;
        taken[0] = opening - 1;
        assertEquals(0, agent.doWork());
        assertEquals(-1, agent.openingDurationNs());
        taken[0] = opening;
        agent.doWork();
        assertEquals(60_000_000_000L, agent.openingDurationNs());
        assertEquals(0, agent.doWork());
        nowNs += 10_000_000L;
        assertEquals(10, agent.doWork());
        assertEquals(opening + 10, sink.frames());
    }

    @Test
    void theFramesAndTheirMessageTimeDoNotDependOnHowLongTheOpeningTook()
    {
        final SimulationConfig config = new SimulationConfig().accounts(500);
        final int frames = 50_000;
        final long expected = FrameHasher.hashOf(config, frames);
        final long[] taken = { 0 };
        final TimeRecorder sink = new TimeRecorder(frames);
        final MarketSimulation simulation = new MarketSimulation(config);
        final SimulationAgent agent = new SimulationAgent(
            simulation, sink, () -> nowNs, 5_000, 100, () -> taken[0], 1_000);
        agent.onStart();
        while (sink.hasher.frames() < frames)
        {
            // the engine takes the book slowly (1 ms of wall time per frame): a minute and more for the opening
            nowNs += 1_000_000L;
            taken[0] = sink.hasher.frames();
            agent.doWork();
        }

        assertEquals(expected, sink.hasher.hash());
        final int opening = simulation.referenceFrameCount();
        final long startNs = config.startTimeNs();
        for (int i = 0; i < opening; i++)
        {
            assertEquals(startNs, sink.timestampNs[i], "opening frame " + i);
        }
        // the market's clock starts one step after the book, however long the book took to send
        assertEquals(startNs + config.stepNs(), sink.timestampNs[opening]);
        long steps = 0;
        for (int i = opening + 1; i < frames; i++)
        {
            final long delta = sink.timestampNs[i] - sink.timestampNs[i - 1];
            assertTrue(0 == delta || config.stepNs() == delta, "frame " + i + " moved the clock by " + delta);
            steps += 0 == delta ? 0 : 1;
        }
        assertEquals(sink.timestampNs[frames - 1], startNs + (steps + 1) * config.stepNs());
    }

    @Test
    void refusesAnEmptyWindow()
    {
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().accounts(10));
        assertThrows(IllegalArgumentException.class, () -> new SimulationAgent(
            simulation, new FrameHasher(), () -> 0L, 1_000, 100, () -> 0L, 0));
    }

    private static long sendOpening(final SimulationAgent agent)
    {
        while (agent.openingDurationNs() < 0)
        {
            agent.doWork();
        }

        return agent.simulation().referenceFrameCount();
    }

    private static final class TimeRecorder implements FrameSink
    {
        private final FrameHasher hasher = new FrameHasher();
        private final long[] timestampNs;

        TimeRecorder(final int frames)
        {
            timestampNs = new long[frames];
        }

        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            final int i = (int)hasher.frames();
            if (i == timestampNs.length)
            {
                return false;
            }
            timestampNs[i] = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
            return hasher.offer(buffer, offset, length);
        }
    }
}
