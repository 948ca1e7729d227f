package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Journal;

/**
 * First in the ring: appends every input's raw bytes to the journal before anything acts on it.
 */
public final class JournalHandler implements EventHandler<InputEvent>
{
    private final Journal journal;
    private final EngineCounters counters;

    /**
     * @param journal  to append every input to.
     * @param counters where the journal's length is published.
     */
    public JournalHandler(final Journal journal, final EngineCounters counters)
    {
        this.journal = journal;
        this.counters = counters;
    }

    /**
     * Appends the input to the journal and notes where, for the business logic's snapshots.
     */
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        event.journalIndex(journal.append(event.buffer(), 0, event.length()));
        if (endOfBatch)
        {
            counters.journalPosition().setRelease(journal.appendedCount());
        }
    }
}
