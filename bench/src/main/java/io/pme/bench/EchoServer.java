package io.pme.bench;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.journal.Journal;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.pipeline.JournalSyncer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A floor for the engine's round trip: one agent that polls the input subscription and offers every frame back,
 * unchanged, on the output publication; with a {@link Journal}, it first appends the frame to it, as the engine's
 * journal handler does (the same class, so the same Chronicle Queue and roll cycle), and syncs it as the engine's
 * {@link JournalSyncPolicy} says. No ring, no business logic, no thread hand-off: what is left is the transport, and
 * the journal.
 */
public final class EchoServer implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;

    private final Subscription subscription;
    private final Publication publication;
    private final Journal journal;
    private final JournalSyncPolicy syncPolicy;
    private final JournalSyncer syncer;
    private final int syncInputs;
    private final IdleStrategy backPressureIdle;
    private final FragmentHandler handler = this::onFragment;
    private final FragmentHandler batchHandler = this::onBatchFragment;
    private final UnsafeBuffer batch =
        new UnsafeBuffer(new byte[FRAGMENT_LIMIT * EngineConfiguration.MAX_FRAME_LENGTH]);
    private final int[] batchLengths = new int[FRAGMENT_LIMIT];
    private int batchCount;
    private int sinceWake;
    private long backPressured;

    /**
     * An echo whose journal, if any, is never synced.
     *
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
        this(subscription, publication, journal, JournalSyncPolicy.NONE, null, 1, backPressureIdle);
    }

    /**
     * @param subscription     of the frames to echo.
     * @param publication      the frames are echoed on.
     * @param journal          each frame is appended to before it is echoed, or null for the bare transport.
     * @param syncPolicy       as the engine's: with every-input the frames of a poll are synced before any of
     *                         them is echoed (one sync per poll, as the engine's is one per ring batch); with
     *                         periodic the syncer is woken every {@code syncInputs} frames and never waited for.
     * @param syncer           the background syncer of the journal, needed with periodic, else unused.
     * @param syncInputs       frames between two wakes of the syncer, positive.
     * @param backPressureIdle how to wait while the echo's publication is back-pressured.
     */
    public EchoServer(
        final Subscription subscription,
        final Publication publication,
        final Journal journal,
        final JournalSyncPolicy syncPolicy,
        final JournalSyncer syncer,
        final int syncInputs,
        final IdleStrategy backPressureIdle)
    {
        if (JournalSyncPolicy.NONE != syncPolicy && null == journal ||
            JournalSyncPolicy.PERIODIC == syncPolicy && null == syncer || syncInputs < 1)
        {
            throw new IllegalArgumentException(
                "sync policy " + syncPolicy + " needs a journal, periodic its syncer, syncInputs >= 1: " + syncInputs);
        }
        this.subscription = subscription;
        this.publication = publication;
        this.journal = journal;
        this.syncPolicy = syncPolicy;
        this.syncer = syncer;
        this.syncInputs = syncInputs;
        this.backPressureIdle = backPressureIdle;
    }

    @Override
    public int doWork()
    {
        if (JournalSyncPolicy.EVERY_INPUT != syncPolicy)
        {
            return subscription.poll(handler, FRAGMENT_LIMIT);
        }

        batchCount = 0;
        final int fragments = subscription.poll(batchHandler, FRAGMENT_LIMIT);
        if (batchCount > 0)
        {
            journal.sync();
            for (int i = 0; i < batchCount; i++)
            {
                echo(batch, i * EngineConfiguration.MAX_FRAME_LENGTH, batchLengths[i]);
            }
        }
        return fragments;
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
            if (null != syncer && ++sinceWake >= syncInputs)
            {
                sinceWake = 0;
                syncer.wake();
            }
        }
        echo(buffer, offset, length);
    }

    private void onBatchFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length > EngineConfiguration.MAX_FRAME_LENGTH)
        {
            throw new IllegalStateException("frame longer than the engine takes: " + length);
        }
        journal.append(buffer, offset, length);
        batch.putBytes(batchCount * EngineConfiguration.MAX_FRAME_LENGTH, buffer, offset, length);
        batchLengths[batchCount++] = length;
    }

    // a journaled frame is answered whatever it takes, as the engine answers every journaled input
    private void echo(final DirectBuffer buffer, final int offset, final int length)
    {
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
