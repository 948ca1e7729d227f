package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.engine.LatencyRecorder;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import org.agrona.concurrent.NanoClock;

/**
 * The single writer: every journaled input goes through the one {@link InputProcessor}. It also records how long
 * each pre-trade check took from its arrival to its answer, and how long each input held the thread, the longest in
 * a counter.
 * <p>
 * An input without a journal index (its append failed, or came after one that did) is neither applied nor
 * answered, only counted: nothing is acted on that was not journaled.
 */
public final class BusinessLogicHandler implements EventHandler<InputEvent>
{
    private final InputProcessor processor;
    private final LatencyRecorder checkLatency;
    private final LatencyRecorder inputHold;
    private final NanoClock clock;
    private final EngineCounters counters;

    /**
     * @param processor    the business logic.
     * @param checkLatency records each pre-trade check's arrival-to-answer time in nanoseconds.
     * @param inputHold    records how long each input held the business-logic thread, in nanoseconds.
     * @param clock        the receiver's clock, for those times.
     * @param counters     where inputs refused for want of a journal index and the longest hold are counted.
     */
    public BusinessLogicHandler(
        final InputProcessor processor,
        final LatencyRecorder checkLatency,
        final LatencyRecorder inputHold,
        final NanoClock clock,
        final EngineCounters counters)
    {
        this.processor = processor;
        this.checkLatency = checkLatency;
        this.inputHold = inputHold;
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
        final long startNs = clock.nanoTime();
        processor.process(event.buffer(), 0, event.length(), event.journalIndex());
        final long endNs = clock.nanoTime();
        final long heldNs = endNs - startNs;
        inputHold.record(heldNs);
        counters.longestInputNs().proposeMaxRelease(heldNs);
        if (event.length() >= MessageHeaderDecoder.ENCODED_LENGTH &&
            OrderCheckDecoder.TEMPLATE_ID == event.buffer().getShort(2))
        {
            checkLatency.record(endNs - event.receivedNs());
        }
    }
}
