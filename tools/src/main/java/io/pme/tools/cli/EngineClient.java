package io.pme.tools.cli;

import io.pme.protocol.OutputKinds;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * A minimal in-process client of the engine's streams, for the command-line tools: sends input frames and hands
 * every output frame to a handler, counting direct answers (one per input).
 */
final class EngineClient implements AutoCloseable
{
    private final ExclusivePublication publication;
    private final Subscription subscription;
    private final FragmentHandler assembler;
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private long answers;

    /** Receives every output frame. */
    @FunctionalInterface
    interface OutputHandler
    {
        void onOutput(DirectBuffer buffer, int offset, int length);
    }

    EngineClient(
        final Aeron aeron,
        final String inputChannel,
        final int inputStreamId,
        final String outputChannel,
        final int outputStreamId,
        final OutputHandler handler)
    {
        subscription = aeron.addSubscription(outputChannel, outputStreamId);
        publication = aeron.addExclusivePublication(inputChannel, inputStreamId);
        assembler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            if (OutputKinds.isDirectAnswer(buffer.getShort(offset + 2)))
            {
                answers++;
            }
            handler.onOutput(buffer, offset, length);
        });
    }

    void awaitConnected(final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!publication.isConnected() || !subscription.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("engine streams did not connect within " + timeoutMs + " ms");
            }
            idle.idle();
        }
        idle.reset();
    }

    boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = publication.offer(buffer, offset, length);
        if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
        {
            throw new IllegalStateException("input publication unusable: " + Publication.errorString(result));
        }
        return result > 0;
    }

    void send(final DirectBuffer buffer, final int offset, final int length, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!offer(buffer, offset, length))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("engine did not take input within " + timeoutMs + " ms");
            }
            poll();
            idle.idle();
        }
        idle.reset();
    }

    int poll()
    {
        return subscription.poll(assembler, 256);
    }

    /**
     * Polls until {@code expected} direct answers have arrived in all.
     */
    void awaitAnswers(final long expected, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (answers < expected)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(
                    "engine answered " + answers + " of " + expected + " inputs within " + timeoutMs + " ms");
            }
            idle.idle(poll());
        }
        idle.reset();
    }

    long answers()
    {
        return answers;
    }

    public void close()
    {
        publication.close();
        subscription.close();
    }
}
