package io.pme.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.pme.codecs.CheckResultEncoder;
import io.pme.engine.Engine;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineThreadingMode;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.margin.PortfolioRiskModel;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * End to end: the running {@link Engine} (embedded media driver, Disruptor ring, Chronicle Queue journal in a
 * temporary directory, {@link PortfolioRiskModel}) and a client in this process talking to it over Aeron IPC.
 * The client first loads N accounts by sending the {@link BenchMarket} setup frames, then a {@link RoundTripClient}
 * offers OrderCheck frames at a fixed rate, each followed by its OrderDone, and records the round trip of each check
 * from its intended send time (no coordinated omission). Before the engine starts, the same client measures the
 * {@link EchoFloors} (a raw Aeron echo, an echo after a Chronicle Queue append) at the same rate; the run ends with
 * the three rows side by side and their ratios ({@code --no-floors} skips them). Stops by itself.
 *
 * <pre>
 * EndToEndHarness [--rate CHECKS_PER_S] [--seconds S] [--warmup S] [--accounts N] [--hot K]
 *                 [--wait busy|yielding|sleeping|blocking] [--journal-sync none|periodic|every-input] [--no-floors]
 *                 [--threading-mode dedicated|shared] [--keep-journal DIR]
 * </pre>
 * {@code --keep-journal} journals into {@code DIR} and leaves it there, e.g. for {@code pme replay} of a journal of
 * checks and dones.
 * In the shared threading mode the engine's one agent has no ring wait strategy: {@code --wait} then names its idle
 * strategy ({@code busy} spins, {@code yielding} yields, {@code sleeping} and {@code blocking} back off), so one
 * flag asks both modes for the same way of waiting.
 */
