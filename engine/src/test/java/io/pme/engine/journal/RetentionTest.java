package io.pme.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention over a real Chronicle Queue journal rolled by a set clock (one cycle a day) and real snapshot files:
 * it keeps the newest K intact snapshots and every journal cycle from the oldest kept one's on, deletes the rest,
 * and the journal is then still readable from every kept snapshot and still appendable.
 */
class RetentionTest
{
    private static final RollCycle ROLL_CYCLE = TestRollCycles.TEST_DAILY;

    @TempDir
    Path dir;

    @Test
    void keepsTheNewestIntactSnapshotsAndTheCyclesTheyNeedAndTheJournalStaysReadableAndAppendable()
        throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final SnapshotStore store = new SnapshotStore(Recovery.snapshotDir(journalDir));
        final long[] indices = new long[12];
        try (Journal journal = new Journal(journalDir, ROLL_CYCLE, time))
        {
            // four cycles of three inputs; a snapshot after inputs 3, 6, 9 and 12 (the last of each cycle)
            for (int i = 0; i < indices.length; i++)
            {
                if (i > 0 && 0 == i % 3)
                {
                    time.advanceMillis(TimeUnit.DAYS.toMillis(1));
                }
                indices[i] = append(journal, i);
                if (2 == i % 3)
                {
                    writeSnapshot(store, i + 1, indices[i]);
                }
            }
            assertEquals(4, cycleFiles(journalDir).size());

            final Retention retention = new Retention(journalDir, store, journal.rollCycle(), 2);
            final List<Path> deleted = retention.apply();

            // kept: the snapshots after inputs 9 and 12; the journal from input 9's cycle (the third) on
            assertEquals(List.of(SnapshotStore.fileName(12), SnapshotStore.fileName(9)), snapshotNames(store));
            assertEquals(List.of(ROLL_CYCLE.toCycle(indices[6]), ROLL_CYCLE.toCycle(indices[9])),
                cycles(journalDir));
            assertEquals(4, deleted.size(), deleted::toString);
            assertEquals(ROLL_CYCLE.toCycle(indices[6]), Retention.firstCycleKept(journalDir));

            // the live appender goes on in its cycle, and into the next
            append(journal, 12);
            time.advanceMillis(TimeUnit.DAYS.toMillis(1));
            append(journal, 13);
            assertTrue(retention.apply().isEmpty(), "nothing more to delete");
        }

