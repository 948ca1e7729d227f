package io.pme.engine.journal;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/**
 * Keeps the newest K intact snapshots and the journal they need, deleting the rest, after each snapshot written.
 * <p>
 * <b>The rule:</b> the newest K intact snapshots are kept (K at least 2: the newest may be found damaged later, and
 * the one before it must then still be replayable). Every snapshot file older than the oldest kept one, intact or
 * not, is deleted; a damaged one newer than it stays, for whoever looks into why. A journal cycle file is deleted
 * only when it is a whole cycle strictly before the cycle holding the oldest kept snapshot's journal index: the
 * journal from that index on stays, so a replay from any kept snapshot finds every input after it, and the cycle
 * the journal appends to (never before that one) is never touched. A snapshot without a journal index keeps the
 * whole journal.
 * <p>
 * <b>The journal's start:</b> before the first cycle file is deleted, {@value #MARKER_FILE} records (atomically) the
 * first cycle kept; {@link Recovery} then refuses to replay from the journal's start, and {@code pme replay} starts
 * from the oldest intact snapshot instead. Chronicle Queue is not told: its appender only maps the current cycle,
 * an unlinked file stays valid for a reader that still has it open (Linux), and a queue opened later lists the
 * directory afresh and starts at the first cycle file there.
 * <p>
 * Runs on one thread (the snapshot writer's); it reads a snapshot file whole only once, to check it, and remembers
 * the files it found intact by name and size.
 */
public final class Retention
{
    /** The file, beside the cycle files, that records where the journal now starts. */
    public static final String MARKER_FILE = "retention.properties";

    private static final String FIRST_CYCLE_KEY = "journal.first.cycle";
    private static final String SNAPSHOT_KEY = "oldest.kept.snapshot";

    private final Path journalDir;
    private final SnapshotStore store;
    private final RollCycle rollCycle;
    private final int keep;
    private final Map<String, Long> intactSizes = new HashMap<>();
    private final Map<String, Long> journalIndices = new HashMap<>();

    /**
     * @param journalDir the journal directory.
     * @param store      its snapshot store.
     * @param rollCycle  the journal's roll cycle, which names its cycle files.
     * @param keep       intact snapshots kept, at least 2.
     */
    public Retention(final Path journalDir, final SnapshotStore store, final RollCycle rollCycle, final int keep)
    {
        if (keep < 2)
        {
            throw new IllegalArgumentException("retention must keep at least 2 intact snapshots: " + keep);
        }
        this.journalDir = journalDir;
        this.store = store;
        this.rollCycle = rollCycle;
        this.keep = keep;
    }

    /**
     * Tells retention that a snapshot file was just written whole, so it is not read back to be checked.
     *
     * @param inputSequence of the snapshot.
     * @param journalIndex  it records.
     */
    public void written(final long inputSequence, final long journalIndex)
    {
        final String name = SnapshotStore.fileName(inputSequence);
        try
        {
            intactSizes.put(name, Files.size(store.dir().resolve(name)));
            journalIndices.put(name, journalIndex);
        }
        catch (final IOException ex)
        {
            intactSizes.remove(name);
        }
    }

    /**
     * Applies the rule.
     *
     * @return the files deleted, snapshots and cycle files.
     * @throws UncheckedIOException when a file cannot be read, deleted or the marker written.
     */
    public List<Path> apply()
    {
        final long[] sequences = store.sequencesNewestFirst();
        int intact = 0;
        int oldestKept = -1;
        for (int i = 0; i < sequences.length && intact < keep; i++)
        {
            if (isIntact(sequences[i]))
            {
                intact++;
                oldestKept = i;
            }
        }
        final List<Path> deleted = new ArrayList<>();
        if (intact < keep)
        {
            return deleted;
        }
        for (int i = oldestKept + 1; i < sequences.length; i++)
        {
            final String name = SnapshotStore.fileName(sequences[i]);
            delete(store.dir().resolve(name), deleted);
            intactSizes.remove(name);
            journalIndices.remove(name);
        }
        final String oldestName = SnapshotStore.fileName(sequences[oldestKept]);
        final long journalIndex = journalIndices.getOrDefault(oldestName, Journal.NULL_INDEX);
        if (Journal.NULL_INDEX != journalIndex)
        {
            deleteCyclesBefore(rollCycle.toCycle(journalIndex), oldestName, deleted);
        }
        if (!deleted.isEmpty())
        {
            sync(store.dir());
        }
        return deleted;
    }

