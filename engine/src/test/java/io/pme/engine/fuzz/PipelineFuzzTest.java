package io.pme.engine.fuzz;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.SessionLogonDecoder;
import io.pme.codecs.SessionLogonResponseDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.Engine;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.pme.engine.fuzz.InboundLayout.CLIENT_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.CORRELATION_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.HEADER_LENGTH;
import static io.pme.engine.fuzz.InboundLayout.PREFIX_LENGTH;
import static io.pme.engine.fuzz.SeedFrames.FUZZ_CLIENTS;
import static io.pme.engine.fuzz.SeedFrames.FUZZ_CLIENT_BASE;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Valid and malformed frames through the real pipeline (Aeron IPC, receiver, ring, journal, business logic,
 * publisher), including frames too long for a ring slot and empty ones: every input is answered exactly once and
 * in order, nothing fails in the pipeline, the rejects counter matches the rejects seen, and the journal replays to
 * the live state digest. Uses the seed of {@link InputFuzzTest} ({@code pme.fuzz.seed}).
 */
class PipelineFuzzTest
{
    private static final int SIMULATION_FRAMES = 6_000;
    private static final int BAD_FRAMES = 6_000;
    private static final int MAX_IN_FLIGHT = 256;
    private static final int OVERSIZE_PREFIX = 32;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final MarginQueryResultDecoder marginQueryResult = new MarginQueryResultDecoder();
    private final List<long[]> answers = new ArrayList<>();
    private long rejectsSeen;
    private long sessionRejectsSeen;

    @Test
    void everyInputIsAnsweredOnceAndTheJournalReplaysToTheSameDigest()
    {
        final long seed = InputFuzzTest.SEED;
        final List<byte[]> inputs = inputs(seed);
        final EngineContext context = new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .journalDir(dir.resolve("journal"))
            .maxAssets(FuzzHarness.MAX_ASSETS)
            .maxInstruments(FuzzHarness.MAX_INSTRUMENTS)
            .maxAccounts(FuzzHarness.MAX_ACCOUNTS)
            .maxPositions(FuzzHarness.MAX_POSITIONS)
            .maxOpenOrders(FuzzHarness.MAX_OPEN_ORDERS)
            .maxClients(FuzzHarness.MAX_CLIENTS)
            .ringSize(1024)
            .outputBufferLength(8 * 1024 * 1024)
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();

        final Engine engine = Engine.launch(context);
        try
        {
            exchange(engine, context, inputs);
            assertEquals(rejectsSeen, engine.counters().rejects().get(), "rejects counter");
            assertEquals(sessionRejectsSeen, engine.counters().logonFailures().get(), "logon failures counter");
            assertEquals(0, engine.counters().errors().get(), "errors counter");
            // the session layer's refusals never reach the ring, so they are no input of the business logic
            assertEquals(inputs.size() - sessionRejectsSeen, engine.counters().inputs().get(), "inputs counter");
        }
        finally
        {
            engine.close();
        }
        assertEquals(0, engine.pipelineErrors(), "pipeline errors");
        int oversize = 0;
        int answer = 0;
        for (int i = 0; i < inputs.size(); i++)
        {
            if (isSessionFrame(inputs.get(i)))
            {
                continue;
            }
            checkEcho(i, inputs.get(i), answers.get(answer++));
            oversize += inputs.get(i).length > EngineConfiguration.MAX_FRAME_LENGTH ? 1 : 0;
        }
        assertEquals(answers.size(), answer, "answers to the business logic's inputs");
        assertTrue(oversize > BAD_FRAMES / 20, "oversize frames sent: " + oversize);

        final EngineState state = context.newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        final InputProcessor processor =
            new InputProcessor(state, risk, EngineCounters.local(), Outbox.NONE, index -> true);
        final Recovery recovery = new Recovery().recover(context.journalDir(), processor, risk, false);
        assertEquals(inputs.size() - sessionRejectsSeen, recovery.replayed(), "journaled inputs");
        assertEquals(engine.digest(), processor.digest(), "replay digest, seed " + seed);
    }

