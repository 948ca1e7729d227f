package io.pme.engine.session;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.pme.codecs.LogonStatus;
import io.pme.protocol.LogonHandshake;
import io.pme.protocol.SessionProver;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * Logs a publication on as a client, blocking, for in-process tools (the built-in simulation of {@code pme run})
 * and tests: the protocol's {@link LogonHandshake} driven over an Aeron publication and subscription, as the client
 * library drives it. Not for hot paths.
 */
public final class SessionLogonClient
{
    private static final int FRAGMENT_LIMIT = 16;

    private final Publication publication;
    private final Subscription subscription;
    private final LogonHandshake handshake;
    private final FragmentHandler handler;
    private final IdleStrategy idle = new BackoffIdleStrategy();

    /**
     * @param publication  the connection to log on (its Aeron session id identifies it to the engine).
     * @param subscription to the engine's outputs.
     */
    public SessionLogonClient(final Publication publication, final Subscription subscription)
    {
        this.publication = publication;
        this.subscription = subscription;
        handshake = new LogonHandshake(
            (buffer, offset, length) -> publication.offer(buffer, offset, length) > 0,
            SystemEpochNanoClock.INSTANCE, publication.sessionId(), LogonHandshake.DEFAULT_RESEND_INTERVAL_NS);
        handler = (buffer, offset, length, header) -> handshake.onFrame(buffer, offset, length);
    }

    /**
     * Logs the publication on as the client whose credentials are given.
     *
     * @param credentials the client's, from the engine's sessions file.
     * @param timeoutMs   how long the logon may take.
     * @return ACCEPTED, or why not; TIMED_OUT also when the engine did not answer in time.
     */
    public LogonStatus logon(final ClientCredentials credentials, final long timeoutMs)
    {
        return logon(credentials.clientId(), credentials.keyId(), credentials, timeoutMs);
    }

    /**
     * Logs on with an explicit client id and key id, e.g. to test the engine's refusals.
     *
     * @param clientId  the client to log on as.
     * @param keyId     the key id the logon names.
     * @param prover    answers the challenge (e.g. another client's credentials), or null to send an unprovable
     *                  answer.
     * @param timeoutMs how long the logon may take.
     * @return ACCEPTED, or why not; TIMED_OUT also when the engine did not answer in time.
     */
    public LogonStatus logon(final int clientId, final int keyId, final SessionProver prover, final long timeoutMs)
    {
        handshake.start(clientId, keyId, prover, System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(timeoutMs));
        idle.reset();
        while (!handshake.isDone())
        {
            if (publication.isClosed())
            {
                handshake.cancel();
                break;
            }
            idle.idle(handshake.doWork(System.nanoTime()) + subscription.poll(handler, FRAGMENT_LIMIT));
        }
        return handshake.status();
    }
}
