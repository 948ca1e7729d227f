package io.pme.bench;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.pme.engine.journal.Journal;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

/**
 * A floor for the engine's round trip: one agent that polls the input subscription and offers every frame back,
 * unchanged, on the output publication; with a {@link Journal}, it first appends the frame to it, as the engine's
 * journal handler does (the same class, so the same Chronicle Queue and roll cycle). No ring, no business logic, no
 * thread hand-off: what is left is the transport, and the journal append.
 */
public final class EchoServer implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;

    private final Subscription subscription;
    private final Publication publication;
    private final Journal journal;
    private final IdleStrategy backPressureIdle;
    private final FragmentHandler handler = this::onFragment;
    private long backPressured;

    /**
     * @param subscription     of the frames to echo.
     * @param publication      the frames are echoed on.
     * @param journal          each frame is appended to before it is echoed, or null for the bare transport.
     * @param backPressureIdle how to wait while the echo's publication is back-pressured.
     */
    public EchoServer(
        final Subscription subscription,
        final Publication publication,
        final Journal journal,
        final IdleStrategy backPressureIdle)
    {
        this.subscription = subscription;
        this.publication = publication;
        this.journal = journal;
        this.backPressureIdle = backPressureIdle;
    }

    @Override
    public int doWork()
    {
        return subscription.poll(handler, FRAGMENT_LIMIT);
    }

    @Override
    public String roleName()
    {
        return null == journal ? "raw-echo" : "journal-echo";
    }

    /**
     * Read it after the agent has stopped.
     *
     * @return echoes that met back pressure at least once.
     */
    public long backPressured()
    {
        return backPressured;
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (null != journal)
        {
            journal.append(buffer, offset, length);
        }
        // a journaled frame is answered whatever it takes, as the engine answers every journaled input
        long result = publication.offer(buffer, offset, length);
        if (result > 0)
        {
            return;
        }
        backPressured++;
        backPressureIdle.reset();
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("echo publication unusable: " + Publication.errorString(result));
            }
            backPressureIdle.idle();
        }
    }
}
