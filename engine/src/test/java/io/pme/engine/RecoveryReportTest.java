package io.pme.engine;

import io.pme.engine.journal.JournalCorruptionException;
import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.protocol.json.JsonFrameEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real engine (embedded media driver, Aeron IPC, Chronicle Queue journal, snapshot files) started on journals
 * left as a live run, a crash or a failing disk leaves them: it says what it recovered, counts it, rewrites no
 * snapshot while replaying, and stops at a damaged journal entry.
 */
class RecoveryReportTest
{
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream reportBytes = new ByteArrayOutputStream();

    @Test
    void aFirstStartReportsThatItRecoveredNothing()
    {
        final Engine engine = Engine.launch(context().conclude());
        try
        {
            final List<String> report = report();
            assertEquals(2, report.size(), report::toString);
            assertEquals("recovery: no snapshot restored: none in " + Recovery.snapshotDir(dir.resolve("journal")),
                report.get(0));
            assertTrue(report.get(1).startsWith("recovery: replayed 0 journaled inputs from the journal's start in "),
                report::toString);
            assertEquals(0, engine.counters().recoveryReplayed().get());
            assertEquals(0, engine.counters().recoverySnapshotInput().get());
            assertEquals(0, engine.counters().recoverySnapshotsSkipped().get());
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void aRestartReportsWhatItRestoredSkippedAndReplayedAndRewritesNoSnapshotFile() throws IOException
    {
        final Engine live = Engine.launch(context().conclude());
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(live, context()))
        {
            for (int correlationId = 1; correlationId <= 10; correlationId++)
            {
                link.send(4 == correlationId || 7 == correlationId ?
                    "{\"type\":\"AdminCommand\"," + T + ",\"correlationId\":" + correlationId +
                    ",\"command\":\"SNAPSHOT\"}" : heartbeat(correlationId));
            }
            link.awaitAnswer(10);
        }
        finally
        {
            live.close();
        }
        final Path snapshots = Recovery.snapshotDir(dir.resolve("journal"));
        final Path older = snapshots.resolve(SnapshotStore.fileName(4));
        final Path newer = snapshots.resolve(SnapshotStore.fileName(7));
        flipLastByte(newer);
        Files.setLastModifiedTime(older, LONG_AGO);
        Files.setLastModifiedTime(newer, LONG_AGO);
        final byte[] olderBytes = Files.readAllBytes(older);
        final byte[] newerBytes = Files.readAllBytes(newer);
        reportBytes.reset();

        final Engine restarted = Engine.launch(context().conclude());
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(restarted, context()))
        {
            final List<String> report = report();
            assertEquals(3, report.size(), report::toString);
            assertTrue(report.get(0).startsWith(
                "recovery: restored snapshot " + older.getFileName() + " at input 4 ("),
                report::toString);
            assertTrue(report.get(1).startsWith(
                "recovery: snapshot " + newer.getFileName() + " skipped as corrupt: payload checksum mismatch"),
                report::toString);
            assertTrue(report.get(2).startsWith("recovery: replayed 6 journaled inputs after the snapshot in "),
                report::toString);
            final EngineCounters counters = restarted.counters();
            assertEquals(4, counters.recoverySnapshotInput().get());
            assertEquals(1, counters.recoverySnapshotsSkipped().get());
            assertEquals(6, counters.recoveryReplayed().get());
            assertEquals(6, counters.inputs().get());

            // the journaled SNAPSHOT command at input 7 was re-executed without touching any snapshot file
            assertArrayEquals(olderBytes, Files.readAllBytes(older));
            assertArrayEquals(newerBytes, Files.readAllBytes(newer), "the corrupt snapshot is left as it was found");
            assertEquals(LONG_AGO, Files.getLastModifiedTime(older));
            assertEquals(LONG_AGO, Files.getLastModifiedTime(newer));
            assertEquals(List.of(older.getFileName().toString(), newer.getFileName().toString()), files(snapshots));

            // once recovered, a SNAPSHOT command is written again
            link.send("{\"type\":\"AdminCommand\"," + T + ",\"correlationId\":11,\"command\":\"SNAPSHOT\"}");
            link.awaitAnswer(11);
            assertTrue(link.answerTo(11).contains("\"snapshotTaken\":\"TRUE\""), link.answers::toString);
            assertTrue(Files.exists(snapshots.resolve(SnapshotStore.fileName(11))));
        }
        finally
        {
            restarted.close();
        }
    }

    @Test
    void aDamagedJournalEntryStopsTheLaunchNamingItsIndexAndClosesWhatItOpened() throws IOException
    {
        final Engine live = Engine.launch(context().conclude());
        try (EngineFailureTest.Link link = new EngineFailureTest.Link(live, context()))
        {
            for (int correlationId = 1; correlationId <= 5; correlationId++)
            {
                link.send(heartbeat(correlationId));
            }
            link.awaitAnswer(5);
        }
        finally
        {
            live.close();
        }
        final long damagedIndex = flipBitInFrame(dir.resolve("journal"), frame(heartbeat(3)));

        final EngineContext context = context().conclude();
        final JournalCorruptionException thrown =
            assertThrows(JournalCorruptionException.class, () -> Engine.launch(context));
        assertTrue(thrown.getMessage().startsWith("journal entry at index 0x"), thrown::getMessage);
        assertTrue(thrown.getMessage().contains("CRC32C"), thrown::getMessage);
        assertTrue(damagedIndex < 0 || damagedIndex == thrown.index(), thrown::getMessage);
        assertFalse(Files.exists(dir.resolve("aeron")), "the embedded media driver was closed");
    }

    private List<String> report()
    {
        return Arrays.asList(reportBytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator()));
    }

    private EngineContext context()
    {
        return new EngineContext()
            .journalDir(dir.resolve("journal"))
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .waitStrategyName("yielding")
            .recoveryReportStream(new PrintStream(reportBytes, true, StandardCharsets.UTF_8))
            .riskModelFactory(state -> new PortfolioRiskModel(state, null));
    }

    private static String heartbeat(final int correlationId)
    {
        return "{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}";
    }

    private static byte[] frame(final String json)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final int length = new JsonFrameEncoder(true).encode(json, buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static List<String> files(final Path directory) throws IOException
    {
        try (Stream<Path> paths = Files.list(directory))
        {
            return paths.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private static void flipLastByte(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
    }

    /**
     * Flips the lowest bit of the last byte of a journaled frame where it sits in the journal's cycle file, as a
     * failing disk would.
     *
     * @return -1: the index is not known here, only that reading must stop at that entry.
     */
    static long flipBitInFrame(final Path journalDir, final byte[] frame) throws IOException
    {
        final Path cycleFile;
        try (Stream<Path> paths = Files.list(journalDir))
        {
            cycleFile = paths.filter(path -> path.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(cycleFile, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            for (int i = 0; i + frame.length <= mapped.limit(); i++)
            {
                int matched = 0;
                while (matched < frame.length && mapped.get(i + matched) == frame[matched])
                {
                    matched++;
                }
                if (matched == frame.length)
                {
                    final int at = i + frame.length - 1;
                    mapped.put(at, (byte)(mapped.get(at) ^ 1));
                    mapped.force();
                    return -1;
                }
            }
        }
        throw new AssertionError("frame not found in " + cycleFile);
    }
}
