package io.pme.engine.session;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.AuctionBidEncoder;
import io.pme.codecs.FillEncoder;
import io.pme.codecs.HeartbeatEncoder;
import io.pme.codecs.LiquidationFillEncoder;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.engine.logic.NoRiskModel;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session boundary in a real engine (embedded media driver, IPC, Chronicle Queue journal): logons, refusals
 * with NOT_AUTHORISED that are counted and never journaled, and the frames of logged-on clients going through.
 */
class SessionAuthTest
{
    static final String SESSIONS = String.join("\n",
        "client.1.role=ADMIN",
        "client.1.secret=hex:0101010101010101010101010101010101010101010101010101010101010101",
        "client.1.accounts=*",
        "client.2.role=FEED",
        "client.2.secret=hex:0202020202020202020202020202020202020202020202020202020202020202",
        "client.2.sources=1",
        "client.3.role=TRADER",
        "client.3.secret=hex:0303030303030303030303030303030303030303030303030303030303030303",
        "client.3.accounts=1001,1002",
        "client.5.role=LIQUIDATOR",
        "client.5.secret=hex:0505050505050505050505050505050505050505050505050505050505050505",
        "client.5.accounts=9001",
        "");
    private static final long TIMEOUT_MS = 10_000;

    @TempDir
    Path dir;

    private Engine engine;
    private ExclusivePublication publication;
    private Subscription subscription;
    private final List<long[]> rejects = new ArrayList<>();
    private final List<Integer> templates = new ArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long correlationId;

    @AfterEach
    void close()
    {
        if (null != publication)
        {
            publication.close();
            subscription.close();
        }
        if (null != engine)
        {
            engine.close();
        }
    }

    @Test
    void onlyLoggedOnAndEntitledFramesReachTheJournal() throws IOException
    {
        final SessionsFile file = start(5_000);
        final SessionLogonClient logon = new SessionLogonClient(publication, subscription);

        send(accountOpen(1, 1001));
        awaitRejects(1);
        assertEquals(RejectReason.NOT_AUTHORISED.value(), (int)rejects.get(0)[1]);
        assertEquals(1, engine.counters().refusedUnauthenticated().get());

        assertEquals(LogonStatus.BAD_CREDENTIALS, logon.logon(1, 1, file.client(3), TIMEOUT_MS));
        assertEquals(LogonStatus.BAD_CREDENTIALS, logon.logon(99, 1, null, TIMEOUT_MS));
        assertEquals(LogonStatus.BAD_CREDENTIALS, logon.logon(1, 2, file.client(1), TIMEOUT_MS));
        assertEquals(LogonStatus.ACCEPTED, logon.logon(file.client(1), TIMEOUT_MS));
        assertEquals(LogonStatus.ACCEPTED, logon.logon(file.client(2), TIMEOUT_MS));
        assertEquals(LogonStatus.ACCEPTED, logon.logon(file.client(3), TIMEOUT_MS));
        assertEquals(3, engine.counters().logonFailures().get());
        assertEquals(3, engine.counters().logons().get());

        send(accountOpen(1, 1001));
        send(accountOpen(1, 1002));
        send(accountOpen(3, 1003));                     // a trader may not open accounts
        send(orderCheck(3, 1003));                      // nor check for an account it is not entitled to
        send(oraclePrice(2, 9));                        // a feed only publishes as its allow-listed source
        send(orderCheck(2, 1001));                      // a feed may not check orders
        send(orderCheck(3, 1001));
        send(oraclePrice(2, 1));                        // admitted; the engine refuses it (no asset 0 defined)
        send(accountOpen(4, 1004));                     // a client nobody logged on as
        awaitRejects(7);

        assertEquals(2, engine.counters().refusedRole().get());
        assertEquals(1, engine.counters().refusedAccount().get());
        assertEquals(1, engine.counters().refusedSource().get());
        assertEquals(2, engine.counters().refusedUnauthenticated().get());
        assertEquals(6, rejects.stream().filter(r -> RejectReason.NOT_AUTHORISED.value() == r[1]).count());
        assertEquals(1, rejects.stream().filter(r -> RejectReason.UNKNOWN_ASSET.value() == r[1]).count());
        awaitInputs(4);
        engine.close();
        assertEquals(4, engine.counters().journalPosition().get(), "only admitted frames are journaled");
        assertEquals(2, engine.state().accounts().count());
        engine = null;
        publication.close();
        subscription.close();
        publication = null;
    }

    @Test
    void liquidationInputsGoOnlyToTheirRolesAndAccounts() throws IOException
    {
        final SessionsFile file = start(5_000);
        final SessionLogonClient logon = new SessionLogonClient(publication, subscription);
        assertEquals(LogonStatus.ACCEPTED, logon.logon(file.client(3), TIMEOUT_MS));
        assertEquals(LogonStatus.ACCEPTED, logon.logon(file.client(5), TIMEOUT_MS));

        send(auctionBid(5, 9001));                      // admitted: the business logic answers it
        final long admittedBid = correlationId;
        send(heartbeat(5));
        send(auctionBid(5, 9002));                      // a liquidator bids only into its own accounts
        send(fill(5, 9001));                            // and does not trade
        send(liquidationFill(3));                       // a trader may not execute liquidation orders
        awaitInputs(2);
        awaitNotAuthorised(3);

        assertEquals(2, engine.counters().refusedRole().get());
        assertEquals(1, engine.counters().refusedAccount().get());
        assertEquals(List.of(admittedBid + 2, admittedBid + 3, admittedBid + 4), rejects.stream()
            .filter(r -> RejectReason.NOT_AUTHORISED.value() == r[1]).map(r -> r[0]).toList());
        engine.close();
        assertEquals(2, engine.counters().journalPosition().get(), "the bid and the heartbeat are journaled");
        engine = null;
        publication.close();
        subscription.close();
        publication = null;
    }

