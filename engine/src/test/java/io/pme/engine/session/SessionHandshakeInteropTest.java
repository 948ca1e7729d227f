package io.pme.engine.session;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.SessionLogonResponseDecoder;
import io.pme.engine.EngineCounters;
import io.pme.protocol.LogonHandshake;
import io.pme.protocol.SessionProof;
import io.pme.protocol.SessionProver;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both sides of the logon, in memory: the protocol's client-side {@link LogonHandshake} against the engine's
 * verifier ({@link SessionManager} and its {@link SessionOutput}). The verifier accepts what the client side
 * proves, with the sessions file's credentials as with a secret held by the client library, and refuses the answer
 * when any byte of its MAC is flipped on the way.
 */
class SessionHandshakeInteropTest
{
    private static final int CONNECTION = 1234;
    private static final long TIMEOUT_NS = 1_000_000_000L;

    private final EngineCounters counters = EngineCounters.local();
    private final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
    private final SessionsFile file;
    private final SessionManager sessions;
    private final LogonHandshake handshake =
        new LogonHandshake(this::toEngine, () -> 1L, CONNECTION, LogonHandshake.DEFAULT_RESEND_INTERVAL_NS);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[256]);
    private long nowNs;
    private int flipMacByte = -1;
    private int outputsToDrop;

    SessionHandshakeInteropTest() throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(SessionAuthTest.SESSIONS));
        file = SessionsFile.parse(properties);
        sessions = new SessionManager(
            file, counters, new SessionOutput(ring, counters.sessionOutputsDropped()), TIMEOUT_NS);
    }

    @Test
    void theVerifierAcceptsWhatTheClientSideProves()
    {
        for (final int clientId : new int[]{ 1, 2, 3 })
        {
            final ClientCredentials credentials = file.client(clientId);
            assertEquals(LogonStatus.ACCEPTED, logon(clientId, credentials.keyId(), credentials));
            assertTrue(handshake.isLoggedOn());
            assertTrue(sessions.isLoggedOn(CONNECTION, clientId));
        }
        // the client library's prover holds the secret itself: the same proof
        final byte[] secret = HexFormat.of().parseHex("03".repeat(32));
        assertEquals(LogonStatus.ACCEPTED, logon(3, 1, SessionProof.prover(3, secret)));
        assertEquals(4, counters.logons().get());
        assertEquals(0, counters.logonFailures().get());
    }

    @Test
    void aFlippedByteOfTheMacIsRefused()
    {
        final ClientCredentials credentials = file.client(3);
        for (int i = 0; i < SessionProof.MAC_LENGTH; i++)
        {
            flipMacByte = i;
            assertEquals(LogonStatus.BAD_CREDENTIALS, logon(3, 1, credentials), "byte " + i);
            assertFalse(sessions.isLoggedOn(CONNECTION, 3));
        }
        assertEquals(SessionProof.MAC_LENGTH, counters.logonFailures().get());
        flipMacByte = -1;
        assertEquals(LogonStatus.ACCEPTED, logon(3, 1, credentials));
    }

    @Test
    void aLostChallengeIsAskedForAgainWithoutCountingAFailure()
    {
        outputsToDrop = 1;
        assertEquals(LogonStatus.ACCEPTED, logon(1, 1, file.client(1)));
        assertEquals(2, handshake.logonsSent());
        assertEquals(0, counters.logonFailures().get());
        assertEquals(1, counters.logons().get());
    }

    private LogonStatus logon(final int clientId, final int keyId, final SessionProver prover)
    {
        handshake.start(clientId, keyId, prover, nowNs, TIMEOUT_NS);
        final long deadlineNs = nowNs + TIMEOUT_NS;
        while (!handshake.isDone())
        {
            assertTrue(nowNs - deadlineNs <= 0, "the handshake outlived its own deadline");
            handshake.doWork(nowNs);
            ring.read((msgTypeId, buffer, index, length) -> fromEngine(buffer, index, length));
            nowNs += 1_000_000;
        }
        return handshake.status();
    }

    private boolean toEngine(final DirectBuffer buffer, final int offset, final int length)
    {
        copy.putBytes(0, buffer, offset, length);
        header.wrap(copy, 0);
        if (flipMacByte >= 0 && SessionLogonResponseDecoder.TEMPLATE_ID == header.templateId())
        {
            final int index = MessageHeaderDecoder.ENCODED_LENGTH + SessionLogonResponseDecoder.mac0EncodingOffset() +
                flipMacByte;
            copy.putByte(index, (byte)(copy.getByte(index) ^ 0x01));
        }
        assertFalse(sessions.onFrame(copy, 0, length, CONNECTION, nowNs), "a session frame never enters the ring");
        return true;
    }

    private void fromEngine(final DirectBuffer buffer, final int offset, final int length)
    {
        if (outputsToDrop > 0)
        {
            outputsToDrop--;
            return;
        }
        handshake.onFrame(buffer, offset, length);
    }
}
