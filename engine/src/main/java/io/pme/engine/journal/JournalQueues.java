package io.pme.engine.journal;

import java.nio.file.Path;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * Single place where journal queues are configured so writers and readers agree on the layout.
 */
final class JournalQueues
{
    private JournalQueues()
    {
    }

    static SingleChronicleQueue open(final Path dir, final RollCycle rollCycle, final TimeProvider timeProvider)
    {
        return SingleChronicleQueueBuilder
            .single(dir.toFile())
            .rollCycle(rollCycle)
            .timeProvider(timeProvider)
            .build();
    }
}
