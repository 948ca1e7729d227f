package io.pme.engine.session;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.SessionChallengeDecoder;
import io.pme.codecs.SessionLogonEncoder;
import io.pme.codecs.SessionLogonResponseEncoder;
import io.pme.codecs.SessionLogonResultDecoder;
import io.pme.protocol.SessionProof;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Logs a publication on as a client, blocking: the engine-side counterpart of the gateway library's logon, for
 * in-process tools (the built-in simulation of {@code pme run}) and tests. Not for hot paths.
 */
public final class SessionLogonClient
{
    private final Publication publication;
    private final Subscription subscription;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SessionChallengeDecoder challenge = new SessionChallengeDecoder();
    private final SessionLogonResultDecoder result = new SessionLogonResultDecoder();
    private final IdleStrategy idle = new BackoffIdleStrategy();
    private final SessionProof proof = new SessionProof();
    private final byte[] nonce = new byte[SessionProof.NONCE_LENGTH];
    private final byte[] mac = new byte[SessionProof.MAC_LENGTH];
    private int awaitedClientId;
    private boolean challenged;
    private LogonStatus status;

    /**
     * @param publication  the connection to log on (its Aeron session id identifies it to the engine).
     * @param subscription to the engine's outputs.
     */
    public SessionLogonClient(final Publication publication, final Subscription subscription)
    {
        this.publication = publication;
        this.subscription = subscription;
    }

    /**
     * Logs the publication on as the client whose credentials are given.
     *
     * @return ACCEPTED, or why not; TIMED_OUT also when the engine did not answer in time.
     */
    public LogonStatus logon(final ClientCredentials credentials, final long timeoutMs)
    {
        return logon(credentials.clientId(), credentials.keyId(), credentials, timeoutMs);
    }

    /**
     * Logs on with an explicit client id and key id; {@code credentials} may be null to send an unprovable answer.
     */
    public LogonStatus logon(
        final int clientId, final int keyId, final ClientCredentials credentials, final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        awaitedClientId = clientId;
        challenged = false;
        status = null;
        final SessionLogonEncoder logon = new SessionLogonEncoder();
        logon.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(System.currentTimeMillis() * 1_000_000L).correlationId(1).clientId(clientId).keyId(keyId);
        if (!offer(MessageHeaderEncoder.ENCODED_LENGTH + logon.encodedLength(), deadlineNs))
        {
            return LogonStatus.TIMED_OUT;
        }
        final FragmentHandler handler = (buffer, offset, length, header) -> onOutput(buffer, offset);
        while (!challenged && null == status)
        {
            if (!await(handler, deadlineNs))
            {
                return LogonStatus.TIMED_OUT;
            }
        }
        if (null != status)
        {
            return status;
        }
        if (null != credentials)
        {
            credentials.prove(proof, nonce, mac);
        }
        final SessionLogonResponseEncoder response = new SessionLogonResponseEncoder();
        response.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .timestampNs(System.currentTimeMillis() * 1_000_000L).correlationId(2).clientId(clientId)
            .connectionId(publication.sessionId());
        buffer.putBytes(
            MessageHeaderEncoder.ENCODED_LENGTH + SessionLogonResponseEncoder.mac0EncodingOffset(), mac, 0, mac.length);
        if (!offer(MessageHeaderEncoder.ENCODED_LENGTH + response.encodedLength(), deadlineNs))
        {
            return LogonStatus.TIMED_OUT;
        }
        while (null == status)
        {
            if (!await(handler, deadlineNs))
            {
                return LogonStatus.TIMED_OUT;
            }
        }
        return status;
    }

    private boolean await(final FragmentHandler handler, final long deadlineNs)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            return false;
        }
        idle.idle(subscription.poll(handler, 16));
        return true;
    }

    private boolean offer(final int length, final long deadlineNs)
    {
        idle.reset();
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() - deadlineNs > 0 || publication.isClosed())
            {
                return false;
            }
            idle.idle();
        }
        return true;
    }

    private void onOutput(final org.agrona.DirectBuffer frame, final int offset)
    {
        headerDecoder.wrap(frame, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (SessionChallengeDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            challenge.wrap(frame, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
            if (challenge.clientId() == awaitedClientId && challenge.connectionId() == publication.sessionId())
            {
                frame.getBytes(bodyOffset + SessionChallengeDecoder.nonce0EncodingOffset(), nonce, 0, nonce.length);
                challenged = true;
            }
        }
        else if (SessionLogonResultDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            result.wrap(frame, bodyOffset, headerDecoder.blockLength(), headerDecoder.version());
            if (result.clientId() == awaitedClientId && result.connectionId() == publication.sessionId())
            {
                status = result.status();
            }
        }
    }
}
