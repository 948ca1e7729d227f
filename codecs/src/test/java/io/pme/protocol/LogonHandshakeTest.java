package io.pme.protocol;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.SessionChallengeEncoder;
import io.pme.codecs.SessionLogonDecoder;
import io.pme.codecs.SessionLogonResponseDecoder;
import io.pme.codecs.SessionLogonResultEncoder;
import io.pme.codecs.SessionRole;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client side of the logon against a scripted engine: what it sends, what it answers, what it ignores, when it
 * sends the logon again and when it gives up.
 */
class LogonHandshakeTest
{
    private static final int CONNECTION = 42;
    private static final int CLIENT = 7;
    private static final long RESEND_NS = 1_000;
    private static final long TIMEOUT_NS = 10_000;
    private static final byte[] SECRET = HexFormat.of().parseHex("07".repeat(32));
    private static final byte[] NONCE = HexFormat.of().parseHex("f0e1d2c3b4a5968778695a4b3c2d1e0f");

    private final List<byte[]> sent = new ArrayList<>();
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private boolean takeOffers = true;
    private final LogonHandshake handshake = new LogonHandshake(this::offer, () -> 1_000_000L, CONNECTION, RESEND_NS);

    @Test
    void logsOnWithTheProofOfTheChallengesNonce()
    {
        handshake.start(CLIENT, 3, SessionProof.prover(CLIENT, SECRET), 0, TIMEOUT_NS);
        assertFalse(handshake.isDone());
        assertEquals(1, handshake.doWork(0));
        final SessionLogonDecoder logon = logon(0);
        assertEquals(CLIENT, logon.clientId());
        assertEquals(3, logon.keyId());
        assertEquals(1_000_000L, logon.timestampNs());

        assertTrue(handshake.onFrame(output, 0, challenge(logon.correlationId(), CLIENT, CONNECTION)));
        assertEquals(1, handshake.doWork(1));
        final SessionLogonResponseDecoder response = response(1);
        assertEquals(CLIENT, response.clientId());
        assertEquals(CONNECTION, response.connectionId());
        assertTrue(new SessionProof().verify(SECRET, NONCE, CLIENT, mac(1)));

        assertTrue(handshake.onFrame(output, 0, result(response.correlationId(), LogonStatus.ACCEPTED)));
        assertTrue(handshake.isDone());
        assertEquals(LogonStatus.ACCEPTED, handshake.status());
        assertTrue(handshake.isLoggedOn());
        assertEquals(1, handshake.logonsSent());
        assertEquals(0, handshake.doWork(2));
        assertEquals(2, sent.size());
    }

    @Test
    void aLateChallengeIsAskedForAgainAndOnlyTheLatestIsAnswered()
    {
        handshake.start(CLIENT, 1, SessionProof.prover(CLIENT, SECRET), 0, TIMEOUT_NS);
        handshake.doWork(0);
        assertEquals(0, handshake.doWork(RESEND_NS - 1));
        assertEquals(1, sent.size());
        assertEquals(2, handshake.doWork(RESEND_NS));
        assertEquals(2, sent.size());
        final long first = logon(0).correlationId();
        final long second = logon(1).correlationId();
        assertTrue(second > first);

        assertTrue(handshake.onFrame(output, 0, challenge(first, CLIENT, CONNECTION)));
        assertEquals(0, handshake.doWork(RESEND_NS + 1), "the replaced logon's challenge is not answered");
        handshake.onFrame(output, 0, challenge(second, CLIENT, CONNECTION));
        handshake.doWork(RESEND_NS + 2);
        assertEquals(3, sent.size());
        assertEquals(CLIENT, response(2).clientId());

        // the response is never sent again, however long its result takes
        assertEquals(0, handshake.doWork(RESEND_NS * 5));
        assertEquals(3, sent.size());
        assertEquals(2, handshake.logonsSent());
    }

    @Test
    void framesForAnotherClientOrConnectionOrAnEarlierLogonAreIgnored()
    {
        handshake.start(CLIENT, 1, SessionProof.prover(CLIENT, SECRET), 0, TIMEOUT_NS);
        handshake.doWork(0);
        final long correlationId = logon(0).correlationId();
        assertFalse(handshake.onFrame(output, 0, challenge(correlationId, CLIENT + 1, CONNECTION)));
        assertFalse(handshake.onFrame(output, 0, challenge(correlationId, CLIENT, CONNECTION + 1)));
        assertTrue(handshake.onFrame(output, 0, result(correlationId - 1, LogonStatus.ACCEPTED)));
        assertFalse(handshake.onFrame(output, 0, 4), "a truncated frame");
        handshake.doWork(1);
        assertEquals(1, sent.size());
        assertFalse(handshake.isDone());
    }

