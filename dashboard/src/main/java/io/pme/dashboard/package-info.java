/**
 * The live risk dashboard, a side process that reads only what the engine publishes: {@code Dashboard} subscribes
 * to the engine's output stream with an Aeron client of its own, {@code RiskAggregate} keeps what the page shows in
 * arrays sized once (one Aeron-polling thread writes it and publishes a JSON snapshot), {@code DashboardServer}
 * serves the page, uPlot from its webjar and the snapshots as server-sent events; {@code DashboardConfiguration} and
 * {@code Dashboard.Context} hold its settings; docs/dashboard.md.
 */
package io.pme.dashboard;
