package io.pme.engine.margin;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.SnapshotSink;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.protocol.json.JsonFramePrinter;
import io.pme.engine.state.EngineState;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-process engine (business logic only, no pipeline) fed with JSON-lines inputs, collecting outputs as JSON.
 */
final class EngineFrames
{
    final EngineState state;
    final PortfolioRiskModel risk;
    final InputProcessor processor;
    final List<String> outputs = new ArrayList<>();
    private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
    private final JsonFramePrinter printer = new JsonFramePrinter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    EngineFrames()
    {
        this(true);
    }

    EngineFrames(final boolean skipSafeAccounts)
    {
        state = new EngineContext().maxAccounts(1_000).maxOpenOrders(1_000).newState();
        risk = new PortfolioRiskModel(state, null, skipSafeAccounts);
        processor = new InputProcessor(state, risk, EngineCounters.local(),
            (b, offset, length) -> outputs.add(printer.print(b, offset, length)), SnapshotSink.NONE);
    }

    /**
     * @return the outputs of this input.
     */
    List<String> send(final String json)
    {
        final int from = outputs.size();
        final int length = encoder.encode(json, buffer, 0);
        processor.process(buffer, 0, length, -1);
        return new ArrayList<>(outputs.subList(from, outputs.size()));
    }
}
