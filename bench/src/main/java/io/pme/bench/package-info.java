/**
 * JMH benchmarks and HdrHistogram harnesses: pre-trade check, tick fan-out, full against incremental revaluation,
 * pricing against Strata, end to end over Aeron beside its transport and journal floors, capacity at a million
 * accounts.
 */
package io.pme.bench;
