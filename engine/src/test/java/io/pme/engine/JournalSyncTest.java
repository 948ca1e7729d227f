package io.pme.engine;

import io.pme.engine.journal.JournalFaults;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.margin.PortfolioRiskModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal sync policies in a real engine (embedded media driver, Aeron IPC, Chronicle Queue journal on the
 * build machine's file system): what is forced to the device, when, and what a sync that fails stops.
 */
class JournalSyncTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";
    private static final Pattern CORRELATION_ID = Pattern.compile("\"correlationId\":(\\d+),");
    private static final int INPUTS = 300;

    @TempDir
    Path dir;

    @Test
    void withEveryInputNoAnswerLeavesBeforeItsInputIsOnTheDevice()
    {
        final EngineContext context = context().journalSync(JournalSyncPolicy.EVERY_INPUT).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int correlationId = 1; correlationId <= INPUTS; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            int checked = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (checked < INPUTS)
            {
                link.pollFor(1);
                // read after the answer arrived: the sync covering its input happened before it was applied
                final long synced = engine.counters().journalSynced().get();
                for (; checked < link.answers.size(); checked++)
                {
                    final long answered = correlationId(link.answers.get(checked));
                    assertTrue(synced >= answered, "input " + answered + " answered with " + synced + " synced");
                }
                assertTrue(System.nanoTime() < deadline, "answers: " + link.answers.size());
            }
            final long syncs = engine.counters().journalSyncs().get();
            assertTrue(syncs >= 1 && syncs <= INPUTS, "one sync per batch of the ring: " + syncs);
            assertEquals(INPUTS, engine.counters().journalSynced().get());
            assertEquals(INPUTS, engine.counters().journalPosition().get());
            final long maxUs = engine.counters().journalSyncMaxUs().get();
            assertTrue(maxUs > 0 && engine.counters().journalSyncTimeUs().get() >= maxUs,
                "sync time " + engine.counters().journalSyncTimeUs().get() + " µs, longest " + maxUs + " µs");
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void withNoneNothingIsForcedToTheDevice()
    {
        final EngineContext context = context().journalSync(JournalSyncPolicy.NONE).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int correlationId = 1; correlationId <= 20; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            link.awaitAnswer(20);
            assertEquals(20, engine.counters().journalPosition().get());
            assertEquals(0, engine.counters().journalSyncs().get());
            assertEquals(0, engine.counters().journalSynced().get());
        }
        finally
        {
            engine.close();
        }
        assertEquals(0, engine.journal().syncedCount(), "not even on close");
    }

    @Test
    void periodicSyncsEveryNInputsWithoutWaitingForItsIntervalAndOnceMoreOnClose() throws InterruptedException
    {
        final EngineContext context = context().journalSync(JournalSyncPolicy.PERIODIC)
            .journalSyncIntervalNs(TimeUnit.HOURS.toNanos(1)).journalSyncInputs(5).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int correlationId = 1; correlationId <= 5; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            awaitTrue(() -> 5 == engine.counters().journalSynced().get(), "5 inputs synced");
            link.send(heartbeat(6));
            link.send(heartbeat(7));
            link.awaitAnswer(7);
            Thread.sleep(300);
            assertEquals(5, engine.counters().journalSynced().get(), "2 inputs are neither 5 nor an hour");
        }
        finally
        {
            engine.close();
        }
        assertEquals(7, engine.journal().syncedCount(), "the last ones synced on close");
    }

    @Test
    void periodicSyncsWithinItsIntervalWhenInputStops()
    {
        final EngineContext context = context().journalSync(JournalSyncPolicy.PERIODIC)
            .journalSyncIntervalNs(TimeUnit.MILLISECONDS.toNanos(20)).journalSyncInputs(1_000_000).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            for (int correlationId = 1; correlationId <= 3; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            link.awaitAnswer(3);
            awaitTrue(() -> 3 == engine.counters().journalSynced().get(), "3 inputs synced by the timer");
            assertTrue(engine.counters().journalSyncs().get() >= 1);
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void aFailedSyncUnderEveryInputStopsIntakeAndItsInputIsNeitherAppliedNorAnswered() throws IOException
    {
        final EngineContext context = context().journalSync(JournalSyncPolicy.EVERY_INPUT).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            link.send(heartbeat(1));
            link.awaitAnswer(1);

            // the device refuses the next sync: the input it should have covered is appended, not durable
            JournalFaults.closeSyncChannel(engine.journal());
            link.send(heartbeat(2));
            awaitTrue(engine::isFailed, "engine failed");
            for (int correlationId = 3; correlationId <= 5; correlationId++)
            {
                link.trySend(heartbeat(correlationId));
            }
            link.pollFor(500);

            assertEquals(1, link.answers.size(), () -> "answers: " + link.answers);
            assertEquals(1, engine.counters().inputs().get(), "inputs applied");
            assertEquals(1, engine.counters().journalFailures().get(), "journal failures");
            assertEquals(1, engine.counters().notJournaled().get(), "inputs refused for want of a journal index");
            assertEquals(1, engine.counters().journalSynced().get());
            assertTrue(engine.failureCause().getMessage().contains("journal sync"), engine.failureCause()::toString);
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void aFailedBackgroundSyncStopsIntake() throws IOException
    {
        final EngineContext context = context().journalSync(JournalSyncPolicy.PERIODIC)
            .journalSyncIntervalNs(TimeUnit.HOURS.toNanos(1)).journalSyncInputs(1).conclude();
        final Engine engine = Engine.launch(context);
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context))
        {
            link.send(heartbeat(1));
            link.awaitAnswer(1);
            awaitTrue(() -> 1 == engine.counters().journalSynced().get(), "input 1 synced");

            JournalFaults.closeSyncChannel(engine.journal());
            // the periodic policy answers without waiting for the device: input 2 is answered, its sync fails
            link.send(heartbeat(2));
            link.awaitAnswer(2);
            awaitTrue(engine::isFailed, "engine failed");
            link.trySend(heartbeat(3));
            link.pollFor(500);

            assertEquals(2, link.answers.size(), () -> "answers: " + link.answers);
            assertEquals(1, engine.counters().journalSynced().get());
            assertTrue(engine.counters().journalFailures().get() >= 1);
            assertTrue(engine.failureCause().getMessage().contains("journal sync"), engine.failureCause()::toString);
        }
        finally
        {
            engine.close();
        }
    }

    private static long correlationId(final String answer)
    {
        final Matcher matcher = CORRELATION_ID.matcher(answer);
        assertTrue(matcher.find(), answer);
        return Long.parseLong(matcher.group(1));
    }

    private static String heartbeat(final int correlationId)
    {
        return "{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}";
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

    private EngineContext context()
    {
        return new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .recoveryReportStream(new PrintStream(OutputStream.nullOutputStream()))
            .riskModelFactory(state -> new PortfolioRiskModel(state, null));
    }
}
