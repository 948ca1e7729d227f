package io.pme.gateway;

import io.pme.codecs.AccountState;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client library against a real engine in one JVM (embedded media driver, Chronicle Queue journal), over IPC
 * and over UDP on loopback: logon, blocking and polled checks accepted and rejected with reasons, entitlements,
 * what-if queries, margin updates of followed accounts, and the explicit OVERLOADED refusal.
 */
class GatewayIntegrationTest
{
    @TempDir
    Path dir;

    @Test
    void overIpc() throws Exception
    {
        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc"))
        {
            exercise(fixture);
        }
    }

    @Test
    void overUdpOnLoopback() throws Exception
    {
        try (EngineFixture fixture = new EngineFixture(dir, EngineFixture.udpChannel(), EngineFixture.udpChannel()))
        {
            exercise(fixture);
        }
    }

    @Test
    void aWrongSecretIsRefusedAndNothingIsSent() throws Exception
    {
        try (EngineFixture fixture = new EngineFixture(dir, "aeron:ipc", "aeron:ipc");
            PmeClient client = PmeClient.connect(context(fixture).secretHex("00".repeat(32))))
        {
            assertEquals(LogonStatus.BAD_CREDENTIALS, client.logon());
            assertEquals(PmeClient.NOT_LOGGED_ON,
                client.offerCheck(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.1, 90_000, 1));
            assertEquals(Status.NOT_LOGGED_ON,
                client.check(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.1, 90_000, 1).status());
        }
    }

    private static PmeClient.Context context(final EngineFixture fixture)
    {
        return new PmeClient.Context()
            .aeron(fixture.engine.aeron())
            .inputChannel(fixture.context.inputChannel())
            .outputChannel(fixture.context.outputChannel())
            .clientId(7)
            .secretHex(EngineFixture.SECRET_7)
            .accounts(EngineFixture.ACCOUNT);
    }

    private static void exercise(final EngineFixture fixture)
    {
        final Recorder recorder = new Recorder();
        try (PmeClient client = PmeClient.connect(context(fixture).listener(recorder).maxInFlight(8)))
        {
            assertTrue(client.isConnected());
            assertEquals(LogonStatus.ACCEPTED, client.logon());

            final CheckResponse small =
                client.check(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.1, 90_000, 1);
            assertEquals(Status.ACCEPTED, small.status(), small.toString());
            assertEquals(AccountState.HEALTHY, small.state());
            assertTrue(small.initialMargin() > 0 && small.equity() > small.initialMargin(), small.toString());

            final CheckResponse huge =
                client.check(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 10, 90_000, 2);
            assertEquals(Status.REJECTED, huge.status());
            assertEquals(RejectReason.INSUFFICIENT_MARGIN, huge.reason());
            assertTrue(huge.shortfall() > 0);

            final CheckResponse notMine =
                client.check(EngineFixture.OTHER_ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.1, 90_000, 3);
            assertEquals(Status.REJECTED, notMine.status());
            assertEquals(RejectReason.NOT_AUTHORISED, notMine.reason());

            final QueryResponse query =
                client.query(EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.BUY, 0.2, 90_000);
            assertEquals(Status.ANSWERED, query.status(), query.toString());
            assertTrue(query.wouldAccept());
            assertEquals(small.initialMargin(), query.initialMargin(), 1e-6, "the accepted order is reserved");
            assertTrue(query.afterInitialMargin() > query.initialMargin());
            final QueryResponse again = client.query(EngineFixture.ACCOUNT, -1, Side.BUY, 0, 0);
            assertEquals(query.initialMargin(), again.initialMargin(), 1e-9, "a query reserves nothing");

            assertEquals(Status.ACCEPTED, client.await(client.offerOrderDone(EngineFixture.ACCOUNT, 1)));

            // polled: more checks than the in-flight limit, without polling: the excess is refused explicitly
            final List<Long> sent = new ArrayList<>();
            int overloaded = 0;
            for (int i = 0; i < 20; i++)
            {
                final long result = client.offerCheck(
                    EngineFixture.ACCOUNT, EngineFixture.BTC_PERP, Side.SELL, 0.01, 90_000, 100 + i);
                if (result > 0)
                {
                    sent.add(result);
                }
                else
                {
                    assertEquals(PmeClient.OVERLOADED, result);
                    overloaded++;
                }
            }
            assertEquals(8, sent.size());
            assertEquals(12, overloaded);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (recorder.checks.size() < sent.size())
            {
                assertTrue(System.nanoTime() < deadline, "answers: " + recorder.checks.size());
                client.poll(recorder, 10);
            }
            assertEquals(sent, recorder.checks);
            assertEquals(0, client.inFlight());

            // a fill on account 7, one on 8, then a price move on their positions: the updates reach the client, 8's
            // do not. The engine has processed all three before the query below is sent, and answers on one output
            // stream in input order, so once the query's answer is in, every update of those inputs (8's included)
            // has passed the client, which hands the ones it does not wait for to the recorder
            recorder.updates.clear();
            final long inputs = fixture.engine.counters().inputs().get();
            fixture.fill(EngineFixture.ACCOUNT, 0.05, 90_000);
            fixture.fill(EngineFixture.OTHER_ACCOUNT, 0.05, 90_000);
            fixture.price(80_000, 2);
            fixture.awaitInputs(inputs + 3);
            final QueryResponse later = client.query(EngineFixture.ACCOUNT, -1, Side.BUY, 0, 0);
            assertEquals(Status.ANSWERED, later.status(), later.toString());
            assertTrue(recorder.updates.contains(EngineFixture.ACCOUNT), "no margin update for account 7");
            assertFalse(recorder.updates.contains(EngineFixture.OTHER_ACCOUNT), "only followed accounts");
        }
    }

    static final class Recorder implements PmeClientListener
    {
        final List<Long> checks = new ArrayList<>();
        final List<Long> updates = new ArrayList<>();

        public void onCheckResult(
            final long correlationId, final long accountId, final long clientOrderId, final boolean accepted,
            final RejectReason reason, final AccountState state, final double equity, final double initialMargin,
            final double maintenanceMargin, final double shortfall)
        {
            checks.add(correlationId);
        }

        public void onMarginUpdate(
            final long timestampNs, final long accountId, final AccountState state, final AccountState previousState,
            final double equity, final double initialMargin, final double maintenanceMargin)
        {
            updates.add(accountId);
        }
    }
}