    @Test
    void aLogonMustFinishInTime() throws IOException
    {
        start(200);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        final io.pme.codecs.SessionLogonEncoder logon = new io.pme.codecs.SessionLogonEncoder();
        logon.wrapAndApplyHeader(buffer, 0, header).timestampNs(1).correlationId(1).clientId(1).keyId(1);
        send(MessageHeaderEncoder.ENCODED_LENGTH + logon.encodedLength());
        while (engine.counters().logonFailures().get() < 1)
        {
            assertTrue(System.nanoTime() < deadline, "pending logon never expired");
            poll();
        }
        assertEquals(0, engine.counters().logons().get());
    }

    @Test
    void withoutASessionsFileTheEngineIsOpen()
    {
        engine = Engine.launch(context().conclude());
        connect();
        assertTrue(engine.sessions().isOpen());
        assertEquals(
            LogonStatus.ACCEPTED, new SessionLogonClient(publication, subscription).logon(7, 1, null, TIMEOUT_MS));
        send(accountOpen(7, 1001));
        awaitInputs(1);
        assertEquals(0, engine.counters().refusedUnauthenticated().get());
    }

    private SessionsFile start(final long logonTimeoutMs) throws IOException
    {
        final Path sessions = dir.resolve("sessions.properties");
        Files.writeString(sessions, SESSIONS);
        engine = Engine.launch(context().sessionsFile(sessions).logonTimeoutMs(logonTimeoutMs).conclude());
        connect();
        return SessionsFile.load(sessions);
    }

    private EngineContext context()
    {
        return new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .journalDir(dir.resolve("journal"))
            .maxAccounts(1_000)
            .maxOpenOrders(1_000)
            .ringSize(1024)
            .outputBufferLength(1024 * 1024)
            .riskModelFactory(state -> new NoRiskModel(state.accounts()));
    }

    private void connect()
    {
        subscription = engine.aeron().addSubscription("aeron:ipc", 1002);
        publication = engine.aeron().addExclusivePublication("aeron:ipc", 1001);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!publication.isConnected() || !subscription.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "not connected");
            Thread.onSpinWait();
        }
    }

    private int accountOpen(final int clientId, final long accountId)
    {
        final AccountOpenEncoder encoder = new AccountOpenEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId)
            .accountId(accountId).marginMode(MarginMode.CROSS);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int orderCheck(final int clientId, final long accountId)
    {
        final OrderCheckEncoder encoder = new OrderCheckEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId)
            .accountId(accountId).instrumentId(1).side(Side.BUY).quantity(1).limitPrice(1).clientOrderId(5);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int oraclePrice(final int clientId, final int sourceId)
    {
        final OraclePriceEncoder encoder = new OraclePriceEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId)
            .sourceId(sourceId).assetId(0).price(1.0).sourceTimestampNs(1_000);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int auctionBid(final int clientId, final long bidderAccountId)
    {
        final AuctionBidEncoder encoder = new AuctionBidEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId)
            .liquidationId(1).bidderAccountId(bidderAccountId).maxPrice(100.0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int fill(final int clientId, final long accountId)
    {
        final FillEncoder encoder = new FillEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId)
            .accountId(accountId).instrumentId(1).quantity(1).price(1).fee(0).clientOrderId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int liquidationFill(final int clientId)
    {
        final LiquidationFillEncoder encoder = new LiquidationFillEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId)
            .liquidationOrderId(1).quantity(1).price(1);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int heartbeat(final int clientId)
    {
        final HeartbeatEncoder encoder = new HeartbeatEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1_000).correlationId(++correlationId).clientId(clientId);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private void send(final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (publication.offer(buffer, 0, length) < 0)
        {
            assertTrue(System.nanoTime() < deadline, "engine not taking input");
            poll();
        }
    }

    private void awaitRejects(final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rejects.size() < count)
        {
            assertTrue(System.nanoTime() < deadline, "rejects seen: " + rejects.size());
            poll();
        }
    }

    private void awaitNotAuthorised(final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rejects.stream().filter(r -> RejectReason.NOT_AUTHORISED.value() == r[1]).count() < count)
        {
            assertTrue(System.nanoTime() < deadline, "rejects seen: " + rejects.size());
            poll();
        }
    }

    private void awaitInputs(final long count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.counters().inputs().get() < count)
        {
            assertTrue(System.nanoTime() < deadline, "inputs processed: " + engine.counters().inputs().get());
            poll();
        }
    }

    private final FragmentAssembler assembler =
        new FragmentAssembler((frame, offset, length, h) -> onOutput(frame, offset));
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final RejectDecoder reject = new RejectDecoder();

    private void poll()
    {
        if (0 == subscription.poll(assembler, 64))
        {
            Thread.onSpinWait();
        }
    }

    private void onOutput(final DirectBuffer frame, final int offset)
    {
        headerDecoder.wrap(frame, offset);
        templates.add(headerDecoder.templateId());
        if (RejectDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            reject.wrap(frame, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            rejects.add(new long[]{ reject.correlationId(), reject.reasonRaw(), reject.clientId() });
        }
    }
}
