package io.pme.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeterminismTest
{
    private static final int FRAMES = 200_000;

    @Test
    void sameSeedYieldsIdenticalFrames()
    {
        final long first = FrameHasher.hashOf(new SimulationConfig().seed(7), FRAMES);
        final long second = FrameHasher.hashOf(new SimulationConfig().seed(7), FRAMES);

        assertEquals(first, second);
    }

    @Test
    void differentSeedsYieldDifferentFrames()
    {
        assertNotEquals(
            FrameHasher.hashOf(new SimulationConfig().seed(1), 50_000),
            FrameHasher.hashOf(new SimulationConfig().seed(2), 50_000));
    }

    @Test
    void refusingSinkYieldsTheSameSequence()
    {
        final int frames = 100_000;
        final long expected = FrameHasher.hashOf(new SimulationConfig().seed(3), frames);

        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().seed(3));
        final FrameHasher hasher = new FrameHasher();
        final long[] offers = new long[1];
        final FrameSink refuseEveryThird = (buffer, offset, length) ->
            ++offers[0] % 3 != 0 && hasher.offer(buffer, offset, length);

        long taken = 0;
        while (taken < frames)
        {
            taken += simulation.generate(refuseEveryThird, (int)Math.min(100, frames - taken));
        }

        assertEquals(frames, hasher.frames());
        assertEquals(frames, simulation.framesGenerated());
        assertEquals(expected, hasher.hash());
    }

    @Test
    void refusedFrameIsNotCounted()
    {
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().accounts(10));

        assertEquals(0, simulation.generate((buffer, offset, length) -> false, 10));
        assertEquals(0, simulation.framesGenerated());
        assertEquals(5, simulation.generate(new FrameHasher(), 5));
        assertEquals(5, simulation.framesGenerated());
    }
}
