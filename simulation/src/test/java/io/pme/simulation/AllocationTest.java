package io.pme.simulation;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationTest
{
    private static final long SLACK_BYTES = 4096;

    @Test
    void steadyStateGenerationAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        final long threadId = Thread.currentThread().getId();
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().seed(17));
        final FrameHasher sink = new FrameHasher();

        generate(simulation, sink, 300_000);
        final long before = threads.getThreadAllocatedBytes(threadId);
        generate(simulation, sink, 1_000_000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertTrue(allocated < SLACK_BYTES, "allocated " + allocated + " bytes");
    }

    private static void generate(final MarketSimulation simulation, final FrameSink sink, final int frames)
    {
        int taken = 0;
        while (taken < frames)
        {
            taken += simulation.generate(sink, 1000);
        }
    }
}
