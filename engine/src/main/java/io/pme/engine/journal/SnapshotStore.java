package io.pme.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;

/**
 * Stores engine snapshots as one file per snapshot in a directory, named by input sequence so the newest is found
 * without reading the others.
 * <p>
 * Files are written atomically: to a temporary file which is fsynced, renamed into place, then the directory is
 * fsynced. Each file carries a header with magic, version, lengths and CRC32C checksums; a corrupt or truncated file
 * is skipped in favour of the next newest, and {@link #skipped()} says which and why, for the recovery report.
 * Snapshots are rare, so this class allocates freely and is not thread-safe.
 */
public final class SnapshotStore
{
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".snap";
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path dir;
    private long corruptSkipped;
    private final List<SkippedSnapshot> skipped = new ArrayList<>();

    /**
     * Open a store in a directory, creating it if missing.
     *
     * @param dir holding the snapshot files.
     * @throws UncheckedIOException if the directory cannot be created.
     */
    public SnapshotStore(final Path dir)
    {
        this.dir = dir;
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Durably write a snapshot held in one buffer, replacing any existing snapshot for the same input sequence.
     *
     * @param inputSequence sequence number of the last input applied to the state, must not be negative.
     * @param journalIndex  journal index of the last input applied, or {@link Journal#NULL_INDEX}.
     * @param stateDigest   digest of the engine state.
     * @param payload       holding the serialised state.
     * @param offset        at which the serialised state starts.
     * @param length        of the serialised state in bytes.
     * @throws UncheckedIOException if the snapshot cannot be written.
     */
    public void write(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final DirectBuffer payload,
        final int offset,
        final int length)
    {
        payload.boundsCheck(offset, length);
        write(inputSequence, journalIndex, stateDigest, new ByteBuffer[]{SnapshotCodec.view(payload, offset, length)});
    }

    /**
     * Durably write a snapshot of any length held in several buffers (the chunks of an encoding), with one
     * gathering write and no copy, replacing any existing snapshot for the same input sequence.
     *
     * @param inputSequence sequence number of the last input applied to the state, must not be negative.
     * @param journalIndex  journal index of the last input applied, or {@link Journal#NULL_INDEX}.
     * @param stateDigest   digest of the engine state.
     * @param payload       the serialised state: each buffer's bytes from its position to its limit, in order;
     *                      their positions are left as they were.
     * @throws UncheckedIOException if the snapshot cannot be written.
     */
    public void write(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final ByteBuffer[] payload)
    {
        if (inputSequence < 0)
        {
            throw new IllegalArgumentException("inputSequence must not be negative: " + inputSequence);
        }
        final ByteBuffer[] buffers = new ByteBuffer[payload.length + 1];
        long length = 0;
        for (int i = 0; i < payload.length; i++)
        {
            buffers[i + 1] = payload[i].duplicate();
            length += buffers[i + 1].remaining();
        }
        buffers[0] =
            SnapshotCodec.header(inputSequence, journalIndex, stateDigest, length, SnapshotCodec.crc(payload));
        final Path target = dir.resolve(fileName(inputSequence));
        final Path temp = dir.resolve("." + fileName(inputSequence) + TEMP_SUFFIX);
        try
        {
            writeAndSync(temp, buffers, SnapshotCodec.HEADER_LENGTH + length);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            sync(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Find the newest intact snapshot, skipping newer ones that are corrupt or truncated. Each file's checksum is
     * verified by streaming it, so a snapshot of any size is checked without being held in memory.
     *
     * @return the newest intact snapshot, or null if there is none.
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be read.
     */
    public Snapshot loadNewest()
    {
        final long[] sequences = sequencesNewestFirst();
        skipped.clear();
        for (final long sequence : sequences)
        {
            final Snapshot snapshot = load(sequence);
            if (null != snapshot)
            {
                return snapshot;
            }
        }

        return null;
    }

    /**
     * Find the oldest intact snapshot, skipping older ones that are corrupt or truncated: where a replay that
     * cannot start at the journal's start (retention deleted it) starts instead.
     *
     * @return the oldest intact snapshot, or null if there is none.
     * @throws UncheckedIOException if the directory cannot be listed or a file cannot be read.
     */
    public Snapshot loadOldest()
    {
        final long[] sequences = sequencesNewestFirst();
        skipped.clear();
        for (int i = sequences.length - 1; i >= 0; i--)
        {
            final Snapshot snapshot = load(sequences[i]);
            if (null != snapshot)
            {
                return snapshot;
            }
        }

        return null;
    }

    private Snapshot load(final long sequence)
    {
        final String name = fileName(sequence);
        final Path file = dir.resolve(name);
        final SnapshotCodec.FileCheck check;
        try
        {
            check = SnapshotCodec.check(file, sequence);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        if (null == check.problem())
        {
            return new Snapshot(sequence, check.journalIndex(), check.stateDigest(), file, check.payloadLength(),
                skipped.size());
        }
        skipped.add(new SkippedSnapshot(name, check.problem()));
        corruptSkipped++;
        return null;
    }

    /**
     * The newer snapshot files the last {@link #loadNewest()} passed over, newest first, each with its reason.
     *
     * @return the files skipped as corrupt or truncated by the last load; empty before one.
     */
    public List<SkippedSnapshot> skipped()
    {
        return List.copyOf(skipped);
    }

    /**
     * Total number of corrupt or truncated snapshot files skipped by {@link #loadNewest()} on this instance.
     *
     * @return number of corrupt snapshot files skipped.
     */
    public long corruptSkipped()
    {
        return corruptSkipped;
    }

    /**
     * Directory holding the snapshot files.
     *
     * @return directory holding the snapshot files.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * @param inputSequence of the state a snapshot holds.
     * @return the name of its file.
     */
    public static String fileName(final long inputSequence)
    {
        // Zero padded so names also sort by sequence in a plain directory listing.
        return PREFIX + String.format("%019d", inputSequence) + SUFFIX;
    }

    /**
     * @return the input sequences of the snapshot files in the directory, intact or not, newest first.
     * @throws UncheckedIOException if the directory cannot be listed.
     */
    public long[] sequencesNewestFirst()
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files
                .map((path) -> parseSequence(path.getFileName().toString()))
                .filter((sequence) -> sequence >= 0)
                .sorted(Comparator.reverseOrder())
                .mapToLong(Long::longValue)
                .toArray();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long parseSequence(final String name)
    {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX))
        {
            return -1;
        }

        final String digits = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(Character::isDigit))
        {
            return -1;
        }

        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static void writeAndSync(final Path path, final ByteBuffer[] buffers, final long length)
        throws IOException
    {
        try (FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
        {
            long written = 0;
            while (written < length)
            {
                written += channel.write(buffers);
            }
            channel.force(true);
        }
    }

    private static void sync(final Path directory) throws IOException
    {
        // Makes the rename itself durable, not just the file contents.
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }
}
