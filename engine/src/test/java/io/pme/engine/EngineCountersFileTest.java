package io.pme.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters file's header as another process reads it: the writer's pid, its heartbeat, its clean-shutdown mark;
 * and a real engine beating and marking its file closed, in either threading mode.
 */
class EngineCountersFileTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void theHeaderTellsTheWriterItsHeartbeatAndItsCleanShutdown()
    {
        final File file = dir.resolve("counters.dat").toFile();
        final EngineCounters counters = EngineCounters.mapped(file);
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "test");
        try
        {
            final EngineCounters.Header started = EngineCounters.header(mapped);
            assertEquals(ProcessHandle.current().pid(), started.pid());
            assertEquals(started.startTimestampMs(), started.heartbeatMs());
            assertFalse(started.isClosed());
            assertTrue(started.isAlive(started.heartbeatMs(), EngineCounters.HEARTBEAT_TIMEOUT_MS));

            counters.heartbeat(started.heartbeatMs() + 5_000);
            final EngineCounters.Header beat = EngineCounters.header(mapped);
            assertEquals(started.heartbeatMs() + 5_000, beat.heartbeatMs());
            final long stale = beat.heartbeatMs() + EngineCounters.HEARTBEAT_TIMEOUT_MS + 1;
            assertFalse(beat.isAlive(stale, EngineCounters.HEARTBEAT_TIMEOUT_MS), "a stale heartbeat");

            counters.markClosed(beat.heartbeatMs() + 1);
            final EngineCounters.Header closed = EngineCounters.header(mapped);
            assertTrue(closed.isClosed());
            assertFalse(closed.isAlive(closed.heartbeatMs(), EngineCounters.HEARTBEAT_TIMEOUT_MS), "closed");
            counters.close();
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    @Test
    void aFileOfAnotherVersionOrLengthIsRefused()
    {
        final File file = dir.resolve("counters.dat").toFile();
        EngineCounters.mapped(file).close();
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "test");
        try
        {
            new UnsafeBuffer(mapped).putInt(EngineCounters.VERSION_OFFSET, EngineCounters.FILE_VERSION + 1);
            final IllegalArgumentException version =
                assertThrows(IllegalArgumentException.class, () -> EngineCounters.reader(mapped));
            assertTrue(version.getMessage().contains("version " + (EngineCounters.FILE_VERSION + 1)),
                version.getMessage());
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
        final MappedByteBuffer small = IoUtil.mapNewFile(dir.resolve("small.dat").toFile(), 4096);
        try
        {
            assertThrows(IllegalArgumentException.class, () -> EngineCounters.header(small));
        }
        finally
        {
            IoUtil.unmap(small);
        }
    }

    @Test
    void aRunningEngineBeatsBucketsItsLatenciesAndMarksItsFileClosedOnClose()
    {
        for (final EngineThreadingMode mode : EnumSet.allOf(EngineThreadingMode.class))
        {
            final Path modeDir = dir.resolve(mode.name());
            final EngineContext context = new EngineContext()
                .threadingMode(mode)
                .journalDir(modeDir.resolve("journal"))
                .aeronDirectoryName(modeDir.resolve("aeron").toString())
                .waitStrategyName("yielding")
                .sharedIdleStrategyName("yield")
                .riskModelFactory(state -> new io.pme.engine.margin.PortfolioRiskModel(state, null))
                .conclude();
            final Engine engine = Engine.launch(context);
            final MappedByteBuffer mapped = IoUtil.mapExistingFile(context.countersFile(), "test");
            try
            {
                final long startMs = EngineCounters.header(mapped).startTimestampMs();
                try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
                {
                    link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":1}");
                    link.awaitAnswer(1);
                    EngineFailureTest.awaitTrue(() -> EngineCounters.header(mapped).heartbeatMs() >=
                        startMs + EngineCounters.HEARTBEAT_INTERVAL_MS, mode + ": a heartbeat after the first");
                }
                assertTrue(EngineCounters.header(mapped).isAlive(
                    System.currentTimeMillis(), EngineCounters.HEARTBEAT_TIMEOUT_MS), mode + " alive");
            }
            finally
            {
                engine.close();
            }
            try
            {
                assertTrue(EngineCounters.header(mapped).isClosed(), mode + ": marked closed");
                // read once the business logic has stopped: an answer goes out before its hold is recorded
                long held = 0;
                for (int i = 0; i < LatencyBuckets.BUCKET_COUNT; i++)
                {
                    held += engine.counters().inputHoldBuckets().count(i);
                }
                assertEquals(engine.counters().inputs().get(), held, mode + ": every input's hold bucketed");
                assertTrue(engine.counters().inputHoldBuckets().sumNs() > 0, mode + ": the holds summed");
            }
            finally
            {
                IoUtil.unmap(mapped);
            }
            assertTrue(context.errorsFile().isFile(), mode + ": the error log's file");
        }
    }
}