public final class EndToEndHarness
{
    private EndToEndHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        int rate = 10_000;
        int seconds = 10;
        int warmupSeconds = 3;
        int accounts = 10_000;
        int hot = 0;
        boolean floors = true;
        String wait = System.getProperty(
            EngineConfiguration.WAIT_STRATEGY_PROP_NAME, EngineConfiguration.WAIT_STRATEGY_DEFAULT);
        String journalSync = EngineConfiguration.journalSyncName();
        String threadingMode = EngineConfiguration.threadingModeName();
        Path keptJournal = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--rate": rate = Integer.parseInt(args[++i]); break;
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--warmup": warmupSeconds = Integer.parseInt(args[++i]); break;
                case "--accounts": accounts = Integer.parseInt(args[++i]); break;
                case "--hot": hot = Integer.parseInt(args[++i]); break;
                case "--wait": wait = args[++i]; break;
                case "--no-floors": floors = false; break;
                case "--journal-sync": journalSync = args[++i]; break;
                case "--threading-mode": threadingMode = args[++i]; break;
                case "--keep-journal": keptJournal = Path.of(args[++i]); break;
                default: throw new IllegalArgumentException("usage: EndToEndHarness [--rate N] [--seconds S] " +
                    "[--warmup S] [--accounts N] [--hot K] [--wait busy|yielding|sleeping|blocking] " +
                    "[--journal-sync none|periodic|every-input] [--no-floors] [--threading-mode dedicated|shared] " +
                    "[--keep-journal DIR]; " +
                    "unknown " + args[i]);
            }
        }
        if (rate <= 0 || seconds <= 0 || warmupSeconds < 0 || accounts <= 0)
        {
            throw new IllegalArgumentException("rate, seconds and accounts must be positive");
        }

        final Path work = Files.createTempDirectory("pme-e2e-");
        final File shm = new File("/dev/shm");
        final String aeronDir = (shm.isDirectory() ? shm.getPath() : work.toString()) +
            "/pme-e2e-" + ProcessHandle.current().pid();
        final EngineContext context = new EngineContext()
            .maxAccounts(accounts)
            .journalDir(null != keptJournal ? keptJournal : work.resolve("journal"))
            .aeronDirectoryName(aeronDir)
            .countersFile(work.resolve("counters.dat").toFile())
            .waitStrategyName(wait)
            .journalSyncName(journalSync)
            .threadingModeName(threadingMode)
            .sharedIdleStrategyName(System.getProperty(
                EngineConfiguration.SHARED_IDLE_STRATEGY_PROP_NAME, sharedIdleStrategyName(wait)))
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();
        final RoundTripClient client = new RoundTripClient(rate, seconds, warmupSeconds);
        final List<EchoFloors.Row> floorRows =
            floors ? EchoFloors.measure(context, aeronDir, work, client, accounts, hot) : List.of();
        System.out.printf("engine: embedded driver %s, journal %s, threading mode %s, %s, journal sync %s%s%n",
            aeronDir, work, context.threadingMode().propertyValue(),
            EngineThreadingMode.SHARED == context.threadingMode() ?
            "idle strategy " + context.sharedIdleStrategyName() : "wait strategy " + wait,
            journalSync, JournalSyncPolicy.PERIODIC == context.journalSync() ?
            String.format(" (every %,d inputs or %,d µs)", context.journalSyncInputs(),
            TimeUnit.NANOSECONDS.toMicros(context.journalSyncIntervalNs())) : "");
        try (Engine engine = Engine.launch(context);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(engine.aeronDirectoryName()));
            ExclusivePublication publication =
                aeron.addExclusivePublication(context.inputChannel(), context.inputStreamId());
            Subscription subscription = aeron.addSubscription(context.outputChannel(), context.outputStreamId()))
        {
            awaitConnected(publication, subscription);
            load(engine, publication, subscription, accounts);
            final RoundTripClient.Result pme = run(engine, publication, subscription, client, accounts, hot);
            if (floors)
            {
                EchoFloors.print(System.out, floorRows.get(0), floorRows.get(1), new EchoFloors.Row("pme", pme));
            }
        }
        finally
        {
            IoUtil.delete(work.toFile(), true);
            IoUtil.delete(new File(aeronDir), true);
        }
    }

    // the shared agent's counterpart of a ring wait strategy
    private static String sharedIdleStrategyName(final String wait)
    {
        switch (wait)
        {
            case "busy":
                return "spin";
            case "yielding":
                return "yield";
            default:
                return EngineConfiguration.SHARED_IDLE_STRATEGY_DEFAULT;
        }
    }

    private static void awaitConnected(final Publication publication, final Subscription subscription)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected() || !subscription.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("engine streams did not connect");
            }
            Thread.yield();
        }
    }

    private static final FragmentHandler DISCARD = (buffer, offset, length, header) -> {};

    private static void load(
        final Engine engine,
        final ExclusivePublication publication,
        final Subscription subscription,
        final int accounts)
    {
        final long start = System.nanoTime();
        final long expected = BenchMarket.setupFrameCount(accounts);
        new BenchMarket().writeSetup(accounts, BenchState.SEED, (buffer, offset, length) ->
            offer(publication, subscription, buffer, offset, length));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (engine.counters().inputs().get() < expected)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("engine processed " + engine.counters().inputs().get() + " of " +
                    expected + " setup inputs");
            }
            subscription.poll(DISCARD, 1024);
            Thread.yield();
        }
        while (subscription.poll(DISCARD, 1024) > 0)
        {
            Thread.yield();
        }
        final long rejects = engine.counters().rejects().get();
        System.out.printf("setup: %,d accounts, %,d inputs over Aeron in %,d ms, %,d rejected, %,d outputs dropped%n",
            accounts, expected, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), rejects,
            engine.counters().outputsDropped().get());
        if (0 != rejects)
        {
            throw new IllegalStateException("setup inputs refused: " + rejects);
        }
    }

    private static void offer(
        final Publication publication, final Subscription subscription,
        final DirectBuffer buffer, final int offset, final int length)
    {
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("input publication unusable: " + Publication.errorString(result));
            }
            subscription.poll(DISCARD, 1024);
            Thread.yield();
        }
    }

    private static RoundTripClient.Result run(
        final Engine engine, final ExclusivePublication publication, final Subscription subscription,
        final RoundTripClient client, final int accounts, final int hot) throws InterruptedException
    {
        final CheckStream stream = new CheckStream(new BenchMarket(), accounts, hot, 7, BenchMarket.CHECK_CLIENT);
        final long inputsBefore = engine.counters().inputs().get();
        System.out.printf("offering %,d checks/s (+ one OrderDone each) for %d s after %d s warm-up, %,d accounts%s%n",
            client.rate(), client.seconds(), client.warmupSeconds(), accounts, hot > 0 ? " (" + hot + " hot)" : "");
        final RoundTripClient.Result result = client.run(
            publication, subscription, stream, CheckResultEncoder.TEMPLATE_ID, () -> engine.checkLatency().reset());

        final long received = result.received();
        final double windowS = result.windowSeconds();
        final long inputs = engine.counters().inputs().get() - inputsBefore;
        System.out.printf(
            "checks answered %,d of %,d measured (%,d in all), accepted %.1f%%, back-pressured offers %,d, " +
            "inputs processed %,d, outputs dropped %,d, engine errors %d%n",
            received, result.measured(), result.answered(), 100.0 * result.accepted() / Math.max(1, received),
            result.backPressured(), inputs, engine.counters().outputsDropped().get(), engine.pipelineErrors());
        CheckLatencyHarness.printLatency("round trip from intended send", result.histogram(), 1_000.0, "µs");
        final Histogram inEngine = engine.checkLatency().getIntervalHistogram();
        CheckLatencyHarness.printLatency("engine receive→decided (BusinessLogicHandler)", inEngine, 1_000.0, "µs");
        if (engine.checkLatency().clampedCount() > 0)
        {
            System.out.printf("engine latencies outside its histogram's range, recorded at its edge: %,d%n",
                engine.checkLatency().clampedCount());
        }
        System.out.printf("sustained: %,.0f checks/s answered | messages in %,.0f/s (checks + dones) | " +
            "messages out %,.0f/s | in + out %,.0f/s%n",
            received / windowS, 2.0 * received / windowS, result.outputsInWindow() / windowS,
            (2.0 * received + result.outputsInWindow()) / windowS);
        final long syncs = engine.counters().journalSyncs().get();
        System.out.printf("journal: %,d excerpts appended, %,d of them synced to the device in %,d syncs " +
            "(mean %,.0f µs, max %,d µs; setup included)%n",
            engine.counters().journalPosition().get(), engine.counters().journalSynced().get(), syncs,
            engine.counters().journalSyncTimeUs().get() / (double)Math.max(1, syncs),
            engine.counters().journalSyncMaxUs().get());
        if (received < result.measured())
        {
            System.out.println("WARNING: not every check was answered in time: the offered rate is above capacity");
        }
        return result;
    }
}
