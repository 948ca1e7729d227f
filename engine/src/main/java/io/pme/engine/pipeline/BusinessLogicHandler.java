package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
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
 * a counter; both latencies are bucketed in counters too, which another process reads as histograms.
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
 * <p>
 * <b>Slots are released as the inputs are applied:</b> the Disruptor's processor moves its sequence only at the end
 * of a batch, and a batch may be the whole ring; at a million accounts, with inputs of milliseconds, the receiver
 * would then see a full ring for tens of seconds while the business logic works through it. The handler moves the
 * sequence itself after each input (the Disruptor's early release), so the receiver takes the next frame as soon as
 * a slot is free. Only this last stage does it: the journal's sequence must stay at the end of its batch, where the
 * every-input policy syncs.
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
    private Sequence sequenceCallback;

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
        apply(event);
        if (null != sequenceCallback)
        {
            sequenceCallback.set(sequence);
        }
    }

    /**
     * Given by the Disruptor's processor: the sequence this handler moves after each input it has applied.
     *
     * @param sequenceCallback the processor's sequence.
     */
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        this.sequenceCallback = sequenceCallback;
    }

    private void apply(final InputEvent event)
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
        counters.inputHoldBuckets().record(heldNs);
        counters.longestInputNs().proposeMaxRelease(heldNs);
        if (event.length() >= MessageHeaderDecoder.ENCODED_LENGTH &&
            OrderCheckDecoder.TEMPLATE_ID == event.buffer().getShort(2))
        {
            final long checkNs = endNs - event.receivedNs();
            checkLatency.record(checkNs);
            counters.checkLatencyBuckets().record(checkNs);
        }
    }
}
