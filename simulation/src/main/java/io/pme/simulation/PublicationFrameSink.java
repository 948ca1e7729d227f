package io.pme.simulation;

import io.aeron.Publication;
import org.agrona.DirectBuffer;

/**
 * Offers frames to an Aeron {@link Publication}. Back pressure, admin actions and a missing subscriber make the
 * offer fail softly so the same frame is retried; a closed or exhausted publication is fatal.
 */
public final class PublicationFrameSink implements FrameSink
{
    private final Publication publication;
    private long backPressured;
    private long notConnected;
    private long failures;

    /**
     * @param publication to offer frames to.
     */
    public PublicationFrameSink(final Publication publication)
    {
        this.publication = publication;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the publication is closed or has reached its maximum position.
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = publication.offer(buffer, offset, length);
        if (result > 0)
        {
            return true;
        }

        if (Publication.BACK_PRESSURED == result || Publication.ADMIN_ACTION == result)
        {
            backPressured++;
            return false;
        }

        if (Publication.NOT_CONNECTED == result)
        {
            notConnected++;
            return false;
        }

        failures++;
        throw new IllegalStateException("publication offer failed: " + Publication.errorString(result));
    }

    /**
     * @return offers refused for back pressure or an admin action.
     */
    public long backPressured()
    {
        return backPressured;
    }

    /**
     * @return offers refused because no subscriber was connected.
     */
    public long notConnected()
    {
        return notConnected;
    }

    /**
     * @return offers that failed fatally.
     */
    public long failures()
    {
        return failures;
    }
}
