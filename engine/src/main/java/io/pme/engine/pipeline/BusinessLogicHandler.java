package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.engine.CheckLatencyRecorder;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import org.agrona.concurrent.NanoClock;

/**
 * The single writer: every journaled input goes through the one {@link InputProcessor}. It also records how long
 * each pre-trade check took from its arrival to its answer.
 * <p>
 * An input without a journal index (its append failed, or came after one that did) is neither applied nor
 * answered, only counted: nothing is acted on that was not journaled.
 */
public final class BusinessLogicHandler implements EventHandler<InputEvent>
{
    private final InputProcessor processor;
    private final CheckLatencyRecorder checkLatency;
    private final NanoClock clock;
    private final EngineCounters counters;

    /**
     * @param processor    the business logic.
     * @param checkLatency records each pre-trade check's arrival-to-answer time in nanoseconds.
     * @param clock        the receiver's clock, for that time.
     * @param counters     where inputs refused for want of a journal index are counted.
     */
    public BusinessLogicHandler(
        final InputProcessor processor,
        final CheckLatencyRecorder checkLatency,
        final NanoClock clock,
        final EngineCounters counters)
    {
        this.processor = processor;
        this.checkLatency = checkLatency;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * Processes the journaled input; a pre-trade check's latency is recorded once it is answered.
     */
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.journalIndex() < 0)
        {
            counters.notJournaled().incrementRelease();
            return;
        }
        processor.process(event.buffer(), 0, event.length(), event.journalIndex());
        if (event.length() >= MessageHeaderDecoder.ENCODED_LENGTH &&
            OrderCheckDecoder.TEMPLATE_ID == event.buffer().getShort(2))
        {
            checkLatency.record(clock.nanoTime() - event.receivedNs());
        }
    }
}
