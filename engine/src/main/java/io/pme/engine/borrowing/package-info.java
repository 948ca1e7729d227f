/**
 * Where an account borrows, on message time inside the business logic (rulebook section 8): {@code Lender} (interest
 * epochs before each input, O(1) per borrowable asset by the debt index; the one borrowing rule for withdrawals,
 * transfers and option premiums: pool utilization and per-account limits; each changed pool announced),
 * {@code BorrowingParameters} (the pool rules per asset and the kinked rate); the rules are docs/borrowing.md.
 */
package io.pme.engine.borrowing;
