package io.pme.engine.state;

import java.util.Arrays;

/**
 * Every flow of money across the accounts' boundary, per asset: deposits, withdrawals and the interest debts paid
 * the venue (rulebook section 8), and in the settlement
 * asset (USD) option premiums and realised P&amp;L of fills, funding and fees. Money is conserved when, per asset,
 * the sum of all account balances equals the net of these flows.
 */
public final class Ledger
{
    private final double[] deposits;
    private final double[] withdrawals;
    private final double[] interest;
    private double tradeCash;
    private double funding;

    /** @param maxAssets asset ids 0 … maxAssets − 1. */
    public Ledger(final int maxAssets)
    {
        deposits = new double[maxAssets];
        withdrawals = new double[maxAssets];
        interest = new double[maxAssets];
    }

    /** Zeroes every total. */
    public void clear()
    {
        Arrays.fill(deposits, 0.0);
        Arrays.fill(withdrawals, 0.0);
        Arrays.fill(interest, 0.0);
        tradeCash = 0.0;
        funding = 0.0;
    }

    /** Adds a deposit to the asset's total. */
    public void deposited(final int assetId, final double amount)
    {
        deposits[assetId] += amount;
    }

    /** Adds a withdrawal to the asset's total. */
    public void withdrew(final int assetId, final double amount)
    {
        withdrawals[assetId] += amount;
    }

    /** Adds an epoch's growth of the asset's debts, the venue's interest income, to the asset's total. */
    public void interestCharged(final int assetId, final double amount)
    {
        interest[assetId] += amount;
    }

    /** Puts the asset's interest back to what it was before the epochs of an input that was then refused. */
    public void undoInterest(final int assetId, final double amount)
    {
        interest[assetId] = amount;
    }

    /** @return units of the asset its debts paid the venue as interest so far. */
    public double interest(final int assetId)
    {
        return interest[assetId];
    }

    /** Premium or realised P&amp;L paid into (positive) or out of accounts by a fill. */
    public void tradeCash(final double amount)
    {
        tradeCash += amount;
    }

    /** Funding paid into (positive) or out of accounts. */
    public void funding(final double amount)
    {
        funding += amount;
    }

    /** @return the asset's deposits so far. */
    public double deposits(final int assetId)
    {
        return deposits[assetId];
    }

    /** @return the asset's withdrawals so far. */
    public double withdrawals(final int assetId)
    {
        return withdrawals[assetId];
    }

    /** @return premium and realised P&amp;L paid into (positive) or out of accounts by fills so far. */
    public double tradeCash()
    {
        return tradeCash;
    }

    /** @return funding paid into (positive) or out of accounts so far. */
    public double funding()
    {
        return funding;
    }

    void restore(final int assetId, final double deposited, final double withdrawn, final double interestPaid)
    {
        deposits[assetId] = deposited;
        withdrawals[assetId] = withdrawn;
        interest[assetId] = interestPaid;
    }

    void restore(final double tradeCash, final double funding)
    {
        this.tradeCash = tradeCash;
        this.funding = funding;
    }

    int capacity()
    {
        return deposits.length;
    }
}
