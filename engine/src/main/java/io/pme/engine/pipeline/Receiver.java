package io.pme.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import io.aeron.ControlledFragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineCounters;
import io.pme.engine.session.SessionManager;
import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.BooleanSupplier;

/**
 * Polls the input subscription and copies each frame into the ring. A frame too long for a ring slot is replaced
 * by its first bytes under template id 0, and an empty one by a single zero byte, so that either is journaled,
 * answered as malformed, and replays the same.
 * Every frame first passes the {@link SessionManager}: session frames and refused frames never enter the ring.
 * Once the engine has failed (its journal refused an append) the receiver takes no more input: it stops polling.
 * <p>
 * <b>A full ring never blocks the receiver:</b> when the ring has no free slot the fragment is left in the
 * subscription ({@link ControlledFragmentHandler.Action#ABORT}, polled again next time), the stop is counted
 * ({@link EngineCounters#ringFull()}) and the duty cycle returns, so the agent idles through its idle strategy and
 * can be closed whatever the business logic is doing. Room is checked before the session layer sees the frame, so
 * a frame left for later is seen by it once only, when it is taken.
 */
public final class Receiver implements Agent, ControlledFragmentHandler
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final int OVERSIZE_PREFIX = 32;

    private final Subscription subscription;
    private final RingBuffer<InputEvent> ring;
    private final EngineCounters counters;
    private final NanoClock clock;
    private final SessionManager sessions;
    private final BooleanSupplier failed;
    private final ControlledFragmentAssembler assembler;
    private final UnsafeBuffer oversize = new UnsafeBuffer(new byte[OVERSIZE_PREFIX]);
    private final UnsafeBuffer empty = new UnsafeBuffer(new byte[1]);
    // the last input of a graceful stop, handed over by another thread before the flag that publishes it
    private final UnsafeBuffer lastInput = new UnsafeBuffer(new byte[EngineConfiguration.MAX_FRAME_LENGTH]);
    private int lastInputLength;
    private volatile boolean stopRequested;
    private volatile boolean stopped;

    /**
     * A receiver admitting every frame, with no session layer.
     *
     * @param subscription of the inputs.
     * @param ring         the input ring to copy frames into.
     * @param counters     where the ring's occupancy is published.
     * @param clock        stamping each frame's arrival, for latency measurement only.
     */
    public Receiver(
        final Subscription subscription,
        final RingBuffer<InputEvent> ring,
        final EngineCounters counters,
        final NanoClock clock)
    {
        this(subscription, ring, counters, clock, null, () -> false);
    }

    /**
     * @param subscription of the inputs.
     * @param ring         the input ring to copy frames into.
     * @param counters     where the ring's occupancy is published.
     * @param clock        stamping each frame's arrival, for latency measurement only, and timing logons.
     * @param sessions     the authentication boundary, or null to admit every frame.
     */
    public Receiver(
        final Subscription subscription,
        final RingBuffer<InputEvent> ring,
        final EngineCounters counters,
        final NanoClock clock,
        final SessionManager sessions)
    {
        this(subscription, ring, counters, clock, sessions, () -> false);
    }

    /**
     * @param subscription of the inputs.
     * @param ring         the input ring to copy frames into.
     * @param counters     where the ring's occupancy is published.
     * @param clock        stamping each frame's arrival, for latency measurement only, and timing logons.
     * @param sessions     the authentication boundary, or null to admit every frame.
     * @param failed       true once the engine has failed: from then on no frame is taken.
     */
    public Receiver(
        final Subscription subscription,
        final RingBuffer<InputEvent> ring,
        final EngineCounters counters,
        final NanoClock clock,
        final SessionManager sessions,
        final BooleanSupplier failed)
    {
        this.failed = failed;
        this.subscription = subscription;
        this.ring = ring;
        this.counters = counters;
        this.clock = clock;
        this.sessions = sessions;
        this.assembler = new ControlledFragmentAssembler(this);
    }

    /**
     * Expires overdue logons, then copies up to a batch of input fragments into the ring.
     *
     * @return the session layer's work done and fragments polled; 0 once the engine has failed.
     */
    public int doWork()
    {
        if (failed.getAsBoolean())
        {
            return 0;
        }
        if (stopRequested)
        {
            return stopped ? 0 : putLastInput();
        }
        int fragments = null != sessions ? sessions.doWork(clock.nanoTime()) : 0;
        fragments += subscription.controlledPoll(assembler, FRAGMENT_LIMIT);
        counters.ringOccupancy().setRelease(ring.getBufferSize() - ring.remainingCapacity());
        return fragments;
    }

    /**
     * Stops taking input from the subscription and puts one last frame on the ring after every frame already taken,
     * where the journal and the business logic take it as any other input; called from another thread, once (a
     * second call is ignored).
     *
     * @param frame  the last input, copied before this returns.
     * @param offset of the frame in the buffer.
     * @param length of the frame, at most {@link EngineConfiguration#MAX_FRAME_LENGTH}.
     */
    public void stopWith(final DirectBuffer frame, final int offset, final int length)
    {
        if (stopRequested)
        {
            return;
        }
        lastInput.putBytes(0, frame, offset, length);
        lastInputLength = length;
        stopRequested = true;
    }

    /**
     * @return true once the frame given to {@link #stopWith(DirectBuffer, int, int)} is on the ring; the receiver
     * takes nothing more.
     */
    public boolean isStopped()
    {
        return stopped;
    }

    private int putLastInput()
    {
        if (!ring.hasAvailableCapacity(1))
        {
            return 0;
        }
        final long sequence = ring.next();
        try
        {
            ring.get(sequence).set(lastInput, 0, lastInputLength, clock.nanoTime());
        }
        finally
        {
            ring.publish(sequence);
        }
        stopped = true;
        return 1;
    }

    /**
     * @return the agent's name, as its thread is named.
     */
    public String roleName()
    {
        return "pme-receiver";
    }

    /**
     * Takes one whole frame: through the session layer, then into a ring slot; leaves it in the subscription while
     * the ring is full.
     *
     * @return {@link ControlledFragmentHandler.Action#ABORT} when the ring is full, else
     * {@link ControlledFragmentHandler.Action#CONTINUE}.
     */
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        // checked per frame too: a batch polled as the journal fails puts no more frames on the ring
        if (failed.getAsBoolean())
        {
            return Action.CONTINUE;
        }
        // the receiver is the ring's only producer: room seen here is still there when the slot is claimed below
        if (!ring.hasAvailableCapacity(1))
        {
            counters.ringFull().incrementRelease();
            return Action.ABORT;
        }
        if (null != sessions && !sessions.onFrame(buffer, offset, length, header.sessionId(), clock.nanoTime()))
        {
            return Action.CONTINUE;
        }
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            // cannot happen with one producer; were it to, the session layer would see this frame again
            counters.ringFull().incrementRelease();
            return Action.ABORT;
        }
        copy(sequence, buffer, offset, length);
        return Action.CONTINUE;
    }

    private void copy(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final InputEvent event = ring.get(sequence);
            if (0 == length)
            {
                // the journal cannot hold an empty excerpt: one zero byte is refused as malformed just the same
                event.set(empty, 0, 1, clock.nanoTime());
            }
            else if (length <= EngineConfiguration.MAX_FRAME_LENGTH)
            {
                event.set(buffer, offset, length, clock.nanoTime());
            }
            else
            {
                oversize.putBytes(0, buffer, offset, OVERSIZE_PREFIX);
                oversize.putShort(2, (short)0);
                event.set(oversize, 0, OVERSIZE_PREFIX, clock.nanoTime());
            }
        }
        finally
        {
            ring.publish(sequence);
        }
    }
}
