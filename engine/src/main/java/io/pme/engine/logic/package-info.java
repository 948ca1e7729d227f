/**
 * Where an input is applied: {@code InputProcessor} validates the frame and the client's correlation sequence and
 * dispatches to {@code ReferenceData} (accounts, assets, instruments), {@code Treasury} (deposits, withdrawals,
 * funding), {@code Trading} (pre-trade checks, open orders, fills), {@code MarginQueries} (what-ifs),
 * {@code OrderAcceptance} (the one rule that decides an order, for both), {@code Admin} (parameters, snapshots,
 * digest); {@code MarginNotifier} sends margin updates; {@code MarginModel} and {@code RiskModelBinding} are the seam
 * to the margin model.
 */
package io.pme.engine.logic;
