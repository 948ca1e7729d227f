package io.pme.engine.journal;

import org.agrona.DirectBuffer;

/**
 * Callback for excerpts read by a {@link JournalReader}.
 */
@FunctionalInterface
public interface JournalFrameHandler
{
    /**
     * Called once per journaled frame, in journal order.
     * <p>
     * The buffer is reused and points into the mapped journal file: it is only valid for the duration of the call,
     * copy anything that must outlive it.
     *
     * @param buffer holding the frame bytes.
     * @param offset at which the frame starts in the buffer.
     * @param length of the frame in bytes.
     * @param index  Chronicle Queue index of the excerpt holding the frame.
     */
    void onFrame(DirectBuffer buffer, int offset, int length, long index);
}
