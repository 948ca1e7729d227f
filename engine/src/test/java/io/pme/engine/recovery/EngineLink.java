package io.pme.engine.recovery;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The test's end of one engine process's streams: inputs go out on a fresh exclusive publication, outputs come
 * back on a subscription and are recorded as answers.
 */
final class EngineLink implements AutoCloseable
{
    private static final int FRAGMENT_LIMIT = 256;

    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);

    EngineLink(final Aeron aeron, final String channel, final int inputStreamId, final int outputStreamId,
        final Answers answers)
    {
        final AnswerDecoder decoder = new AnswerDecoder(answers);
        assembler = new FragmentAssembler((buffer, offset, length, header) -> decoder.onOutput(buffer, offset, length));
        subscription = aeron.addSubscription(channel, outputStreamId);
        publication = aeron.addExclusivePublication(channel, inputStreamId);
    }

    boolean isConnected()
    {
        return publication.isConnected() && subscription.isConnected();
    }

    /**
     * @return true if the frame went out, false if the engine is not taking input right now.
     */
    boolean offer(final byte[] bytes)
    {
        frame.wrap(bytes);
        final long result = publication.offer(frame, 0, bytes.length);
        if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
        {
            throw new IllegalStateException("input publication unusable: " + Publication.errorString(result));
        }
        return result > 0;
    }

    int poll()
    {
        return subscription.poll(assembler, FRAGMENT_LIMIT);
    }

    public void close()
    {
        publication.close();
        subscription.close();
    }
}
