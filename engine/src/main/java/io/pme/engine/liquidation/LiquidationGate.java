package io.pme.engine.liquidation;

/**
 * Whether an account's liquidation may act now: the oracle holds those that depend on a price it does not trust
 * (docs/oracle.md), and tells the liquidator through {@link Liquidator#resume()} when it trusts it again.
 */
@FunctionalInterface
public interface LiquidationGate
{
    /** No liquidation is ever held. */
    LiquidationGate OPEN = (slot, nowNs) -> 0L;

    /**
     * @param slot  the account.
     * @param nowNs the message time.
     * @return a message time after {@code nowNs} until which the account's liquidation neither starts nor steps
     * ({@code Long.MAX_VALUE}: until {@link Liquidator#resume()}), else anything at or before {@code nowNs}.
     */
    long heldUntilNs(int slot, long nowNs);
}
