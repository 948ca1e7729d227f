package io.pme.bench;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Journal;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.pipeline.JournalSyncer;
import io.pme.engine.journal.JournalReader;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The echo servers on a real media driver, driven by the real round-trip client: every check comes back, the
 * journal echo has journaled every frame, in the order sent, before echoing it, and syncs as the policy says.
 */
class EchoServerTest
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int IN = 1001;
    private static final int OUT = 1002;
    private static final int RATE = 2_000;
    private static final int SYNC_INPUTS = 300;

    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void setUp()
    {
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void tearDown()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void rawEchoAnswersEveryCheck() throws Exception
    {
        final RoundTripClient.Result result = echo(null, JournalSyncPolicy.NONE, null);

        assertEquals(RATE, result.measured());
        assertEquals(RATE, result.received());
        assertEquals(2 * RATE, result.answered());
        assertEquals(0, result.accepted());
        // the receiver stops at the last check's answer, possibly before its done's echo
        assertTrue(result.outputsInWindow() >= 2 * RATE - 1, "the check and the done of each come back");
    }

    @Test
    void journalEchoJournalsEveryFrameInOrder() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = new Journal(journalDir))
        {
            final RoundTripClient.Result result = echo(journal, JournalSyncPolicy.NONE, null);
            assertEquals(RATE, result.received());
            assertEquals(0, journal.syncedCount());
        }

        final long[] frames = { 0 };
        try (JournalReader reader = new JournalReader(journalDir))
        {
            reader.fromStart().readAll((buffer, offset, length, index) ->
            {
                final long correlationId =
                    buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + 8, LITTLE_ENDIAN);
                final int template = buffer.getShort(offset + 2, LITTLE_ENDIAN);
                frames[0]++;
                assertEquals(frames[0], correlationId);
                assertEquals(1 == (frames[0] & 1) ? OrderCheckEncoder.TEMPLATE_ID : OrderDoneEncoder.TEMPLATE_ID,
                    template);
                assertEquals(1 == (frames[0] & 1) ? CheckStream.CHECK_LENGTH : CheckStream.DONE_LENGTH, length);
            });
        }
        assertEquals(4L * RATE, frames[0]);
    }

    @Test
    void everyInputJournalEchoSyncsEachFrameBeforeItsEcho() throws Exception
    {
        try (Journal journal = new Journal(dir.resolve("journal")))
        {
            final RoundTripClient.Result result = echo(journal, JournalSyncPolicy.EVERY_INPUT, null);
            assertEquals(RATE, result.received());
            assertEquals(4L * RATE, journal.appendedCount());
            // the last done's echo leaves after its sync, so nothing appended is left unsynced
            assertEquals(journal.appendedCount(), journal.syncedCount());
        }
    }

    @Test
    void periodicJournalEchoWakesItsSyncerEveryNFrames() throws Exception
    {
        try (Journal journal = new Journal(dir.resolve("journal"));
            JournalSyncer syncer = new JournalSyncer(
                journal, EngineCounters.local(), Throwable::printStackTrace, TimeUnit.MINUTES.toNanos(10)))
        {
            syncer.start();
            final RoundTripClient.Result result = echo(journal, JournalSyncPolicy.PERIODIC, syncer);
            assertEquals(RATE, result.received());
            // the interval is ten minutes: only the wakes every SYNC_INPUTS frames can have synced
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (journal.syncedCount() < 4L * RATE - SYNC_INPUTS && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
            assertTrue(journal.syncedCount() >= 4L * RATE - SYNC_INPUTS, "synced " + journal.syncedCount());
        }
    }

    // one second of warm-up and one measured: 2 * RATE checks and as many dones
    private RoundTripClient.Result echo(
        final Journal journal, final JournalSyncPolicy policy, final JournalSyncer syncer) throws InterruptedException
    {
        try (Subscription serverIn = aeron.addSubscription(CHANNEL, IN);
            Publication serverOut = aeron.addPublication(CHANNEL, OUT);
            ExclusivePublication clientOut = aeron.addExclusivePublication(CHANNEL, IN);
            Subscription clientIn = aeron.addSubscription(CHANNEL, OUT))
        {
            final EchoServer server = new EchoServer(
                serverIn, serverOut, journal, policy, syncer, SYNC_INPUTS, new YieldingIdleStrategy());
            final AgentRunner runner = new AgentRunner(
                new BackoffIdleStrategy(), Throwable::printStackTrace, null, server);
            AgentRunner.startOnThread(runner);
            try
            {
                while (!clientOut.isConnected() || !clientIn.isConnected())
                {
                    Thread.yield();
                }
                final CheckStream stream = new CheckStream(new BenchMarket(), 100, 0, 7, BenchMarket.CHECK_CLIENT);
                final RoundTripClient.Result result = new RoundTripClient(RATE, 1, 1).run(
                    clientOut, clientIn, stream, OrderCheckEncoder.TEMPLATE_ID, () -> {});
                assertTrue(result.histogram().getMaxValue() > 0);
                // the last done may still be on its way when the last check's answer is in
                final long deadline = System.nanoTime() + 10_000_000_000L;
                while (null != journal && journal.appendedCount() < 4L * RATE && System.nanoTime() < deadline)
                {
                    Thread.yield();
                }
                return result;
            }
            finally
            {
                runner.close();
            }
        }
    }
}
