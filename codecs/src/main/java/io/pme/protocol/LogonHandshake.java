package io.pme.protocol;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.SessionChallengeDecoder;
import io.pme.codecs.SessionLogonEncoder;
import io.pme.codecs.SessionLogonResponseEncoder;
import io.pme.codecs.SessionLogonResultDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the logon challenge–response, as a step machine the caller drives: {@link #start} it,
 * then call {@link #doWork(long)} and hand it every output frame ({@link #onFrame}) until {@link #isDone()}.
 * It encodes the {@code SessionLogon}, waits for the {@code SessionChallenge} of its client on its connection,
 * answers it with a {@code SessionLogonResponse} carrying the {@link SessionProof}, and ends with the
 * {@code SessionLogonResult} (or TIMED_OUT at its deadline).
 * <p>
 * Transport-free (the caller says how a frame is offered), so the client library and the engine's in-process
 * clients share it. Allocates nothing after construction. Not thread-safe.
 * <p>
 * A logon whose challenge does not come within the resend interval is sent again under a new correlation id, and
 * only the challenge echoing the latest one is answered: the engine drops an output it cannot publish (its output
 * publication may not yet count a receiver that already sees its stream), and a second logon simply replaces the
 * first's pending challenge. A response is never resent: the engine counts every refused one.
 */
public final class LogonHandshake
{
    /**
     * Default time to wait for a challenge before the logon is sent again.
     */
    public static final long DEFAULT_RESEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(500);

    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long NO_CORRELATION_ID = Long.MIN_VALUE;

    /**
     * Offers one encoded frame to the engine's input, once, without waiting.
     */
    @FunctionalInterface
    public interface FrameSender
    {
        /**
         * Offers a frame.
         *
         * @param buffer holding the frame.
         * @param offset of the frame in {@code buffer}.
         * @param length of the frame.
         * @return true when the frame was taken; false to be asked again on a later {@link #doWork(long)}.
         */
        boolean offer(DirectBuffer buffer, int offset, int length);
    }

    private enum State
    {
        IDLE, AWAIT_CHALLENGE, AWAIT_RESULT, DONE
    }

    private final FrameSender sender;
    private final EpochNanoClock clock;
    private final int connectionId;
    private final long resendIntervalNs;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final SessionLogonEncoder logonEncoder = new SessionLogonEncoder();
    private final SessionLogonResponseEncoder responseEncoder = new SessionLogonResponseEncoder();
    private final SessionChallengeDecoder challengeDecoder = new SessionChallengeDecoder();
    private final SessionLogonResultDecoder resultDecoder = new SessionLogonResultDecoder();
    private final SessionProof proof = new SessionProof();
    private final byte[] nonce = new byte[SessionProof.NONCE_LENGTH];
    private final byte[] mac = new byte[SessionProof.MAC_LENGTH];

    private State state = State.IDLE;
    private int clientId;
    private int keyId;
    private SessionProver prover;
    private long lastCorrelationId;
    private long logonCorrelationId = NO_CORRELATION_ID;
    private long responseCorrelationId = NO_CORRELATION_ID;
    private int pendingLength;
    private long deadlineNs;
    private long resendDeadlineNs;
    private int logonsSent;
    private LogonStatus status;
    private boolean loggedOn;

    /**
     * @param sender           offers frames to the engine's input.
     * @param clock            stamps the frames' {@code timestampNs}.
     * @param connectionId     the connection's id as the engine knows it (the Aeron session id of the publication
     *                         {@code sender} offers to): challenges and results for other connections are ignored.
     * @param resendIntervalNs how long to wait for a challenge before the logon is sent again.
     */
    public LogonHandshake(
        final FrameSender sender, final EpochNanoClock clock, final int connectionId, final long resendIntervalNs)
    {
        if (resendIntervalNs <= 0)
        {
            throw new IllegalArgumentException("resendIntervalNs must be positive: " + resendIntervalNs);
        }
        this.sender = sender;
        this.clock = clock;
        this.connectionId = connectionId;
        this.resendIntervalNs = resendIntervalNs;
    }

    /**
     * Starts a logon, abandoning any logon under way; the client counts as not logged on until it is accepted.
     *
     * @param clientId  the client to log on as.
     * @param keyId     which of the client's keys {@code prover} holds.
     * @param prover    answers the challenge, or null to answer with a MAC that proves nothing.
     * @param nowNs     the current time of the clock {@link #doWork(long)} is given.
     * @param timeoutNs how long the whole logon may take before it ends TIMED_OUT.
     */
    public void start(
        final int clientId, final int keyId, final SessionProver prover, final long nowNs, final long timeoutNs)
    {
        this.clientId = clientId;
        this.keyId = keyId;
        this.prover = prover;
        deadlineNs = nowNs + timeoutNs;
        resendDeadlineNs = nowNs;
        responseCorrelationId = NO_CORRELATION_ID;
        logonsSent = 0;
        status = null;
        loggedOn = false;
        encodeLogon();
        state = State.AWAIT_CHALLENGE;
    }

    /**
     * Offers the frame due, sends the logon again when its challenge is late, and ends the logon at its deadline.
     *
     * @param nowNs the current time, of the clock {@link #start} was given.
     * @return work done: frames offered or state changed.
     */
    public int doWork(final long nowNs)
    {
        if (State.AWAIT_CHALLENGE != state && State.AWAIT_RESULT != state)
        {
            return 0;
        }
        if (nowNs - deadlineNs > 0)
        {
            finish(LogonStatus.TIMED_OUT);
            return 1;
        }
        int work = 0;
        if (State.AWAIT_CHALLENGE == state && 0 == pendingLength && nowNs - resendDeadlineNs >= 0)
        {
            encodeLogon();
            work++;
        }
        if (pendingLength > 0 && sender.offer(frame, 0, pendingLength))
        {
            pendingLength = 0;
            if (State.AWAIT_CHALLENGE == state)
            {
                logonsSent++;
                resendDeadlineNs = nowNs + resendIntervalNs;
            }
            work++;
        }
        return work;
    }

    /**
     * Takes an output frame of the engine. A challenge to the logon under way is answered (the answer is offered
     * by the next {@link #doWork(long)}); a result ends it. Any refusal of this client on this connection, even of
     * an earlier logon, makes it count as not logged on.
     *
     * @param buffer holding the frame.
     * @param offset of the frame's message header.
     * @param length of the frame.
     * @return true when the frame was a challenge or logon result for this client on this connection.
     */
    public boolean onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return false;
        }
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return false;
        }
        final int templateId = headerDecoder.templateId();
        if (SessionChallengeDecoder.TEMPLATE_ID == templateId &&
            length >= HEADER_LENGTH + SessionChallengeDecoder.BLOCK_LENGTH)
        {
            challengeDecoder.wrap(
                buffer, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
            if (challengeDecoder.clientId() != clientId || challengeDecoder.connectionId() != connectionId)
            {
                return false;
            }
            if (State.AWAIT_CHALLENGE == state && challengeDecoder.correlationId() == logonCorrelationId)
            {
                buffer.getBytes(offset + HEADER_LENGTH + SessionChallengeDecoder.nonce0EncodingOffset(),
                    nonce, 0, SessionProof.NONCE_LENGTH);
                answer();
            }
            return true;
        }
        if (SessionLogonResultDecoder.TEMPLATE_ID == templateId &&
            length >= HEADER_LENGTH + SessionLogonResultDecoder.BLOCK_LENGTH)
        {
            resultDecoder.wrap(buffer, offset + HEADER_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
            if (resultDecoder.clientId() != clientId || resultDecoder.connectionId() != connectionId)
            {
                return false;
            }
            final LogonStatus result = resultDecoder.status();
            if (LogonStatus.ACCEPTED != result)
            {
                loggedOn = false;
            }
            final long correlationId = resultDecoder.correlationId();
            if ((State.AWAIT_CHALLENGE == state || State.AWAIT_RESULT == state) &&
                (correlationId == logonCorrelationId || correlationId == responseCorrelationId))
            {
                finish(result);
            }
            return true;
        }
        return false;
    }

    /**
     * Ends the logon under way as TIMED_OUT, e.g. when its connection closed.
     */
    public void cancel()
    {
        if (State.AWAIT_CHALLENGE == state || State.AWAIT_RESULT == state)
        {
            finish(LogonStatus.TIMED_OUT);
        }
    }

    /**
     * @return true when the logon started last has ended; {@link #status()} says how.
     */
    public boolean isDone()
    {
        return State.DONE == state;
    }

    /**
     * @return how the last logon ended: ACCEPTED, the engine's refusal, or TIMED_OUT; null while under way.
     */
    public LogonStatus status()
    {
        return status;
    }

    /**
     * @return true when the last logon was accepted and no refusal of this client on this connection came since.
     */
    public boolean isLoggedOn()
    {
        return loggedOn;
    }

    /**
     * @return logons sent by the logon under way or last ended: more than one when a challenge was late.
     */
    public int logonsSent()
    {
        return logonsSent;
    }

    /**
     * @return the connection id challenges and results must name.
     */
    public int connectionId()
    {
        return connectionId;
    }

    private void encodeLogon()
    {
        logonCorrelationId = ++lastCorrelationId;
        logonEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(clock.nanoTime())
            .correlationId(logonCorrelationId)
            .clientId(clientId)
            .keyId(keyId);
        pendingLength = HEADER_LENGTH + logonEncoder.encodedLength();
    }

    private void answer()
    {
        if (null != prover)
        {
            prover.prove(proof, nonce, mac);
        }
        else
        {
            Arrays.fill(mac, (byte)0);
        }
        responseCorrelationId = ++lastCorrelationId;
        responseEncoder.wrapAndApplyHeader(frame, 0, headerEncoder)
            .timestampNs(clock.nanoTime())
            .correlationId(responseCorrelationId)
            .clientId(clientId)
            .connectionId(connectionId);
        frame.putBytes(HEADER_LENGTH + SessionLogonResponseEncoder.mac0EncodingOffset(), mac, 0, mac.length);
        Arrays.fill(mac, (byte)0);
        pendingLength = HEADER_LENGTH + responseEncoder.encodedLength();
        state = State.AWAIT_RESULT;
    }

    private void finish(final LogonStatus result)
    {
        status = result;
        loggedOn = LogonStatus.ACCEPTED == result;
        pendingLength = 0;
        state = State.DONE;
    }
}
