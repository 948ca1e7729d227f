package io.pme.gateway;

import io.pme.codecs.AccountState;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In steady state the client's check path (offerCheck, poll, the listener callback, OrderDone) allocates nothing
 * on the calling thread, measured with the JVM's per-thread allocation counter against a real engine.
 */
class CheckPathAllocationTest
{
    private static final int WARM_UP = 1_500;
    private static final int MEASURED = 1_000;
    // a few hundred bytes appear once in a while whatever the count (JVM internals on this thread); an allocation
    // per check would be at least MEASURED * 16 bytes
    private static final long TOLERANCE_BYTES = 1024;

    @TempDir
    Path dir;

    @Test
    void offerAndPollAllocateNothing() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation measurement is unsupported or off: both readings would be -1, their difference 0");
        final Counter counter = new Counter();
        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc");
            PmeClient client = PmeClient.connect(new PmeClient.Context().aeron(fixture.engine.aeron())
                .clientId(7).secretHex(EngineFixture.SECRET_7).accounts(EngineFixture.ACCOUNT).maxInFlight(64)))
        {
            assertEquals(LogonStatus.ACCEPTED, client.logon());
            run(client, counter, 1, WARM_UP);
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            run(client, counter, 1 + WARM_UP, MEASURED);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertTrue(allocated <= TOLERANCE_BYTES, allocated + " bytes allocated by " + MEASURED + " checks");
        }
    }

    private static void run(final PmeClient client, final Counter counter, final long firstOrderId, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (long orderId = firstOrderId; orderId < firstOrderId + count; orderId++)
        {
            final long target = counter.answers + 1;
            final long correlationId = client.offerCheck(
                EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.001, 90_000, orderId);
            assertTrue(correlationId > 0);
            while (counter.answers < target)
            {
                client.poll(counter, 16);
                assertTrue(System.nanoTime() < deadline);
            }
            final long doneTarget = counter.answers + 1;
            assertTrue(client.offerOrderDone(EngineFixture.ACCOUNT, orderId) > 0);
            while (counter.answers < doneTarget)
            {
                client.poll(counter, 16);
                assertTrue(System.nanoTime() < deadline);
            }
        }
        assertEquals(0, counter.rejected);
    }

    static final class Counter implements PmeClientListener
    {
        long answers;
        long rejected;

        public void onCheckResult(
            final long correlationId, final long accountId, final long clientOrderId, final boolean accepted,
            final RejectReason reason, final AccountState state, final double equity, final double initialMargin,
            final double maintenanceMargin, final double shortfall)
        {
            answers++;
            rejected += accepted ? 0 : 1;
        }

        public void onAck(final long correlationId, final int templateId)
        {
            answers++;
        }

        public void onReject(final long correlationId, final int templateId, final RejectReason reason)
        {
            answers++;
            rejected++;
        }
    }
}
