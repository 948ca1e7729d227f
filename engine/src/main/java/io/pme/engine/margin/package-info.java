/**
 * Where margin is kept: the rulebook's margin of every account, current on every tick, incrementally.
 * {@code InstrumentRiskCache} (where a tick is priced: risk array and mark per instrument), {@code IncrementalAccounts}
 * (per-account expansion, moves, settling), {@code Holders} (accounts per underlying and their safe bands),
 * {@code AccountRiskCalculator} (figures with hypothetical trades), {@code PortfolioRiskModel} (tick fan-out, exact
 * refreshes, open orders as filled, what-ifs).
 */
package io.pme.engine.margin;
