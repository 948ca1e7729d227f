package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.engine.LatencyRecorder;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;

/**
 * The single writer: every journaled input goes through the one {@link InputProcessor}. It also records how long
 * each pre-trade check took from its arrival to its answer, and how long each input held the thread, the longest in
 * a counter.
 * <p>
 * An input without a journal index (its append failed, or came after one that did) is neither applied nor
 * answered, only counted: nothing is acted on that was not journaled.
 * <p>
 * <b>Fail-stop on a fatal error:</b> a {@link VirtualMachineError} in the middle of an input (typically an
 * {@link OutOfMemoryError}: the direct memory the book grows into is exhausted as an account opens) leaves the state
 * half changed, which no replay would reproduce. The handler counts it ({@link EngineCounters#fatalErrors()}), hands
 * it to the engine, which stops the intake and reports it, and from then on applies nothing
 * ({@link EngineCounters#notApplied()}). Any other exception is an input's bug: it is rethrown for the ring's
 * exception handler, which counts it and moves on, as before.
 */
public final class BusinessLogicHandler implements EventHandler<InputEvent>
{
    private final InputProcessor processor;
    private final LatencyRecorder checkLatency;
    private final LatencyRecorder inputHold;
    private final NanoClock clock;
    private final EngineCounters counters;
    private final ErrorHandler fatalErrorHandler;
    private boolean failed;

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
        this(processor, checkLatency, inputHold, clock, counters, (throwable) -> {});
    }

    /**
     * @param processor         the business logic.
     * @param checkLatency      records each pre-trade check's arrival-to-answer time in nanoseconds.
     * @param inputHold         records how long each input held the business-logic thread, in nanoseconds.
     * @param clock             the receiver's clock, for those times.
     * @param counters          where inputs refused or not applied, fatal errors and the longest hold are counted.
     * @param fatalErrorHandler told once, on this thread, of the fatal error that stopped the business logic.
     */
    public BusinessLogicHandler(
        final InputProcessor processor,
        final LatencyRecorder checkLatency,
        final LatencyRecorder inputHold,
        final NanoClock clock,
        final EngineCounters counters,
        final ErrorHandler fatalErrorHandler)
    {
        this.fatalErrorHandler = fatalErrorHandler;
        this.processor = processor;
        this.checkLatency = checkLatency;
        this.inputHold = inputHold;
        this.clock = clock;
        this.counters = counters;
    }

    /**
     * Processes the journaled input; a pre-trade check's latency is recorded once it is answered. After a fatal
     * error nothing more is applied.
     */
    public void onEvent(final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.journalIndex() < 0)
        {
            counters.notJournaled().incrementRelease();
            return;
        }
        if (failed)
        {
            counters.notApplied().incrementRelease();
            return;
        }
        final long startNs = clock.nanoTime();
        try
        {
            processor.process(event.buffer(), 0, event.length(), event.journalIndex());
        }
        catch (final VirtualMachineError ex)
        {
            failed = true;
            counters.fatalErrors().incrementRelease();
            fatalErrorHandler.onError(ex);
            return;
        }
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
