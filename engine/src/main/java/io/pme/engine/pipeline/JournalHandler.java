package io.pme.engine.pipeline;

import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Journal;
import io.pme.engine.journal.JournalSyncPolicy;
import org.agrona.ErrorHandler;

/**
 * First in the ring: appends every input's raw bytes to the journal before anything acts on it.
 * <p>
 * <b>Durability:</b> with {@link JournalSyncPolicy#EVERY_INPUT} the handler syncs the journal at the end of each
 * batch, before it returns: the Disruptor releases a batch to the business logic only once the handler has returned
 * from its last event, so no input is applied or answered before the sync that covers it (one sync per batch, a
 * group commit). With {@link JournalSyncPolicy#PERIODIC} it wakes the {@link JournalSyncer} every N inputs and
 * never waits for it; with {@link JournalSyncPolicy#NONE} it never syncs.
 * <p>
 * <b>Fail-stop:</b> the first append (or, with every-input, sync) that throws leaves its input, every later one and,
 * with every-input, the inputs of its batch not yet synced, without a journal index, so the business logic refuses
 * them; the failure is counted and handed to the engine, which stops the receiver. The exception is caught here
 * rather than left to the ring's exception handler because the Disruptor moves a handler's sequence past an event
 * whose exception was handled, which would let the next stage apply it.
 */
public final class JournalHandler implements EventHandler<InputEvent>
{
    private final Journal journal;
    private final EngineCounters counters;
    private final ErrorHandler failureHandler;
    private final JournalSyncPolicy syncPolicy;
    private final DataProvider<InputEvent> ring;
    private final JournalSyncer syncer;
    private final int syncInputs;
    private boolean failed;
    private long firstUnsynced = -1;
    private int sinceWake;

    /**
     * A journal handler that never syncs and whose failure is only counted.
     *
     * @param journal  to append every input to.
     * @param counters where the journal's length and its failures are published.
     */
    public JournalHandler(final Journal journal, final EngineCounters counters)
    {
        this(journal, counters, (throwable) -> {}, JournalSyncPolicy.NONE, null, null, 1);
    }

    /**
     * @param journal        to append every input to.
     * @param counters       where the journal's length, its syncs and its failures are published.
     * @param failureHandler told once, on this thread, of the append or sync that failed; it stops the intake.
     * @param syncPolicy     when the journal is forced to the device.
     * @param ring           the ring's events, so those of a batch whose sync failed lose their journal index;
     *                       needed with {@link JournalSyncPolicy#EVERY_INPUT}.
     * @param syncer         the background syncer to wake; needed with {@link JournalSyncPolicy#PERIODIC}.
     * @param syncInputs     with {@link JournalSyncPolicy#PERIODIC}, inputs between two wakes of the syncer.
     */
    public JournalHandler(
        final Journal journal,
        final EngineCounters counters,
        final ErrorHandler failureHandler,
        final JournalSyncPolicy syncPolicy,
        final DataProvider<InputEvent> ring,
        final JournalSyncer syncer,
        final int syncInputs)
    {
        if (JournalSyncPolicy.EVERY_INPUT == syncPolicy && null == ring ||
            JournalSyncPolicy.PERIODIC == syncPolicy && null == syncer)
        {
            throw new IllegalArgumentException("journal sync policy " + syncPolicy + " needs its ring or syncer");
        }
        this.journal = journal;
        this.counters = counters;
        this.failureHandler = failureHandler;
        this.syncPolicy = syncPolicy;
        this.ring = ring;
        this.syncer = syncer;
        this.syncInputs = syncInputs;
    }

    /**
     * Appends the input to the journal and notes where, for the business logic; at the end of a batch syncs it as
     * the policy asks. After a failure nothing more is appended and the input keeps no journal index.
     */
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!failed)
        {
            append(event, sequence);
        }
        else
        {
            event.journalIndex(Journal.NULL_INDEX);
        }
        if (endOfBatch)
        {
            if (JournalSyncPolicy.EVERY_INPUT == syncPolicy && !failed && firstUnsynced >= 0)
            {
                syncBatch(event, sequence);
            }
            counters.journalPosition().setRelease(journal.appendedCount());
        }
    }

    private void append(final InputEvent event, final long sequence)
    {
        try
        {
            event.journalIndex(journal.append(event.buffer(), 0, event.length()));
        }
        catch (final Throwable ex)
        {
            // the journal can no longer be trusted: acting on later inputs would answer around a lost one
            fail(ex, event, sequence);
            return;
        }
        if (JournalSyncPolicy.EVERY_INPUT == syncPolicy)
        {
            if (firstUnsynced < 0)
            {
                firstUnsynced = sequence;
            }
        }
        else if (JournalSyncPolicy.PERIODIC == syncPolicy && ++sinceWake >= syncInputs)
        {
            sinceWake = 0;
            syncer.wake();
        }
    }

    private void syncBatch(final InputEvent event, final long sequence)
    {
        try
        {
            // the wall time a sync takes is an operational figure for the operator, never seen by the business logic
            final long startNs = System.nanoTime();
            if (journal.sync())
            {
                counters.journalSynced(journal.syncedCount(), System.nanoTime() - startNs);
            }
            firstUnsynced = -1;
        }
        catch (final Throwable ex)
        {
            fail(ex, event, sequence);
        }
    }

    private void fail(final Throwable ex, final InputEvent event, final long sequence)
    {
        failed = true;
        if (JournalSyncPolicy.EVERY_INPUT == syncPolicy && firstUnsynced >= 0)
        {
            // appended but not on the device: under this policy they must not be answered; the ring has not yet
            // released them to the business logic, so taking their index back is still in time
            for (long unsynced = firstUnsynced; unsynced < sequence; unsynced++)
            {
                ring.get(unsynced).journalIndex(Journal.NULL_INDEX);
            }
            firstUnsynced = -1;
        }
        event.journalIndex(Journal.NULL_INDEX);
        counters.journalFailures().incrementRelease();
        failureHandler.onError(ex);
    }
}