    private void exchange(final Engine engine, final EngineContext context, final List<byte[]> inputs)
    {
        try (Subscription subscription = engine.aeron().addSubscription(
            context.outputChannel(), context.outputStreamId());
            ExclusivePublication publication = engine.aeron().addExclusivePublication(
                context.inputChannel(), context.inputStreamId()))
        {
            final FragmentAssembler assembler = new FragmentAssembler(
                (buffer, offset, length, h) -> onOutput(buffer, offset));
            final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
            while (!publication.isConnected() || !subscription.isConnected())
            {
                checkDeadline(deadlineNs, "streams did not connect");
                Thread.yield();
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
            int sent = 0;
            for (final byte[] input : inputs)
            {
                buffer.wrap(input);
                while (sent - answers.size() >= MAX_IN_FLIGHT || publication.offer(buffer, 0, input.length) < 0)
                {
                    checkDeadline(deadlineNs, "engine stopped taking input after " + answers.size() + " answers");
                    if (0 == subscription.poll(assembler, 256))
                    {
                        Thread.yield();
                    }
                }
                sent++;
            }
            long businessInputs = 0;
            for (final byte[] input : inputs)
            {
                businessInputs += isSessionFrame(input) ? 0 : 1;
            }
            while (answers.size() < businessInputs || sessionRejectsSeen + answers.size() < inputs.size())
            {
                checkDeadline(deadlineNs, "engine answered " + answers.size() + " of " + businessInputs + " inputs");
                if (0 == subscription.poll(assembler, 256))
                {
                    Thread.yield();
                }
            }
            subscription.poll(assembler, 256);
            assertEquals(businessInputs, answers.size(), "direct answers");
        }
    }

    // a frame whose header claims a logon template goes to the session layer, never into the ring
    private static boolean isSessionFrame(final byte[] frame)
    {
        if (frame.length < MessageHeaderDecoder.ENCODED_LENGTH || frame.length > EngineConfiguration.MAX_FRAME_LENGTH)
        {
            return false;
        }
        final int templateId = (frame[2] & 0xFF) | (frame[3] & 0xFF) << 8;
        return SessionLogonDecoder.TEMPLATE_ID == templateId || SessionLogonResponseDecoder.TEMPLATE_ID == templateId;
    }

    private void onOutput(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (!io.pme.protocol.OutputKinds.isDirectAnswer(templateId))
        {
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        boolean refused = false;
        if (RejectDecoder.TEMPLATE_ID == templateId)
        {
            reject.wrap(buffer, body, header.blockLength(), header.version());
            // a malformed logon frame is refused by the session layer, before the ring: counted as a logon failure
            final boolean sessionFrame = SessionLogonDecoder.TEMPLATE_ID == reject.templateId() ||
                SessionLogonResponseDecoder.TEMPLATE_ID == reject.templateId();
            if (sessionFrame)
            {
                sessionRejectsSeen++;
                return;
            }
            refused = true;
        }
        else if (CheckResultDecoder.TEMPLATE_ID == templateId)
        {
            checkResult.wrap(buffer, body, header.blockLength(), header.version());
            refused = CheckOutcome.REJECTED == checkResult.outcome();
        }
        else if (MarginQueryResultDecoder.TEMPLATE_ID == templateId)
        {
            marginQueryResult.wrap(buffer, body, header.blockLength(), header.version());
            refused = RejectReason.NONE != marginQueryResult.reason();
        }
        rejectsSeen += refused ? 1 : 0;
        answers.add(new long[]{
            buffer.getLong(body + CORRELATION_ID_OFFSET, LITTLE_ENDIAN),
            buffer.getInt(body + CLIENT_ID_OFFSET, LITTLE_ENDIAN),
            templateId,
            RejectDecoder.TEMPLATE_ID == templateId ? reject.reasonRaw() : -1 });
    }

    // The engine sees an oversize frame as its first bytes under template 0, answers MALFORMED_FRAME and echoes what
    // it can read of that.
    private static void checkEcho(final int i, final byte[] input, final long[] answer)
    {
        final byte[] seen = input.length > EngineConfiguration.MAX_FRAME_LENGTH ? oversizeMarker(input) : input;
        final UnsafeBuffer frame = new UnsafeBuffer(seen);
        final boolean readable = seen.length >= HEADER_LENGTH + PREFIX_LENGTH &&
            (frame.getShort(0, LITTLE_ENDIAN) & 0xFFFF) >= PREFIX_LENGTH;
        final long correlationId = readable ? frame.getLong(HEADER_LENGTH + CORRELATION_ID_OFFSET, LITTLE_ENDIAN) : 0;
        final int clientId = readable ? frame.getInt(HEADER_LENGTH + CLIENT_ID_OFFSET, LITTLE_ENDIAN) : 0;
        assertEquals(correlationId, answer[0], "correlation id of answer " + i);
        assertEquals(clientId, answer[1], "client id of answer " + i);
        if (seen != input)
        {
            assertEquals(RejectDecoder.TEMPLATE_ID, answer[2], "oversize input " + i + " must be refused");
            assertEquals(RejectReason.MALFORMED_FRAME.value(), answer[3], "oversize input " + i);
        }
    }

    private static byte[] oversizeMarker(final byte[] input)
    {
        final byte[] marker = new byte[OVERSIZE_PREFIX];
        System.arraycopy(input, 0, marker, 0, OVERSIZE_PREFIX);
        marker[2] = 0;
        marker[3] = 0;
        return marker;
    }

    private static void checkDeadline(final long deadlineNs, final String what)
    {
        assertTrue(System.nanoTime() < deadlineNs, what);
    }

    // Simulation traffic with bad frames spread through it: mutated, random, oversize and empty ones.
    private static List<byte[]> inputs(final long seed)
    {
        final SeedFrames simulation = new SeedFrames(seed, FuzzRound.ACCOUNTS);
        final List<byte[]> valid = simulation.next(simulation.referenceFrameCount() + SIMULATION_FRAMES);
        final List<byte[]> pool = new ArrayList<>(valid);
        pool.addAll(SeedFrames.everyTemplate(stateAfter(valid.subList(0, simulation.referenceFrameCount()))));

        final SplittableRandom random = new SplittableRandom(seed);
        final FrameMutator mutator = new FrameMutator(random);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameMutator.CAPACITY]);
        final long[] correlationIds = new long[FUZZ_CLIENTS];
        final List<byte[]> inputs = new ArrayList<>(valid.subList(0, simulation.referenceFrameCount()));
        final List<byte[]> steady = valid.subList(simulation.referenceFrameCount(), valid.size());
        int next = 0;
        for (int i = 0; i < BAD_FRAMES; i++)
        {
            while (next < steady.size() && random.nextInt(2) == 0)
            {
                inputs.add(steady.get(next++));
            }
            final int kind = random.nextInt(10);
            final int length;
            if (kind < 6)
            {
                final byte[] base = pool.get(random.nextInt(pool.size()));
                frame.putBytes(0, base);
                final int client = random.nextInt(FUZZ_CLIENTS);
                FrameMutator.readdress(frame, base.length, FUZZ_CLIENT_BASE + client, ++correlationIds[client]);
                length = mutator.mutate(frame, base.length);
            }
            else if (kind < 8)
            {
                length = mutator.randomFrame(frame, 300);
            }
            else if (kind < 9)
            {
                final byte[] base = pool.get(random.nextInt(pool.size()));
                frame.putBytes(0, base);
                length = EngineConfiguration.MAX_FRAME_LENGTH + 1 + random.nextInt(500);
                for (int b = base.length; b < length; b++)
                {
                    frame.putByte(b, (byte)random.nextInt(256));
                }
            }
            else
            {
                length = random.nextInt(HEADER_LENGTH + 1);
            }
            final byte[] bytes = new byte[length];
            frame.getBytes(0, bytes);
            inputs.add(bytes);
        }
        inputs.addAll(steady.subList(next, steady.size()));
        return inputs;
    }

    private static EngineState stateAfter(final List<byte[]> frames)
    {
        final EngineState state = FuzzHarness.newState();
        final InputProcessor processor = new InputProcessor(
            state, new PortfolioRiskModel(state, null), EngineCounters.local(), Outbox.NONE, index -> true);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        for (final byte[] frame : frames)
        {
            buffer.wrap(frame);
            processor.process(buffer, 0, frame.length, -1);
        }
        return state;
    }
}
