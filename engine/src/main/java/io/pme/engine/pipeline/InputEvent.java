package io.pme.engine.pipeline;

import io.pme.engine.EngineConfiguration;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One preallocated ring slot: a copy of an input frame, where the journal put it, and when it arrived (for latency
 * measurement only; business logic never reads it).
 */
public final class InputEvent
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(
        ByteBuffer.allocateDirect(EngineConfiguration.MAX_FRAME_LENGTH));
    private int length;
    private long journalIndex;
    private long receivedNs;

    /**
     * Copies a frame into the slot.
     *
     * @param source     holding the frame.
     * @param offset     of the frame in {@code source}.
     * @param length     of the frame, at most {@link EngineConfiguration#MAX_FRAME_LENGTH}.
     * @param receivedNs when the frame arrived, for latency measurement only.
     */
    public void set(final DirectBuffer source, final int offset, final int length, final long receivedNs)
    {
        buffer.putBytes(0, source, offset, length);
        this.length = length;
        this.journalIndex = -1;
        this.receivedNs = receivedNs;
    }

    /**
     * @return the slot's copy of the frame, from offset 0.
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the frame's length in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return where the journal holds the frame, or -1 before it is journaled.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * @param journalIndex where the journal put the frame.
     */
    public void journalIndex(final long journalIndex)
    {
        this.journalIndex = journalIndex;
    }

    /**
     * @return when the frame arrived, in the receiver's clock; never read by the business logic.
     */
    public long receivedNs()
    {
        return receivedNs;
    }
}
