package io.pme.engine.recovery;

import io.pme.codecs.AdminCommandEncoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.SimulationConfig;
import io.pme.engine.state.EngineState;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * A fixed input stream: simulated market frames with one admin command part-way and a DIGEST command last, both
 * from an admin client of their own so the simulation's correlation ids stay untouched. Inputs are found by their
 * (clientId, correlationId), which is unique per input.
 */
final class Inputs
{
    static final int ADMIN_CLIENT_ID = 99;

    private static final int CORRELATION_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 8;
    private static final int CLIENT_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 16;

    private final List<byte[]> frames;
    private final Long2LongHashMap indexByKey = new Long2LongHashMap(-1);

    private Inputs(final List<byte[]> frames)
    {
        this.frames = frames;
        for (int i = 0; i < frames.size(); i++)
        {
            final UnsafeBuffer frame = new UnsafeBuffer(frames.get(i));
            final int clientId = frame.getInt(CLIENT_ID_OFFSET, LITTLE_ENDIAN);
            if (-1 != indexByKey.put(key(clientId, frame.getLong(CORRELATION_ID_OFFSET, LITTLE_ENDIAN)), i))
            {
                throw new IllegalStateException("two inputs share a client and correlation id at " + i);
            }
        }
    }

    /**
     * @param simulatedFrames how many frames to take from the simulation.
     * @param adminAt         where the part-way admin command goes.
     * @param adminCommand    SNAPSHOT or DIGEST; either changes the state the same way.
     */
    static Inputs simulated(
        final long seed,
        final int accounts,
        final int simulatedFrames,
        final int adminAt,
        final AdminCommandType adminCommand)
    {
        final List<byte[]> frames = new ArrayList<>(simulatedFrames + 2);
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().seed(seed).accounts(accounts));
        final int taken = simulation.generate(
            (buffer, offset, length) ->
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(offset, frame);
                return frames.add(frame);
            },
            simulatedFrames);
        if (taken != simulatedFrames)
        {
            throw new IllegalStateException("simulation gave " + taken + " of " + simulatedFrames + " frames");
        }

        // admin commands carry the time of the frame before them, so they never move the engine clock
        frames.add(adminAt, adminCommand(timestampNs(frames.get(adminAt - 1)), 1, adminCommand));
        frames.add(adminCommand(timestampNs(frames.get(frames.size() - 1)), 2, AdminCommandType.DIGEST));
        return new Inputs(frames);
    }

    int size()
    {
        return frames.size();
    }

    byte[] frame(final int index)
    {
        return frames.get(index);
    }

    /**
     * @return index of the input, or -1 if there is none with this key.
     */
    int indexOf(final int clientId, final long correlationId)
    {
        return (int)indexByKey.get(key(clientId, correlationId));
    }

    /**
     * Runs every input through an in-process business logic, as an uninterrupted engine would.
     */
    Answers referenceRun()
    {
        final Answers answers = new Answers(this);
        final AnswerDecoder decoder = new AnswerDecoder(answers);
        final EngineState state = new EngineContext().newState();
        final InputProcessor processor = new InputProcessor(
            state, new PortfolioRiskModel(state, null), EngineCounters.local(), decoder::onOutput, SnapshotSink.NONE);
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (int i = 0; i < frames.size(); i++)
        {
            buffer.wrap(frames.get(i));
            processor.process(buffer, 0, buffer.capacity(), i);
        }
        final int last = frames.size() - 1;
        if (!answers.isAnswered(last) || answers.digest(last) != processor.digest())
        {
            throw new IllegalStateException("the closing DIGEST command did not report the final state");
        }
        return answers;
    }

    private static byte[] adminCommand(final long timestampNs, final long correlationId, final AdminCommandType type)
    {
        final byte[] frame = new byte[MessageHeaderEncoder.ENCODED_LENGTH + AdminCommandEncoder.BLOCK_LENGTH];
        new AdminCommandEncoder()
            .wrapAndApplyHeader(new UnsafeBuffer(frame), 0, new MessageHeaderEncoder())
            .timestampNs(timestampNs)
            .correlationId(correlationId)
            .clientId(ADMIN_CLIENT_ID)
            .command(type);
        return frame;
    }

    private static long timestampNs(final byte[] frame)
    {
        return new UnsafeBuffer(frame).getLong(MessageHeaderDecoder.ENCODED_LENGTH, LITTLE_ENDIAN);
    }

    private static long key(final int clientId, final long correlationId)
    {
        return ((long)clientId << 40) ^ correlationId;
    }
}
