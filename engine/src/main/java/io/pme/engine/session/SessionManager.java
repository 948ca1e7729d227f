package io.pme.engine.session;

import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.SessionLogonDecoder;
import io.pme.codecs.SessionLogonResponseDecoder;
import io.pme.codecs.SessionRole;
import io.pme.engine.EngineCounters;
import io.pme.protocol.ProtocolConfiguration;
import io.pme.protocol.SessionProof;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The engine's authentication and authorisation boundary, consulted by the receiver thread for every input frame
 * before it enters the ring. Session frames (logon, logon response) are answered here and never journaled; any
 * other frame is admitted only when its connection (Aeron session id) has logged on as the frame's clientId and
 * that client's role, accounts and price sources allow it. Refusals are answered with a {@code Reject}
 * (NOT_AUTHORISED) and counted; they never reach the journal, so the business logic stays a function of it.
 * <p>
 * Without a sessions file the manager is open (development mode): logons are accepted at once and every frame is
 * admitted. Single-threaded (the receiver's), except {@link #onConnectionClosed(int)}.
 */
public final class SessionManager
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int PREFIX = 20;
    private static final int MAX_FRAME_LENGTH = ProtocolConfiguration.MAX_FRAME_LENGTH;
    private static final int MAX_PENDING = 256;
    private static final long SWEEP_INTERVAL_NS = 1_000_000;

    private final SessionsFile sessionsFile;
    private final EngineCounters counters;
    private final SessionOutput output;
    private final long logonTimeoutNs;
    private final SecureRandom random;
    private final SessionProof proof = new SessionProof();
    private final Long2ObjectHashMap<ClientCredentials> sessions = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Pending> pending = new Long2ObjectHashMap<>();
    private final ManyToOneConcurrentArrayQueue<Integer> closedConnections = new ManyToOneConcurrentArrayQueue<>(1024);
    private final byte[] macBytes = new byte[SessionProof.MAC_LENGTH];
    private long nextSweepNs;

    /**
     * @param sessionsFile   the admitted clients, or null to run open.
     * @param counters       where logons and refusals are counted.
     * @param output         where answers go.
     * @param logonTimeoutNs how long a logon may take from challenge to response.
     */
    public SessionManager(
        final SessionsFile sessionsFile,
        final EngineCounters counters,
        final SessionOutput output,
        final long logonTimeoutNs)
    {
        this.sessionsFile = sessionsFile;
        this.counters = counters;
        this.output = output;
        this.logonTimeoutNs = logonTimeoutNs;
        this.random = new SecureRandom();
    }

    /**
     * @return true when no sessions file was given and every frame is admitted.
     */
    public boolean isOpen()
    {
        return null == sessionsFile;
    }

    /**
     * @return true when the frame goes on into the ring; false when it was a session frame or refused (and answered).
     */
    public boolean onFrame(
        final DirectBuffer buffer, final int offset, final int length, final int connectionId, final long nowNs)
    {
        final boolean ours = length >= HEADER &&
            MessageHeaderDecoder.SCHEMA_ID == buffer.getShort(offset + 4, LITTLE_ENDIAN) &&
            MessageHeaderDecoder.SCHEMA_VERSION == buffer.getShort(offset + 6, LITTLE_ENDIAN);
        final int templateId = length >= HEADER ? buffer.getShort(offset + 2, LITTLE_ENDIAN) & 0xFFFF : 0;
        if (ours && (SessionLogonDecoder.TEMPLATE_ID == templateId ||
            SessionLogonResponseDecoder.TEMPLATE_ID == templateId))
        {
            onSessionFrame(buffer, offset, length, templateId, connectionId, nowNs);
            return false;
        }
        if (null == sessionsFile)
        {
            return true;
        }

        final boolean prefixReadable = length >= HEADER + PREFIX;
        final long timestampNs = prefixReadable ? buffer.getLong(offset + HEADER, LITTLE_ENDIAN) : 0;
        final long correlationId = prefixReadable ? buffer.getLong(offset + HEADER + 8, LITTLE_ENDIAN) : 0;
        final int clientId = prefixReadable ? buffer.getInt(offset + HEADER + 16, LITTLE_ENDIAN) : 0;
        final ClientCredentials client = prefixReadable ? sessions.get(key(connectionId, clientId)) : null;
        if (null == client)
        {
            counters.refusedUnauthenticated().incrementRelease();
            output.reject(timestampNs, correlationId, clientId, templateId, RejectReason.NOT_AUTHORISED);
            return false;
        }
        // a frame the engine cannot read as ours is let through: the business logic refuses it without any effect
        // (an oversize one as MALFORMED_FRAME, whatever its first bytes claim)
        final int blockLength = Permissions.blockLength(templateId);
        if (length > MAX_FRAME_LENGTH)
        {
            return true;
        }
        if (!ours || Permissions.NO_FIELD == blockLength ||
            (buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF) != blockLength || length < HEADER + blockLength)
        {
            if (ours && Permissions.NO_FIELD == blockLength)
            {
                return refuse(counters.refusedRole(), timestampNs, correlationId, clientId, templateId);
            }
            return true;
        }
        if (!Permissions.maySend(client.role(), templateId))
        {
            return refuse(counters.refusedRole(), timestampNs, correlationId, clientId, templateId);
        }
        final int accountOffset = Permissions.accountOffset(templateId);
        if (Permissions.NO_FIELD != accountOffset &&
            !client.isEntitled(buffer.getLong(offset + HEADER + accountOffset, LITTLE_ENDIAN)))
        {
            return refuse(counters.refusedAccount(), timestampNs, correlationId, clientId, templateId);
        }
        final int sourceOffset = Permissions.sourceOffset(templateId);
        if (Permissions.NO_FIELD != sourceOffset &&
            !client.isAllowedSource(buffer.getInt(offset + HEADER + sourceOffset, LITTLE_ENDIAN)))
        {
            return refuse(counters.refusedSource(), timestampNs, correlationId, clientId, templateId);
        }
        return true;
    }

    private boolean refuse(
        final org.agrona.concurrent.status.AtomicCounter counter, final long timestampNs, final long correlationId,
        final int clientId, final int templateId)
    {
        counter.incrementRelease();
        output.reject(timestampNs, correlationId, clientId, templateId, RejectReason.NOT_AUTHORISED);
        return false;
    }

    /**
     * Expires logons past their deadline and forgets the sessions of closed connections.
     *
     * @return work done.
     */
    public int doWork(final long nowNs)
    {
        int work = 0;
        Integer closed;
        while (null != (closed = closedConnections.poll()))
        {
            work += forget(closed);
        }
        if (!pending.isEmpty() && nowNs - nextSweepNs >= 0)
        {
            nextSweepNs = nowNs + SWEEP_INTERVAL_NS;
            final Iterator<Pending> it = pending.values().iterator();
            while (it.hasNext())
            {
                final Pending logon = it.next();
                if (nowNs - logon.deadlineNs > 0)
                {
                    it.remove();
                    counters.logonFailures().incrementRelease();
                    output.result(logon.timestampNs, logon.correlationId, logon.clientId, logon.connectionId,
                        LogonStatus.TIMED_OUT, SessionRole.NONE);
                    work++;
                }
            }
        }
        return work;
    }

    /**
     * A connection (Aeron image) went away: its sessions end. Safe from any thread.
     */
    public void onConnectionClosed(final int connectionId)
    {
        closedConnections.offer(connectionId);
    }

    /**
     * @return whether that connection is logged on as that client.
     */
    public boolean isLoggedOn(final int connectionId, final int clientId)
    {
        return null != sessions.get(key(connectionId, clientId));
    }

    private int forget(final int connectionId)
    {
        final List<Long> keys = new ArrayList<>();
        for (final long key : sessions.keySet())
        {
            if ((int)(key >>> 32) == connectionId)
            {
                keys.add(key);
            }
        }
        for (final long key : pending.keySet())
        {
            if ((int)(key >>> 32) == connectionId)
            {
                keys.add(key);
            }
        }
        for (final Long key : keys)
        {
            sessions.remove(key.longValue());
            pending.remove(key.longValue());
        }
        return keys.size();
    }

    private void onSessionFrame(
        final DirectBuffer buffer, final int offset, final int length, final int templateId, final int connectionId,
        final long nowNs)
    {
        final int blockLength = SessionLogonDecoder.TEMPLATE_ID == templateId ?
            SessionLogonDecoder.BLOCK_LENGTH : SessionLogonResponseDecoder.BLOCK_LENGTH;
        final boolean prefixReadable = length >= HEADER + PREFIX;
        final long timestampNs = prefixReadable ? buffer.getLong(offset + HEADER, LITTLE_ENDIAN) : 0;
        final long correlationId = prefixReadable ? buffer.getLong(offset + HEADER + 8, LITTLE_ENDIAN) : 0;
        final int clientId = prefixReadable ? buffer.getInt(offset + HEADER + 16, LITTLE_ENDIAN) : 0;
        if ((buffer.getShort(offset, LITTLE_ENDIAN) & 0xFFFF) != blockLength || length < HEADER + blockLength ||
            length > MAX_FRAME_LENGTH)
        {
            counters.logonFailures().incrementRelease();
            output.reject(timestampNs, correlationId, clientId, templateId, RejectReason.MALFORMED_FRAME);
            return;
        }
        if (SessionLogonDecoder.TEMPLATE_ID == templateId)
        {
            onLogon(buffer, offset, timestampNs, correlationId, clientId, connectionId, nowNs);
        }
        else
        {
            onLogonResponse(buffer, offset, timestampNs, correlationId, clientId, connectionId, nowNs);
        }
    }

    private void onLogon(
        final DirectBuffer buffer, final int offset, final long timestampNs, final long correlationId,
        final int clientId, final int connectionId, final long nowNs)
    {
        if (null == sessionsFile)
        {
            counters.logons().incrementRelease();
            output.result(timestampNs, correlationId, clientId, connectionId, LogonStatus.ACCEPTED, SessionRole.NONE);
            return;
        }
        final long key = key(connectionId, clientId);
        sessions.remove(key);
        pending.remove(key);
        final int keyId = buffer.getInt(offset + HEADER + SessionLogonDecoder.keyIdEncodingOffset(), LITTLE_ENDIAN);
        final ClientCredentials client = sessionsFile.client(clientId);
        // an unknown client is challenged like a known one, so a scan cannot tell which client ids exist
        if (pending.size() >= MAX_PENDING)
        {
            counters.logonFailures().incrementRelease();
            output.result(timestampNs, correlationId, clientId, connectionId, LogonStatus.TOO_MANY_PENDING,
                SessionRole.NONE);
            return;
        }
        final Pending logon = new Pending();
        random.nextBytes(logon.nonce);
        logon.client = null != client && client.keyId() == keyId ? client : null;
        logon.timestampNs = timestampNs;
        logon.correlationId = correlationId;
        logon.clientId = clientId;
        logon.connectionId = connectionId;
        logon.deadlineNs = nowNs + logonTimeoutNs;
        pending.put(key, logon);
        output.challenge(timestampNs, correlationId, clientId, connectionId,
            logon.nonceWord(0), logon.nonceWord(8));
    }

    private void onLogonResponse(
        final DirectBuffer buffer, final int offset, final long timestampNs, final long correlationId,
        final int clientId, final int connectionId, final long nowNs)
    {
        final long key = key(connectionId, clientId);
        final Pending logon = null == sessionsFile ? null : pending.remove(key);
        if (null == logon)
        {
            counters.logonFailures().incrementRelease();
            output.result(timestampNs, correlationId, clientId, connectionId, LogonStatus.NO_CHALLENGE,
                SessionRole.NONE);
            return;
        }
        if (nowNs - logon.deadlineNs > 0)
        {
            counters.logonFailures().incrementRelease();
            output.result(timestampNs, correlationId, clientId, connectionId, LogonStatus.TIMED_OUT, SessionRole.NONE);
            return;
        }
        final int macOffset = offset + HEADER + SessionLogonResponseDecoder.mac0EncodingOffset();
        buffer.getBytes(macOffset, macBytes, 0, SessionProof.MAC_LENGTH);
        final int echoedConnection =
            buffer.getInt(offset + HEADER + SessionLogonResponseDecoder.connectionIdEncodingOffset(), LITTLE_ENDIAN);
        final ClientCredentials client = logon.client;
        if (null == client || echoedConnection != connectionId || !client.verify(proof, logon.nonce, macBytes))
        {
            counters.logonFailures().incrementRelease();
            output.result(timestampNs, correlationId, clientId, connectionId, LogonStatus.BAD_CREDENTIALS,
                SessionRole.NONE);
            return;
        }
        // one live connection per client: a new logon ends the client's session on any other connection
        evictClient(clientId);
        sessions.put(key, client);
        counters.logons().incrementRelease();
        output.result(timestampNs, correlationId, clientId, connectionId, LogonStatus.ACCEPTED, client.role());
    }

    private void evictClient(final int clientId)
    {
        final Long2ObjectHashMap<ClientCredentials>.KeyIterator it = sessions.keySet().iterator();
        while (it.hasNext())
        {
            if ((int)it.nextLong() == clientId)
            {
                it.remove();
            }
        }
    }

    private static long key(final int connectionId, final int clientId)
    {
        return ((long)connectionId << 32) | (clientId & 0xFFFF_FFFFL);
    }

    private static final class Pending
    {
        final byte[] nonce = new byte[SessionProof.NONCE_LENGTH];
        ClientCredentials client;
        long timestampNs;
        long correlationId;
        int clientId;
        int connectionId;
        long deadlineNs;

        long nonceWord(final int from)
        {
            long word = 0;
            for (int i = 7; i >= 0; i--)
            {
                word = (word << 8) | (nonce[from + i] & 0xFF);
            }
            return word;
        }
    }
}
