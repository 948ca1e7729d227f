package io.pme.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A validated snapshot found by {@link SnapshotStore#loadNewest()}: its header's fields, and its file, whose payload
 * {@link #openPayload()} reads (a payload can be tens of gigabytes, so it is not held in memory).
 */
public final class Snapshot
{
    private final long inputSequence;
    private final long journalIndex;
    private final long stateDigest;
    private final Path file;
    private final long payloadLength;
    private final int skippedCorrupt;

    Snapshot(
        final long inputSequence,
        final long journalIndex,
        final long stateDigest,
        final Path file,
        final long payloadLength,
        final int skippedCorrupt)
    {
        this.inputSequence = inputSequence;
        this.journalIndex = journalIndex;
        this.stateDigest = stateDigest;
        this.file = file;
        this.payloadLength = payloadLength;
        this.skippedCorrupt = skippedCorrupt;
    }

    /**
     * Sequence number of the last input applied to the state captured by this snapshot.
     *
     * @return sequence number of the last input applied.
     */
    public long inputSequence()
    {
        return inputSequence;
    }

    /**
     * Journal index of the last input applied, so replay resumes with {@link JournalReader#fromAfter(long)}.
     *
     * @return journal index of the last input applied, or {@link Journal#NULL_INDEX}.
     */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * Digest of the engine state recorded by the writer, to verify the restored state.
     *
     * @return digest of the engine state.
     */
    public long stateDigest()
    {
        return stateDigest;
    }

    /**
     * The file the snapshot is in, checked intact when it was loaded.
     *
     * @return the snapshot's file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Length of the payload: the encoded state.
     *
     * @return length of the payload in bytes.
     */
    public long payloadLength()
    {
        return payloadLength;
    }

    /**
     * Opens the file positioned at the payload's start; the caller reads {@link #payloadLength()} bytes and closes
     * it.
     *
     * @return a channel at the payload's first byte.
     * @throws UncheckedIOException if the file cannot be opened.
     */
    public FileChannel openPayload()
    {
        try
        {
            final FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(SnapshotCodec.HEADER_LENGTH);
            return channel;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Number of newer snapshot files skipped because they were corrupt or truncated.
     *
     * @return number of newer snapshots skipped.
     */
    public int skippedCorrupt()
    {
        return skippedCorrupt;
    }
}
