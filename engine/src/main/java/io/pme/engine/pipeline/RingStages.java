package io.pme.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.Agent;

/**
 * The ring's two stages run by whoever calls {@link #doWork()}, for the shared threading mode: the journal handler
 * through one Disruptor {@link EventPoller}, then the business-logic handler through a second poller gated on the
 * first, so an input reaches the business logic only once the journal handler is done with it, exactly as the
 * dedicated mode's handler threads are ordered. The business-logic poller gates the receiver: a slot is reused only
 * once both stages have passed it.
 * <p>
 * <b>Group commit:</b> each duty cycle hands the journal handler every input the receiver has put on the ring as one
 * batch, the batch's last input marked as its end, where the every-input policy syncs; the journal poller's
 * sequence moves past the batch only when its poll returns, so the business logic sees no input of a batch before
 * its sync, as in the dedicated mode.
 * <p>
 * An exception out of a handler goes to the ring's exception handler and the stage moves past the input, as the
 * Disruptor's own processors do (the journal handler and the business logic catch what must stop the engine
 * themselves).
 */
public final class RingStages implements Agent
{
    private final RingBuffer<InputEvent> ring;
    private final ExceptionHandler<InputEvent> exceptionHandler;
    private final EventPoller<InputEvent> journalPoller;
    private final EventPoller<InputEvent> businessLogicPoller;
    private final EventPoller.Handler<InputEvent> journalStage;
    private final EventPoller.Handler<InputEvent> businessLogicStage;
    private int processed;

    /**
     * Puts both stages on the ring; the ring then waits for the business-logic stage before reusing a slot.
     *
     * @param ring                 the input ring, with no other consumer.
     * @param journalHandler       the first stage.
     * @param businessLogicHandler the second stage, after the first.
     * @param exceptionHandler     told of an exception out of either stage.
     */
    public RingStages(
        final RingBuffer<InputEvent> ring,
        final JournalHandler journalHandler,
        final BusinessLogicHandler businessLogicHandler,
        final ExceptionHandler<InputEvent> exceptionHandler)
    {
        this.ring = ring;
        this.exceptionHandler = exceptionHandler;
        journalStage = (event, sequence, endOfBatch) -> onStage(journalHandler, event, sequence, endOfBatch);
        businessLogicStage =
            (event, sequence, endOfBatch) -> onStage(businessLogicHandler, event, sequence, endOfBatch);
        journalPoller = ring.newPoller();
        businessLogicPoller = ring.newPoller(journalPoller.getSequence());
        ring.addGatingSequences(businessLogicPoller.getSequence());
    }

    /**
     * Journals every input waiting on the ring, then applies every journaled one.
     *
     * @return the inputs the two stages handled, each counted once per stage.
     */
    public int doWork() throws Exception
    {
        processed = 0;
        journalPoller.poll(journalStage);
        businessLogicPoller.poll(businessLogicStage);
        return processed;
    }

    /**
     * Runs both stages until the ring is empty, so every input the receiver took is journaled and applied before the
     * engine closes, as the dedicated mode's {@code Disruptor.shutdown()} drains it.
     */
    public void onClose()
    {
        try
        {
            while (businessLogicPoller.getSequence().get() < ring.getCursor())
            {
                doWork();
            }
        }
        catch (final Exception ex)
        {
            exceptionHandler.handleOnShutdownException(ex);
        }
    }

    /**
     * @return the agent's name.
     */
    public String roleName()
    {
        return "pme-ring";
    }

    private boolean onStage(
        final EventHandler<InputEvent> handler, final InputEvent event, final long sequence, final boolean endOfBatch)
    {
        processed++;
        try
        {
            handler.onEvent(event, sequence, endOfBatch);
        }
        catch (final Throwable ex)
        {
            exceptionHandler.handleEventException(ex, sequence, event);
        }
        return true;
    }
}
