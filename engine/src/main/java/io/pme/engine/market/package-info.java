/**
 * Where a tick is handled: {@code MarketData} takes an option volatility to the margin model and a source's oracle
 * price to the {@code Oracle}, which keeps the asset's sources, makes the index margin sees ({@code PriceIndex}),
 * guards it (quorum and DEGRADED, the jump guard, the de-peg pause, as a {@code LiquidationGate}) and scales ranges and
 * haircuts by the EWMA volatility ({@code VolatilityFactor}); {@code OracleParameters} are its rules; docs/oracle.md.
 */
package io.pme.engine.market;
