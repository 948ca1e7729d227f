/**
 * Option pricing: Black–Scholes value and Greeks with a tail-accurate normal distribution, allocation-free; the one
 * implementation the engine, the simulation and the benchmarks use.
 */
package io.pme.pricing;
