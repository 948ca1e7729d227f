package io.pme.gateway.feed;

import io.aeron.Publication;
import io.pme.gateway.venue.MessageHeaderEncoder;
import io.pme.gateway.venue.VenueOptionMarkEncoder;
import io.pme.gateway.venue.VenueTickerEncoder;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays recorded venue data onto a venue stream as {@code venue-schema.xml} frames, for the {@link FeedAdapter}
 * to forward. Two formats, one record per line (blank lines and lines starting with {@code #} are skipped):
 * <pre>
 * CSV:         venueTimestampNs,ticker,BTC,90000.5
 *              venueTimestampNs,mark,BTC-25DEC26-100000-C,0.55
 * JSON lines:  {"type":"ticker","venueTimestampNs":1764000000000000000,"symbol":"BTC","price":90000.5}
 *              {"type":"mark","venueTimestampNs":1764000000000000000,"symbol":"BTC-25DEC26-100000-C","volatility":0.55}
 * </pre>
 * A file whose name ends in {@code .jsonl} or {@code .json} is read as JSON lines, any other as CSV. Lines go out as
 * fast as the stream takes them, or paced by their timestamps divided by {@code speed}.
 */
public final class FeedReplayer
{
    private static final Pattern JSON_FIELD =
        Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"([^\"]*)\"|[-+0-9.eE]+|NaN)");

    private final Publication publication;
    private final IdleStrategy idle;
    private final double speed;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final VenueTickerEncoder ticker = new VenueTickerEncoder();
    private final VenueOptionMarkEncoder mark = new VenueOptionMarkEncoder();
    private long sequence;

    /**
     * @param publication the venue stream.
     * @param idle        how to wait on back-pressure and between paced records.
     * @param speed       0 for as fast as possible, else recorded time divided by it (1 = real time).
     */
    public FeedReplayer(final Publication publication, final IdleStrategy idle, final double speed)
    {
        this.publication = publication;
        this.idle = idle;
        this.speed = speed;
    }

    /**
     * Replays a file.
     *
     * @return records sent.
     * @throws IllegalArgumentException naming the line of a record it cannot read.
     */
    public long replay(final Path file) throws IOException
    {
        final String name = file.getFileName().toString();
        final boolean json = name.endsWith(".jsonl") || name.endsWith(".json");
        long sent = 0;
        long firstTimestampNs = Long.MIN_VALUE;
        final long startNs = System.nanoTime();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            int lineNumber = 0;
            while (null != (line = reader.readLine()))
            {
                lineNumber++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    continue;
                }
                final int length;
                try
                {
                    length = json ? encodeJson(trimmed) : encodeCsv(trimmed);
                }
                catch (final RuntimeException ex)
                {
                    throw new IllegalArgumentException(name + " line " + lineNumber + ": " + ex.getMessage(), ex);
                }
                final long timestampNs = buffer.getLong(MessageHeaderEncoder.ENCODED_LENGTH,
                    java.nio.ByteOrder.LITTLE_ENDIAN);
                if (speed > 0)
                {
                    if (Long.MIN_VALUE == firstTimestampNs)
                    {
                        firstTimestampNs = timestampNs;
                    }
                    final long dueNs = startNs + (long)((timestampNs - firstTimestampNs) / speed);
                    while (System.nanoTime() - dueNs < 0)
                    {
                        idle.idle();
                    }
                    idle.reset();
                }
                offer(length);
                sent++;
            }
        }
        return sent;
    }

    /**
     * Sends one ticker.
     */
    public void ticker(final long venueTimestampNs, final String symbol, final double price)
    {
        offer(encodeTicker(venueTimestampNs, symbol, price));
    }

    /**
     * Sends one option mark.
     */
    public void mark(final long venueTimestampNs, final String symbol, final double volatility)
    {
        offer(encodeMark(venueTimestampNs, symbol, volatility));
    }

    private int encodeCsv(final String line)
    {
        final String[] parts = line.split(",");
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("expected venueTimestampNs,ticker|mark,symbol,value");
        }
        final long timestampNs = Long.parseLong(parts[0].trim());
        final String symbol = parts[2].trim();
        final double value = Double.parseDouble(parts[3].trim());
        switch (parts[1].trim())
        {
            case "ticker":
                return encodeTicker(timestampNs, symbol, value);
            case "mark":
                return encodeMark(timestampNs, symbol, value);
            default:
                throw new IllegalArgumentException("unknown record type: " + parts[1].trim());
        }
    }

    private int encodeJson(final String line)
    {
        String type = null;
        String symbol = null;
        Long timestampNs = null;
        Double value = null;
        final Matcher matcher = JSON_FIELD.matcher(line);
        while (matcher.find())
        {
            final String key = matcher.group(1);
            final String text = null != matcher.group(3) ? matcher.group(3) : matcher.group(2);
            switch (key)
            {
                case "type" -> type = text;
                case "symbol" -> symbol = text;
                case "venueTimestampNs" -> timestampNs = Long.parseLong(text);
                case "price", "volatility" -> value = Double.parseDouble(text);
                default -> throw new IllegalArgumentException("unknown field: " + key);
            }
        }
        if (null == type || null == symbol || null == timestampNs || null == value)
        {
            throw new IllegalArgumentException("needs type, venueTimestampNs, symbol and price or volatility");
        }
        switch (type)
        {
            case "ticker":
                return encodeTicker(timestampNs, symbol, value);
            case "mark":
                return encodeMark(timestampNs, symbol, value);
            default:
                throw new IllegalArgumentException("unknown record type: " + type);
        }
    }

    private int encodeTicker(final long timestampNs, final String symbol, final double price)
    {
        ticker.wrapAndApplyHeader(buffer, 0, header)
            .venueTimestampNs(timestampNs).sequence(++sequence).symbol(symbol).price(price);
        return MessageHeaderEncoder.ENCODED_LENGTH + ticker.encodedLength();
    }

    private int encodeMark(final long timestampNs, final String symbol, final double volatility)
    {
        mark.wrapAndApplyHeader(buffer, 0, header)
            .venueTimestampNs(timestampNs).sequence(++sequence).symbol(symbol).volatility(volatility);
        return MessageHeaderEncoder.ENCODED_LENGTH + mark.encodedLength();
    }

    private void offer(final int length)
    {
        long result;
        while ((result = publication.offer(buffer, 0, length)) < 0)
        {
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("venue publication unusable: " + Publication.errorString(result));
            }
            idle.idle();
        }
        idle.reset();
    }
}
