package io.pme.engine.state;

/**
 * Parameter change sets not yet applied (docs/parameter-changes.md): the entries of each set in arrival order, a set
 * still being sent (version 0) or complete and waiting for its time (its version). Small and bounded: sets are an
 * operator's, a few a day, so a linear scan is the whole index and the order is the arrival order, never a hash's.
 */
public final class ScheduledParameters
{
    /** Entries held at once, over every set. */
    public static final int CAPACITY = 64;
    /** Entries in one set. */
    public static final int MAX_GROUP_SIZE = 8;

    private final int[] clientIds = new int[CAPACITY];
    private final long[] groupIds = new long[CAPACITY];
    private final int[] groupSizes = new int[CAPACITY];
    private final long[] effectiveNs = new long[CAPACITY];
    private final long[] versions = new long[CAPACITY];
    private final int[] parameterIds = new int[CAPACITY];
    private final int[] assetIds = new int[CAPACITY];
    private final int[] indices = new int[CAPACITY];
    private final double[] values = new double[CAPACITY];
    private final double[] values2 = new double[CAPACITY];
    private int size;

    /** Forgets every set. */
    public void clear()
    {
        size = 0;
    }

    /** @return entries held. */
    public int size()
    {
        return size;
    }

    /** Holds one entry at the end. The caller checks {@link #size()} against {@link #CAPACITY} first. */
    public void add(
        final int clientId, final long groupId, final int groupSize, final long effectiveNs, final long version,
        final int parameterId, final int assetId, final int index, final double value, final double value2)
    {
        clientIds[size] = clientId;
        groupIds[size] = groupId;
        groupSizes[size] = groupSize;
        this.effectiveNs[size] = effectiveNs;
        versions[size] = version;
        parameterIds[size] = parameterId;
        assetIds[size] = assetId;
        indices[size] = index;
        values[size] = value;
        values2[size] = value2;
        size++;
    }

    /** Drops the entry added last: the entry that completed a set which was then refused. */
    public void removeLast()
    {
        size--;
    }

    /** @return the first entry of the client's set, -1 when it has none of that id. */
    public int first(final int clientId, final long groupId)
    {
        for (int i = 0; i < size; i++)
        {
            if (clientIds[i] == clientId && groupIds[i] == groupId)
            {
                return i;
            }
        }
        return -1;
    }

    /** @return the next entry of entry {@code i}'s set after it, -1 when it is the last. */
    public int next(final int i)
    {
        for (int j = i + 1; j < size; j++)
        {
            if (clientIds[j] == clientIds[i] && groupIds[j] == groupIds[i])
            {
                return j;
            }
        }
        return -1;
    }

    /** @return entries of the client's set held so far. */
    public int count(final int clientId, final long groupId)
    {
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            if (clientIds[i] == clientId && groupIds[i] == groupId)
            {
                count++;
            }
        }
        return count;
    }

    /** Gives every entry of entry {@code i}'s set its version: the set is complete. */
    public void version(final int i, final long version)
    {
        for (int j = i; j >= 0; j = next(j))
        {
            versions[j] = version;
        }
    }

    /** Drops every entry of entry {@code i}'s set, keeping the others in order. */
    public void remove(final int i)
    {
        final int clientId = clientIds[i];
        final long groupId = groupIds[i];
        int kept = 0;
        for (int j = 0; j < size; j++)
        {
            if (clientIds[j] != clientId || groupIds[j] != groupId)
            {
                move(j, kept++);
            }
        }
        size = kept;
    }

    private void move(final int from, final int to)
    {
        clientIds[to] = clientIds[from];
        groupIds[to] = groupIds[from];
        groupSizes[to] = groupSizes[from];
        effectiveNs[to] = effectiveNs[from];
        versions[to] = versions[from];
        parameterIds[to] = parameterIds[from];
        assetIds[to] = assetIds[from];
        indices[to] = indices[from];
        values[to] = values[from];
        values2[to] = values2[from];
    }

    /**
     * @return the first entry of the complete set due first at or before {@code nowNs} (earliest time, then lowest
     * version), -1 when none is due.
     */
    public int due(final long nowNs)
    {
        int due = -1;
        for (int i = 0; i < size; i++)
        {
            if (0 != versions[i] && effectiveNs[i] <= nowNs &&
                (due < 0 || effectiveNs[i] < effectiveNs[due] ||
                (effectiveNs[i] == effectiveNs[due] && versions[i] < versions[due])))
            {
                due = i;
            }
        }
        return due;
    }

    /** @return the earliest time a complete set is due at, Long.MAX_VALUE when none waits. */
    public long nextDueNs()
    {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < size; i++)
        {
            if (0 != versions[i])
            {
                next = Math.min(next, effectiveNs[i]);
            }
        }
        return next;
    }

    /** @return the client whose set the entry is in. */
    public int clientId(final int i)
    {
        return clientIds[i];
    }

    /** @return the set's id among the client's. */
    public long groupId(final int i)
    {
        return groupIds[i];
    }

    /** @return entries the set has when complete. */
    public int groupSize(final int i)
    {
        return groupSizes[i];
    }

    /** @return message time the set applies at. */
    public long effectiveNs(final int i)
    {
        return effectiveNs[i];
    }

    /** @return the set's version, 0 while it is incomplete. */
    public long version(final int i)
    {
        return versions[i];
    }

    /** @return the entry's parameter id. */
    public int parameterId(final int i)
    {
        return parameterIds[i];
    }

    /** @return the entry's asset. */
    public int assetId(final int i)
    {
        return assetIds[i];
    }

    /** @return the entry's index. */
    public int index(final int i)
    {
        return indices[i];
    }

    /** @return the entry's value. */
    public double value(final int i)
    {
        return values[i];
    }

    /** @return the entry's second value. */
    public double value2(final int i)
    {
        return values2[i];
    }
}
