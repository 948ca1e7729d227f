package io.pme.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.engine.Engine;
import io.pme.engine.EngineConfiguration;
import io.pme.engine.EngineContext;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.margin.PortfolioRiskModel;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * End to end: the running {@link Engine} (embedded media driver, Disruptor ring, Chronicle Queue journal in a
 * temporary directory, {@link PortfolioRiskModel}) and a client in this process talking to it over Aeron IPC.
 * The client first loads N accounts by sending the {@link BenchMarket} setup frames, then a sender thread offers
 * OrderCheck frames at a fixed rate, check i at its intended time start + i / rate, each followed at once by the
 * OrderDone that releases it; a receiver thread matches CheckResults by correlation id and records
 * (receive time − intended send time) in an HdrHistogram. Timing from the intended time, not the actual send,
 * keeps any stall of the sender or the engine in the figures (no coordinated omission). Stops by itself.
 *
 * <pre>
 * EndToEndHarness [--rate CHECKS_PER_S] [--seconds S] [--warmup S] [--accounts N] [--hot K]
 *                 [--wait busy|yielding|sleeping|blocking] [--journal-sync none|periodic|every-input]
 * </pre>
 */
public final class EndToEndHarness
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int CORRELATION_OFFSET = HEADER + 8;
    private static final int OUTCOME_OFFSET = HEADER + CheckResultEncoder.outcomeEncodingOffset();

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
        String wait = System.getProperty(
            EngineConfiguration.WAIT_STRATEGY_PROP_NAME, EngineConfiguration.WAIT_STRATEGY_DEFAULT);
        String journalSync = EngineConfiguration.journalSyncName();
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
                case "--journal-sync": journalSync = args[++i]; break;
                default: throw new IllegalArgumentException("usage: EndToEndHarness [--rate N] [--seconds S] " +
                    "[--warmup S] [--accounts N] [--hot K] [--wait busy|yielding|sleeping|blocking] " +
                    "[--journal-sync none|periodic|every-input]; unknown " + args[i]);
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
            .journalDir(work.resolve("journal"))
            .aeronDirectoryName(aeronDir)
            .countersFile(work.resolve("counters.dat").toFile())
            .waitStrategyName(wait)
            .journalSyncName(journalSync)
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();
        System.out.printf("engine: embedded driver %s, journal %s, wait strategy %s, journal sync %s%s%n",
            aeronDir, work, wait, journalSync, JournalSyncPolicy.PERIODIC == context.journalSync() ?
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
            run(engine, publication, subscription, accounts, hot, rate, seconds, warmupSeconds);
        }
        finally
        {
            IoUtil.delete(work.toFile(), true);
            IoUtil.delete(new File(aeronDir), true);
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

    private static void run(
        final Engine engine, final ExclusivePublication publication, final Subscription subscription,
        final int accounts, final int hot, final int rate, final int seconds, final int warmupSeconds)
        throws InterruptedException
    {
        final CheckStream stream = new CheckStream(new BenchMarket(), accounts, hot, 7, BenchMarket.CHECK_CLIENT);
        final long periodNs = 1_000_000_000L / rate;
        final long warmupChecks = (long)rate * warmupSeconds;
        final long total = warmupChecks + (long)rate * seconds;
        final long inputsBefore = engine.counters().inputs().get();
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final AtomicBoolean senderDone = new AtomicBoolean();
        final AtomicLong backPressured = new AtomicLong();
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);

        final Thread sender = sender(publication, stream, total, startNs, periodNs, backPressured, senderDone);

        final long[] counts = new long[4]; // results, accepted, outputs in window, last receive time
        final Thread receiver = new Thread(() ->
        {
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                final long now = System.nanoTime();
                if (CheckResultEncoder.TEMPLATE_ID == buffer.getShort(offset + 2, LITTLE_ENDIAN))
                {
                    final long i = (buffer.getLong(offset + CORRELATION_OFFSET, LITTLE_ENDIAN) - 1) / 2;
                    counts[0]++;
                    if (i >= warmupChecks)
                    {
                        histogram.recordValue(Math.max(0, now - (startNs + i * periodNs)));
                        if (CheckOutcome.ACCEPTED.value() == buffer.getByte(offset + OUTCOME_OFFSET))
                        {
                            counts[1]++;
                        }
                        counts[3] = now;
                    }
                }
                if (now >= startNs + warmupChecks * periodNs)
                {
                    counts[2]++;
                }
            };
            long deadline = Long.MAX_VALUE;
            while (counts[0] < total && System.nanoTime() < deadline)
            {
                if (0 == subscription.poll(handler, 256))
                {
                    Thread.yield();
                }
                if (Long.MAX_VALUE == deadline && senderDone.get())
                {
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
            }
        }, "e2e-receiver");

        System.out.printf("offering %,d checks/s (+ one OrderDone each) for %d s after %d s warm-up, %,d accounts%s%n",
            rate, seconds, warmupSeconds, accounts, hot > 0 ? " (" + hot + " hot)" : "");
        receiver.start();
        sender.start();
        final long measureStartNs = startNs + warmupChecks * periodNs;
        while (System.nanoTime() < measureStartNs)
        {
            Thread.sleep(10);
        }
        engine.checkLatency().reset();
        sender.join();
        receiver.join();

        final long measured = total - warmupChecks;
        final double windowS = Math.max(1, counts[3] - measureStartNs) / 1e9;
        final long received = histogram.getTotalCount();
        final long inputs = engine.counters().inputs().get() - inputsBefore;
        System.out.printf(
            "checks answered %,d of %,d measured (%,d in all), accepted %.1f%%, back-pressured offers %,d, " +
            "inputs processed %,d, outputs dropped %,d, engine errors %d%n",
            received, measured, counts[0], 100.0 * counts[1] / Math.max(1, received), backPressured.get(), inputs,
            engine.counters().outputsDropped().get(), engine.pipelineErrors());
        CheckLatencyHarness.printLatency("round trip from intended send", histogram, 1_000.0, "µs");
        final Histogram inEngine = engine.checkLatency().getIntervalHistogram();
        CheckLatencyHarness.printLatency("engine receive→decided (BusinessLogicHandler)", inEngine, 1_000.0, "µs");
        if (engine.checkLatency().clampedCount() > 0)
        {
            System.out.printf("engine latencies outside its histogram's range, recorded at its edge: %,d%n",
                engine.checkLatency().clampedCount());
        }
        System.out.printf("sustained: %,.0f checks/s answered | messages in %,.0f/s (checks + dones) | " +
            "messages out %,.0f/s | in + out %,.0f/s%n",
            received / windowS, 2.0 * received / windowS, counts[2] / windowS, (2.0 * received + counts[2]) / windowS);
        final long syncs = engine.counters().journalSyncs().get();
        System.out.printf("journal: %,d excerpts appended, %,d of them synced to the device in %,d syncs " +
            "(mean %,.0f µs, max %,d µs; setup included)%n",
            engine.counters().journalPosition().get(), engine.counters().journalSynced().get(), syncs,
            engine.counters().journalSyncTimeUs().get() / (double)Math.max(1, syncs),
            engine.counters().journalSyncMaxUs().get());
        if (received < measured)
        {
            System.out.println("WARNING: not every check was answered in time: the offered rate is above capacity");
        }
    }

    private static Thread sender(
        final ExclusivePublication publication, final CheckStream stream, final long total, final long startNs,
        final long periodNs, final AtomicLong backPressured, final AtomicBoolean senderDone)
    {
        return new Thread(() ->
        {
            long pressured = 0;
            for (long i = 0; i < total; i++)
            {
                final long intended = startNs + i * periodNs;
                long now;
                while ((now = System.nanoTime()) < intended)
                {
                    if (intended - now > 20_000)
                    {
                        Thread.yield();
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                final int k = (int)i;
                final int check = stream.stampCheck(k, 2 * i + 1, i + 1);
                pressured += send(publication, stream.checks, check, CheckStream.CHECK_LENGTH);
                final int done = stream.stampDone(k, 2 * i + 2, i + 1);
                pressured += send(publication, stream.dones, done, CheckStream.DONE_LENGTH);
            }
            backPressured.set(pressured);
            senderDone.set(true);
        }, "e2e-sender");
    }

    private static int send(
        final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        int pressured = 0;
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("input publication unusable: " + Publication.errorString(result));
            }
            pressured = 1;
            Thread.onSpinWait();
        }
        return pressured;
    }
}
