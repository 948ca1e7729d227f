package io.pme.dashboard;

/**
 * The latest snapshot, handed from the polling thread to the threads that serve the pages: the bytes are never
 * changed once published, so a reader needs only the reference.
 */
final class Snapshots
{
    private byte[] latest;
    private long sequence;
    private boolean closed;

    synchronized void publish(final byte[] snapshot)
    {
        latest = snapshot;
        sequence++;
        notifyAll();
    }

    synchronized void close()
    {
        closed = true;
        notifyAll();
    }

    synchronized boolean isClosed()
    {
        return closed;
    }

    synchronized long sequence()
    {
        return sequence;
    }

    synchronized byte[] latest()
    {
        return latest;
    }

    /**
     * Waits until a snapshot newer than {@code seen} is published, the timeout passes or the server closes.
     *
     * @return the sequence now: {@code seen} when nothing newer came.
     */
    synchronized long awaitAfter(final long seen, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long left = timeoutMs;
        while (sequence == seen && !closed && left > 0)
        {
            wait(left);
            left = (deadline - System.nanoTime()) / 1_000_000L;
        }
        return sequence;
    }
}