    @Test
    void anEngineWithoutSessionsAcceptsTheLogonAtOnce()
    {
        handshake.start(CLIENT, 1, null, 0, TIMEOUT_NS);
        handshake.doWork(0);
        handshake.onFrame(output, 0, result(logon(0).correlationId(), LogonStatus.ACCEPTED));
        assertEquals(LogonStatus.ACCEPTED, handshake.status());
    }

    @Test
    void withoutAProverTheAnswerProvesNothing()
    {
        handshake.start(CLIENT, 1, null, 0, TIMEOUT_NS);
        handshake.doWork(0);
        handshake.onFrame(output, 0, challenge(logon(0).correlationId(), CLIENT, CONNECTION));
        handshake.doWork(1);
        assertArrayEquals(new byte[SessionProof.MAC_LENGTH], mac(1));
    }

    @Test
    void aRefusedOfferIsOfferedAgainAndTheDeadlineEndsTheLogon()
    {
        takeOffers = false;
        handshake.start(CLIENT, 1, null, 0, TIMEOUT_NS);
        assertEquals(0, handshake.doWork(0));
        assertEquals(0, handshake.doWork(RESEND_NS * 2));
        takeOffers = true;
        assertEquals(1, handshake.doWork(RESEND_NS * 3));
        assertEquals(1, sent.size());
        assertNull(handshake.status());
        assertEquals(1, handshake.doWork(TIMEOUT_NS + 1));
        assertEquals(LogonStatus.TIMED_OUT, handshake.status());
        assertFalse(handshake.isLoggedOn());
    }

    @Test
    void aRefusalEndsTheLogonAndAnyLaterRefusalLogsTheClientOff()
    {
        handshake.start(CLIENT, 1, SessionProof.prover(CLIENT, SECRET), 0, TIMEOUT_NS);
        handshake.doWork(0);
        handshake.onFrame(output, 0, challenge(logon(0).correlationId(), CLIENT, CONNECTION));
        handshake.doWork(1);
        handshake.onFrame(output, 0, result(response(1).correlationId(), LogonStatus.BAD_CREDENTIALS));
        assertEquals(LogonStatus.BAD_CREDENTIALS, handshake.status());
        assertFalse(handshake.isLoggedOn());

        handshake.start(CLIENT, 1, SessionProof.prover(CLIENT, SECRET), 2, TIMEOUT_NS);
        handshake.doWork(2);
        handshake.onFrame(output, 0, result(logon(2).correlationId(), LogonStatus.ACCEPTED));
        assertTrue(handshake.isLoggedOn());
        handshake.onFrame(output, 0, result(-1, LogonStatus.TIMED_OUT));
        assertFalse(handshake.isLoggedOn());
        assertEquals(LogonStatus.ACCEPTED, handshake.status());
    }

    @Test
    void cancelEndsTheLogonTimedOut()
    {
        handshake.start(CLIENT, 1, null, 0, TIMEOUT_NS);
        handshake.cancel();
        assertTrue(handshake.isDone());
        assertEquals(LogonStatus.TIMED_OUT, handshake.status());
    }

    private boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (takeOffers)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            sent.add(copy);
        }
        return takeOffers;
    }

    private SessionLogonDecoder logon(final int index)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(sent.get(index));
        headerDecoder.wrap(frame, 0);
        assertEquals(SessionLogonDecoder.TEMPLATE_ID, headerDecoder.templateId());
        return new SessionLogonDecoder().wrap(
            frame, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
    }

    private SessionLogonResponseDecoder response(final int index)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(sent.get(index));
        headerDecoder.wrap(frame, 0);
        assertEquals(SessionLogonResponseDecoder.TEMPLATE_ID, headerDecoder.templateId());
        return new SessionLogonResponseDecoder().wrap(
            frame, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
    }

    private byte[] mac(final int index)
    {
        final byte[] mac = new byte[SessionProof.MAC_LENGTH];
        new UnsafeBuffer(sent.get(index)).getBytes(
            MessageHeaderDecoder.ENCODED_LENGTH + SessionLogonResponseDecoder.mac0EncodingOffset(), mac);
        return mac;
    }

    private int challenge(final long correlationId, final int clientId, final int connectionId)
    {
        final SessionChallengeEncoder challenge = new SessionChallengeEncoder()
            .wrapAndApplyHeader(output, 0, headerEncoder)
            .timestampNs(1).correlationId(correlationId).clientId(clientId).connectionId(connectionId);
        output.putBytes(MessageHeaderEncoder.ENCODED_LENGTH + SessionChallengeEncoder.nonce0EncodingOffset(), NONCE);
        return MessageHeaderEncoder.ENCODED_LENGTH + challenge.encodedLength();
    }

    private int result(final long correlationId, final LogonStatus status)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new SessionLogonResultEncoder()
            .wrapAndApplyHeader(output, 0, headerEncoder)
            .timestampNs(1).correlationId(correlationId).clientId(CLIENT).connectionId(CONNECTION)
            .status(status).role(SessionRole.TRADER).encodedLength();
    }
}
