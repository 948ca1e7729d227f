/**
 * All engine state, sized once, or off-heap where it grows with the accounts: {@code Assets}, {@code Instruments},
 * {@code Accounts} (one off-heap record per account), {@code OpenOrders}, {@code Clients}, {@code ParameterLog},
 * {@code Ledger}, {@code DebtPools} (per asset the debt index debts are stored scaled by, and the total scaled debt),
 * {@code RiskVectors} (per-account incremental risk), {@code Liquidations} (one record per liquidation in progress),
 * {@code OracleBook} (per asset its sources' prices and the oracle's decisions), {@code ScheduledParameters}
 * (parameter sets not yet applied), {@code AccountStates} (the account state rule and its codes); {@code StateSnapshot}
 * is the one canonical walk behind snapshots and the state digest.
 */
package io.pme.engine.state;
