package io.pme.tools.cli;

import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.simulation.FrameSink;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.SimulationConfig;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation with its liquidation desk against the engine's business logic in this thread, without Aeron: each
 * frame is applied as it is generated and its outputs reach the desk before the next frame, as from an infinitely
 * fast engine. The simulation's clock waits for the outputs it may have to answer, so these are the frames a live run
 * of the same configuration journals, however far its engine lagged.
 */
final class ClosedLoop implements FrameSink, Outbox
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final EngineState state = new EngineContext().newState();
    private final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
    private final EngineCounters counters = EngineCounters.local();
    private final InputProcessor processor = new InputProcessor(state, risk, counters, this, SnapshotSink.NONE);
    private final LiquidationTally tally = new LiquidationTally();
    private final BorrowTally borrowing = new BorrowTally(MarketSimulation::assetSymbol);
    private final MarketSimulation simulation;
    private final List<byte[]> frames = new ArrayList<>();
    private final RejectDecoder reject = new RejectDecoder();
    private final Map<String, Long> rejects = new HashMap<>();

    ClosedLoop(final SimulationConfig config)
    {
        simulation = new MarketSimulation(config.liquidationDesk(true));
    }

    /**
     * Runs until this many frames have been generated and applied, in all.
     *
     * @return the frames, in order.
     */
    List<byte[]> run(final int frameCount)
    {
        while (frames.size() < frameCount)
        {
            if (0 == simulation.generate(this, Math.min(1024, frameCount - frames.size())))
            {
                throw new IllegalStateException("the simulation waits for outputs it was given");
            }
        }
        return frames;
    }

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        frames.add(frame);
        processor.process(buffer, offset, length, frames.size() - 1);
        return true;
    }

    public void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        tally.onOutput(buffer, offset, header.templateId(), header.blockLength(), header.version());
        borrowing.onOutput(buffer, offset, header.templateId(), header.blockLength(), header.version());
        if (RejectDecoder.TEMPLATE_ID == header.templateId())
        {
            reject.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            rejects.merge(reject.templateId() + " " + reject.reason(), 1L, Long::sum);
        }
        simulation.onOutput(buffer, offset, length);
    }

    LiquidationTally tally()
    {
        return tally;
    }

    BorrowTally borrowing()
    {
        return borrowing;
    }

    /**
     * @return the engine's rejects of inputs of that template for that reason so far.
     */
    long rejects(final int templateId, final RejectReason reason)
    {
        return rejects.getOrDefault(templateId + " " + reason, 0L);
    }

    MarketSimulation simulation()
    {
        return simulation;
    }

    EngineState state()
    {
        return state;
    }

    /**
     * @return what the business logic counted, as the live engine's counters would.
     */
    EngineCounters counters()
    {
        return counters;
    }

    long digest()
    {
        return processor.digest();
    }

    long correlationDigest()
    {
        return processor.correlationDigest();
    }
}
