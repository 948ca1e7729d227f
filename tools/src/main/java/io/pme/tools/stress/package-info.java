/**
 * `pme stress`: scenario stress tests over every account of a journal's state, off the live engine: the state
 * rebuilt on a replica through the engine's own recovery path, each scenario (market crash, single-asset crash,
 * stablecoin de-peg, volatility spike: properties files) applied to copies of its prices and volatilities, every
 * account revalued in full by the rulebook's calculator, and a report of the accounts it takes below IM and MM, the
 * bankrupt ones, their deficit against the insurance fund and the largest contributors, as text and JSON;
 * {@code TailRisk} (historical VaR and expected shortfall of a profit-and-loss series, Acerbi–Tasche estimators).
 */
package io.pme.tools.stress;
