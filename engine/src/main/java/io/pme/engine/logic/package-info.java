/**
 * Where an input is applied: {@code InputProcessor} validates the frame and the client's correlation sequence and
 * dispatches to {@code ReferenceData} (accounts, isolated accounts, assets, instruments), {@code Treasury} (deposits,
 * withdrawals, transfers, funding), {@code Trading} (pre-trade checks, open orders, fills), {@code MarginQueries}
 * (what-ifs), {@code OrderAcceptance} (the one rule that decides an order, for both), {@code Booking} (the one rule
 * that turns a trade into a position), {@code Admin} (parameters, snapshots, digest), {@code ParameterSets} (versioned
 * parameter changes, scheduled sets applied as one), and to the liquidation waterfall and the oracle; at the end of
 * each applied input, what time alone decides (a scheduled set due, a source gone stale, a held jump confirmed, a
 * de-peg pause over); {@code MarginNotifier} sends margin updates and liquidation announcements; {@code MarginModel}
 * and {@code RiskModelBinding} are the seam to the margin model.
 */
package io.pme.engine.logic;
