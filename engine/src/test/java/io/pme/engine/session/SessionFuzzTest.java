package io.pme.engine.session;

import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.SessionLogonEncoder;
import io.pme.codecs.SessionLogonResponseEncoder;
import io.pme.engine.EngineCounters;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.Properties;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Random, truncated and mutated session frames (logons and logon responses with random MACs, random bytes under
 * session template ids, random inputs from random connections) at the session boundary: it never throws, admits
 * nothing without a proven logon, and answers every session frame and every refused frame exactly once.
 */
class SessionFuzzTest
{
    private static final long SEED = Long.getLong("pme.fuzz.seed", 42L);
    private static final int FRAMES = 50_000;

    @Test
    void nothingGetsInWithoutAProofAndEverythingIsAnsweredOnce() throws IOException
    {
        final Properties properties = new Properties();
        properties.load(new StringReader(SessionAuthTest.SESSIONS));
        final EngineCounters counters = EngineCounters.local();
        final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(1024 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
        final SessionManager sessions = new SessionManager(
            SessionsFile.parse(properties), counters, new SessionOutput(ring, counters.sessionOutputsDropped()),
            1_000_000_000L);
        final SplittableRandom random = new SplittableRandom(SEED);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        long nowNs = 0;
        int admitted = 0;

        for (int i = 0; i < FRAMES; i++)
        {
            nowNs += random.nextInt(1_000_000);
            final int connection = random.nextInt(4);
            final int clientId = random.nextInt(5);
            int length;
            switch (random.nextInt(4))
            {
                case 0 -> length = MessageHeaderEncoder.ENCODED_LENGTH + new SessionLogonEncoder()
                    .wrapAndApplyHeader(frame, 0, header).timestampNs(nowNs).correlationId(i).clientId(clientId)
                    .keyId(random.nextInt(3)).encodedLength();
                case 1 -> length = MessageHeaderEncoder.ENCODED_LENGTH + new SessionLogonResponseEncoder()
                    .wrapAndApplyHeader(frame, 0, header).timestampNs(nowNs).correlationId(i).clientId(clientId)
                    .connectionId(connection).mac0(random.nextLong()).mac1(random.nextLong())
                    .mac2(random.nextLong()).mac3(random.nextLong()).encodedLength();
                case 2 ->
                {
                    length = random.nextInt(64);
                    for (int b = 0; b < length; b++)
                    {
                        frame.putByte(b, (byte)random.nextInt(256));
                    }
                    if (length >= MessageHeaderEncoder.ENCODED_LENGTH)
                    {
                        header.wrap(frame, 0).templateId(20 + random.nextInt(2))
                            .schemaId(MessageHeaderDecoder.SCHEMA_ID).version(MessageHeaderDecoder.SCHEMA_VERSION);
                    }
                }
                default ->
                {
                    length = MessageHeaderEncoder.ENCODED_LENGTH + 20 + random.nextInt(60);
                    for (int b = 0; b < length; b++)
                    {
                        frame.putByte(b, (byte)random.nextInt(256));
                    }
                    header.wrap(frame, 0).templateId(random.nextInt(20))
                        .schemaId(MessageHeaderDecoder.SCHEMA_ID).version(MessageHeaderDecoder.SCHEMA_VERSION);
                    frame.putInt(MessageHeaderEncoder.ENCODED_LENGTH + 16, clientId);
                }
            }
            // truncate now and then
            if (random.nextInt(10) == 0 && length > 0)
            {
                length = random.nextInt(length);
            }
            if (sessions.onFrame(frame, 0, length, connection, nowNs))
            {
                admitted++;
            }
            // a read stops at the end of the ring's buffer: a second one gets past the wrap
            final int answers = ring.read((type, buffer, index, len) -> {}, 16) +
                ring.read((type, buffer, index, len) -> {}, 16);
            final int n = i;
            final int frameLength = length;
            assertEquals(1, answers, () -> "frame " + n + " must be answered exactly once: " +
                org.agrona.BitUtil.toHex(frame.byteArray(), 0, frameLength) + " from " + connection);
            sessions.doWork(nowNs);
            ring.read((type, buffer, index, len) -> {}, 1024);
        }
        assertEquals(0, admitted);
        assertEquals(0, counters.logons().get());
        assertEquals(0, counters.sessionOutputsDropped().get());
        assertFalse(sessions.isLoggedOn(0, 1));
    }
}
