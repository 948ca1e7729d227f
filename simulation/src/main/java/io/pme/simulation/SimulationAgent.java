package io.pme.simulation;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Runs a {@link MarketSimulation} on an agent duty cycle, paced to a target rate by a clock. The clock only decides
 * how many frames go out per duty cycle; frame content never depends on it.
 */
public final class SimulationAgent implements Agent
{
    /** Pass as the rate to run flat out, one full burst per duty cycle. */
    public static final long UNPACED = 0;
    /** Default cap of frames per duty cycle, so a stall is not followed by an unbounded catch-up burst. */
    public static final int DEFAULT_MAX_BURST = 1024;

    private static final double NANOS_PER_SECOND = 1.0e9;

    private final MarketSimulation simulation;
    private final FrameSink sink;
    private final NanoClock clock;
    private final double framesPerNano;
    private final int maxBurst;
    private double credit;
    private long lastNs;

    /**
     * @param simulation        to run.
     * @param sink              to receive the frames.
     * @param clock             for pacing only.
     * @param messagesPerSecond target rate, or {@link #UNPACED}.
     * @param maxBurst          frames per duty cycle at most, positive.
     */
    public SimulationAgent(
        final MarketSimulation simulation,
        final FrameSink sink,
        final NanoClock clock,
        final long messagesPerSecond,
        final int maxBurst)
    {
        if (messagesPerSecond < 0 || maxBurst < 1)
        {
            throw new IllegalArgumentException(
                "messagesPerSecond must be >= 0 and maxBurst >= 1: " + messagesPerSecond + ", " + maxBurst);
        }

        this.simulation = simulation;
        this.sink = sink;
        this.clock = clock;
        this.framesPerNano = messagesPerSecond / NANOS_PER_SECOND;
        this.maxBurst = maxBurst;
    }

    /**
     * @param simulation        to run.
     * @param sink              to receive the frames.
     * @param clock             for pacing only.
     * @param messagesPerSecond target rate, or {@link #UNPACED}.
     */
    public SimulationAgent(
        final MarketSimulation simulation, final FrameSink sink, final NanoClock clock, final long messagesPerSecond)
    {
        this(simulation, sink, clock, messagesPerSecond, DEFAULT_MAX_BURST);
    }

    @Override
    public void onStart()
    {
        lastNs = clock.nanoTime();
    }

    @Override
    public int doWork()
    {
        if (0.0 == framesPerNano)
        {
            return simulation.generate(sink, maxBurst);
        }

        final long nowNs = clock.nanoTime();
        credit = Math.min(maxBurst, credit + (nowNs - lastNs) * framesPerNano);
        lastNs = nowNs;

        final int allowed = (int)credit;
        if (allowed < 1)
        {
            return 0;
        }

        final int emitted = simulation.generate(sink, allowed);
        credit -= emitted;

        return emitted;
    }

    @Override
    public String roleName()
    {
        return "simulation";
    }

    /**
     * @return the simulation this agent runs.
     */
    public MarketSimulation simulation()
    {
        return simulation;
    }
}
