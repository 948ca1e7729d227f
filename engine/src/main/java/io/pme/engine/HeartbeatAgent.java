package io.pme.engine;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;

/**
 * An agent that also writes the engine's heartbeat into its counters file, every
 * {@link EngineCounters#HEARTBEAT_INTERVAL_MS} at most: the intake's duty cycle beats, so a stalled intake reads as
 * a dead engine, as a stalled conductor does in Aeron's CnC. It keeps its agent's name, which names the thread.
 */
final class HeartbeatAgent implements Agent
{
    private final Agent agent;
    private final EngineCounters counters;
    private final EpochClock clock;
    private long lastBeatMs;

    HeartbeatAgent(final Agent agent, final EngineCounters counters, final EpochClock clock)
    {
        this.agent = agent;
        this.counters = counters;
        this.clock = clock;
    }

    public void onStart()
    {
        agent.onStart();
        beat(clock.time());
    }

    public int doWork() throws Exception
    {
        final int work = agent.doWork();
        final long nowMs = clock.time();
        if (nowMs - lastBeatMs >= EngineCounters.HEARTBEAT_INTERVAL_MS)
        {
            beat(nowMs);
            return work + 1;
        }
        return work;
    }

    public void onClose()
    {
        agent.onClose();
    }

    public String roleName()
    {
        return agent.roleName();
    }

    private void beat(final long nowMs)
    {
        lastBeatMs = nowMs;
        counters.heartbeat(nowMs);
    }
}
