package io.pme.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.Iterator;
import java.util.Set;

/**
 * Replays recorded venue data onto a venue stream as {@code venue-schema.xml} frames, for the {@link FeedAdapter}
 * to forward. Two formats, one record per line (blank lines and lines starting with {@code #} are skipped):
 * <pre>
 * CSV:         venueTimestampNs,ticker,BTC,90000.5
 *              venueTimestampNs,mark,BTC-25DEC26-100000-C,0.55
 * JSON lines:  {"type":"ticker","venueTimestampNs":1764000000000000000,"symbol":"BTC","price":90000.5}
 *              {"type":"mark","venueTimestampNs":1764000000000000000,"symbol":"BTC-25DEC26-100000-C","volatility":0.55}
 * </pre>
 * A file whose name ends in {@code .jsonl} or {@code .json} is read as JSON lines, any other as CSV. A JSON line is
 * one object with exactly those four fields ({@code price} for a ticker, {@code volatility} for a mark), read by
 * Jackson as strictly as {@code pme script} reads its lines: a field given twice, an unknown field or anything after
 * the object is an error naming the line. A value may be {@code NaN} (recorded data is replayed as recorded; the
 * engine refuses it). Lines go out as fast as the stream takes them, or paced by their timestamps divided by
 * {@code speed}.
 */
public final class FeedReplayer
{
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    private static final Set<String> TICKER_FIELDS = Set.of("type", "venueTimestampNs", "symbol", "price");
    private static final Set<String> MARK_FIELDS = Set.of("type", "venueTimestampNs", "symbol", "volatility");

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
        final JsonNode record;
        try
        {
            record = JSON.readTree(line);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage() +
                " (column " + ex.getLocation().getColumnNr() + ")");
        }
        if (null == record || !record.isObject())
        {
            throw new IllegalArgumentException("expected one JSON object");
        }
        final String type = text(record, "type");
        final boolean isTicker = "ticker".equals(type);
        if (!isTicker && !"mark".equals(type))
        {
            throw new IllegalArgumentException("unknown record type: " + type);
        }
        final Set<String> known = isTicker ? TICKER_FIELDS : MARK_FIELDS;
        final Iterator<String> names = record.fieldNames();
        while (names.hasNext())
        {
            final String name = names.next();
            if (!known.contains(name))
            {
                throw new IllegalArgumentException("unknown field for a " + type + ": " + name);
            }
        }
        final JsonNode timestamp = record.get("venueTimestampNs");
        if (null == timestamp || !timestamp.isIntegralNumber() || !timestamp.canConvertToLong())
        {
            throw new IllegalArgumentException("venueTimestampNs: missing or not a whole number of nanoseconds");
        }
        final String symbol = text(record, "symbol");
        final String valueField = isTicker ? "price" : "volatility";
        final JsonNode value = record.get(valueField);
        if (null == value || !value.isNumber())
        {
            throw new IllegalArgumentException(valueField + ": missing or not a number");
        }
        return isTicker ? encodeTicker(timestamp.longValue(), symbol, value.doubleValue()) :
            encodeMark(timestamp.longValue(), symbol, value.doubleValue());
    }

    private static String text(final JsonNode record, final String field)
    {
        final JsonNode node = record.get(field);
        if (null == node || !node.isTextual())
        {
            throw new IllegalArgumentException(field + ": missing or not a string");
        }
        return node.textValue();
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
