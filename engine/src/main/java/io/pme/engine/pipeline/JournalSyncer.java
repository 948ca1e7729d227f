package io.pme.engine.pipeline;

import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Journal;
import org.agrona.ErrorHandler;

import java.util.concurrent.locks.LockSupport;

/**
 * The periodic journal sync, on a thread of its own so the ring never waits for the device: it syncs the journal
 * every interval, or sooner when the journal handler wakes it after N inputs, whichever comes first. It does
 * nothing while every appended input is synced. The first sync that fails is counted and handed to the engine,
 * which stops the intake; the journal itself then refuses every later append.
 */
public final class JournalSyncer implements AutoCloseable
{
    private static final long CLOSE_TIMEOUT_MS = 10_000;

    private final Journal journal;
    private final EngineCounters counters;
    private final ErrorHandler failureHandler;
    private final long intervalNs;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean due;

    /**
     * @param journal        to sync.
     * @param counters       where the syncs and the entries synced are published.
     * @param failureHandler told once, on the syncer's thread, of the sync that failed.
     * @param intervalNs     the longest an appended input waits for its sync, beside the sync itself.
     */
    public JournalSyncer(
        final Journal journal, final EngineCounters counters, final ErrorHandler failureHandler, final long intervalNs)
    {
        this.journal = journal;
        this.counters = counters;
        this.failureHandler = failureHandler;
        this.intervalNs = intervalNs;
        thread = new Thread(this::run, "pme-journal-sync");
        thread.setDaemon(true);
    }

    /**
     * Starts the syncing thread.
     */
    public void start()
    {
        thread.start();
    }

    /**
     * Asks for a sync now rather than at the end of the interval; from the journal handler, every N inputs.
     */
    public void wake()
    {
        due = true;
        LockSupport.unpark(thread);
    }

    private void run()
    {
        while (running)
        {
            final long deadlineNs = System.nanoTime() + intervalNs;
            long leftNs;
            // parkNanos may return early for no reason: only a wake or the interval's end starts a sync
            while (running && !due && (leftNs = deadlineNs - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(this, leftNs);
            }
            due = false;
            if (running && !sync())
            {
                return;
            }
        }
    }

    private boolean sync()
    {
        try
        {
            final long startNs = System.nanoTime();
            if (journal.sync())
            {
                counters.journalSynced(journal.syncedCount(), System.nanoTime() - startNs);
            }
            return true;
        }
        catch (final Throwable ex)
        {
            counters.journalFailures().incrementRelease();
            failureHandler.onError(ex);
            return false;
        }
    }

    /**
     * Stops the syncing thread and waits for it; a sync in progress completes first.
     */
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(CLOSE_TIMEOUT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
