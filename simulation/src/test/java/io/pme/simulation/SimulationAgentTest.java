package io.pme.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SimulationAgentTest
{
    private long nowNs = 1_000L;

    @Test
    void pacesToTheTargetRate()
    {
        final FrameHasher sink = new FrameHasher();
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), sink, () -> nowNs, 1_000, 100);
        agent.onStart();

        assertEquals(0, agent.doWork());
        nowNs += 10_000_000L;
        assertEquals(10, agent.doWork());
        nowNs += 700_000L;
        assertEquals(0, agent.doWork());
        nowNs += 700_000L;
        assertEquals(1, agent.doWork());
        nowNs += 10_000_000_000L;
        assertEquals(100, agent.doWork());
        assertEquals(111, sink.frames());
        assertEquals("simulation", agent.roleName());
    }

    @Test
    void backPressureKeepsTheCredit()
    {
        final boolean[] accept = { false };
        final FrameHasher hasher = new FrameHasher();
        final FrameSink sink = (buffer, offset, length) -> accept[0] && hasher.offer(buffer, offset, length);
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), sink, () -> nowNs, 1_000, 100);
        agent.onStart();

        nowNs += 5_000_000L;
        assertEquals(0, agent.doWork());
        accept[0] = true;
        assertEquals(5, agent.doWork());
    }

    @Test
    void unpacedRunsFullBursts()
    {
        final SimulationAgent agent = new SimulationAgent(
            new MarketSimulation(new SimulationConfig().accounts(10)), new FrameHasher(), () -> 0L,
            SimulationAgent.UNPACED, 64);

        assertEquals(64, agent.doWork());
        assertEquals(64, agent.doWork());
        assertEquals(128, agent.simulation().framesGenerated());
    }
}
