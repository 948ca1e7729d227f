package io.pme.engine.state;

/**
 * A 64-bit running hash for state digests: a multiply-rotate round per word and a final avalanche. Not for
 * security; chosen so that any change of any bit in the canonical walk changes the result.
 */
public final class Digest
{
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private long hash = P3;

    /**
     * Starts a new digest.
     *
     * @return this.
     */
    public Digest reset()
    {
        hash = P3;
        return this;
    }

    /**
     * Folds in a long.
     *
     * @return this.
     */
    public Digest add(final long value)
    {
        hash = Long.rotateLeft(hash ^ (Long.rotateLeft(value * P2, 31) * P1), 27) * P1 + P3;
        return this;
    }

    /**
     * Folds in a double by its bits.
     *
     * @return this.
     */
    public Digest add(final double value)
    {
        return add(Double.doubleToLongBits(value));
    }

    /**
     * Folds in a string, null distinct from empty.
     *
     * @return this.
     */
    public Digest add(final String value)
    {
        if (null == value)
        {
            return add(-1L);
        }
        add(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            add(value.charAt(i));
        }
        return this;
    }

    /** @return the digest of what was folded in. */
    public long value()
    {
        long h = hash;
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    /** @return the digest as 16 hex digits. */
    public static String hex(final long digest)
    {
        return String.format("%016x", digest);
    }
}
