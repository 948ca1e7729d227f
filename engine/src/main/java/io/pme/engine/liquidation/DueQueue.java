package io.pme.engine.liquidation;

import java.util.Arrays;

/**
 * Liquidation records by the message time they are next due, earliest first, ties by liquidation id: an indexed
 * binary heap, so rescheduling a record moves its one entry. The order is total, so the records come out in the same
 * order however the queue was built, which is what lets a restore rebuild it from the records alone.
 */
final class DueQueue
{
    private final int[] heap;
    private final int[] positions;
    private final long[] dueNs;
    private final long[] keys;
    private int size;

    DueQueue(final int capacity)
    {
        heap = new int[capacity];
        positions = new int[capacity];
        dueNs = new long[capacity];
        keys = new long[capacity];
        Arrays.fill(positions, -1);
    }

    void clear()
    {
        for (int i = 0; i < size; i++)
        {
            positions[heap[i]] = -1;
        }
        size = 0;
    }

    boolean isEmpty()
    {
        return 0 == size;
    }

    int peek()
    {
        return heap[0];
    }

    long peekDueNs()
    {
        return dueNs[heap[0]];
    }

    /** Schedules the record, or moves it when it is queued already. */
    void schedule(final int record, final long atNs, final long key)
    {
        dueNs[record] = atNs;
        keys[record] = key;
        int i = positions[record];
        if (i < 0)
        {
            i = size++;
            heap[i] = record;
            positions[record] = i;
        }
        siftDown(siftUp(i));
    }

    void remove(final int record)
    {
        final int i = positions[record];
        if (i < 0)
        {
            return;
        }
        positions[record] = -1;
        final int last = --size;
        if (i != last)
        {
            final int moved = heap[last];
            heap[i] = moved;
            positions[moved] = i;
            siftDown(siftUp(i));
        }
    }

    private boolean before(final int a, final int b)
    {
        return dueNs[a] < dueNs[b] || (dueNs[a] == dueNs[b] && keys[a] < keys[b]);
    }

    private int siftUp(final int start)
    {
        int i = start;
        while (i > 0)
        {
            final int parent = (i - 1) >> 1;
            if (!before(heap[i], heap[parent]))
            {
                break;
            }
            swap(i, parent);
            i = parent;
        }
        return i;
    }

    private void siftDown(final int start)
    {
        int i = start;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                return;
            }
            final int right = left + 1;
            final int child = right < size && before(heap[right], heap[left]) ? right : left;
            if (!before(heap[child], heap[i]))
            {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(final int i, final int j)
    {
        final int a = heap[i];
        final int b = heap[j];
        heap[i] = b;
        heap[j] = a;
        positions[b] = i;
        positions[a] = j;
    }
}
