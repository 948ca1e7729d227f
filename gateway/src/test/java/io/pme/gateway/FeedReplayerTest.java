package io.pme.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.gateway.feed.FeedReplayer;
import io.pme.gateway.venue.MessageHeaderDecoder;
import io.pme.gateway.venue.VenueOptionMarkDecoder;
import io.pme.gateway.venue.VenueTickerDecoder;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recorded JSON lines replayed onto a real venue stream (embedded media driver, Aeron IPC) and decoded back: a
 * line is read by the JSON library, so escapes mean what JSON says, and a line the format does not allow (a field
 * given twice, an unknown or misplaced field, trailing content, a fractional timestamp) is refused naming the file
 * and line, where the regular expression it replaces took the last duplicate, skipped what it did not match and
 * ignored what followed the object.
 */
class FeedReplayerTest
{
    private static final int STREAM = 2001;

    @TempDir
    Path dir;

    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication publication;
    private Subscription subscription;

    @BeforeEach
    void connect()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        subscription = aeron.addSubscription("aeron:ipc", STREAM);
        publication = aeron.addExclusivePublication("aeron:ipc", STREAM);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "venue stream not connected");
            Thread.yield();
        }
    }

    @AfterEach
    void close()
    {
        org.agrona.CloseHelper.closeAll(publication, subscription, aeron, driver);
    }

    @Test
    void jsonLinesBecomeVenueFramesWithJsonEscapesAndNaNKept() throws IOException
    {
        final Path file = write("ticks.jsonl",
            "# recorded 2026-11-24",
            "{\"type\":\"ticker\",\"venueTimestampNs\":1764000001000000000,\"symbol\":\"XBT\",\"price\":90000.5}",
            "",
            "  { \"symbol\" : \"BTC-25DEC26-100000-C\", \"volatility\": 5.5e-1, \"type\": \"mark\"," +
                " \"venueTimestampNs\": 1764000002000000000 }  ",
            "{\"type\":\"ticker\",\"venueTimestampNs\":1764000003000000000,\"symbol\":\"X\\u0042T\",\"price\":NaN}");
        assertEquals(3, new FeedReplayer(publication, new YieldingIdleStrategy(), 0).replay(file));

        final List<String> frames = receive(3);
        assertEquals(List.of(
            "ticker 1764000001000000000 XBT 90000.5",
            "mark 1764000002000000000 BTC-25DEC26-100000-C 0.55",
            "ticker 1764000003000000000 XBT NaN"), frames);
    }

    @Test
    void aLineTheFormatDoesNotAllowIsRefusedWithItsLine() throws IOException
    {
        final String ok = "{\"type\":\"ticker\",\"venueTimestampNs\":1,\"symbol\":\"XBT\",\"price\":1}";
        assertRefused(1, "line 2: not valid JSON: Duplicate field 'price'",
            ok, "{\"type\":\"ticker\",\"venueTimestampNs\":1,\"symbol\":\"XBT\",\"price\":1,\"price\":2}");
        assertRefused(0, "line 1: not valid JSON: Trailing token", ok + " {\"price\":2}");
        assertRefused(0, "line 1: not valid JSON", ok + " garbage");
        assertRefused(0, "line 1: unknown field for a ticker: volatility",
            "{\"type\":\"ticker\",\"venueTimestampNs\":1,\"symbol\":\"XBT\",\"volatility\":1}");
        assertRefused(0, "line 1: unknown field for a mark: note",
            "{\"type\":\"mark\",\"venueTimestampNs\":1,\"symbol\":\"C\",\"volatility\":1,\"note\":\"x\"}");
        assertRefused(0, "line 1: venueTimestampNs: missing or not a whole number of nanoseconds",
            "{\"type\":\"ticker\",\"venueTimestampNs\":1.5,\"symbol\":\"XBT\",\"price\":1}");
        assertRefused(0, "line 1: price: missing or not a number",
            "{\"type\":\"ticker\",\"venueTimestampNs\":1,\"symbol\":\"XBT\",\"price\":\"1\"}");
        assertRefused(0, "line 1: unknown record type: trade",
            "{\"type\":\"trade\",\"venueTimestampNs\":1,\"symbol\":\"XBT\",\"price\":1}");
        assertRefused(0, "line 1: expected one JSON object", "[1, 2]");
    }

    // the lines before a refused one have gone out, and nothing of the refused one
    private void assertRefused(final int sentBefore, final String expected, final String... lines) throws IOException
    {
        final Path file = write("bad" + System.nanoTime() + ".jsonl", lines);
        final FeedReplayer replayer = new FeedReplayer(publication, new YieldingIdleStrategy(), 0);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> replayer.replay(file));
        final String want = file.getFileName() + " " + expected;
        assertTrue(ex.getMessage().startsWith(want), () -> "expected '" + want + "...', got: " + ex.getMessage());
        assertEquals(sentBefore, receive(sentBefore).size());
        final long quietUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < quietUntil)
        {
            assertEquals(0, subscription.poll((buffer, offset, length, header) -> {}, 10), "a refused line was sent");
            Thread.yield();
        }
    }

    private Path write(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private List<String> receive(final int count)
    {
        final List<String> frames = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final VenueTickerDecoder ticker = new VenueTickerDecoder();
        final VenueOptionMarkDecoder mark = new VenueOptionMarkDecoder();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (frames.size() < count)
        {
            assertTrue(System.nanoTime() < deadline, "received only " + frames);
            subscription.poll((buffer, offset, length, h) ->
            {
                header.wrap(buffer, offset);
                if (VenueTickerDecoder.TEMPLATE_ID == header.templateId())
                {
                    ticker.wrapAndApplyHeader(buffer, offset, header);
                    frames.add("ticker " + ticker.venueTimestampNs() + " " + ticker.symbol() + " " + ticker.price());
                }
                else
                {
                    mark.wrapAndApplyHeader(buffer, offset, header);
                    frames.add("mark " + mark.venueTimestampNs() + " " + mark.symbol() + " " + mark.volatility());
                }
            }, 1);
            Thread.yield();
        }
        return frames;
    }
}
