package io.pme.tools.cli;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code pme run}, {@code pme replay} and {@code pme script} say about a recovery, run as commands on real
 * journals: the report on start, live-only figures in the status line, no snapshot rewritten by a replay, and a
 * damaged journal entry refused loudly.
 */
class RecoveryCommandsTest
{
    private static final Pattern STATUS_IN = Pattern.compile("^t=\\s*\\d+s \\| in\\s+([\\d,]+) msg/s");
    private static final Pattern JOURNAL = Pattern.compile("\\| journal ([\\d,]+) \\|");
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    private static final String T = "\"timestamp\":\"2026-11-24T08:00:00Z\"";

    @TempDir
    Path dir;

    @Test
    void aRestartedRunReportsItsRecoveryAndItsStatusCountsOnlyLiveInputs()
    {
        final String journal = dir.resolve("journal").toString();
        final Result first = pme("run", "--duration", "2", "--accounts", "50", "--rate", "4000", "--journal", journal,
            "--aeron-dir", dir.resolve("aeron").toString());
        assertEquals(0, first.exit, first::toString);
        assertTrue(first.out.contains("recovery: no snapshot restored: none in "), first::toString);
        assertTrue(first.out.contains("recovery: replayed 0 journaled inputs from the journal's start in "),
            first::toString);
        final long journaled = lastJournalFigure(first.out);
        assertTrue(journaled >= 2_000, () -> "too little journaled for the test to tell: " + first);

        final Result second = pme("run", "--duration", "2", "--accounts", "50", "--rate", "50", "--journal", journal,
            "--aeron-dir", dir.resolve("aeron").toString());
        assertEquals(0, second.exit, second::toString);
        assertTrue(second.out.contains(String.format(
            "recovery: replayed %,d journaled inputs from the journal's start in ", journaled)), second::toString);
        final List<Long> rates = statusInputRates(second.out);
        assertFalse(rates.isEmpty(), second::toString);
        for (final long rate : rates)
        {
            // 50 inputs a second are offered; the replayed thousands must not show up as traffic
            assertTrue(rate < journaled / 4, () -> "status counts replayed inputs as live: " + second.out);
        }
    }

    @Test
    void replayAndScriptReportTheSnapshotRestoredAndRewriteNoSnapshotFile() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Path script = dir.resolve("inputs.jsonl");
        Files.write(script, List.of(heartbeat(1), heartbeat(2), heartbeat(3), snapshot(4), heartbeat(5), snapshot(6),
            heartbeat(7), heartbeat(8)));
        final Result live = pme("script", "--input", script.toString(), "--journal", journal.toString(), "--digest");
        assertEquals(0, live.exit, live::toString);
        final String liveDigest = lastLine(live.out);

        final Path snapshots = journal.resolve("snapshots");
        final Path older = snapshots.resolve("snapshot-0000000000000000004.snap");
        final Path newer = snapshots.resolve("snapshot-0000000000000000006.snap");
        Files.write(newer, Arrays.copyOf(Files.readAllBytes(newer), 20));
        Files.setLastModifiedTime(older, LONG_AGO);
        Files.setLastModifiedTime(newer, LONG_AGO);
        final byte[] olderBytes = Files.readAllBytes(older);
        final byte[] newerBytes = Files.readAllBytes(newer);

        final Result fromSnapshot = pme("replay", "--journal", journal.toString(), "--from-snapshot");
        assertEquals(0, fromSnapshot.exit, fromSnapshot::toString);
        assertTrue(fromSnapshot.out.contains("recovery: restored snapshot " + older.getFileName() +
            " at input 4 ("), fromSnapshot::toString);
        assertTrue(fromSnapshot.out.contains("recovery: snapshot " + newer.getFileName() +
            " skipped as corrupt: truncated: 20 bytes, shorter than the 52-byte header"), fromSnapshot::toString);
        assertTrue(fromSnapshot.out.contains("recovery: replayed 4 journaled inputs after the snapshot in "),
            fromSnapshot::toString);
        assertEquals(liveDigest, lastLine(fromSnapshot.out));

        final Result whole = pme("replay", "--journal", journal.toString());
        assertEquals(0, whole.exit, whole::toString);
        assertTrue(whole.out.contains("recovery: no snapshot restored: the whole journal is replayed, as asked"),
            whole::toString);
        assertTrue(whole.out.contains("recovery: replayed 8 journaled inputs from the journal's start in "),
            whole::toString);
        assertEquals(liveDigest, lastLine(whole.out));

        // an engine launched on the journal (here by pme script) reports too, on stderr beside its JSON output
        final Path more = dir.resolve("more.jsonl");
        Files.write(more, List.of(heartbeat(9)));
        final Result restarted = pme("script", "--input", more.toString(), "--journal", journal.toString());
        assertEquals(0, restarted.exit, restarted::toString);
        assertTrue(restarted.err.contains("recovery: restored snapshot " + older.getFileName() + " at input 4"),
            restarted::toString);
        assertTrue(restarted.err.contains("recovery: replayed 4 journaled inputs after the snapshot in "),
            restarted::toString);
        assertTrue(restarted.out.contains("\"type\":\"Ack\""), restarted::toString);

