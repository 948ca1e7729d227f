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

    public JournalHandler(final Journal journal, final EngineCounters counters)
    {
        this.journal = journal;
        this.counters = counters;
    }

    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        event.journalIndex(journal.append(event.buffer(), 0, event.length()));
        if (endOfBatch)
        {
            counters.journalPosition().setRelease(journal.appendedCount());
        }
    }
}
