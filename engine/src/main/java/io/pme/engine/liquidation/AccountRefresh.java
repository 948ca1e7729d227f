package io.pme.engine.liquidation;

/**
 * Recomputes an account whose balances or positions the waterfall changed, and announces its figures as any own
 * change of an account is.
 */
public interface AccountRefresh
{
    /** The account's own balances or positions changed. */
    void accountChanged(int slot);

    /** An account the waterfall opened (the insurance fund's) is counted and given its figures. */
    void accountOpened(int slot);
}
