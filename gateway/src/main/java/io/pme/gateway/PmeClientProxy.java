package io.pme.gateway;

import io.aeron.Publication;
import io.pme.codecs.MarginQueryEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OptionVolatilityEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.OrderDoneEncoder;
import io.pme.codecs.Side;
import io.pme.protocol.ProtocolConfiguration;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Encodes a client's requests and offers them to the engine's input publication, in the manner of Aeron's
 * {@code ArchiveProxy}. A back-pressured offer is retried a bounded number of times, one idle each; then, as when
 * the engine is not connected or the publication is closed, the caller is told with a negative code and nothing is
 * sent: never a silent drop, never an unbounded wait. Allocation-free. Not thread-safe.
 * <p>
 * It keeps no bookkeeping: which requests await answers is {@link PmeClient}'s business.
 */
public final class PmeClientProxy
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final Publication publication;
    private final IdleStrategy retryIdleStrategy;
    private final int retryAttempts;
    private final UnsafeBuffer buffer =
        new UnsafeBuffer(ByteBuffer.allocateDirect(ProtocolConfiguration.MAX_FRAME_LENGTH));
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final OrderCheckEncoder orderCheck = new OrderCheckEncoder();
    private final OrderDoneEncoder orderDone = new OrderDoneEncoder();
    private final MarginQueryEncoder marginQuery = new MarginQueryEncoder();
    private final OraclePriceEncoder oraclePrice = new OraclePriceEncoder();
    private final OptionVolatilityEncoder optionVolatility = new OptionVolatilityEncoder();

    /**
     * @param publication       the engine's input stream.
     * @param retryIdleStrategy how to wait between the retries of a back-pressured offer.
     * @param retryAttempts     retries of a back-pressured offer before {@link PmeClient#BACK_PRESSURED}.
     */
    public PmeClientProxy(final Publication publication, final IdleStrategy retryIdleStrategy, final int retryAttempts)
    {
        this.publication = publication;
        this.retryIdleStrategy = retryIdleStrategy;
        this.retryAttempts = retryAttempts;
    }

    /**
     * @return the engine's input stream this proxy offers to.
     */
    public Publication publication()
    {
        return publication;
    }

    /**
     * Offers an already-encoded frame once, without retrying: for the logon handshake, which asks again itself.
     *
     * @param frame  holding the frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @return true when the publication took it.
     */
    public boolean tryOffer(final DirectBuffer frame, final int offset, final int length)
    {
        return publication.offer(frame, offset, length) > 0;
    }

    /**
     * Sends a pre-trade check (OrderCheck).
     *
     * @param timestampNs   the request's timestamp.
     * @param correlationId the request's correlation id, positive; its answer carries it.
     * @param clientId      the client sending it.
     * @param accountId     the account the order is for.
     * @param instrumentId  the instrument ordered.
     * @param side          buy or sell.
     * @param quantity      the order's quantity.
     * @param limitPrice    the order's limit price.
     * @param clientOrderId the client's id of the order, for OrderDone and fills.
     * @return {@code correlationId} when sent, else {@link PmeClient#NOT_CONNECTED},
     * {@link PmeClient#BACK_PRESSURED} or {@link PmeClient#CLOSED}.
     */
    public long orderCheck(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final int instrumentId, final Side side, final double quantity, final double limitPrice,
        final long clientOrderId)
    {
        orderCheck.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).instrumentId(instrumentId).side(side).quantity(quantity).limitPrice(limitPrice)
            .clientOrderId(clientOrderId);
        return offer(correlationId, HEADER_LENGTH + orderCheck.encodedLength());
    }

    /**
     * Sends an OrderDone: the order is cancelled, expired or filled and its reservation is released.
     *
     * @param timestampNs   the request's timestamp.
     * @param correlationId the request's correlation id, positive.
     * @param clientId      the client sending it.
     * @param accountId     the order's account.
     * @param clientOrderId the client's id of the order.
     * @return {@code correlationId} when sent, else a negative code as {@link #orderCheck} does.
     */
    public long orderDone(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final long clientOrderId)
    {
        orderDone.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).clientOrderId(clientOrderId);
        return offer(correlationId, HEADER_LENGTH + orderDone.encodedLength());
    }

    /**
     * Sends a what-if MarginQuery, which reserves nothing.
     *
     * @param timestampNs   the request's timestamp.
     * @param correlationId the request's correlation id, positive.
     * @param clientId      the client sending it.
     * @param accountId     the account asked about.
     * @param instrumentId  the hypothetical order's instrument, or -1 for the figures alone.
     * @param side          the hypothetical order's side.
     * @param quantity      the hypothetical order's quantity.
     * @param limitPrice    the hypothetical order's limit price.
     * @return {@code correlationId} when sent, else a negative code as {@link #orderCheck} does.
     */
    public long marginQuery(
        final long timestampNs, final long correlationId, final int clientId, final long accountId,
        final int instrumentId, final Side side, final double quantity, final double limitPrice)
    {
        marginQuery.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .accountId(accountId).instrumentId(instrumentId).side(side).quantity(quantity).limitPrice(limitPrice);
        return offer(correlationId, HEADER_LENGTH + marginQuery.encodedLength());
    }

    /**
     * Sends an OraclePrice.
     *
     * @param timestampNs       the engine clock the price carries.
     * @param correlationId     the request's correlation id, positive.
     * @param clientId          the client sending it.
     * @param sourceId          the price source.
     * @param assetId           the asset priced.
     * @param price             the price.
     * @param sourceTimestampNs the source's time of the price.
     * @return {@code correlationId} when sent, else a negative code as {@link #orderCheck} does.
     */
    public long oraclePrice(
        final long timestampNs, final long correlationId, final int clientId, final int sourceId, final int assetId,
        final double price, final long sourceTimestampNs)
    {
        oraclePrice.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .sourceId(sourceId).assetId(assetId).price(price).sourceTimestampNs(sourceTimestampNs);
        return offer(correlationId, HEADER_LENGTH + oraclePrice.encodedLength());
    }

    /**
     * Sends an OptionVolatility.
     *
     * @param timestampNs       the engine clock the volatility carries.
     * @param correlationId     the request's correlation id, positive.
     * @param clientId          the client sending it.
     * @param sourceId          the volatility source.
     * @param instrumentId      the option.
     * @param volatility        its mark volatility.
     * @param sourceTimestampNs the source's time of the volatility.
     * @return {@code correlationId} when sent, else a negative code as {@link #orderCheck} does.
     */
    public long optionVolatility(
        final long timestampNs, final long correlationId, final int clientId, final int sourceId,
        final int instrumentId, final double volatility, final long sourceTimestampNs)
    {
        optionVolatility.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .sourceId(sourceId).instrumentId(instrumentId).volatility(volatility).sourceTimestampNs(sourceTimestampNs);
        return offer(correlationId, HEADER_LENGTH + optionVolatility.encodedLength());
    }

    private long offer(final long correlationId, final int length)
    {
        // bounded retry: a back-pressured engine gets a few idle cycles, then the caller is told, never left guessing
        for (int attempt = 0; attempt <= retryAttempts; attempt++)
        {
            final long result = publication.offer(buffer, 0, length);
            if (result > 0)
            {
                retryIdleStrategy.reset();
                return correlationId;
            }
            if (Publication.NOT_CONNECTED == result)
            {
                retryIdleStrategy.reset();
                return PmeClient.NOT_CONNECTED;
            }
            if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
            {
                retryIdleStrategy.reset();
                return PmeClient.CLOSED;
            }
            retryIdleStrategy.idle();
        }
        retryIdleStrategy.reset();
        return PmeClient.BACK_PRESSURED;
    }
}
