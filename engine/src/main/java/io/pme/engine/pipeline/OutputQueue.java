package io.pme.engine.pipeline;

import io.pme.engine.logic.Outbox;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.function.IntSupplier;

/**
 * Hands output frames from the business-logic thread to the publisher thread. When it is full the business logic
 * waits: outputs are never dropped here (the publisher decides what a slow subscriber loses). The ring is
 * many-to-one in the engine: the receiver writes the session layer's answers into it too.
 * <p>
 * When the publisher runs on the business logic's own thread (the shared threading mode) waiting for it would wait
 * forever: the queue is then given the publisher's duty cycle, which it runs itself while the queue is full.
 */
public final class OutputQueue implements Outbox
{
    static final int MSG_TYPE_ID = 1;

    private final RingBuffer ring;
    private final IdleStrategy idleStrategy;
    private final IntSupplier drain;

    /**
     * A queue drained by a publisher on another thread.
     *
     * @param ring         the queue the publisher drains.
     * @param idleStrategy how the writer backs off while the queue is full; the writer's alone.
     */
    public OutputQueue(final RingBuffer ring, final IdleStrategy idleStrategy)
    {
        this(ring, idleStrategy, () -> 0);
    }

    /**
     * @param ring         the queue the publisher drains.
     * @param idleStrategy how the writer backs off while the queue is full and {@code drain} made no room.
     * @param drain        run while the queue is full, returning the outputs it took: the publisher's duty cycle
     *                     when the publisher shares the writer's thread, else nothing.
     */
    public OutputQueue(final RingBuffer ring, final IdleStrategy idleStrategy, final IntSupplier drain)
    {
        this.ring = ring;
        this.idleStrategy = idleStrategy;
        this.drain = drain;
    }

    /**
     * Queues one output, waiting while the queue is full.
     */
    public void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        idleStrategy.reset();
        while (!ring.write(MSG_TYPE_ID, buffer, offset, length))
        {
            idleStrategy.idle(drain.getAsInt());
        }
    }
}