        // nothing replayed the SNAPSHOT command at input 6 into a file: both are as the operator left them
        assertArrayEquals(olderBytes, Files.readAllBytes(older));
        assertArrayEquals(newerBytes, Files.readAllBytes(newer));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(older));
        assertEquals(LONG_AGO, Files.getLastModifiedTime(newer));
    }

    @Test
    void aJournalKeepsTheCapacitiesItWasWrittenWithForItsReplayAndEveryLaterEngine() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Path script = dir.resolve("inputs.jsonl");
        // room for two accounts: the third open is refused, and a replay sized otherwise would open it
        Files.write(script, List.of(accountOpen(1, 7), accountOpen(2, 8), accountOpen(3, 9), heartbeat(4)));
        final Result live = withMaxAccounts("2",
            () -> pme("script", "--input", script.toString(), "--journal", journal.toString(), "--digest"));
        assertEquals(0, live.exit, live::toString);
        assertTrue(live.out.contains("CAPACITY_EXCEEDED"), live::toString);
        final Path recorded = journal.resolve("capacity.properties");
        assertTrue(Files.readAllLines(recorded).contains("pme.max.accounts=2"), live::toString);

        final Result replay = pme("replay", "--journal", journal.toString());
        assertEquals(0, replay.exit, replay::toString);
        assertTrue(replay.out.contains("replayed state: 2 accounts"), replay::toString);
        assertEquals(lastLine(live.out), lastLine(replay.out));

        // an engine of other capacities on this journal would build another state from it: it does not start
        final Result restarted = pme("script", "--input", script.toString(), "--journal", journal.toString());
        assertEquals(1, restarted.exit, restarted::toString);
        assertTrue(restarted.err.contains("pme.max.accounts 100000 (the journal's 2)"), restarted::toString);

        // a journal from before the file: the replay says what it sizes by, and here reaches another state
        Files.delete(recorded);
        final Result unsized = pme("replay", "--journal", journal.toString());
        assertEquals(0, unsized.exit, unsized::toString);
        assertTrue(unsized.err.contains("records no capacities (capacity.properties)"), unsized::toString);
        assertTrue(unsized.out.contains("replayed state: 3 accounts"), unsized::toString);
    }

    @Test
    void replayOfADamagedJournalEntryStopsNamingItAndPrintsNoDigest() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Path script = dir.resolve("inputs.jsonl");
        Files.write(script, List.of(heartbeat(1), heartbeat(2), heartbeat(3)));
        assertEquals(0, pme("script", "--input", script.toString(), "--journal", journal.toString()).exit);
        flipBitInFrame(journal, frame(heartbeat(2)));

        final Result replay = pme("replay", "--journal", journal.toString());
        assertEquals(1, replay.exit, replay::toString);
        assertTrue(replay.err.startsWith("pme replay: journal entry at index 0x"), replay::toString);
        assertTrue(replay.err.contains("fails its CRC32C check"), replay::toString);
        assertFalse(replay.out.contains("state digest"), replay::toString);

        final Result run = pme("run", "--duration", "1", "--accounts", "10", "--journal", journal.toString(),
            "--aeron-dir", dir.resolve("aeron").toString());
        assertEquals(1, run.exit, run::toString);
        assertTrue(run.err.contains("the engine could not recover from " + journal + ": journal entry at index 0x"),
            run::toString);
    }

    private static String heartbeat(final int correlationId)
    {
        return "{\"type\":\"Heartbeat\"," + T + ",\"correlationId\":" + correlationId + "}";
    }

    private static String accountOpen(final int correlationId, final long accountId)
    {
        return "{\"type\":\"AccountOpen\"," + T + ",\"correlationId\":" + correlationId + ",\"clientId\":1," +
            "\"accountId\":" + accountId + ",\"marginMode\":\"CROSS\"}";
    }

    private static Result withMaxAccounts(final String maxAccounts, final Supplier<Result> command)
    {
        System.setProperty("pme.max.accounts", maxAccounts);
        try
        {
            return command.get();
        }
        finally
        {
            System.clearProperty("pme.max.accounts");
        }
    }

    private static String snapshot(final int correlationId)
    {
        return "{\"type\":\"AdminCommand\"," + T + ",\"correlationId\":" + correlationId + ",\"command\":\"SNAPSHOT\"}";
    }

    private static byte[] frame(final String json)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final int length = new JsonFrameEncoder(true).encode(json, buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static long lastJournalFigure(final String out)
    {
        long figure = -1;
        for (final String line : out.split("\n"))
        {
            final Matcher matcher = JOURNAL.matcher(line);
            if (line.startsWith("t=") && matcher.find())
            {
                figure = Long.parseLong(matcher.group(1).replace(",", ""));
            }
        }
        return figure;
    }

    private static List<Long> statusInputRates(final String out)
    {
        final List<Long> rates = new ArrayList<>();
        for (final String line : out.split("\n"))
        {
            final Matcher matcher = STATUS_IN.matcher(line);
            if (matcher.find())
            {
                rates.add(Long.parseLong(matcher.group(1).replace(",", "")));
            }
        }
        return rates;
    }

    private static String lastLine(final String out)
    {
        final String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    /** Flips the lowest bit of a journaled frame's last byte in the journal's cycle file, as a failing disk would. */
    private static void flipBitInFrame(final Path journalDir, final byte[] frame) throws IOException
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
                    return;
                }
            }
        }
        throw new AssertionError("frame not found in " + cycleFile);
    }

    private static Result pme(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = Pme.run(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exit, String out, String err)
    {
    }
}
