package io.pme.engine.state;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heap the test's own thread has allocated, for the tests that prove a structure allocates nothing once built.
 */
final class ThreadAllocation
{
    private ThreadAllocation()
    {
    }

    /** @return bytes allocated by the calling thread so far; fails the test when the JVM cannot tell. */
    static long bytes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
