package io.pme.engine.session;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.SessionChallengeDecoder;
import io.pme.codecs.SessionLogonEncoder;
import io.pme.codecs.SessionLogonResponseEncoder;
import io.pme.engine.EngineCounters;
import io.pme.protocol.LogonHandshake;
import io.pme.protocol.ProtocolConfiguration;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A frame over {@link ProtocolConfiguration#MAX_FRAME_LENGTH} at the session boundary: a session frame (logon or
 * logon response) is answered MALFORMED_FRAME there and starts nothing, with authentication on and off; any other
 * frame is refused NOT_AUTHORISED from an unauthenticated connection, and from a logged-on one goes on to the
 * business logic, which answers it MALFORMED_FRAME (the receiver journals it as its first bytes under template 0).
 */
class SessionFrameLengthTest
{
    private static final int CONNECTION = 77;
    private static final int[] OVERSIZE = { ProtocolConfiguration.MAX_FRAME_LENGTH + 1, 300, 1024, 4096 };

    private final EngineCounters counters = EngineCounters.local();
    private final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
    private final SessionOutput output = new SessionOutput(ring, counters.sessionOutputsDropped());
    private final SessionsFile file;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[8192]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder answerHeader = new MessageHeaderDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final List<String> answers = new ArrayList<>();
    private long correlationId;

    SessionFrameLengthTest() throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(SessionAuthTest.SESSIONS));
        file = SessionsFile.parse(properties);
    }

    @Test
    void anOversizeSessionFrameIsMalformedWithAuthenticationOnAndOff()
    {
        int cases = 0;
        for (final SessionsFile sessionsFile : new SessionsFile[]{ file, null })
        {
            final SessionManager sessions = new SessionManager(sessionsFile, counters, output, 1_000_000_000L);
            for (final boolean logon : new boolean[]{ true, false })
            {
                for (final int length : OVERSIZE)
                {
                    final int encoded = logon ? logon(3) : logonResponse(3);
                    frame.setMemory(encoded, length - encoded, (byte)0x5A);
                    assertFalse(sessions.onFrame(frame, 0, length, CONNECTION, 1), "never into the ring");
                    assertEquals(List.of("Reject " + correlationId + " MALFORMED_FRAME"), drain(), "length " + length);
                    cases++;
                }
            }
            assertFalse(sessions.isLoggedOn(CONNECTION, 3));
        }
        assertEquals(2 * 2 * OVERSIZE.length, cases, "cases run");
        assertEquals(cases, counters.logonFailures().get());
        assertEquals(0, counters.logons().get());
    }

    @Test
    void aSessionFrameUpToTheLimitIsReadAsUsual()
    {
        final SessionManager sessions = new SessionManager(file, counters, output, 1_000_000_000L);
        final int encoded = logon(3);
        frame.setMemory(encoded, ProtocolConfiguration.MAX_FRAME_LENGTH - encoded, (byte)0);
        assertFalse(sessions.onFrame(frame, 0, ProtocolConfiguration.MAX_FRAME_LENGTH, CONNECTION, 1));
        assertEquals(List.of("SessionChallenge " + correlationId), drain());
    }

    @Test
    void anOversizeInputIsRefusedUnauthenticatedAndGoesOnWhenLoggedOn()
    {
        final SessionManager sessions = new SessionManager(file, counters, output, 1_000_000_000L);
        for (final int length : OVERSIZE)
        {
            padded(accountOpen(3), length);
            assertFalse(sessions.onFrame(frame, 0, length, CONNECTION, 1));
            assertEquals(List.of("Reject " + correlationId + " NOT_AUTHORISED"), drain());
        }

        final LogonHandshake handshake = new LogonHandshake((buffer, offset, length) ->
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            assertFalse(sessions.onFrame(copy, 0, length, CONNECTION, 1));
            return true;
        }, () -> 1L, CONNECTION, LogonHandshake.DEFAULT_RESEND_INTERVAL_NS);
        handshake.start(3, file.client(3).keyId(), file.client(3), 1, 1_000_000_000L);
        while (!handshake.isDone())
        {
            handshake.doWork(1);
            ring.read((type, buffer, index, length) -> handshake.onFrame(buffer, index, length));
        }
        assertEquals(LogonStatus.ACCEPTED, handshake.status());

        // a TRADER may not open accounts: refused when readable, but an oversize frame is not read as an input
        final int encoded = accountOpen(3);
        assertFalse(sessions.onFrame(frame, 0, encoded, CONNECTION, 1));
        assertEquals(List.of("Reject " + correlationId + " NOT_AUTHORISED"), drain());
        for (final int length : OVERSIZE)
        {
            padded(accountOpen(3), length);
            assertTrue(sessions.onFrame(frame, 0, length, CONNECTION, 1), "on to the business logic");
            assertEquals(List.of(), drain());
        }
    }

    private void padded(final int encoded, final int length)
    {
        frame.setMemory(encoded, length - encoded, (byte)0x33);
    }

    private int logon(final int clientId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new SessionLogonEncoder().wrapAndApplyHeader(frame, 0, header)
            .timestampNs(1).correlationId(++correlationId).clientId(clientId).keyId(1).encodedLength();
    }

    private int logonResponse(final int clientId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new SessionLogonResponseEncoder()
            .wrapAndApplyHeader(frame, 0, header).timestampNs(1).correlationId(++correlationId).clientId(clientId)
            .connectionId(CONNECTION).mac0(1).mac1(2).mac2(3).mac3(4).encodedLength();
    }

    private int accountOpen(final int clientId)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + new AccountOpenEncoder().wrapAndApplyHeader(frame, 0, header)
            .timestampNs(1).correlationId(++correlationId).clientId(clientId).accountId(1001)
            .marginMode(MarginMode.CROSS).encodedLength();
    }

    private List<String> drain()
    {
        answers.clear();
        ring.read((type, buffer, index, length) -> answers.add(describe(buffer, index)));
        return new ArrayList<>(answers);
    }

    private String describe(final DirectBuffer buffer, final int offset)
    {
        answerHeader.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final long correlation = buffer.getLong(body + 8, java.nio.ByteOrder.LITTLE_ENDIAN);
        if (RejectDecoder.TEMPLATE_ID == answerHeader.templateId())
        {
            reject.wrap(buffer, body, answerHeader.blockLength(), answerHeader.version());
            return "Reject " + correlation + " " + reject.reason();
        }
        if (SessionChallengeDecoder.TEMPLATE_ID == answerHeader.templateId())
        {
            return "SessionChallenge " + correlation;
        }
        return "template " + answerHeader.templateId() + " " + correlation;
    }
}
