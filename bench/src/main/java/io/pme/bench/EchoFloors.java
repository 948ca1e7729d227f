package io.pme.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Journal;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.pipeline.JournalSyncer;
import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floors beside the engine's round trip, measured by the same {@link RoundTripClient} (same sender and receiver
 * threads, same offered rate, same frames) against an {@link EchoServer}: the raw Aeron echo (the transport floor)
 * and the echo after a Chronicle Queue append, synced as the engine's journal sync policy says (the journal floor).
 * Each runs on a fresh embedded media driver configured as the engine's, on the engine's channels and streams, with
 * the engine's receiver idle strategy, and before the engine starts, so no idle engine thread competes with it on
 * the machine.
 */
public final class EchoFloors
{
    /** Name of the transport floor's row. */
    public static final String RAW = "raw Aeron echo";
    /** Name of the journal floor's row. */
    public static final String JOURNAL = "journal echo";

    private static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final double MICROS = 1_000.0;

    private EchoFloors()
    {
    }

    /**
     * Warms the process up on the raw echo (the warm-up's length at the run's rate, not recorded: the first row
     * measured in a cold JVM would otherwise carry its compilation, while the engine's row follows the setup's
     * hundred thousand frames), then measures the raw echo, then the journal echo.
     *
     * @param context  the engine's settings: channels, streams and idle strategy names.
     * @param aeronDir base name of the drivers' directories (deleted afterwards).
     * @param work     directory the journal echo's queue is created in.
     * @param client   the run to repeat: rate, seconds, warm-up.
     * @param accounts of the checks' frames, as for the engine.
     * @param hot      of the checks' frames, as for the engine.
     * @return the two rows, transport floor first.
     * @throws InterruptedException if interrupted while a run is under way.
     */
    public static List<Row> measure(
        final EngineContext context,
        final String aeronDir,
        final Path work,
        final RoundTripClient client,
        final int accounts,
        final int hot) throws InterruptedException
    {
        final RoundTripClient warmup = new RoundTripClient(client.rate(), Math.max(1, client.warmupSeconds()), 0);
        measureOne("warm-up", context, aeronDir + "-warm-up", null, warmup, accounts, hot);
        final Row raw = measureOne(RAW, context, aeronDir + "-raw-echo", null, client, accounts, hot);
        final Row journal = measureOne(
            JOURNAL, context, aeronDir + "-journal-echo", work.resolve("echo-journal"), client, accounts, hot);
        return List.of(raw, journal);
    }

    /**
     * Prints the three rows and the two ratios (pme / raw, journal / raw) of each percentile, and the end-to-end
     * goals of issue 12 against the transport floor.
     *
     * @param out     to print to.
     * @param raw     the transport floor.
     * @param journal the journal floor.
     * @param pme     the engine.
     */
    public static void print(final PrintStream out, final Row raw, final Row journal, final Row pme)
    {
        out.println("round trip from intended send (µs), same client threads, frames and offered rate:");
        out.printf("  %-15s %9s %9s %9s %9s %9s  %s%n", "", "p50", "p90", "p99", "p99.9", "max", "answered");
        for (final Row row : List.of(raw, journal, pme))
        {
            final Histogram h = row.histogram;
            out.printf("  %-15s %9.1f %9.1f %9.1f %9.1f %9.1f  %,d of %,d%n", row.name,
                h.getValueAtPercentile(50) / MICROS, h.getValueAtPercentile(90) / MICROS,
                h.getValueAtPercentile(99) / MICROS, h.getValueAtPercentile(99.9) / MICROS, h.getMaxValue() / MICROS,
                row.received, row.measured);
        }
        printRatio(out, "pme / raw", pme.histogram, raw.histogram);
        printRatio(out, "journal / raw", journal.histogram, raw.histogram);
        final double p50Gap =
            (pme.histogram.getValueAtPercentile(50) - raw.histogram.getValueAtPercentile(50)) / MICROS;
        final double p99Ratio = ratio(pme.histogram, raw.histogram, 99);
        out.printf("goals (issue 12): pme p50 ≤ raw p50 + 3 µs: %+.1f µs, %s; pme p99 ≤ 2 × raw p99: %.2f×, %s%n",
            p50Gap, p50Gap <= 3.0 ? "met" : "not met", p99Ratio, p99Ratio <= 2.0 ? "met" : "not met");
        for (final Row row : List.of(raw, journal, pme))
        {
            if (row.received < row.measured)
            {
                out.println("WARNING: " + row.name + " did not answer every check in time: the rate is above its " +
                    "capacity on this machine");
            }
        }
    }

