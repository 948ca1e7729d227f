/**
 * `pme audit`: an account's audit trail replayed from the journal through the engine's own recovery path (every
 * input that touched it, its figures after each, the answers and liquidation steps), its state exported in the
 * offline calculator's file format with the parameters in force, and the book report (balances per asset against
 * the ledger, insurance fund, open interest, accounts by state).
 */
package io.pme.tools.audit;