        try (JournalReader reader = new JournalReader(journalDir, ROLL_CYCLE, time))
        {
            final List<Long> after = new ArrayList<>();
            reader.fromAfter(indices[8]).readAll((buffer, offset, length, index) -> after.add(buffer.getLong(offset)));
            assertEquals(List.of(9L, 10L, 11L, 12L, 13L), after);
        }
        try (JournalReader reader = new JournalReader(journalDir, ROLL_CYCLE, time))
        {
            // the journal's start is now the third cycle's first input
            final List<Long> all = new ArrayList<>();
            reader.fromStart().readAll((buffer, offset, length, index) -> all.add(buffer.getLong(offset)));
            assertEquals(6L, all.get(0));
        }
    }

    @Test
    void aReplayFromTheJournalsStartIsRefusedOnceRetentionDeletedIt() throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final SnapshotStore store = new SnapshotStore(Recovery.snapshotDir(journalDir));
        try (Journal journal = new Journal(journalDir, ROLL_CYCLE, time))
        {
            for (int i = 0; i < 3; i++)
            {
                writeSnapshot(store, i + 1, append(journal, i));
                time.advanceMillis(TimeUnit.DAYS.toMillis(1));
            }
            assertEquals(2, new Retention(journalDir, store, journal.rollCycle(), 2).apply().size());
        }
        final IllegalStateException thrown = assertThrows(IllegalStateException.class,
            () -> new Recovery().recover(journalDir, processor(), null, false));
        assertTrue(thrown.getMessage().startsWith("the journal's start is gone: retention deleted its cycles before "),
            thrown::getMessage);
    }

    @Test
    void fewerIntactSnapshotsThanKeptDeletesNothing() throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final SnapshotStore store = new SnapshotStore(Recovery.snapshotDir(journalDir));
        try (Journal journal = new Journal(journalDir, ROLL_CYCLE, time))
        {
            for (int i = 0; i < 3; i++)
            {
                writeSnapshot(store, i + 1, append(journal, i));
                time.advanceMillis(TimeUnit.DAYS.toMillis(1));
            }
            // the two newest damaged: one intact snapshot is left, fewer than the three kept
            corrupt(store, 3);
            corrupt(store, 2);
            assertTrue(new Retention(journalDir, store, journal.rollCycle(), 3).apply().isEmpty());
            assertEquals(3, cycleFiles(journalDir).size());
            assertEquals(-1, Retention.firstCycleKept(journalDir));
        }
    }

    /**
     * Any schedule of snapshots over any number of cycles, some snapshots damaged: retention keeps exactly the
     * newest K intact ones (all when there are fewer), never a cycle a kept snapshot's replay reads, and every kept
     * snapshot replays to the journal's end.
     */
    @Property(tries = 40)
    void keepsExactlyTheNewestIntactAndTheJournalTheyNeed(
        @ForAll @Size(min = 1, max = 20) final List<@IntRange(min = 0, max = 3) Integer> inputsPerCycle,
        @ForAll @IntRange(min = 1, max = 5) final int snapshotEvery,
        @ForAll @IntRange(min = 2, max = 4) final int keep,
        @ForAll @Size(max = 4) final List<@IntRange(min = 0, max = 30) Integer> damaged) throws IOException
    {
        // jqwik runs no JUnit extension, so no @TempDir here
        final Path journalDir = Files.createTempDirectory("pme-retention");
        try
        {
            checkRetention(journalDir, inputsPerCycle, snapshotEvery, keep, damaged);
        }
        finally
        {
            Frames.deleteRecursively(journalDir);
        }
    }

    private static void checkRetention(
        final Path journalDir,
        final List<Integer> inputsPerCycle,
        final int snapshotEvery,
        final int keep,
        final List<Integer> damaged) throws IOException
    {
        final SetTimeProvider time = new SetTimeProvider("2026-03-02T10:00:00");
        final SnapshotStore store = new SnapshotStore(Recovery.snapshotDir(journalDir));
        final List<Long> indices = new ArrayList<>();
        final List<Long> snapshots = new ArrayList<>();
        final TreeSet<Long> intact = new TreeSet<>();
        try (Journal journal = new Journal(journalDir, ROLL_CYCLE, time))
        {
            for (final int inputs : inputsPerCycle)
            {
                for (int i = 0; i < inputs; i++)
                {
                    indices.add(append(journal, indices.size()));
                    if (0 == indices.size() % snapshotEvery)
                    {
                        writeSnapshot(store, indices.size(), indices.get(indices.size() - 1));
                        snapshots.add((long)indices.size());
                    }
                }
                time.advanceMillis(TimeUnit.DAYS.toMillis(1));
            }
            intact.addAll(snapshots);
            // each once: corrupting a file twice flips its byte back, and the snapshot would be intact again
            for (final int d : new TreeSet<>(damaged))
            {
                if (d < snapshots.size())
                {
                    corrupt(store, snapshots.get(d));
                    intact.remove(snapshots.get(d));
                }
            }
            final List<Path> before = cycleFiles(journalDir);

            new Retention(journalDir, store, journal.rollCycle(), keep).apply();

            final List<Long> kept = new ArrayList<>(intact.descendingSet()).subList(0, Math.min(keep, intact.size()));
            final List<Long> remaining = sequences(store);
            if (intact.size() < keep)
            {
                assertEquals(snapshots.size(), remaining.size(), "fewer intact than kept: nothing deleted");
                assertEquals(before, cycleFiles(journalDir));
                return;
            }
            final long oldestKept = kept.get(kept.size() - 1);
            assertTrue(remaining.containsAll(kept), () -> "kept " + kept + ", left " + remaining);
            // what is left is the kept ones and damaged ones newer than the oldest kept, nothing older
            for (final long sequence : remaining)
            {
                assertTrue(sequence >= oldestKept && (kept.contains(sequence) || !intact.contains(sequence)),
                    () -> "left " + remaining + ", kept " + kept);
            }
            final int neededCycle = ROLL_CYCLE.toCycle(indices.get((int)oldestKept - 1));
            for (final long index : indices)
            {
                final boolean exists = cycles(journalDir).contains(ROLL_CYCLE.toCycle(index));
                assertEquals(ROLL_CYCLE.toCycle(index) >= neededCycle, exists, "cycle of index " + index);
            }
        }
        for (final long sequence : sequences(store))
        {
            if (!intact.contains(sequence))
            {
                continue;
            }
            try (JournalReader reader = new JournalReader(journalDir, ROLL_CYCLE, time))
            {
                final long count = reader.fromAfter(indices.get((int)sequence - 1))
                    .readAll((buffer, offset, length, index) ->
                    {
                    });
                assertEquals(indices.size() - sequence, count, "inputs after snapshot " + sequence);
            }
        }
    }

    private static InputProcessor processor()
    {
        final EngineState state = new EngineContext().maxAccounts(10).newState();
        return new InputProcessor(state, new PortfolioRiskModel(state, null), EngineCounters.local(), Outbox.NONE,
            SnapshotSink.NONE);
    }

    private static long append(final Journal journal, final long n)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[8]);
        frame.putLong(0, n);
        return journal.append(frame, 0, 8);
    }

    private static void writeSnapshot(final SnapshotStore store, final long sequence, final long journalIndex)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[64]);
        payload.putLong(0, sequence);
        store.write(sequence, journalIndex, sequence * 31, payload, 0, 64);
    }

    private static void corrupt(final SnapshotStore store, final long sequence) throws IOException
    {
        final Path file = store.dir().resolve(SnapshotStore.fileName(sequence));
        final byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(file, bytes);
    }

    private static List<String> snapshotNames(final SnapshotStore store)
    {
        final List<String> names = new ArrayList<>();
        for (final long sequence : store.sequencesNewestFirst())
        {
            names.add(SnapshotStore.fileName(sequence));
        }
        return names;
    }

    private static List<Long> sequences(final SnapshotStore store)
    {
        final List<Long> sequences = new ArrayList<>();
        for (final long sequence : store.sequencesNewestFirst())
        {
            sequences.add(sequence);
        }
        return sequences;
    }

    private static List<Path> cycleFiles(final Path journalDir)
    {
        try (Stream<Path> files = Files.list(journalDir))
        {
            return files.filter((path) -> path.toString().endsWith(SingleChronicleQueue.SUFFIX)).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Integer> cycles(final Path journalDir)
    {
        final List<Integer> cycles = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journalDir, ROLL_CYCLE, new SetTimeProvider()))
        {
            reader.fromStart().readAll((buffer, offset, length, index) ->
            {
                final int cycle = ROLL_CYCLE.toCycle(index);
                if (!cycles.contains(cycle))
                {
                    cycles.add(cycle);
                }
            });
        }
        return cycles;
    }
}
