package io.pme.simulation;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.util.function.LongSupplier;

/**
 * Runs a {@link MarketSimulation} on an agent duty cycle. The opening book (the reference phase: assets,
 * instruments, prices, accounts, deposits, opening fills) goes out unpaced, as fast as the receiver takes it: held
 * back only by the sink's back pressure and, when a count of the frames taken is given, by a window of frames sent
 * and not yet taken. The steady market then follows at the target rate, paced by the clock from the moment the
 * opening has been taken. The clock only decides how many frames go out per duty cycle; frame content never depends
 * on it, so the frames stay a function of the simulation's configuration alone.
 * <p>
 * A simulation with a liquidation desk reads the engine's outputs: the agent polls them from a subscription to the
 * engine's output stream at the start of every duty cycle, before it generates, and hands each to
 * {@link MarketSimulation#onOutput}; the frames are then a function of the configuration and the outputs.
 */
public final class SimulationAgent implements Agent
{
    /** Pass as the rate to run flat out, one full burst per duty cycle. */
    public static final long UNPACED = 0;
    /** Default cap of frames per duty cycle, so a stall is not followed by an unbounded catch-up burst. */
    public static final int DEFAULT_MAX_BURST = 1024;
    /**
     * Default frames of the opening book sent ahead of what the receiver has taken: half the engine's default
     * ring, so its receiver never waits on a full ring, and far more than one idle period's worth at any rate the
     * engine takes.
     */
    public static final int DEFAULT_OPENING_WINDOW = 8192;

    private static final double NANOS_PER_SECOND = 1.0e9;
    private static final long NOT_YET = -1;
    private static final int OUTPUT_FRAGMENTS_PER_POLL = 256;
    private static final int MAX_OUTPUT_POLLS = 16;

    private final MarketSimulation simulation;
    private final FrameSink sink;
    private final NanoClock clock;
    private final double framesPerNano;
    private final int maxBurst;
    private final LongSupplier framesTaken;
    private final int openingWindow;
    private final long openingFrames;
    private final Subscription outputs;
    private final FragmentAssembler outputAssembler;
    private double credit;
    private long lastNs;
    private long startNs;
    private volatile long openingNs = NOT_YET;

    /**
     * @param simulation        to run, from its first frame.
     * @param sink              to receive the frames.
     * @param clock             for pacing only.
     * @param messagesPerSecond target rate of the steady market, or {@link #UNPACED}.
     * @param maxBurst          frames per duty cycle at most, positive.
     * @param framesTaken       how many of the frames this agent sent the receiver has taken so far (for the engine:
     *                          its inputs counter less its value before the first frame), or null to let the sink's
     *                          back pressure alone hold the opening book back.
     * @param openingWindow     frames of the opening book sent and not yet taken at most, positive; unused without
     *                          {@code framesTaken}.
     * @param outputs           the engine's output stream, connected before the first frame goes out so no output
     *                          is missed; required when the simulation has a liquidation desk, else null.
     */
    public SimulationAgent(
        final MarketSimulation simulation,
        final FrameSink sink,
        final NanoClock clock,
        final long messagesPerSecond,
        final int maxBurst,
        final LongSupplier framesTaken,
        final int openingWindow,
        final Subscription outputs)
    {
        if (messagesPerSecond < 0 || maxBurst < 1 || openingWindow < 1)
        {
            throw new IllegalArgumentException("messagesPerSecond must be >= 0, maxBurst and openingWindow >= 1: " +
                messagesPerSecond + ", " + maxBurst + ", " + openingWindow);
        }
        if (simulation.hasLiquidationDesk() && null == outputs)
        {
            throw new IllegalArgumentException("a simulation with a liquidation desk needs the engine's outputs");
        }

        this.simulation = simulation;
        this.sink = sink;
        this.clock = clock;
        this.framesPerNano = messagesPerSecond / NANOS_PER_SECOND;
        this.maxBurst = maxBurst;
        this.framesTaken = framesTaken;
        this.openingWindow = openingWindow;
        this.openingFrames = simulation.referenceFrameCount();
        this.outputs = outputs;
        this.outputAssembler = null == outputs ? null :
            new FragmentAssembler((buffer, offset, length, header) -> simulation.onOutput(buffer, offset, length));
    }