    private static Row measureOne(
        final String name,
        final EngineContext context,
        final String aeronDir,
        final Path journalDir,
        final RoundTripClient client,
        final int accounts,
        final int hot) throws InterruptedException
    {
        final CheckStream stream = new CheckStream(new BenchMarket(), accounts, hot, 7, BenchMarket.CHECK_CLIENT);
        MediaDriver driver = null;
        Aeron serverAeron = null;
        Aeron aeron = null;
        Journal journal = null;
        AgentRunner runner = null;
        JournalSyncer syncer = null;
        try
        {
            driver = launchDriver(aeronDir);
            // two clients, as the engine and the harness each have their own
            serverAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            journal = null == journalDir ? null : new Journal(journalDir);
            // the journal floor keeps the engine's promise: synced as the engine's policy says
            final JournalSyncPolicy syncPolicy = null == journal ? JournalSyncPolicy.NONE : context.journalSync();
            if (JournalSyncPolicy.PERIODIC == syncPolicy)
            {
                syncer = new JournalSyncer(journal, EngineCounters.local(), Throwable::printStackTrace,
                    context.journalSyncIntervalNs());
                syncer.start();
            }
            // the server's ends as the engine opens them, the client's as the end-to-end harness does
            final Subscription serverIn =
                serverAeron.addSubscription(context.inputChannel(), context.inputStreamId());
            final Publication serverOut =
                serverAeron.addPublication(context.outputChannel(), context.outputStreamId());
            final ExclusivePublication clientOut =
                aeron.addExclusivePublication(context.inputChannel(), context.inputStreamId());
            final Subscription clientIn = aeron.addSubscription(context.outputChannel(), context.outputStreamId());
            final EchoServer server = new EchoServer(serverIn, serverOut, journal, syncPolicy, syncer,
                context.journalSyncInputs(), EngineConfiguration.newIdleStrategy(
                EngineConfiguration.PUBLISHER_IDLE_STRATEGY_PROP_NAME, context.publisherIdleStrategyName()));
            runner = new AgentRunner(EngineConfiguration.newIdleStrategy(
                EngineConfiguration.RECEIVER_IDLE_STRATEGY_PROP_NAME, context.receiverIdleStrategyName()),
                Throwable::printStackTrace, null, server);
            AgentRunner.startOnThread(runner);
            awaitConnected(clientOut, clientIn);
            System.out.printf("%s: offering the same checks and dones for %d s after %d s warm-up%s%n", name,
                client.seconds(), client.warmupSeconds(),
                null == journal ? "" : ", journal sync " + syncPolicy.propertyValue());
            final RoundTripClient.Result result = client.run(
                clientOut, clientIn, stream, OrderCheckEncoder.TEMPLATE_ID, () -> {});
            CheckLatencyHarness.printLatency(name + " round trip from intended send", result.histogram(),
                MICROS, "µs");
            return new Row(name, result);
        }
        finally
        {
            // the echo thread appends to the journal and the syncer syncs it: both stop before it closes
            CloseHelper.closeAll(runner, syncer, journal, aeron, serverAeron, driver);
        }
    }

    // as the engine launches its embedded driver
    private static MediaDriver launchDriver(final String aeronDir)
    {
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .aeronDirectoryName(aeronDir));
    }

    private static void awaitConnected(final Publication publication, final Subscription subscription)
    {
        final long deadline = System.nanoTime() + CONNECT_TIMEOUT_NS;
        while (!publication.isConnected() || !subscription.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("echo streams did not connect");
            }
            Thread.yield();
        }
    }

    private static void printRatio(final PrintStream out, final String name, final Histogram over, final Histogram base)
    {
        out.printf("  %-15s %8.2f× %8.2f× %8.2f× %8.2f× %8.2f×%n", name,
            ratio(over, base, 50), ratio(over, base, 90), ratio(over, base, 99), ratio(over, base, 99.9),
            (double)over.getMaxValue() / Math.max(1, base.getMaxValue()));
    }

    private static double ratio(final Histogram over, final Histogram base, final double percentile)
    {
        return (double)over.getValueAtPercentile(percentile) / Math.max(1, base.getValueAtPercentile(percentile));
    }

    /**
     * One row of the table: a server's round trips.
     */
    public static final class Row
    {
        private final String name;
        private final Histogram histogram;
        private final long received;
        private final long measured;

        /**
         * @param name   of the server.
         * @param result of its run.
         */
        public Row(final String name, final RoundTripClient.Result result)
        {
            this.name = name;
            this.histogram = result.histogram();
            this.received = result.received();
            this.measured = result.measured();
        }

        /** @return the server's name. */
        public String name()
        {
            return name;
        }

        /** @return its round trips in nanoseconds. */
        public Histogram histogram()
        {
            return histogram;
        }

        /** @return measured checks answered. */
        public long received()
        {
            return received;
        }

        /** @return measured checks offered. */
        public long measured()
        {
            return measured;
        }
    }
}
