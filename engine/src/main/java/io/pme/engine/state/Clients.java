package io.pme.engine.state;

import org.eclipse.collections.impl.map.mutable.primitive.IntLongHashMap;

import java.util.Arrays;

/**
 * The last correlation id applied per client: correlation ids must rise strictly per client, which makes a
 * resent input after a reconnect or restart harmless (it is refused as a duplicate instead of applied twice).
 */
public final class Clients
{
    private final int capacity;
    private final IntLongHashMap lastCorrelationIdByClient;

    /** @param capacity clients at most. */
    public Clients(final int capacity)
    {
        this.capacity = capacity;
        lastCorrelationIdByClient = new IntLongHashMap(capacity);
    }

    /** Forgets every client. */
    public void clear()
    {
        lastCorrelationIdByClient.clear();
    }

    /** @return clients that have sent an input. */
    public int count()
    {
        return lastCorrelationIdByClient.size();
    }

    /** @return true when the client has sent an input. */
    public boolean isKnown(final int clientId)
    {
        return lastCorrelationIdByClient.containsKey(clientId);
    }

    /** @return true when one more client fits. */
    public boolean hasRoom()
    {
        return lastCorrelationIdByClient.size() < capacity;
    }

    /** @return the client's last correlation id, {@link Long#MIN_VALUE} before its first input. */
    public long lastCorrelationId(final int clientId)
    {
        return lastCorrelationIdByClient.getIfAbsent(clientId, Long.MIN_VALUE);
    }

    /** Records the client's last correlation id. */
    public void lastCorrelationId(final int clientId, final long correlationId)
    {
        lastCorrelationIdByClient.put(clientId, correlationId);
    }

    /**
     * The digest of every client's last correlation id, in client id order: equal digests mean that every input a
     * client resends with an id already used is refused as a duplicate alike. Kept apart from the state digest,
     * which a refused input must leave unchanged, while it consumes its correlation id. Not for the hot path.
     *
     * @return the digest of the clients' correlation sequences.
     */
    public long digest()
    {
        final Digest digest = new Digest();
        final int[] ids = sortedClientIds();
        digest.add(ids.length);
        for (final int id : ids)
        {
            digest.add(id).add(lastCorrelationId(id));
        }
        return digest.value();
    }

    /**
     * @return client ids in ascending order, for canonical walks (snapshot and digest, never the hot path).
     */
    public int[] sortedClientIds()
    {
        final int[] ids = lastCorrelationIdByClient.keySet().toArray();
        Arrays.sort(ids);
        return ids;
    }
}