    /**
     * An agent without the engine's outputs, for a simulation without a liquidation desk.
     *
     * @param simulation        to run, from its first frame.
     * @param sink              to receive the frames.
     * @param clock             for pacing only.
     * @param messagesPerSecond target rate of the steady market, or {@link #UNPACED}.
     * @param maxBurst          frames per duty cycle at most, positive.
     * @param framesTaken       as the full constructor's.
     * @param openingWindow     as the full constructor's.
     */
    public SimulationAgent(
        final MarketSimulation simulation,
        final FrameSink sink,
        final NanoClock clock,
        final long messagesPerSecond,
        final int maxBurst,
        final LongSupplier framesTaken,
        final int openingWindow)
    {
        this(simulation, sink, clock, messagesPerSecond, maxBurst, framesTaken, openingWindow, null);
    }

    /**
     * An agent whose opening book is held back by the sink's back pressure alone.
     *
     * @param simulation        to run, from its first frame.
     * @param sink              to receive the frames.
     * @param clock             for pacing only.
     * @param messagesPerSecond target rate of the steady market, or {@link #UNPACED}.
     * @param maxBurst          frames per duty cycle at most, positive.
     */
    public SimulationAgent(
        final MarketSimulation simulation,
        final FrameSink sink,
        final NanoClock clock,
        final long messagesPerSecond,
        final int maxBurst)
    {
        this(simulation, sink, clock, messagesPerSecond, maxBurst, null, DEFAULT_OPENING_WINDOW);
    }

    /**
     * An agent whose opening book is held back by the sink's back pressure alone, with the default burst.
     *
     * @param simulation        to run, from its first frame.
     * @param sink              to receive the frames.
     * @param clock             for pacing only.
     * @param messagesPerSecond target rate of the steady market, or {@link #UNPACED}.
     */
    public SimulationAgent(
        final MarketSimulation simulation, final FrameSink sink, final NanoClock clock, final long messagesPerSecond)
    {
        this(simulation, sink, clock, messagesPerSecond, DEFAULT_MAX_BURST);
    }

    @Override
    public void onStart()
    {
        startNs = clock.nanoTime();
        lastNs = startNs;
    }

    @Override
    public int doWork()
    {
        final int outputsTaken = pollOutputs();
        if (NOT_YET == openingNs)
        {
            return outputsTaken + openingStep();
        }

        if (0.0 == framesPerNano)
        {
            return outputsTaken + simulation.generate(sink, maxBurst);
        }

        final long nowNs = clock.nanoTime();
        credit = Math.min(maxBurst, credit + (nowNs - lastNs) * framesPerNano);
        lastNs = nowNs;

        final int allowed = (int)credit;
        if (allowed < 1)
        {
            return outputsTaken;
        }

        final int emitted = simulation.generate(sink, allowed);
        credit -= emitted;

        return outputsTaken + emitted;
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

    /**
     * May be read from any thread.
     *
     * @return nanoseconds from the agent's start until the receiver had taken the whole opening book (until the
     * sink had taken it, without a count of frames taken), or -1 while it has not.
     */
    public long openingDurationNs()
    {
        return openingNs;
    }

    // as much as has arrived, within a bound: the engine never waits on this subscriber for long
    private int pollOutputs()
    {
        if (null == outputs)
        {
            return 0;
        }

        int taken = 0;
        for (int i = 0; i < MAX_OUTPUT_POLLS; i++)
        {
            final int fragments = outputs.poll(outputAssembler, OUTPUT_FRAGMENTS_PER_POLL);
            taken += fragments;
            if (fragments < OUTPUT_FRAGMENTS_PER_POLL)
            {
                break;
            }
        }

        return taken;
    }

    private int openingStep()
    {
        final long sent = simulation.framesGenerated();
        if (sent < openingFrames)
        {
            long allowed = Math.min(maxBurst, openingFrames - sent);
            if (null != framesTaken)
            {
                allowed = Math.min(allowed, openingWindow - (sent - framesTaken.getAsLong()));
            }

            return allowed < 1 ? 0 : simulation.generate(sink, (int)allowed);
        }

        // the market starts once the book is in: its first checks do not queue behind the opening
        if (null != framesTaken && framesTaken.getAsLong() < openingFrames)
        {
            return 0;
        }

        final long nowNs = clock.nanoTime();
        lastNs = nowNs;
        credit = 0.0;
        openingNs = nowNs - startNs;

        return 1;
    }
}
