package io.pme.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.gateway.feed.FeedAdapter;
import io.pme.gateway.feed.FeedReplayer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine in its own JVM (its own embedded media driver), the gateway client and the feed adapter in this one:
 * over IPC through the engine's driver directory, and over UDP on loopback with a media driver of the client's own.
 */
class SeparateProcessTest
{
    private static final long TIMEOUT_S = 30;
    // a healthy engine process is ready in a few seconds; generous for a loaded machine, yet bounded
    private static final long READY_TIMEOUT_S = 60;

    @TempDir
    Path dir;

    @Test
    void ipcThroughTheEnginesDriver() throws Exception
    {
        final Process engine = start("aeron:ipc", "aeron:ipc", "aeron:ipc");
        try
        {
            exercise(new PmeClient.Context().aeronDirectoryName(dir.resolve("aeron").toString()));
        }
        finally
        {
            stop(engine);
        }
    }

    @Test
    void udpWithAClientDriverOfItsOwn() throws Exception
    {
        // outputs on a multi-destination channel: every gateway subscribes with an endpoint of its own
        final String input = EngineFixture.udpChannel();
        final String control = "localhost:" + EngineFixture.freePort();
        final String output = "aeron:udp?control-mode=dynamic|control=" + control;
        final Process engine = start(input, output, EngineFixture.udpChannel() + "|control=" + control);
        try
        {
            exercise(new PmeClient.Context()
                .embeddedMediaDriver(true)
                .aeronDirectoryName(dir.resolve("client-aeron").toString())
                .inputChannel(input)
                .outputChannel(EngineFixture.udpChannel() + "|control=" + control));
        }
        finally
        {
            stop(engine);
        }
    }

    @Test
    void anEngineProcessThatFailsExitsAndFailsTheTestAtOnce()
    {
        final long startNs = System.nanoTime();
        final AssertionFailedError failure = assertThrows(
            AssertionFailedError.class, () -> start("aeron:no-such-media", "aeron:ipc", "aeron:ipc"));
        assertTrue(failure.getMessage().contains("exit code 1"), failure.getMessage());
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S), "not at once");
    }

    private static void exercise(final PmeClient.Context context)
    {
        try (PmeClient client = PmeClient.connect(context.clientId(7).secretHex(EngineFixture.SECRET_7)))
        {
            assertTrue(client.isConnected(), "not connected to the engine process");
            assertEquals(LogonStatus.ACCEPTED, client.logon());
            assertEquals(Status.ACCEPTED,
                client.check(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.1, 90_000, 1).status());
            final CheckResponse rejected =
                client.check(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 50, 90_000, 2);
            assertEquals(RejectReason.INSUFFICIENT_MARGIN, rejected.reason());

            // a feed adapter in this process (client 2, source 1) on a venue stream of this process's driver
            try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(context.aeronDirectoryName())
                .errorHandler(Throwable::printStackTrace));
                PmeClient feed = PmeClient.connect(new PmeClient.Context().aeron(aeron)
                    .inputChannel(context.inputChannel()).outputChannel(context.outputChannel())
                    .clientId(2).secretHex("02".repeat(32)));
                Subscription venue = aeron.addSubscription("aeron:ipc", 2001);
                ExclusivePublication venueOut = aeron.addExclusivePublication("aeron:ipc", 2001))
            {
                assertEquals(LogonStatus.ACCEPTED, feed.logon());
                final FeedAdapter adapter = new FeedAdapter(feed, venue, new FeedAdapter.Mapping(1).asset("XBT", 2));
                new FeedReplayer(venueOut, new BackoffIdleStrategy(), 0).ticker(1764000100000000000L, "XBT", 91_000);
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
                while (adapter.acked() < 1)
                {
                    assertTrue(System.nanoTime() < deadline, "price not applied: refused " + adapter.refused());
                    idle.idle(adapter.doWork());
                }
            }
            final QueryResponse query = client.query(EngineFixture.ACCOUNT, -1, Side.BUY, 0, 0);
            assertEquals(Status.ANSWERED, query.status());
        }
    }

    private Process start(final String input, final String output, final String operatorOutput) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + Path.of("..", "scripts", "jvm.options").toAbsolutePath().normalize());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineMain.class.getName());
        command.add(dir.toString());
        command.add(input);
        command.add(output);
        command.add(operatorOutput);
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // read on a thread of its own: a child that hangs before READY must fail the test, not block it
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicBoolean ready = new AtomicBoolean();
        final Thread reader = new Thread(() -> awaitReady(process, ready, ended), "engine-process-output");
        reader.setDaemon(true);
        reader.start();
        if (!ended.await(READY_TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("engine process not ready within " + READY_TIMEOUT_S + " s");
        }
        if (!ready.get())
        {
            if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
            fail("engine process ended before it was ready: " +
                (process.isAlive() ? "still running" : "exit code " + process.exitValue()));
        }
        return process;
    }

    private static void awaitReady(final Process process, final AtomicBoolean ready, final CountDownLatch ended)
    {
        try (BufferedReader reader =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                if (line.contains("READY") && !ready.getAndSet(true))
                {
                    ended.countDown();
                }
            }
        }
        catch (final IOException ignore)
        {
            // the process went away: the waiting test reports it
        }
        ended.countDown();
    }

    private static void stop(final Process process) throws InterruptedException
    {
        try
        {
            process.getOutputStream().close();
        }
        catch (final IOException ignore)
        {
            // already gone
        }
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }
}
