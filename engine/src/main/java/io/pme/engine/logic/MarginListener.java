package io.pme.engine.logic;

/**
 * Told when a market move changes an account's state, so the account hears of it at once.
 */
@FunctionalInterface
public interface MarginListener
{
    /**
     * Called when the margin model changed an account's figures.
     *
     * @param slot          the account.
     * @param previousState its state before.
     */
    void onStateChange(int slot, byte previousState);
}
