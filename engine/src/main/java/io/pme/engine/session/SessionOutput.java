package io.pme.engine.session;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.RejectEncoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.SessionChallengeEncoder;
import io.pme.codecs.SessionLogonResultEncoder;
import io.pme.codecs.SessionRole;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The session layer's answers (challenges, logon results, refusals), written by the receiver thread into the
 * output ring the publisher drains. It never waits long on a full ring: the receiver must keep reading input.
 */
public final class SessionOutput
{
    /** Message type id the publisher treats like any output frame. */
    public static final int MSG_TYPE_ID = 1;
    private static final int MAX_ATTEMPTS = 100;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final RejectEncoder reject = new RejectEncoder();
    private final SessionChallengeEncoder challenge = new SessionChallengeEncoder();
    private final SessionLogonResultEncoder result = new SessionLogonResultEncoder();
    private final RingBuffer ring;
    private final AtomicCounter dropped;

    /**
     * @param ring    the engine's output ring, many-to-one.
     * @param dropped counts answers lost to a full output ring.
     */
    public SessionOutput(final RingBuffer ring, final AtomicCounter dropped)
    {
        this.ring = ring;
        this.dropped = dropped;
    }

    void reject(
        final long timestampNs, final long correlationId, final int clientId, final int templateId,
        final RejectReason reason)
    {
        reject.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId)
            .templateId(templateId).reason(reason);
        send(reject.encodedLength());
    }

    void challenge(
        final long timestampNs, final long correlationId, final int clientId, final int connectionId,
        final long nonce0, final long nonce1)
    {
        challenge.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId).connectionId(connectionId)
            .nonce0(nonce0).nonce1(nonce1);
        send(challenge.encodedLength());
    }

    void result(
        final long timestampNs, final long correlationId, final int clientId, final int connectionId,
        final LogonStatus status, final SessionRole role)
    {
        result.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).correlationId(correlationId).clientId(clientId).connectionId(connectionId)
            .status(status).role(role);
        send(result.encodedLength());
    }

    private void send(final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
        {
            if (ring.write(MSG_TYPE_ID, buffer, 0, length))
            {
                return;
            }
            Thread.onSpinWait();
        }
        dropped.incrementRelease();
    }
}
