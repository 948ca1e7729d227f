package io.pme.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every JMH benchmark of the benchmarks jar, run by JMH's own runner as {@code java -jar benchmarks.jar} would run
 * it, but in this JVM, for one short iteration on a small state: a benchmark that no longer sets up or runs fails
 * the build here instead of on the day someone measures. The figures mean nothing (no fork, no warm-up); the
 * measured ones are docs/benchmarks.md's.
 */
class BenchmarkSmokeTest
{
    @Test
    void everyBenchmarkSetsUpAndRuns() throws RunnerException
    {
        // the lock keeps two measuring JMH runs apart; a smoke run measures nothing
        System.setProperty("jmh.ignoreLock", "true");
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include("io\\.pme\\.bench\\..*Benchmark")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .param("accounts", "500")
            .shouldFailOnError(true)
            .build()).run();

        final Set<String> ran = new TreeSet<>();
        for (final RunResult result : results)
        {
            final String name = result.getParams().getBenchmark().replace("io.pme.bench.", "") +
                (null == result.getParams().getParam("skip") ? "" : " skip=" + result.getParams().getParam("skip")) +
                (null == result.getParams().getParam("input") ? "" : " input=" + result.getParams().getParam("input"));
            final double score = result.getPrimaryResult().getScore();
            assertTrue(Double.isFinite(score) && score > 0, name + " scored " + score);
            ran.add(name);
        }
        assertEquals(new TreeSet<>(Set.of(
            "BorrowingBenchmark.checkBorrower", "BorrowingBenchmark.checkNonBorrower", "BorrowingBenchmark.epoch",
            "BorrowingBenchmark.heartbeat",
            "FullVsIncrementalBenchmark.full", "FullVsIncrementalBenchmark.incremental",
            "LiquidationStepBenchmark.steps",
            "MarginBenchmark.fullMargin",
            "OracleSourceBenchmark.source input=heartbeat", "OracleSourceBenchmark.source input=outlier",
            "OracleSourceBenchmark.source input=requote",
            "PreTradeCheckBenchmark.decision", "PreTradeCheckBenchmark.decisionHotAccounts",
            "PreTradeCheckBenchmark.message", "PreTradeCheckBenchmark.messageHotAccounts",
            "PricingBenchmark.engine", "PricingBenchmark.strata",
            "TickFanOutBenchmark.tick skip=false", "TickFanOutBenchmark.tick skip=true")), ran);
    }
}
