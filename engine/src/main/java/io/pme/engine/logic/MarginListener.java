package io.pme.engine.logic;

/**
 * Told when a market move changes an account's state, so the account hears of it at once.
 */
@FunctionalInterface
public interface MarginListener
{
    void onStateChange(int slot, byte previousState);
}
