package io.pme.engine;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.pme.codecs.RejectReason;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real engine (embedded media driver, Aeron IPC, Chronicle Queue journal) whose components fail on purpose.
 */
class EngineFailureTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void aJournalFailureStopsIntakeAndNothingAfterItIsAnswered()
    {
        final EngineContext context = context().conclude();
        final Engine engine = Engine.launch(context);
        try (Link link = new Link(engine, context))
        {
            link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":1}");
            link.awaitAnswer(1);
            assertFalse(engine.isFailed());

            // the real queue closed underneath the engine: the next append throws, as on an I/O error
            engine.journal().close();
            link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":2}");
            awaitTrue(engine::isFailed, "engine failed");
            for (int correlationId = 3; correlationId <= 5; correlationId++)
            {
                link.trySend("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}");
            }
            link.pollFor(500);

            assertEquals(1, link.answers.size(), () -> "answers: " + link.answers);
            assertTrue(link.answers.get(0).contains("\"correlationId\":1"), link.answers::toString);
            assertEquals(1, engine.counters().journalFailures().get(), "journal failures");
            assertEquals(1, engine.counters().inputs().get(), "inputs applied");
            // the failed input reached the business logic without an index; the later ones never entered the ring
            assertEquals(1, engine.counters().notJournaled().get(), "inputs refused for want of a journal index");
            assertNotNull(engine.failureCause());
            assertTrue(engine.errors().summary().contains(engine.failureCause().getClass().getName()),
                () -> engine.errors().summary());
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void aSnapshotThatCannotBeWrittenIsAnsweredSnapshotFailedAndTheEngineGoesOn() throws IOException
    {
        final EngineContext context = context().conclude();
        final Engine engine = Engine.launch(context);
        try (Link link = new Link(engine, context))
        {
            link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":1}");
            link.awaitAnswer(1);
            // a regular file where the snapshot directory was: the write fails with an I/O error
            final Path snapshots = Recovery.snapshotDir(context.journalDir());
            Files.delete(snapshots);
            Files.writeString(snapshots, "not a directory");

            link.send("{\"type\":\"AdminCommand\"," + T + ",\"correlationId\":2,\"command\":\"SNAPSHOT\"}");
            link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":3}");
            link.awaitAnswer(3);

            final String answer = link.answerTo(2);
            assertTrue(answer.contains("\"type\":\"Reject\"") && answer.contains("SNAPSHOT_FAILED"), answer);
            assertTrue(link.answerTo(3).contains("\"type\":\"Ack\""), link.answers::toString);
            assertEquals(1, engine.counters().snapshotFailures().get(), "snapshot failures");
            assertEquals(1, engine.counters().rejects(RejectReason.SNAPSHOT_FAILED), "SNAPSHOT_FAILED rejects");
            assertTrue(engine.errors().summary().contains("snapshots"), () -> engine.errors().summary());
            assertFalse(engine.isFailed());
        }
        finally
        {
            engine.close();
        }
        // the failure changed no state: the journal, which holds the SNAPSHOT command, replays to the live digest
        final EngineState state = new EngineContext().newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        assertEquals(3, new Recovery().recover(context.journalDir(), processor, risk, false).replayed());
        assertEquals(engine.digest(), processor.digest(), "replayed digest");
    }

    @Test
    void aLaunchWhoseRecoveryThrowsReleasesTheDriverTheClientAndTheCounters() throws IOException
    {
        final EngineContext first = context().maxPositions(32).conclude();
        final Engine engine = Engine.launch(first);
        try (Link link = new Link(engine, first))
        {
            link.send("{\"type\":\"AdminCommand\"," + T + ",\"correlationId\":1,\"command\":\"SNAPSHOT\"}");
            link.awaitAnswer(1);
            assertTrue(link.answerTo(1).contains("\"snapshotTaken\":\"TRUE\""), link.answers::toString);
        }
        finally
        {
            engine.close();
        }

        // an operator's mistake: the journal (and its snapshot) were written with another capacity, so the launch
        // refuses it, naming the difference, before recovery reads anything
        final EngineContext second = context().maxPositions(16).conclude();
        final IllegalStateException thrown =
            assertThrows(IllegalStateException.class, () -> Engine.launch(second));
        assertTrue(thrown.getMessage().contains("pme.max.positions.per.account 16 (the journal's 32)"),
            thrown::getMessage);
        assertFalse(Files.exists(dir.resolve("aeron")), "the embedded media driver was closed");
        assertEquals(0, allocatedCounters(second.countersFile()), "counters left allocated in the counters file");

        final Engine again = Engine.launch(context().maxPositions(32).conclude());
        try (Link link = new Link(again, first))
        {
            assertEquals(1, again.recovery().snapshotInputSequence(), "restored the snapshot at input 1");
            link.send("{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":2}");
            link.awaitAnswer(2);
        }
        finally
        {
            again.close();
        }
    }

    private static int allocatedCounters(final File file) throws IOException
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "counters");
        try
        {
            final int[] count = new int[1];
            EngineCounters.reader(mapped).forEach((counterId, typeId, keyBuffer, label) -> count[0]++);
            return count[0];
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private EngineContext context()
    {
        return new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .riskModelFactory(state -> new PortfolioRiskModel(state, null));
    }

    static void awaitTrue(final BooleanSupplier condition, final String what)
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
     * The test's end of the engine's streams: JSON-lines inputs out, direct answers and margin updates back as JSON.
     */
    static final class Link implements AutoCloseable
    {
        final List<String> answers = new ArrayList<>();
        private final ExclusivePublication publication;
        private final Subscription subscription;
        private final FragmentAssembler assembler;
        private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

        Link(final Engine engine, final EngineContext context)
        {
            final JsonFramePrinter printer = new JsonFramePrinter();
            assembler = new FragmentAssembler(
                (frame, offset, length, header) -> answers.add(printer.print(frame, offset, length)));
            subscription = engine.aeron().addSubscription(context.outputChannel(), context.outputStreamId());
            publication = engine.aeron().addExclusivePublication(context.inputChannel(), context.inputStreamId());
            awaitTrue(() -> publication.isConnected() && subscription.isConnected(), "connected");
        }

        void send(final String json)
        {
            final int length = encoder.encode(json, buffer, 0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (publication.offer(buffer, 0, length) < 0)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("input not taken: " + json);
                }
                Thread.yield();
            }
        }

        // after the failure the engine polls no more, so an offer may be back-pressured: that is allowed
        void trySend(final String json)
        {
            final int length = encoder.encode(json, buffer, 0);
            final long result = publication.offer(buffer, 0, length);
            assertTrue(result > 0 || Publication.BACK_PRESSURED == result || Publication.NOT_CONNECTED == result,
                () -> "offer: " + Publication.errorString(result));
        }

        String answerTo(final long correlationId)
        {
            final String needle = "\"correlationId\":" + correlationId + ",";
            return answers.stream().filter(answer -> answer.contains(needle)).findFirst().orElse("none");
        }

        void awaitAnswer(final long correlationId)
        {
            final String needle = "\"correlationId\":" + correlationId + ",";
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (answers.stream().noneMatch(answer -> answer.contains(needle)))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("no answer to " + correlationId + ": " + answers);
                }
                poll();
            }
        }

        void pollFor(final long millis)
        {
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < until)
            {
                poll();
            }
        }

        private void poll()
        {
            if (0 == subscription.poll(assembler, 64))
            {
                Thread.yield();
            }
        }

        public void close()
        {
            publication.close();
            subscription.close();
        }
    }
}
