package io.pme.engine;

import io.pme.engine.margin.PortfolioRiskModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The digest of the clients' last correlation ids, beside the state digest: a restored engine that reproduces both
 * refuses exactly the resends the live one would, and the state digest alone could not tell.
 */
class CorrelationDigestTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void aRestoredEngineReproducesBothDigestsAndRefusesWhatTheLiveOneHadUsed()
    {
        final long stateDigest;
        final long correlationDigest;
        final Engine live = Engine.launch(context().conclude());
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(live, context()))
        {
            link.send(heartbeat(1, 1));
            link.send(heartbeat(2, 10));
            link.send("{\"type\":\"AdminCommand\"," + T + ",\"correlationId\":2,\"clientId\":1," +
                "\"command\":\"SNAPSHOT\"}");
            // refused by its handler, it changes no state but consumes correlation id 20 of client 2
            link.send("{\"type\":\"Withdrawal\"," + T + ",\"correlationId\":20,\"clientId\":2,\"accountId\":999," +
                "\"assetId\":0,\"amount\":1}");
            link.awaitAnswer(20);
            assertTrue(link.answerTo(20).contains("\"type\":\"Reject\""), link.answers::toString);
        }
        finally
        {
            live.close();
        }
        stateDigest = live.digest();
        correlationDigest = live.correlationDigest();

        // restored from the snapshot at input 3, then the refused withdrawal replayed
        final Engine restored = Engine.launch(context().conclude());
        restored.close();
        assertEquals(3, restored.recovery().snapshotInputSequence());
        assertEquals(stateDigest, restored.digest(), "state digest");
        assertEquals(correlationDigest, restored.correlationDigest(), "correlation digest");

        final Engine again = Engine.launch(context().conclude());
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(again, context()))
        {
            link.send(heartbeat(2, 20));
            link.send(heartbeat(2, 21));
            link.awaitAnswer(21);
            assertTrue(link.answerTo(20).contains("DUPLICATE_CORRELATION_ID"), link.answers::toString);
            assertTrue(link.answerTo(21).contains("\"type\":\"Ack\""), link.answers::toString);
        }
        finally
        {
            again.close();
        }
        // the heartbeat moved client 2 on to 21; the refused resend of 20 consumed nothing
        assertNotEquals(correlationDigest, again.correlationDigest());
    }

    @Test
    void anInputRefusedWithAFreshCorrelationIdMovesOnlyTheCorrelationDigest()
    {
        final Engine engine = Engine.launch(context().conclude());
        final long stateBefore;
        final long correlationsBefore;
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(engine, context()))
        {
            link.send(heartbeat(1, 1));
            link.awaitAnswer(1);
        }
        finally
        {
            engine.close();
        }
        stateBefore = engine.digest();
        correlationsBefore = engine.correlationDigest();

        final Engine restarted = Engine.launch(context().conclude());
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(restarted, context()))
        {
            link.send("{\"type\":\"Withdrawal\"," + T + ",\"correlationId\":2,\"clientId\":1,\"accountId\":999," +
                "\"assetId\":0,\"amount\":1}");
            link.awaitAnswer(2);
        }
        finally
        {
            restarted.close();
        }
        assertEquals(stateBefore, restarted.digest(), "a refused input leaves the state digest as it was");
        assertNotEquals(correlationsBefore, restarted.correlationDigest(),
            "but it consumed its correlation id: a resend of it is now a duplicate");
    }

    private static String heartbeat(final int clientId, final long correlationId)
    {
        return "{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + ",\"clientId\":" + clientId +
            "}";
    }

    private EngineContext context()
    {
        return new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .recoveryReportStream(new PrintStream(OutputStream.nullOutputStream()))
            .riskModelFactory(state -> new PortfolioRiskModel(state, null));
    }
}
