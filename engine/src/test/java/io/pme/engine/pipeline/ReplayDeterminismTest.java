package io.pme.engine.pipeline;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.pme.codecs.AdminCommandEncoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.simulation.FrameSink;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.SimulationConfig;
import io.pme.engine.state.EngineState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million seeded inputs, valid ones and corrupted ones, through the live pipeline (Aeron IPC, ring, Chronicle
 * journal, business logic); then the journal replayed from scratch, and again from the snapshot taken half-way, must
 * reproduce the live state digest bit for bit.
 */
class ReplayDeterminismTest
{
    private static final int INPUTS = Integer.getInteger("pme.determinism.inputs", 1_000_000);
    private static final int SNAPSHOT_AT = INPUTS / 2;
    private static final int ADMIN_CLIENT = 77;

    @TempDir
    Path dir;

    @Test
    void liveDigestEqualsReplayDigestOverAMillionMixedInputs()
    {
        final Path journal = dir.resolve("journal");
        final EngineContext context = context(journal);
        final Engine engine = Engine.launch(context);
        final long sent;
        long answers = 0;
        long dropped = 0;
        try (ExclusivePublication publication =
            engine.aeron().addExclusivePublication(context.inputChannel(), context.inputStreamId());
            Subscription outputs = engine.aeron().addSubscription(context.outputChannel(), context.outputStreamId()))
        {
            while (!publication.isConnected() || !outputs.isConnected())
            {
                Thread.yield();
            }
            final AnswerCounter answerCounter = new AnswerCounter(outputs);
            final Thread poller = new Thread(answerCounter, "answer-counter");
            poller.start();
            final CorruptingSink sink = new CorruptingSink(publication, 1234);
            final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().seed(99).accounts(100));
            while (sink.sent < INPUTS)
            {
                if (sink.sent == SNAPSHOT_AT)
                {
                    sink.offerAll(adminCommand(AdminCommandType.SNAPSHOT, 1));
                }
                simulation.generate(sink, 1);
            }
            sink.offerAll(adminCommand(AdminCommandType.DIGEST, 2));
            sent = sink.sent;
            awaitProcessed(engine.counters(), sent);
            answers = answerCounter.awaitAndStop(sent);
            dropped = engine.counters().outputsDropped().get();
            assertTrue(sink.corrupted > INPUTS / 100, "corrupted inputs: " + sink.corrupted);
        }
        finally
        {
            engine.close();
        }
        final long liveDigest = engine.digest();
        final long liveCorrelations = engine.correlationDigest();
        assertEquals(0, engine.pipelineErrors(), () -> engine.errors().summary());
        assertEquals(0, dropped, "outputs dropped");
        assertEquals(sent, answers, "every input gets exactly one direct answer");
        assertTrue(engine.state().accounts().count() > 0);

        final InputProcessor whole = replay(journal, false);
        assertEquals(liveDigest, whole.digest(), "replay of the whole journal");
        assertEquals(liveCorrelations, whole.correlationDigest(), "correlation ids, replay of the whole journal");
        final InputProcessor tail = replay(journal, true);
        assertEquals(liveDigest, tail.digest(), "snapshot plus journal tail");
        assertEquals(liveCorrelations, tail.correlationDigest(), "correlation ids, snapshot plus journal tail");
    }

    private InputProcessor replay(final Path journal, final boolean fromSnapshot)
    {
        final EngineState state = new EngineContext().newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor = new InputProcessor(
            state, risk, EngineCounters.local(), Outbox.NONE, SnapshotSink.NONE);
        final Recovery recovery = new Recovery().recover(journal, processor, risk, fromSnapshot);
        if (fromSnapshot)
        {
            assertTrue(recovery.snapshotInputSequence() > SNAPSHOT_AT, "a snapshot was restored");
        }
        return processor;
    }

    private static void awaitProcessed(final EngineCounters counters, final long sent)
    {
        final long deadline = System.nanoTime() + 600_000_000_000L;
        while (counters.inputs().get() < sent)
        {
            Thread.yield();
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("engine processed " + counters.inputs().get() + " of " + sent);
            }
        }
    }

    private static UnsafeBuffer adminCommand(final AdminCommandType type, final long correlationId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final AdminCommandEncoder encoder = new AdminCommandEncoder();
        encoder.wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .timestampNs(1_795_478_400_000_000_000L).correlationId(correlationId).clientId(ADMIN_CLIENT).command(type);
        buffer.wrap(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
        return buffer;
    }

    private static EngineContext context(final Path journal)
    {
        return new EngineContext()
            .journalDir(journal)
            .aeronDirectoryName(journal.getParent().resolve("aeron").toString())
            .waitStrategyName("yielding")
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();
    }

    /**
     * Counts direct answers (everything but margin updates) on its own thread, as a real client would.
     */
    private static final class AnswerCounter implements Runnable
    {
        private final Subscription outputs;
        private final FragmentAssembler assembler;
        private volatile boolean running = true;
        private volatile long answers;

        AnswerCounter(final Subscription outputs)
        {
            this.outputs = outputs;
            this.assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final int template = buffer.getShort(offset + 2);
                if (io.pme.protocol.OutputKinds.isDirectAnswer(template))
                {
                    answers++;
                }
            });
        }

        public void run()
        {
            while (running)
            {
                if (0 == outputs.poll(assembler, 1024))
                {
                    Thread.yield();
                }
            }
        }

        long awaitAndStop(final long expected)
        {
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (answers < expected && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
            running = false;
            return answers;
        }
    }

    /**
     * Sends the simulation's frames, and before about one in fifty a corrupted copy of it: truncated, unknown
     * template or schema, wrong version, a body byte overwritten, or random bytes.
     */
    private static final class CorruptingSink implements FrameSink
    {
        private final ExclusivePublication publication;
        private final SplittableRandom random;
        private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
        long sent;
        long corrupted;

        CorruptingSink(final ExclusivePublication publication, final long seed)
        {
            this.publication = publication;
            this.random = new SplittableRandom(seed);
        }

        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            if (random.nextInt(50) == 0)
            {
                offerAll(corrupt(buffer, offset, length));
                corrupted++;
            }
            offerAll(buffer, offset, length);
            return true;
        }

        void offerAll(final UnsafeBuffer buffer)
        {
            offerAll(buffer, 0, buffer.capacity());
        }

        private void offerAll(final DirectBuffer buffer, final int offset, final int length)
        {
            while (publication.offer(buffer, offset, length) < 0)
            {
                Thread.yield();
            }
            sent++;
        }

        private UnsafeBuffer corrupt(final DirectBuffer buffer, final int offset, final int length)
        {
            scratch.putBytes(0, buffer, offset, length);
            int newLength = length;
            switch (random.nextInt(6))
            {
                case 0 -> newLength = random.nextInt(1, length);
                case 1 -> scratch.putShort(2, (short)(200 + random.nextInt(100)));
                case 2 -> scratch.putShort(4, (short)99);
                case 3 -> scratch.putShort(6, (short)9);
                case 4 -> scratch.putByte(
                    length > 28 ? 28 + random.nextInt(length - 28) : length - 1, (byte)random.nextInt(256));
                default ->
                {
                    newLength = random.nextInt(1, 120);
                    for (int i = 0; i < newLength; i++)
                    {
                        scratch.putByte(i, (byte)random.nextInt(256));
                    }
                }
            }
            return new UnsafeBuffer(scratch, 0, newLength);
        }
    }
}
