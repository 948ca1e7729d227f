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

    public void set(final DirectBuffer source, final int offset, final int length, final long receivedNs)
    {
        buffer.putBytes(0, source, offset, length);
        this.length = length;
        this.journalIndex = -1;
        this.receivedNs = receivedNs;
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    public long journalIndex()
    {
        return journalIndex;
    }

    public void journalIndex(final long journalIndex)
    {
        this.journalIndex = journalIndex;
    }

    public long receivedNs()
    {
        return receivedNs;
    }
}
