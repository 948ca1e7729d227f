package io.pme.engine.logic;

import org.agrona.DirectBuffer;

/**
 * Where the business logic puts each output frame: the publisher's queue live, a printer in script mode,
 * nowhere in replay.
 */
@FunctionalInterface
public interface Outbox
{
    Outbox NONE = (buffer, offset, length) -> {};

    /** Takes one output frame; the bytes are only valid during the call. */
    void publish(DirectBuffer buffer, int offset, int length);
}
