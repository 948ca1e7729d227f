package io.pme.gateway.feed;

import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.pme.codecs.RejectReason;
import io.pme.gateway.PmeClient;
import io.pme.gateway.PmeClientListener;
import io.pme.gateway.venue.MessageHeaderDecoder;
import io.pme.gateway.venue.VenueOptionMarkDecoder;
import io.pme.gateway.venue.VenueTickerDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Reads a venue's binary price stream ({@code venue-schema.xml}) and forwards each ticker as an {@code OraclePrice}
 * and each option mark as an {@code OptionVolatility}, under the source id this feed is allow-listed for, through a
 * logged-on {@link PmeClient} (FEED role). The engine clock of a forwarded price is the venue's timestamp, so a
 * replayed recording gives the same journal.
 * <p>
 * Back-pressure is passed upstream, never turned into loss: when the engine does not take a price (back-pressured,
 * or the client's in-flight limit is reached) the venue fragment is aborted and read again on the next duty cycle.
 * Symbols the mapping does not know are skipped and counted. Allocation-free in steady state.
 */
public final class FeedAdapter implements Agent, ControlledFragmentHandler, PmeClientListener
{
    private static final int FRAGMENT_LIMIT = 64;

    private final PmeClient client;
    private final Subscription venue;
    private final Mapping mapping;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final VenueTickerDecoder ticker = new VenueTickerDecoder();
    private final VenueOptionMarkDecoder mark = new VenueOptionMarkDecoder();
    private long forwarded;
    private long acked;
    private long refused;
    private long unknownSymbols;
    private long unreadable;
    private long heldBack;
    private long timedOut;
    private RejectReason lastRefusal = RejectReason.NONE;

    /**
     * @param client  logged on as a FEED client allow-listed for {@code mapping.sourceId()}.
     * @param venue   subscription to the venue's stream.
     * @param mapping venue symbols to engine ids, and the source id.
     */
    public FeedAdapter(final PmeClient client, final Subscription venue, final Mapping mapping)
    {
        this.client = client;
        this.venue = venue;
        this.mapping = mapping;
    }

    /**
     * Delivers the engine's answers to the adapter's counters, then forwards what the venue published.
     *
     * @return work done: fragments read from either side.
     */
    public int doWork()
    {
        int work = client.poll(this, FRAGMENT_LIMIT);
        work += venue.controlledPoll(this, FRAGMENT_LIMIT);
        return work;
    }

    /**
     * @return the adapter's name as an agent.
     */
    public String roleName()
    {
        return "pme-feed-adapter";
    }

    /**
     * Forwards one venue message as an engine input; a message the engine's input cannot take now is held back
     * (the venue stream is not consumed past it) and offered again by a later {@link #doWork()}.
     *
     * @param buffer holding the venue message.
     * @param offset of its message header.
     * @param length of the message.
     * @param h      the fragment's header.
     * @return CONTINUE, or ABORT to hold the message back.
     * @throws IllegalStateException when the feed client is unusable (closed or not logged on).
     */
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header h)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            unreadable++;
            return Action.CONTINUE;
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId() || length < MessageHeaderDecoder.ENCODED_LENGTH +
            header.blockLength())
        {
            unreadable++;
            return Action.CONTINUE;
        }
        final long result;
        switch (header.templateId())
        {
            case VenueTickerDecoder.TEMPLATE_ID:
            {
                ticker.wrap(buffer, body, header.blockLength(), header.version());
                final int assetId = mapping.assets.lookup(
                    buffer, body + VenueTickerDecoder.symbolEncodingOffset(), VenueTickerDecoder.symbolLength());
                if (SymbolTable.UNKNOWN == assetId)
                {
                    unknownSymbols++;
                    return Action.CONTINUE;
                }
                final long venueTimestampNs = ticker.venueTimestampNs();
                result = client.offerOraclePrice(
                    venueTimestampNs, mapping.sourceId, assetId, ticker.price(), venueTimestampNs);
                break;
            }
            case VenueOptionMarkDecoder.TEMPLATE_ID:
            {
                mark.wrap(buffer, body, header.blockLength(), header.version());
                final int instrumentId = mapping.instruments.lookup(buffer,
                    body + VenueOptionMarkDecoder.symbolEncodingOffset(), VenueOptionMarkDecoder.symbolLength());
                if (SymbolTable.UNKNOWN == instrumentId)
                {
                    unknownSymbols++;
                    return Action.CONTINUE;
                }
                final long venueTimestampNs = mark.venueTimestampNs();
                result = client.offerOptionVolatility(
                    venueTimestampNs, mapping.sourceId, instrumentId, mark.volatility(), venueTimestampNs);
                break;
            }
            default:
                unreadable++;
                return Action.CONTINUE;
        }
        if (result > 0)
        {
            forwarded++;
            return Action.CONTINUE;
        }
        if (PmeClient.BACK_PRESSURED == result || PmeClient.OVERLOADED == result || PmeClient.NOT_CONNECTED == result)
        {
            heldBack++;
            return Action.ABORT;
        }
        throw new IllegalStateException("feed client unusable: " + PmeClient.errorString(result));
    }

    /**
     * A forwarded input was applied.
     *
     * @param correlationId of the input.
     * @param templateId    of the input.
     */
    public void onAck(final long correlationId, final int templateId)
    {
        acked++;
    }

    /**
     * A forwarded input was refused.
     *
     * @param correlationId of the input.
     * @param templateId    of the input.
     * @param reason        why.
     */
    public void onReject(final long correlationId, final int templateId, final RejectReason reason)
    {
        refused++;
        lastRefusal = reason;
    }

    /**
     * A forwarded input was not answered in time.
     *
     * @param correlationId of the input.
     */
    public void onTimeout(final long correlationId)
    {
        timedOut++;
    }

    /** Prices and volatilities sent to the engine. */
    public long forwarded()
    {
        return forwarded;
    }

    /** Forwarded inputs the engine applied. */
    public long acked()
    {
        return acked;
    }

    /** Forwarded inputs the engine or its session boundary refused; {@link #lastRefusal()} says why. */
    public long refused()
    {
        return refused;
    }

    /**
     * @return the reason of the last refusal, NONE before any.
     */
    public RejectReason lastRefusal()
    {
        return lastRefusal;
    }

    /** Venue messages of symbols the mapping does not hold. */
    public long unknownSymbols()
    {
        return unknownSymbols;
    }

    /** Venue frames that are not of the venue schema. */
    public long unreadable()
    {
        return unreadable;
    }

    /** Times a venue message was held back for engine back-pressure, to be read again. */
    public long heldBack()
    {
        return heldBack;
    }

    /** Forwarded inputs the engine did not answer in time. */
    public long timedOut()
    {
        return timedOut;
    }

    /**
     * The adapter's configuration, from a properties file:
     * <pre>
     * source.id=1                              (the oracle source id the feed client is allow-listed for)
     * asset.BTC=2                              (venue ticker symbol -> engine asset id)
     * instrument.BTC-25DEC26-100000-C=7        (venue option symbol -> engine instrument id)
     * </pre>
     */
    public static final class Mapping
    {
        private final int sourceId;
        private final SymbolTable assets = new SymbolTable();
        private final SymbolTable instruments = new SymbolTable();

        /**
         * @param sourceId the oracle source id the feed client is allow-listed for.
         */
        public Mapping(final int sourceId)
        {
            this.sourceId = sourceId;
        }

        /**
         * Maps a venue ticker symbol to an engine asset.
         *
         * @param venueSymbol the venue's symbol.
         * @param assetId     the engine's asset id.
         * @return this mapping.
         */
        public Mapping asset(final String venueSymbol, final int assetId)
        {
            assets.put(venueSymbol, assetId);
            return this;
        }

        /**
         * Maps a venue option symbol to an engine instrument.
         *
         * @param venueSymbol  the venue's symbol.
         * @param instrumentId the engine's instrument id.
         * @return this mapping.
         */
        public Mapping instrument(final String venueSymbol, final int instrumentId)
        {
            instruments.put(venueSymbol, instrumentId);
            return this;
        }

        /**
         * @return the oracle source id the forwarded prices carry.
         */
        public int sourceId()
        {
            return sourceId;
        }

        /**
         * Reads a mapping file.
         */
        public static Mapping load(final Path file) throws IOException
        {
            final Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                properties.load(reader);
            }
            final String source = properties.getProperty("source.id");
            if (null == source)
            {
                throw new IllegalArgumentException("source.id missing in " + file);
            }
            final Mapping mapping = new Mapping(Integer.parseInt(source.trim()));
            for (final String name : properties.stringPropertyNames())
            {
                final String value = properties.getProperty(name).trim();
                if (name.startsWith("asset."))
                {
                    mapping.asset(name.substring("asset.".length()), Integer.parseInt(value));
                }
                else if (name.startsWith("instrument."))
                {
                    mapping.instrument(name.substring("instrument.".length()), Integer.parseInt(value));
                }
                else if (!"source.id".equals(name))
                {
                    throw new IllegalArgumentException("unknown key in " + file + ": " + name);
                }
            }
            return mapping;
        }
    }
}
