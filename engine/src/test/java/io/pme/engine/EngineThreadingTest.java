package io.pme.engine;

import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.MarginModel;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real engine (embedded media driver, Aeron IPC, Chronicle Queue journal) in each threading mode: the same
 * answers and the same journal, a full ring that never wedges it, and a fatal error that stops it loudly.
 */
class EngineThreadingTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EngineThreadingMode.class)
    void everyInputIsJournaledSyncedAppliedAndAnsweredThroughATinyRing(final EngineThreadingMode mode)
    {
        // a ring of 4 slots is full after every few frames, so the receiver leaves fragments for later all the time
        final EngineContext context = context(mode, new PortfolioRiskModelHook(null)).ringSize(4)
            .journalSync(JournalSyncPolicy.EVERY_INPUT).conclude();
        assertSame(mode, context.threadingMode());
        final Engine engine = Engine.launch(context);
        final int inputs = 500;
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int correlationId = 1; correlationId <= inputs; correlationId++)
            {
                link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}");
            }
            link.awaitAnswer(inputs);
            assertEquals(inputs, link.answers.size(), "one answer per input");
            assertTrue(engine.counters().ringFull().get() > 0, "the ring was found full");
            assertEquals(inputs, engine.counters().journalPosition().get(), "journaled");
            assertTrue(engine.counters().journalSyncs().get() > 0, "synced");
            assertEquals(inputs, engine.counters().journalSynced().get(), "every answered input synced");
        }
        finally
        {
            engine.close();
        }
        assertEquals(0, engine.pipelineErrors(), () -> engine.errors().summary());
        assertEquals(inputs, engine.counters().inputs().get(), "applied");

        // the journal replays to the live state, whichever mode wrote it
        final EngineState state = new EngineContext().newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        assertEquals(inputs, new Recovery().recover(context.journalDir(), processor, risk, false).replayed());
        assertEquals(engine.digest(), processor.digest(), "replayed digest");
    }

    @Test
    void closeStopsTheReceiverWhileTheRingIsFullBehindABlockedBusinessLogic() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final EngineContext context = context(EngineThreadingMode.DEDICATED, new PortfolioRiskModelHook(release))
            .ringSize(8).conclude();
        final Engine engine = Engine.launch(context);
        final Thread closer = new Thread(engine::close, "test-closer");
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            // the business logic holds in the first asset's definition; everything after it queues up in the ring
            link.send("{\"type\":\"AssetDefinition\"," + T + ",\"correlationId\":1,\"assetId\":0," +
                "\"symbol\":\"USD\"}");
            for (int correlationId = 2; correlationId <= 100; correlationId++)
            {
                link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}");
            }
            awaitTrue(() -> engine.counters().ringFull().get() > 0, "the receiver found the ring full");

            closer.start();
            // with the ring still full and the business logic still held, the receiver's thread ends
            awaitTrue(() -> !isAlive("pme-receiver"), "the receiver stopped");
            assertEquals(1, release.getCount(), "the business logic is still held");
            assertTrue(closer.isAlive(), "close drains the ring before it returns");
        }
        finally
        {
            release.countDown();
            closer.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(closer.isAlive(), "close returned once the business logic went on");
        // what the ring held was journaled and applied; what the receiver left in the subscription was never taken
        final long applied = engine.counters().inputs().get();
        assertEquals(engine.counters().journalPosition().get(), applied, "every input journaled was applied");
        assertEquals(context.ringSize(), applied, "the ring's inputs, no more");
        assertEquals(0, engine.pipelineErrors(), () -> engine.errors().summary());
    }

    @ParameterizedTest
    @EnumSource(EngineThreadingMode.class)
    void anOutOfMemoryErrorInTheBusinessLogicStopsTheEngineLoudly(final EngineThreadingMode mode)
    {
        final OutOfMemoryError outOfMemory = new OutOfMemoryError("Cannot reserve 1048576 bytes of direct buffer " +
            "memory (allocated: 6316621824, limit: 6320816128)");
        final PortfolioRiskModelHook risk = new PortfolioRiskModelHook(null);
        risk.failOnAsset(1, outOfMemory);
        final EngineContext context = context(mode, risk).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            // gold lends nothing: its definition is answered by its Ack alone (a borrowable asset's pool follows)
            link.send("{\"type\":\"AssetDefinition\"," + T + ",\"correlationId\":1,\"assetId\":0," +
                "\"symbol\":\"XAU\"}");
            link.awaitAnswer(1);
            link.send("{\"type\":\"AssetDefinition\"," + T + ",\"correlationId\":2,\"assetId\":1," +
                "\"symbol\":\"BTC\"}");
            awaitTrue(engine::isFailed, "engine failed");
            for (int correlationId = 3; correlationId <= 5; correlationId++)
            {
                link.trySend("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}");
            }
            link.pollFor(300);

            assertEquals(1, link.answers.size(), () -> "answers: " + link.answers);
            assertSame(outOfMemory, engine.failureCause());
            assertEquals(1, engine.counters().fatalErrors().get(), "fatal errors");
            assertTrue(engine.errors().summary().contains("direct buffer memory"), () -> engine.errors().summary());
        }
        finally
        {
            engine.close();
        }
    }

    private EngineContext context(final EngineThreadingMode mode, final PortfolioRiskModelHook risk)
    {
        return new EngineContext()
            .threadingMode(mode)
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .sharedIdleStrategyName("yield")
            .riskModelFactory(risk::bind);
    }

    private static boolean isAlive(final String threadName)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(thread -> threadName.equals(thread.getName()) && thread.isAlive());
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.yield();
        }
    }

    /**
     * The real {@link PortfolioRiskModel} with a test hook in defining an asset: it can hold the business logic
     * until released, or throw an error as the allocation of the book would.
     */
    private static final class PortfolioRiskModelHook implements RiskModelBinding
    {
        private final CountDownLatch release;
        private PortfolioRiskModel delegate;
        private int failingAsset = -1;
        private Error error;

        PortfolioRiskModelHook(final CountDownLatch release)
        {
            this.release = release;
        }

        void failOnAsset(final int assetId, final Error error)
        {
            this.failingAsset = assetId;
            this.error = error;
        }

        RiskModelBinding bind(final EngineState state)
        {
            delegate = new PortfolioRiskModel(state, null);
            return this;
        }

        public MarginModel model()
        {
            return delegate.model();
        }

        public void defineAsset(final int assetId, final String symbol)
        {
            if (null != release)
            {
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
            if (assetId == failingAsset)
            {
                throw error;
            }
            delegate.defineAsset(assetId, symbol);
        }

        public boolean isUnderlying(final int assetId)
        {
            return delegate.isUnderlying(assetId);
        }

        public int applyParameter(
            final int parameterId, final int assetId, final int index, final double value, final double value2)
        {
            return delegate.applyParameter(parameterId, assetId, index, value, value2);
        }

        public void resetParameters()
        {
            delegate.resetParameters();
        }

        public void saveParameters()
        {
            delegate.saveParameters();
        }

        public void restoreParameters()
        {
            delegate.restoreParameters();
        }

        public long parametersDigest()
        {
            return delegate.parametersDigest();
        }
    }
}
