package io.pme.engine.logic;

import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;

/**
 * The one rule that turns a trade into a position: an option's premium moves USD at once, a linear trade that adds
 * to a position averages its entry price, one that reduces it realises its P&amp;L in USD. Every flow goes into the
 * ledger, so a fill, a takeover and a deleveraging book alike and money stays accounted for.
 */
public final class Booking
{
    private static final double MIN_QUANTITY = 1.0e-12;

    private final EngineState state;
    private final Accounts accounts;
    private final Instruments instruments;

    /** @param state the engine state the trades change. */
    public Booking(final EngineState state)
    {
        this.state = state;
        this.accounts = state.accounts();
        this.instruments = state.instruments();
    }

    /**
     * Books a trade of {@code quantity} contracts (positive buys) at {@code price} into the account's position.
     * The caller has made sure the USD asset is defined and the account has room for the position.
     */
    public void trade(final int slot, final int instrumentId, final double quantity, final double price)
    {
        final int usd = state.assets().usdAssetId();
        final double multiplier = instruments.multiplier(instrumentId);
        final int index = accounts.findPosition(slot, instrumentId);
        final double held = index >= 0 ? accounts.positionQuantity(slot, index) : 0.0;
        final double entry = index >= 0 ? accounts.positionEntryPrice(slot, index) : 0.0;
        final double total = isDust(held + quantity, Math.max(Math.abs(held), Math.abs(quantity))) ?
            0.0 : held + quantity;
        if (instruments.isOption(instrumentId))
        {
            cash(slot, usd, -quantity * price * multiplier);
            accounts.setPosition(slot, instrumentId, total, 0.0);
        }
        else if (0.0 == held || (held > 0.0) == (quantity > 0.0))
        {
            accounts.setPosition(slot, instrumentId, total, (held * entry + quantity * price) / total);
        }
        else
        {
            final double closed = Math.min(Math.abs(quantity), Math.abs(held)) * Math.signum(held);
            cash(slot, usd, closed * (price - entry) * multiplier);
            accounts.setPosition(slot, instrumentId, total, Math.abs(quantity) > Math.abs(held) ? price : entry);
        }
    }

    /**
     * @return true when {@code remainder}, what is left of quantities of the size {@code scale} after they nearly
     * cancel, is rounding rather than a quantity: below the smallest quantity an input may carry (1e-12), or within
     * four units in the last place of the scale. 0.3 − 0.1 − 0.2 closes a position rather than leave −2.8e-17 that
     * no fill could close.
     */
    public static boolean isDust(final double remainder, final double scale)
    {
        return Math.abs(remainder) < Math.max(MIN_QUANTITY, 4.0 * Math.ulp(scale));
    }

    private void cash(final int slot, final int usd, final double amount)
    {
        accounts.addBalance(slot, usd, amount);
        state.ledger().tradeCash(amount);
    }

    /**
     * Moves a balance from one account to another; money stays inside the accounts, so the ledger does not move.
     */
    public void transfer(final int from, final int to, final int assetId, final double amount)
    {
        accounts.addBalance(from, assetId, -amount);
        accounts.addBalance(to, assetId, amount);
    }
}
