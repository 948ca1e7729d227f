package io.pme.protocol.json;

import org.agrona.collections.Long2LongHashMap;

/**
 * Supplies a missing correlationId, when allowed, as one more than the highest seen for that clientId,
 * which keeps ids strictly increasing per client as the engine requires.
 */
final class CorrelationIds
{
    private final boolean automatic;
    private final Long2LongHashMap highestByClientId = new Long2LongHashMap(0L);

    CorrelationIds(final boolean automatic)
    {
        this.automatic = automatic;
    }

    long resolve(final JsonInput input, final int clientId)
    {
        if (input.has(Prefix.CORRELATION_ID))
        {
            return input.int64(Prefix.CORRELATION_ID);
        }
        if (!automatic)
        {
            throw input.error(Prefix.CORRELATION_ID, "missing required field (auto-correlation is off)");
        }

        return highestByClientId.get(clientId) + 1;
    }

    /**
     * Called once a frame is complete, so a line that fails does not use up an id.
     */
    void record(final int clientId, final long correlationId)
    {
        if (correlationId > highestByClientId.get(clientId))
        {
            highestByClientId.put(clientId, correlationId);
        }
    }
}
