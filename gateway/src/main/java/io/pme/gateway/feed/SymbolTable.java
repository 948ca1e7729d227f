package io.pme.gateway.feed;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.charset.StandardCharsets;

/**
 * Venue symbols to engine ids, looked up straight from a frame's fixed-length ASCII field without allocating:
 * the key is a 64-bit FNV-1a hash of the symbol's bytes (up to the first NUL), and two configured symbols with the
 * same hash are refused when the table is built, so a lookup is exact for every configured symbol.
 */
public final class SymbolTable
{
    /** Returned for a symbol the table does not hold. */
    public static final int UNKNOWN = -1;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Long2LongHashMap ids = new Long2LongHashMap(UNKNOWN);
    private final java.util.Map<Long, String> names = new java.util.HashMap<>();

    /**
     * Adds a symbol.
     *
     * @throws IllegalArgumentException if it is already there or collides with another symbol's hash.
     */
    public SymbolTable put(final String symbol, final int id)
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("id must be >= 0: " + symbol);
        }
        final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        long hash = FNV_OFFSET;
        for (final byte b : bytes)
        {
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        if (null != names.putIfAbsent(hash, symbol))
        {
            throw new IllegalArgumentException("duplicate or colliding symbol: " + symbol + " / " + names.get(hash));
        }
        ids.put(hash, id);
        return this;
    }

    /**
     * @return the id of the symbol in {@code buffer[offset, offset + length)} (NUL-padded), or {@link #UNKNOWN}.
     */
    public int lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = FNV_OFFSET;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (0 == b)
            {
                break;
            }
            hash = (hash ^ (b & 0xFF)) * FNV_PRIME;
        }
        return (int)ids.get(hash);
    }

    /**
     * @return how many symbols the table holds.
     */
    public int size()
    {
        return ids.size();
    }
}
