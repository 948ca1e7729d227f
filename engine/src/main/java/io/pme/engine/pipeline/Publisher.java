package io.pme.engine.pipeline;

import io.aeron.Publication;
import io.pme.engine.EngineCounters;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

/**
 * Drains the business logic's outputs to the output publication. Outputs are produced only by the business logic,
 * which sees an input only after the journal holds it: no answer leaves before its input is journaled. It runs as
 * its own agent, not gated per ring event, so one input with a huge fan-out (a parameter change touching every
 * account) can never deadlock against a full output queue. A subscriber that cannot keep up loses outputs
 * (counted) rather than stalling the engine.
 */
public final class Publisher implements Agent, MessageHandler
{
    private static final int READ_LIMIT = 256;
    private static final int MAX_OFFER_ATTEMPTS = 1_000;

    private final RingBuffer outputs;
    private final Publication publication;
    private final EngineCounters counters;

    /**
     * @param outputs     the output queue the business logic and the receiver write to.
     * @param publication the engine's output publication.
     * @param counters    where outputs dropped are counted.
     */
    public Publisher(final RingBuffer outputs, final Publication publication, final EngineCounters counters)
    {
        this.outputs = outputs;
        this.publication = publication;
        this.counters = counters;
    }

    /**
     * Publishes up to a batch of queued outputs.
     *
     * @return outputs taken from the queue.
     */
    public int doWork()
    {
        return outputs.read(this, READ_LIMIT);
    }

    /**
     * Publishes what is still queued when the agent closes: the answers to the last inputs the business logic
     * applied before the engine stopped (the engine closes the publisher after the ring has drained).
     */
    public void onClose()
    {
        // nothing is written any more: one read takes all that is left
        outputs.read(this, Integer.MAX_VALUE);
    }

    /**
     * @return the agent's name, as its thread is named.
     */
    public String roleName()
    {
        return "pme-publisher";
    }

    /**
     * Offers one output to the publication, retrying a back-pressured or briefly blocked offer a bounded number of
     * times; then, or at once when no subscriber is connected, it is dropped and counted.
     */
    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        for (int attempt = 0; attempt < MAX_OFFER_ATTEMPTS; attempt++)
        {
            final long result = publication.offer(buffer, index, length);
            if (result > 0)
            {
                return;
            }
            if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result ||
                Publication.MAX_POSITION_EXCEEDED == result)
            {
                break;
            }
            Thread.yield();
        }
        counters.outputsDropped().incrementRelease();
    }
}