    /**
     * @param journalDir a journal directory.
     * @return the first cycle its journal still holds when retention deleted the ones before, else -1.
     * @throws IllegalStateException when the marker cannot be read.
     */
    public static long firstCycleKept(final Path journalDir)
    {
        final Path marker = journalDir.resolve(MARKER_FILE);
        if (!Files.isRegularFile(marker))
        {
            return -1;
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(marker, StandardCharsets.ISO_8859_1))
        {
            properties.load(reader);
            return Long.parseLong(properties.getProperty(FIRST_CYCLE_KEY, "-1").trim());
        }
        catch (final IOException | NumberFormatException ex)
        {
            throw new IllegalStateException("cannot read " + marker + ": " + ex.getMessage(), ex);
        }
    }

    private boolean isIntact(final long sequence)
    {
        final String name = SnapshotStore.fileName(sequence);
        final Path file = store.dir().resolve(name);
        try
        {
            final long size = Files.size(file);
            final Long known = intactSizes.get(name);
            if (null != known && known == size)
            {
                return true;
            }
            final SnapshotCodec.FileCheck check = SnapshotCodec.check(file, sequence);
            if (null != check.problem())
            {
                return false;
            }
            intactSizes.put(name, size);
            journalIndices.put(name, check.journalIndex());
            return true;
        }
        catch (final IOException ex)
        {
            // gone or unreadable: not one retention can count on
            return false;
        }
    }

    private void deleteCyclesBefore(final int firstKept, final String snapshotName, final List<Path> deleted)
    {
        final RollingResourcesCache names = new RollingResourcesCache(rollCycle, rollCycle.defaultEpoch(),
            (name) -> new File(journalDir.toFile(), name + SingleChronicleQueue.SUFFIX),
            (file) -> file.getName().substring(0, file.getName().length() - SingleChronicleQueue.SUFFIX.length()));
        final List<Path> before = new ArrayList<>();
        try (Stream<Path> files = Files.list(journalDir))
        {
            files.filter((path) -> path.getFileName().toString().endsWith(SingleChronicleQueue.SUFFIX))
                .filter((path) -> cycleOf(names, path) < firstKept)
                .sorted()
                .forEach(before::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (before.isEmpty())
        {
            return;
        }
        // recorded first: a crash between the two must not leave a journal whose start is gone unknown to replay
        writeMarker(firstKept, snapshotName);
        for (final Path file : before)
        {
            delete(file, deleted);
        }
        sync(journalDir);
    }

    private static long cycleOf(final RollingResourcesCache names, final Path path)
    {
        try
        {
            final Long cycle = names.toLong(path.toFile());
            return null == cycle ? Long.MAX_VALUE : cycle;
        }
        catch (final RuntimeException ex)
        {
            // not named as this roll cycle names its files: not one retention deletes
            return Long.MAX_VALUE;
        }
    }

    private void writeMarker(final int firstKept, final String snapshotName)
    {
        final Path marker = journalDir.resolve(MARKER_FILE);
        final Path temporary = journalDir.resolve(MARKER_FILE + ".tmp");
        try
        {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1))
            {
                writer.write("# retention deleted the journal's cycles before this one: replay starts from a " +
                    "snapshot\n");
                writer.write(FIRST_CYCLE_KEY + '=' + firstKept + '\n');
                writer.write(SNAPSHOT_KEY + '=' + snapshotName + '\n');
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE))
            {
                channel.force(true);
            }
            Files.move(temporary, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            sync(journalDir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record where the journal starts in " + marker, ex);
        }
    }

    private static void delete(final Path file, final List<Path> deleted)
    {
        try
        {
            if (Files.deleteIfExists(file))
            {
                deleted.add(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + file, ex);
        }
    }

    private static void sync(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
