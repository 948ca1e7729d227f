package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Journal;
import org.agrona.ErrorHandler;

/**
 * First in the ring: appends every input's raw bytes to the journal before anything acts on it.
 * <p>
 * <b>Fail-stop:</b> the first append that throws leaves its input, and every later one, without a journal index,
 * so the business logic refuses them; the failure is counted and handed to the engine, which stops the receiver.
 * The exception is caught here rather than left to the ring's exception handler because the Disruptor moves a
 * handler's sequence past an event whose exception was handled, which would let the next stage apply it.
 */
public final class JournalHandler implements EventHandler<InputEvent>
{
    private final Journal journal;
    private final EngineCounters counters;
    private final ErrorHandler failureHandler;
    private boolean failed;

    /**
     * A journal handler whose failure is only counted.
     *
     * @param journal  to append every input to.
     * @param counters where the journal's length and its failures are published.
     */
    public JournalHandler(final Journal journal, final EngineCounters counters)
    {
        this(journal, counters, (throwable) -> {});
    }

    /**
     * @param journal        to append every input to.
     * @param counters       where the journal's length and its failures are published.
     * @param failureHandler told once, on this thread, of the append that failed; it stops the intake.
     */
    public JournalHandler(final Journal journal, final EngineCounters counters, final ErrorHandler failureHandler)
    {
        this.journal = journal;
        this.counters = counters;
        this.failureHandler = failureHandler;
    }

    /**
     * Appends the input to the journal and notes where, for the business logic; after a failed append nothing more
     * is appended and the input keeps no journal index.
     */
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!failed)
        {
            try
            {
                event.journalIndex(journal.append(event.buffer(), 0, event.length()));
            }
            catch (final Throwable ex)
            {
                // the journal can no longer be trusted: acting on later inputs would answer around a lost one
                failed = true;
                event.journalIndex(Journal.NULL_INDEX);
                counters.journalFailures().incrementRelease();
                failureHandler.onError(ex);
            }
        }
        else
        {
            event.journalIndex(Journal.NULL_INDEX);
        }
        if (endOfBatch)
        {
            counters.journalPosition().setRelease(journal.appendedCount());
        }
    }
}
