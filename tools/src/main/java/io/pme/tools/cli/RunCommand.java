package io.pme.tools.cli;

import io.aeron.ExclusivePublication;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.engine.Engine;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.EngineThreadingMode;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.codecs.LogonStatus;
import io.pme.engine.session.ClientCredentials;
import io.pme.engine.session.SessionLogonClient;
import io.pme.engine.session.SessionsFile;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.PublicationFrameSink;
import io.pme.simulation.SimulationAgent;
import io.pme.simulation.SimulationConfig;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import io.aeron.Subscription;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code pme run}: the engine on an embedded media driver, driven over Aeron by the built-in market simulation,
 * with a one-line status every second and the state digest at the end. The simulation plays the venue's side of the
 * liquidation waterfall too (its liquidation desk reads the engine's outputs on a subscription of its own), and the
 * run ends with a line of what the liquidations did, written as JSON with {@code --summary FILE}.
 */
final class RunCommand
{
    private static final long DRAIN_TIMEOUT_MS = 60_000;
    private static final long LOGON_TIMEOUT_MS = 10_000;
    /** The simulation's clients: admin, price feed, gateway, exchange, liquidators (see simulation.FrameWriter). */
    private static final int[] SIMULATION_CLIENTS = {1, 2, 3, 4, 5};
    private static final String DIRECT_MEMORY_NOTE = "scripts/pme sizes -XX:MaxDirectMemorySize to --accounts; " +
        "running java yourself, give it one, about 12g for a million accounts";

    /** The options it takes, each with a value. */
    static final Set<String> OPTIONS =
        Set.of("duration", "accounts", "seed", "journal", "rate", "aeron-dir", "sessions", "journal-sync",
            "threading-mode", "summary");

    private RunCommand()
    {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        return run(args, out, err, engine -> {});
    }

    /**
     * @param launched given the engine once it runs: a test's way to break its journal underneath, as a full disk
     *                 would, and see what the command does about it.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err, final Consumer<Engine> launched)
    {
        final Options options = new Options(args, 1, OPTIONS, Set.of());
        final long durationS = options.positiveLong("duration", 30);
        final int accounts = (int)Math.min(options.positiveLong("accounts", 2_000), 1_000_000);
        final long seed = options.anyLong("seed", 42);
        final long rate = options.positiveLong("rate", 5_000);
        final JournalSyncPolicy journalSync = journalSync(options);
        final EngineThreadingMode threadingMode = threadingMode(options);
        final TempDirectory journal = TempDirectory.orGiven(options.string("journal", null), "pme-journal");
        final String sessions = options.string("sessions", null);
        final String summaryFile = options.string("summary", null);

        final EngineContext context = new EngineContext()
            .journalDir(journal.path())
            .journalSync(journalSync)
            .threadingMode(threadingMode)
            .recoveryReportStream(out)
            .aeronDirectoryName(options.string("aeron-dir", StatCommand.defaultAeronDir()))
            .maxAccounts(Math.max(EngineConfiguration.MAX_ACCOUNTS_DEFAULT, accounts + 1_000));
        if (null != sessions)
        {
            context.sessionsFile(Path.of(sessions));
        }
        out.printf("pme run: %,d accounts, seed %d, %,d msgs/s offered for %d s, journal %s (sync %s), " +
            "threading mode %s%n",
            accounts, seed, rate, durationS, journal.isTemporary() ? "(temporary)" : journal.path(),
            null != journalSync ? journalSync.propertyValue() : context.journalSyncName(),
            null != threadingMode ? threadingMode.propertyValue() : context.threadingModeName());
        final Engine engine = launch(context, err);
        if (null == engine)
        {
            journal.deleteIfTemporary();
            return 1;
        }
        launched.accept(engine);
        final Outputs outputs = new Outputs();
        final MarketSimulation simulation = new MarketSimulation(
            new SimulationConfig().seed(seed).accounts(accounts).liquidationDesk(true));
        final Status status = new Status(engine, outputs, out);
        try (EngineClient client = new EngineClient(
            engine.aeron(), context.inputChannel(), context.inputStreamId(), context.outputChannel(),
            context.outputStreamId(), outputs::onOutput);
            ExclusivePublication publication =
                engine.aeron().addExclusivePublication(context.inputChannel(), context.inputStreamId());
            Subscription deskOutputs = engine.aeron().addSubscription(
                context.outputChannel(), context.outputStreamId()))
        {
            client.awaitConnected(10_000);
            awaitConnected(deskOutputs, 10_000);
            if (null != context.sessionsFile() && !logOn(engine, context, publication, err))
            {
                return 1;
            }
            // the opening book goes out as fast as the engine takes it, never more than half its ring ahead
            final long inputsBefore = engine.counters().inputs().get();
            final SimulationAgent agent = new SimulationAgent(
                simulation, new PublicationFrameSink(publication), SystemNanoClock.INSTANCE, rate,
                SimulationAgent.DEFAULT_MAX_BURST, () -> engine.counters().inputs().get() - inputsBefore,
                Math.max(1, context.ringSize() / 2), deskOutputs);
            final AgentRunner simulationRunner = new AgentRunner(
                new BackoffIdleStrategy(), Throwable::printStackTrace, null, agent);
            AgentRunner.startOnThread(simulationRunner);
            final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationS);
            boolean openingReported = false;
            while (System.nanoTime() < endNs && !engine.isFailed())
            {
                pollFor(client, 1_000);
                status.print(openingReported);
                openingReported = openingReported || reportOpening(agent, accounts, out);
            }
            if (!openingReported)
            {
                out.printf("opening book: %,d of %,d frames taken by the end of the run%n",
                    Math.min(simulation.referenceFrameCount(), engine.counters().inputs().get() - inputsBefore),
                    simulation.referenceFrameCount());
            }
            simulationRunner.close();
            // nobody reads it any more: left open, it would hold the engine's output stream back
            deskOutputs.close();
            if (!engine.isFailed())
            {
                drain(engine, client, simulation.framesGenerated(), err);
            }
            status.print(openingReported);
            status.end();
        }
        finally
        {
            engine.close();
            journal.deleteIfTemporary();
        }
        if (engine.isFailed())
        {
            reportFailure(engine, err);
            return 1;
        }
        return report(engine, simulation, outputs, status, summaryFile, out, err);
    }

    // after the engine closed: its state may be read now, its counters no longer (the status read them before)
    private static int report(
        final Engine engine,
        final MarketSimulation simulation,
        final Outputs outputs,
        final Status status,
        final String summaryFile,
        final PrintStream out,
        final PrintStream err)
    {
        final long digest = engine.digest();
        final long correlationDigest = engine.correlationDigest();
        // the digest settled every change kept for later: the state's figures are those it covers
        final RunSummary summary = new RunSummary(
            simulation.framesGenerated(), digest, correlationDigest, status.outputsDropped, engine.state(),
            outputs.liquidations, status.oracle);
        // before the summary lines, whose places from the end are the README's
        if (null != status.snapshots)
        {
            out.println(status.snapshots);
        }
        out.println(summary.line());
        status.printMarket();
        out.printf("sent %,d inputs; %,d outputs received, %,d checks accepted, %,d rejected; %,d pipeline errors%n",
            simulation.framesGenerated(), outputs.count, outputs.accepted, outputs.rejected, engine.pipelineErrors());
        if (engine.pipelineErrors() > 0)
        {
            err.print(engine.errors().summary());
        }
        out.println(Pme.digestLine(digest, correlationDigest));
        return null == summaryFile ? 0 : writeSummary(summary, Path.of(summaryFile), err);
    }

    private static int writeSummary(final RunSummary summary, final Path file, final PrintStream err)
    {
        try
        {
            summary.write(file);
            return 0;
        }
        catch (final IOException ex)
        {
            err.println("pme run: cannot write the summary to " + file + ": " + ex.getMessage());
            return 1;
        }
    }

    private static void awaitConnected(final Subscription subscription, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!subscription.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("engine output stream did not connect within " + timeoutMs + " ms");
            }
            Thread.onSpinWait();
        }
    }

    // a bad setting or sessions file stops the run before anything starts, said in one line instead of a trace
    private static Engine launch(final EngineContext context, final PrintStream err)
    {
        try
        {
            return Engine.launch(context.conclude());
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("pme run: cannot start the engine: " + ex.getMessage());
            return null;
        }
        catch (final IllegalStateException ex)
        {
            // recovery refused the journal (a damaged entry) or a snapshot (other parameters): acting on what it
            // could read would build another state than the one journaled
            err.println("pme run: the engine could not recover from " + context.journalDir() + ": " +
                ex.getMessage());
            return null;
        }
    }

    // fail-stop: the engine acted on nothing from the failed append (or the fatal error) on, so the run is not
    // complete
    private static void reportFailure(final Engine engine, final PrintStream err)
    {
        err.println("pme run: " + (engine.counters().fatalErrors().get() > 0 ?
            "the business logic met a fatal error" : "the journal failed") +
            ", the engine stopped taking input: " + engine.failureCause());
        if (engine.failureCause() instanceof OutOfMemoryError)
        {
            err.println("pme run: the book lives in direct memory (" + DIRECT_MEMORY_NOTE + ")");
        }
        err.print(engine.errors().summary());
    }

    // null leaves the mode to pme.threading.mode
    private static EngineThreadingMode threadingMode(final Options options)
    {
        final String name = options.string("threading-mode", null);
        try
        {
            return null == name ? null : EngineThreadingMode.fromName(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Options.UsageException("option --threading-mode: " + ex.getMessage());
        }
    }

    // null leaves the policy to pme.journal.sync
    private static JournalSyncPolicy journalSync(final Options options)
    {
        final String name = options.string("journal-sync", null);
        try
        {
            return null == name ? null : JournalSyncPolicy.fromName(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new Options.UsageException("option --journal-sync: " + ex.getMessage());
        }
    }

    private static boolean reportOpening(final SimulationAgent agent, final int accounts, final PrintStream out)
    {
        final long openingNs = agent.openingDurationNs();
        if (openingNs < 0)
        {
            return false;
        }
        out.printf("opening book: %,d frames (%,d accounts opened, funded and filled) taken by the engine in %.1f s," +
            " unpaced; the market now runs at the offered rate%n",
            agent.simulation().referenceFrameCount(), accounts, openingNs / 1e9);
        return true;
    }

    // with a sessions file the simulation's one connection logs on as each of its clients, in the file's names
    private static boolean logOn(
        final Engine engine, final EngineContext context, final ExclusivePublication publication, final PrintStream err)
    {
        final SessionsFile file = SessionsFile.load(context.sessionsFile());
        try (Subscription answers = engine.aeron().addSubscription(context.outputChannel(), context.outputStreamId()))
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOGON_TIMEOUT_MS);
            while (!publication.isConnected() || !answers.isConnected())
            {
                if (System.nanoTime() > deadline)
                {
                    err.println("pme run: simulation streams did not connect");
                    return false;
                }
                Thread.onSpinWait();
            }
            final SessionLogonClient logon = new SessionLogonClient(publication, answers);
            for (final int clientId : SIMULATION_CLIENTS)
            {
                final ClientCredentials credentials = file.client(clientId);
                if (null == credentials)
                {
                    err.println("pme run: the sessions file has no client " + clientId + " for the simulation");
                    return false;
                }
                if (MarketSimulation.FEED_CLIENT_ID == clientId && !publishesEverySource(credentials))
                {
                    // refused at the session layer, the feed's other venues would leave the opening book unfinished
                    err.println("pme run: the sessions file's client " + clientId + " may not publish as sources " +
                        "1 to " + MarketSimulation.SOURCES_PER_ASSET + ", the simulation's venues");
                    return false;
                }
                final LogonStatus status = logon.logon(credentials, LOGON_TIMEOUT_MS);
                if (LogonStatus.ACCEPTED != status)
                {
                    err.println("pme run: simulation client " + clientId + " could not log on: " + status);
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean publishesEverySource(final ClientCredentials credentials)
    {
        for (int sourceId = 1; sourceId <= MarketSimulation.SOURCES_PER_ASSET; sourceId++)
        {
            if (!credentials.isAllowedSource(sourceId))
            {
                return false;
            }
        }
        return true;
    }

    private static void pollFor(final EngineClient client, final long millis)
    {
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        while (System.nanoTime() < until)
        {
            idle.idle(client.poll());
        }
    }

    private static void drain(final Engine engine, final EngineClient client, final long sent, final PrintStream err)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        final EngineCounters counters = engine.counters();
        while (counters.inputs().get() < sent + engine.recovery().replayed() && !engine.isFailed())
        {
            if (System.nanoTime() > deadline)
            {
                err.printf("pme run: engine processed %,d of %,d inputs before the drain timeout%n",
                    counters.inputs().get(), sent);
                return;
            }
            pollFor(client, 10);
        }
        pollFor(client, 100);
    }

    private static final class Outputs
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final CheckResultDecoder checkResult = new CheckResultDecoder();
        private final LiquidationTally liquidations = new LiquidationTally();
        private long count;
        private long accepted;
        private long rejected;

        void onOutput(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            count++;
            header.wrap(buffer, offset);
            if (liquidations.onOutput(buffer, offset, header.templateId(), header.blockLength(), header.version()))
            {
                return;
            }
            if (CheckResultDecoder.TEMPLATE_ID == header.templateId())
            {
                checkResult.wrap(
                    buffer, offset + 8, CheckResultDecoder.BLOCK_LENGTH, CheckResultDecoder.SCHEMA_VERSION);
                if (CheckOutcome.ACCEPTED == checkResult.outcome())
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }
        }
    }

    private static final class Status
    {
        private final Engine engine;
        private final Outputs outputs;
        private final PrintStream out;
        private final long startNs = System.nanoTime();
        private final long rejectsAtStart;
        private final OracleCounts oracleAtStart;
        private long outputsDropped;
        private OracleCounts oracle;
        private String snapshots;
        private long lastNs = startNs;
        private long lastInputs;
        private long lastOutputs;
        private long lastChecks;
        private Histogram interval;
        private Histogram holdInterval;
        private Histogram marketChecks;
        private Histogram marketHold;

        Status(final Engine engine, final Outputs outputs, final PrintStream out)
        {
            this.engine = engine;
            this.outputs = outputs;
            this.out = out;
            // the counters include what recovery replayed: the status reports live traffic, from here on
            final EngineCounters c = engine.counters();
            lastInputs = c.inputs().get();
            lastChecks = c.checks().get();
            rejectsAtStart = c.rejects().get();
            oracleAtStart = OracleCounts.of(c);
        }

        // what the summary takes from the counters, once the engine has drained: they close with it
        void end()
        {
            final EngineCounters c = engine.counters();
            outputsDropped = c.outputsDropped().get();
            oracle = OracleCounts.of(c).since(oracleAtStart);
            snapshots = String.format("snapshots: %,d written, %,d failed, the longest held the business logic " +
                "%.1f ms (encoding; written on their own thread); retention deleted %,d files",
                c.snapshotsWritten().get(), c.snapshotFailures().get(), c.snapshotHoldMaxUs().get() / 1e3,
                c.retentionDeleted().get());
        }

        /**
         * @param market whether the second just ended belongs to the market after the opening book, whose latencies
         *               the run's summary reports.
         */
        void print(final boolean market)
        {
            final long now = System.nanoTime();
            final double seconds = Math.max(1e-9, (now - lastNs) / 1e9);
            final EngineCounters c = engine.counters();
            final long inputs = c.inputs().get();
            final long checks = c.checks().get();
            interval = engine.checkLatency().getIntervalHistogram(interval);
            holdInterval = engine.inputHold().getIntervalHistogram(holdInterval);
            if (market)
            {
                marketChecks = add(marketChecks, interval);
                marketHold = add(marketHold, holdInterval);
            }
            final LiquidationTally liquidations = outputs.liquidations;
            out.printf("t=%4ds | in %,9.0f msg/s | out %,9.0f msg/s | accounts %,d | below IM %,d | below MM %,d" +
                " | checks %,7.0f/s | p99 check %s | longest input %s | rejects %,d | journal %,d" +
                " | liquidating %,d of %,d | auctions %,d | fund %s%n",
                TimeUnit.NANOSECONDS.toSeconds(now - startNs), (inputs - lastInputs) / seconds,
                (outputs.count - lastOutputs) / seconds, c.accounts().get(), c.belowInitialMargin().get(),
                c.belowMaintenanceMargin().get(), (checks - lastChecks) / seconds, micros(interval),
                longest(holdInterval), c.rejects().get() - rejectsAtStart, c.journalPosition().get(),
                liquidations.inProgress(), liquidations.started(),
                liquidations.stage(LiquidationEventType.AUCTION_STARTED), fund(liquidations.fundEquity()));
            lastNs = now;
            lastInputs = inputs;
            lastOutputs = outputs.count;
            lastChecks = checks;
        }

        void printMarket()
        {
            if (null == marketHold || 0 == marketHold.getTotalCount())
            {
                return;
            }
            out.printf("market after the opening book: %,d inputs held the business logic p50 %s · p99 %s · " +
                "p99.99 %s · max %s; %,d checks, arrival to decision p50 %s · p99 %s · p99.9 %s · max %s%n",
                marketHold.getTotalCount(), percentile(marketHold, 50), percentile(marketHold, 99),
                percentile(marketHold, 99.99), percentile(marketHold, 100), null == marketChecks ? 0 :
                marketChecks.getTotalCount(), percentile(marketChecks, 50), percentile(marketChecks, 99),
                percentile(marketChecks, 99.9), percentile(marketChecks, 100));
        }

        private static String fund(final double equity)
        {
            return Double.isNaN(equity) ? "-" : String.format("%,.0f USD", equity);
        }

        private static Histogram add(final Histogram total, final Histogram interval)
        {
            if (null == total)
            {
                return interval.copy();
            }
            total.add(interval);
            return total;
        }

        private static String percentile(final Histogram histogram, final double percentile)
        {
            return null == histogram || 0 == histogram.getTotalCount() ? "-" :
                String.format("%.1f µs", histogram.getValueAtPercentile(percentile) / 1000.0);
        }

        private static String longest(final Histogram histogram)
        {
            return 0 == histogram.getTotalCount() ? "-" :
                String.format("%.1f µs", histogram.getMaxValue() / 1000.0);
        }

        private static String micros(final Histogram histogram)
        {
            return 0 == histogram.getTotalCount() ? "-" :
                String.format("%.1f µs", histogram.getValueAtPercentile(99) / 1000.0);
        }
    }
}
