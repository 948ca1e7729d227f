package io.pme.simulation;

import org.agrona.DirectBuffer;

/**
 * Destination of the frames a {@link MarketSimulation} generates.
 */
@FunctionalInterface
public interface FrameSink
{
    /**
     * Offer one complete SBE frame.
     *
     * @param buffer holding the frame.
     * @param offset of the frame in the buffer.
     * @param length of the frame in bytes.
     * @return true if the frame was taken, false if back-pressured: the same frame is offered again later.
     */
    boolean offer(DirectBuffer buffer, int offset, int length);
}
