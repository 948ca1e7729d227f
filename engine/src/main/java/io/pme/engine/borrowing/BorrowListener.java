package io.pme.engine.borrowing;

/**
 * Told what borrowing announces: a pool whose debt, index or rules changed during an input.
 */
public interface BorrowListener
{
    /**
     * @param assetId        the borrowable asset.
     * @param utilization    its total debt over its pool supply.
     * @param rate           the annual interest rate at that utilization.
     * @param index          its debt index.
     * @param totalDebt      units of it all accounts owe.
     * @param poolSupply     units the venue's pool lends at most.
     * @param interestIncome units of it its debts have paid the venue so far.
     */
    void borrowRate(
        int assetId, double utilization, double rate, double index, double totalDebt, double poolSupply,
        double interestIncome);
}
