package io.pme.gateway;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pme.codecs.LogonStatus;
import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.engine.session.SessionLogonClient;
import io.pme.engine.session.SessionsFile;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real engine (embedded media driver, Chronicle Queue journal in a temporary directory, the standard risk model)
 * with a sessions file, and an operator connection logged on as admin (1), feed (2) and exchange (4) that loads a
 * small market: USD, USDC, BTC at 90,000, the BTC perpetual (instrument 0), account 7 (trader 7's) holding
 * 10,000 USDC and account 8 (nobody's but the admin's).
 */
final class EngineFixture implements AutoCloseable
{
    static final String SECRET_7 = "0707070707070707070707070707070707070707070707070707070707070707";
    static final String SESSIONS = String.join("\n",
        "client.1.role=ADMIN",
        "client.1.secret=hex:0101010101010101010101010101010101010101010101010101010101010101",
        "client.1.accounts=*",
        "client.2.role=FEED",
        "client.2.secret=hex:0202020202020202020202020202020202020202020202020202020202020202",
        "client.2.sources=1",
        "client.4.role=EXCHANGE",
        "client.4.secret=hex:0404040404040404040404040404040404040404040404040404040404040404",
        "client.4.accounts=*",
        "client.7.role=TRADER",
        "client.7.secret=hex:" + SECRET_7,
        "client.7.accounts=7",
        "client.9.role=FEED",
        "client.9.secret=hex:0909090909090909090909090909090909090909090909090909090909090909",
        "client.9.sources=3",
        "");
    static final long ACCOUNT = 7;
    static final long OTHER_ACCOUNT = 8;
    static final int BTC = 2;
    static final int BTC_PERP = 0;
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    final Engine engine;
    final EngineContext context;
    final Path sessionsPath;
    private final ExclusivePublication operator;
    private final Subscription outputs;
    private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);

    EngineFixture(final Path dir, final String inputChannel, final String outputChannel) throws IOException
    {
        this(dir, inputChannel, outputChannel, outputChannel);
    }

    /**
     * @param outputChannel         the engine's output publication channel.
     * @param operatorOutputChannel the operator's subscription to it (differs for a multi-destination channel).
     */
    EngineFixture(
        final Path dir, final String inputChannel, final String outputChannel, final String operatorOutputChannel)
        throws IOException
    {
        sessionsPath = dir.resolve("sessions.properties");
        Files.writeString(sessionsPath, SESSIONS);
        context = new EngineContext()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .journalDir(dir.resolve("journal"))
            .inputChannel(inputChannel)
            .outputChannel(outputChannel)
            .maxAccounts(1_000)
            .maxOpenOrders(10_000)
            .ringSize(1024)
            .outputBufferLength(4 * 1024 * 1024)
            .sessionsFile(sessionsPath)
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();
        engine = Engine.launch(context);
        outputs = engine.aeron().addSubscription(operatorOutputChannel, context.outputStreamId());
        operator = engine.aeron().addExclusivePublication(inputChannel, context.inputStreamId());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!operator.isConnected() || !outputs.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "operator not connected");
            Thread.yield();
        }
        final SessionsFile file = SessionsFile.load(sessionsPath);
        final SessionLogonClient logon = new SessionLogonClient(operator, outputs);
        for (final int clientId : new int[]{ 1, 2, 4 })
        {
            assertEquals(LogonStatus.ACCEPTED, logon.logon(file.client(clientId), 10_000), () -> "operator as client " +
                clientId + ": engine logon failures " + engine.counters().logonFailures().get() + ", outputs dropped " +
                engine.counters().outputsDropped().get());
        }
        send(List.of(
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":0,\"symbol\":\"USD\"}",
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":1,\"symbol\":\"USDC\"}",
            "{\"type\":\"AssetDefinition\"," + T + ",\"clientId\":1,\"assetId\":2,\"symbol\":\"BTC\"}",
            "{\"type\":\"InstrumentDefinition\"," + T + ",\"clientId\":1,\"instrumentId\":0,\"underlyingAssetId\":2," +
                "\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
                "\"symbol\":\"BTC-PERP\"}",
            "{\"type\":\"OraclePrice\"," + T + ",\"clientId\":2,\"sourceId\":1,\"assetId\":1,\"price\":1.0," +
                "\"sourceTimestampNs\":1}",
            "{\"type\":\"OraclePrice\"," + T + ",\"clientId\":2,\"sourceId\":1,\"assetId\":2,\"price\":90000," +
                "\"sourceTimestampNs\":1}",
            "{\"type\":\"AccountOpen\"," + T + ",\"clientId\":1,\"accountId\":7,\"marginMode\":\"CROSS\"}",
            "{\"type\":\"AccountOpen\"," + T + ",\"clientId\":1,\"accountId\":8,\"marginMode\":\"CROSS\"}",
            "{\"type\":\"Deposit\"," + T + ",\"clientId\":1,\"accountId\":7,\"assetId\":1,\"amount\":10000}",
            "{\"type\":\"Deposit\"," + T + ",\"clientId\":1,\"accountId\":8,\"assetId\":1,\"amount\":10000}"));
        awaitInputs(10);
    }

    static String udpChannel()
    {
        return "aeron:udp?endpoint=localhost:" + freePort();
    }

    static int freePort()
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sends JSON lines (auto-correlated per client) through the operator connection.
     */
    void send(final List<String> lines)
    {
        for (final String line : lines)
        {
            final int length = encoder.encode(line, frame, 0);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (operator.offer(frame, 0, length) < 0)
            {
                assertTrue(System.nanoTime() < deadline, "engine not taking input");
                Thread.yield();
            }
        }
    }

    void price(final double btcPrice, final long sourceTimestampNs)
    {
        send(List.of("{\"type\":\"OraclePrice\",\"timestamp\":\"2026-11-24T08:00:01Z\",\"clientId\":2,\"sourceId\":1," +
            "\"assetId\":2,\"price\":" + btcPrice + ",\"sourceTimestampNs\":" + sourceTimestampNs + "}"));
    }

    void fill(final long accountId, final double quantity, final double price)
    {
        send(List.of("{\"type\":\"Fill\",\"timestamp\":\"2026-11-24T08:00:01Z\",\"clientId\":4,\"accountId\":" +
            accountId + ",\"instrumentId\":0,\"quantity\":" + quantity + ",\"price\":" + price +
            ",\"fee\":0,\"clientOrderId\":0}"));
    }

    void awaitInputs(final long count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (engine.counters().inputs().get() < count)
        {
            assertTrue(System.nanoTime() < deadline, "engine processed " + engine.counters().inputs().get());
            outputs.poll((buffer, offset, length, header) -> {}, 256);
            Thread.yield();
        }
    }

    public void close()
    {
        operator.close();
        outputs.close();
        engine.close();
    }
}
