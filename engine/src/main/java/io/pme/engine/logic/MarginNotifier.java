package io.pme.engine.logic;

import io.pme.engine.EngineCounters;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;

/**
 * Refreshes accounts through the margin model, announces their figures, and keeps the below-IM and below-MM
 * counts current from each state transition.
 */
final class MarginNotifier implements MarginListener
{
    private final EngineState state;
    private final Accounts accounts;
    private final MarginModel model;
    private final Responses responses;
    private final EngineCounters counters;
    private long timestampNs;
    private long correlationId;
    private int clientId;

    MarginNotifier(
        final EngineState state, final MarginModel model, final Responses responses, final EngineCounters counters)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.model = model;
        this.responses = responses;
        this.counters = counters;
    }

    void input(final long timestampNs, final long correlationId, final int clientId)
    {
        this.timestampNs = timestampNs;
        this.correlationId = correlationId;
        this.clientId = clientId;
    }

    void accountOpened(final int slot)
    {
        counters.accounts().incrementRelease();
        accountChanged(slot);
    }

    /** The account's own balances or positions changed: recompute and always announce. */
    void accountChanged(final int slot)
    {
        final byte previous = accounts.state(slot);
        state.advanceClock(timestampNs);
        model.refresh(slot);
        transition(previous, accounts.state(slot));
        announce(slot, previous);
    }

    public void onStateChange(final int slot, final byte previousState)
    {
        transition(previousState, accounts.state(slot));
        announce(slot, previousState);
    }

    /** Recounts from scratch, after a restore. */
    void recount()
    {
        long belowIm = 0;
        long belowMm = 0;
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            belowIm += AccountStates.isBelowInitialMargin(accounts.state(slot)) ? 1 : 0;
            belowMm += AccountStates.isBelowMaintenanceMargin(accounts.state(slot)) ? 1 : 0;
        }
        counters.belowInitialMargin().setRelease(belowIm);
        counters.belowMaintenanceMargin().setRelease(belowMm);
        counters.accounts().setRelease(accounts.count());
    }

    private void announce(final int slot, final byte previous)
    {
        responses.marginUpdate(
            timestampNs, correlationId, clientId, accounts.accountId(slot), accounts.state(slot), previous,
            accounts.equity(slot), accounts.initialMargin(slot), accounts.maintenanceMargin(slot));
    }

    private void transition(final byte from, final byte to)
    {
        if (from != to)
        {
            counters.belowInitialMargin().getAndAddRelease(
                (AccountStates.isBelowInitialMargin(to) ? 1 : 0) - (AccountStates.isBelowInitialMargin(from) ? 1 : 0));
            counters.belowMaintenanceMargin().getAndAddRelease(
                (AccountStates.isBelowMaintenanceMargin(to) ? 1 : 0) -
                (AccountStates.isBelowMaintenanceMargin(from) ? 1 : 0));
        }
    }
}
