package io.pme.tools.cli;

import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.engine.journal.Recovery;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.protocol.json.JsonFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pme errors} reading the distinct error log of a real engine from another process: the engine runs in this
 * JVM and fails to write a snapshot (a file where its snapshot directory was), {@code pme errors} runs in a JVM of
 * its own and prints the error, while the engine runs and after it has stopped.
 */
class ErrorsFromAnotherProcessTest
{
    private static final long TIMEOUT_S = 90;
    private static final long ANSWER_TIMEOUT_MS = 10_000;
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void errorsPrintsTheEngineErrorLogFromAnotherProcess() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final EngineContext context = new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(aeronDir)
            .waitStrategyName("yielding")
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .conclude();
        final Engine engine = Engine.launch(context);
        try (EngineClient client = new EngineClient(engine.aeron(), context.inputChannel(), context.inputStreamId(),
            context.outputChannel(), context.outputStreamId(), (buffer, offset, length) -> {}))
        {
            client.awaitConnected(ANSWER_TIMEOUT_MS);
            final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
            send(client, encoder, "{\"type\":\"Heartbeat\"," + T + "}", 1);
            // a regular file where the snapshot directory was: the write fails with an I/O error
            final Path snapshots = Recovery.snapshotDir(context.journalDir());
            Files.delete(snapshots);
            Files.writeString(snapshots, "not a directory");
            send(client, encoder, "{\"type\":\"AdminCommand\"," + T + ",\"command\":\"SNAPSHOT\"}", 2);
            assertEquals(1, engine.counters().snapshotFailures().get());

            final List<String> live = errorsInAnotherProcess(aeronDir);
            assertEquals("1 distinct errors observed.", live.get(live.size() - 1), live::toString);
            assertEquals("***", live.get(0), live::toString);
            assertTrue(live.get(1).matches("1 observations from \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}" +
                "\\+0000 to \\d{4}-.* for:"), live::toString);
            assertTrue(String.join("\n", live).contains("snapshots"), live::toString);
        }
        finally
        {
            engine.close();
        }
        // the log outlives the engine, for the post-mortem
        final CliRun after = CliRun.of("errors", "--file", context.errorsFile().getPath());
        assertEquals(ExitCodes.OK, after.code(), after.err());
        assertTrue(after.out().contains("1 observations from "), after.out());
        assertEquals("1 distinct errors observed.", after.lastOutLine(), after.out());

        // a new engine starts a new log, the previous one's errors saved as text beside it first
        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        final Engine again = Engine.launch(new EngineContext()
            .journalDir(dir.resolve("journal-again"))
            .aeronDirectoryName(aeronDir)
            .riskModelFactory(state -> new PortfolioRiskModel(state, null))
            .recoveryReportStream(new PrintStream(report, true, StandardCharsets.UTF_8))
            .conclude());
        again.close();
        final Matcher saved = Pattern.compile("saved to (\\S+)").matcher(report.toString(StandardCharsets.UTF_8));
        assertTrue(saved.find(), report::toString);
        assertEquals(after.out(), Files.readString(Path.of(saved.group(1))), "the saved log, as pme errors printed it");
        final CliRun renewed = CliRun.of("errors", "--aeron-dir", aeronDir);
        assertEquals("0 distinct errors observed.", renewed.lastOutLine(), renewed.out());
    }

    private static void send(
        final EngineClient client, final JsonFrameEncoder encoder, final String line, final long answers)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final int length = encoder.encode(line, buffer, 0);
        client.send(buffer, 0, length, ANSWER_TIMEOUT_MS);
        client.awaitAnswers(answers, ANSWER_TIMEOUT_MS);
    }

    private static List<String> errorsInAnotherProcess(final String aeronDir) throws Exception
    {
        final List<String> output = new CopyOnWriteArrayList<>();
        final ChildPme child = ChildPme.start(output, "errors", "--aeron-dir", aeronDir);
        assertTrue(child.process().waitFor(TIMEOUT_S, TimeUnit.SECONDS), "pme errors did not end");
        child.reader().join(TimeUnit.SECONDS.toMillis(TIMEOUT_S));
        assertEquals(ExitCodes.OK, child.process().exitValue(), output::toString);
        return output;
    }
}
