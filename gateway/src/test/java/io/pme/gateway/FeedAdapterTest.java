package io.pme.gateway;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.gateway.feed.FeedAdapter;
import io.pme.gateway.feed.FeedReplayer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recorded venue data (CSV and JSON lines) replayed onto a venue stream, read by the feed adapter and forwarded to
 * a real engine with authentication on: known symbols become prices the engine applies, unknown ones are skipped,
 * and a feed not allow-listed for its source id is refused at the boundary.
 */
class FeedAdapterTest
{
    private static final int VENUE_STREAM = 2001;

    @TempDir
    Path dir;

    @Test
    void replayedPricesReachTheEngineAndMoveMargin() throws Exception
    {
        final Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, String.join("\n",
            "# venueTimestampNs,type,symbol,value",
            "1764000001000000000,ticker,XBT,85000",
            "1764000001500000000,ticker,DOGE,0.1",
            "1764000002000000000,ticker,XBT,84000", ""));
        final Path jsonl = dir.resolve("ticks.jsonl");
        Files.writeString(jsonl,
            "{\"type\":\"ticker\",\"venueTimestampNs\":1764000003000000000,\"symbol\":\"USDC\",\"price\":1.0}\n" +
            "{\"type\":\"ticker\",\"venueTimestampNs\":1764000004000000000,\"symbol\":\"XBT\",\"price\":60000}\n");

        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc");
            PmeClient feed = PmeClient.connect(feedContext(fixture, 2, "02"));
            PmeClient trader = PmeClient.connect(new PmeClient.Context().aeron(fixture.engine.aeron())
                .clientId(7).secretHex(EngineFixture.SECRET_7));
            Subscription venue = fixture.engine.aeron().addSubscription("aeron:ipc", VENUE_STREAM);
            ExclusivePublication venueOut = fixture.engine.aeron().addExclusivePublication("aeron:ipc", VENUE_STREAM))
        {
            assertEquals(LogonStatus.ACCEPTED, feed.logon());
            assertEquals(LogonStatus.ACCEPTED, trader.logon());
            final FeedAdapter adapter = new FeedAdapter(feed, venue,
                new FeedAdapter.Mapping(1).asset("XBT", EngineFixture.BTC).asset("USDC", 1));

            // account 7 long 0.1 BTC-PERP at 90,000: prices from the venue move its equity
            fixture.fill(EngineFixture.ACCOUNT, 0.1, 90_000);
            final double before = trader.query(EngineFixture.ACCOUNT, -1, Side.BUY, 0, 0).equity();

            final FeedReplayer replayer = new FeedReplayer(venueOut, new YieldingIdleStrategy(), 0);
            assertEquals(3, replayer.replay(csv));
            assertEquals(2, replayer.replay(jsonl));
            runUntil(adapter, () -> adapter.acked() == 4);

            assertEquals(4, adapter.forwarded());
            assertEquals(1, adapter.unknownSymbols());
            assertEquals(0, adapter.refused());
            final double after = trader.query(EngineFixture.ACCOUNT, -1, Side.BUY, 0, 0).equity();
            assertEquals(before - 0.1 * 30_000, after, 1e-6, "BTC from 90,000 to 60,000 on 0.1 long");
        }
    }

    @Test
    void aFeedPublishingAsASourceItIsNotAllowListedForIsRefused() throws Exception
    {
        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc");
            PmeClient feed = PmeClient.connect(feedContext(fixture, 9, "09"));
            Subscription venue = fixture.engine.aeron().addSubscription("aeron:ipc", VENUE_STREAM);
            ExclusivePublication venueOut = fixture.engine.aeron().addExclusivePublication("aeron:ipc", VENUE_STREAM))
        {
            assertEquals(LogonStatus.ACCEPTED, feed.logon());
            final FeedAdapter adapter = new FeedAdapter(feed, venue, new FeedAdapter.Mapping(1).asset("XBT", 2));
            final FeedReplayer replayer = new FeedReplayer(venueOut, new YieldingIdleStrategy(), 0);
            replayer.ticker(1764000001000000000L, "XBT", 1.0);
            runUntil(adapter, () -> adapter.refused() == 1);
            assertEquals(RejectReason.NOT_AUTHORISED, adapter.lastRefusal());
            assertEquals(1, fixture.engine.counters().refusedSource().get());
        }
    }

    @Test
    void theAdapterAndReplayerRunAsCommands() throws Exception
    {
        final Path mapping = dir.resolve("mapping.properties");
        Files.writeString(mapping, "source.id=1\nasset.XBT=2\n");
        final Path secret = dir.resolve("feed.secret");
        Files.writeString(secret, "02".repeat(32) + "\n");
        final Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, "1764000001000000000,ticker,XBT,85000\n1764000002000000000,ticker,XBT,86000\n");
        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc"))
        {
            final String aeronDir = fixture.engine.aeronDirectoryName();
            final java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            final Thread adapter = new Thread(() ->
            {
                try
                {
                    io.pme.gateway.feed.FeedMain.run(new String[]{ "adapter", "--aeron-dir", aeronDir,
                        "--mapping", mapping.toString(), "--client-id", "2", "--secret-file", secret.toString(),
                        "--seconds", "4" }, new java.io.PrintStream(text, true));
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            adapter.start();
            Thread.sleep(1_000);
            assertEquals(0, io.pme.gateway.feed.FeedMain.run(new String[]{ "replay", "--aeron-dir", aeronDir,
                "--file", csv.toString() }, new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
            adapter.join(20_000);
            final String output = text.toString();
            assertTrue(output.contains("logon ACCEPTED") && output.contains("forwarded 2 acked 2 refused 0"), output);
        }
    }

    private static PmeClient.Context feedContext(final EngineFixture fixture, final int clientId, final String byteHex)
    {
        return new PmeClient.Context().aeron(fixture.engine.aeron()).clientId(clientId).secretHex(byteHex.repeat(32))
            .maxInFlight(2);
    }

    private static void runUntil(final FeedAdapter adapter, final BooleanSupplier done)
    {
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "adapter stalled: forwarded " + adapter.forwarded() +
                ", acked " + adapter.acked() + ", refused " + adapter.refused());
            idle.idle(adapter.doWork());
        }
    }
}
