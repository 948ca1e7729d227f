/**
 * The rulebook itself, allocation-free: {@code RiskParameters} (with its loader and the shipped defaults), the scenario
 * grid, volatility shocks, risk arrays, scenario vectors and correlation-set aggregation, {@code MarginCalculator}
 * (full revaluation of a portfolio), and the offline calculator's file format and report.
 */
package io.pme.engine.rulebook;
