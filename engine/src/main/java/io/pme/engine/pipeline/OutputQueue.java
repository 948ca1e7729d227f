package io.pme.engine.pipeline;

import io.pme.engine.logic.Outbox;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Hands output frames from the business-logic thread to the publisher thread. When it is full the business logic
 * waits: outputs are never dropped here (the publisher decides what a slow subscriber loses). The ring is
 * many-to-one in the engine: the receiver writes the session layer's answers into it too.
 */
public final class OutputQueue implements Outbox
{
    static final int MSG_TYPE_ID = 1;

    private final RingBuffer ring;
    private final IdleStrategy idleStrategy;

    /**
     * @param ring         the queue the publisher drains.
     * @param idleStrategy how the writer backs off while the queue is full; the writer's alone.
     */
    public OutputQueue(final RingBuffer ring, final IdleStrategy idleStrategy)
    {
        this.ring = ring;
        this.idleStrategy = idleStrategy;
    }

    /**
     * Queues one output, waiting while the queue is full.
     */
    public void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        idleStrategy.reset();
        while (!ring.write(MSG_TYPE_ID, buffer, offset, length))
        {
            idleStrategy.idle();
        }
    }
}
