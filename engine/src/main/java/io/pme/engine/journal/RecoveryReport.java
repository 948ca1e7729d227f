package io.pme.engine.journal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a recovery did, for the operator: which snapshot it restored, which it skipped as corrupt and why, how many
 * journaled inputs it replayed and how long it all took. Every start prints one, also when the answer is "nothing".
 * The time is the wall time the recovery took, an operational figure that never reaches the business logic.
 */
public final class RecoveryReport
{
    /** What every line of the report starts with, so a log reader finds them. */
    public static final String PREFIX = "recovery: ";

    private final Path journalDir;
    private final boolean snapshotsUsed;
    private final String restoredFile;
    private final long restoredInputSequence;
    private final long restoredJournalIndex;
    private final List<SkippedSnapshot> skipped;
    private final long replayed;
    private final long durationNs;
    private final long restoreNs;
    private final long replayNs;
    private final int restoredAccounts;

    RecoveryReport(
        final Path journalDir,
        final boolean snapshotsUsed,
        final Snapshot restored,
        final List<SkippedSnapshot> skipped,
        final long replayed,
        final long durationNs,
        final long restoreNs,
        final long replayNs,
        final int restoredAccounts)
    {
        this.restoreNs = restoreNs;
        this.replayNs = replayNs;
        this.restoredAccounts = restoredAccounts;
        this.journalDir = journalDir;
        this.snapshotsUsed = snapshotsUsed;
        this.restoredFile = null == restored ? null : SnapshotStore.fileName(restored.inputSequence());
        this.restoredInputSequence = null == restored ? -1 : restored.inputSequence();
        this.restoredJournalIndex = null == restored ? Journal.NULL_INDEX : restored.journalIndex();
        this.skipped = List.copyOf(skipped);
        this.replayed = replayed;
        this.durationNs = durationNs;
    }

    /**
     * @return the file name of the snapshot restored, or null when none was.
     */
    public String restoredFile()
    {
        return restoredFile;
    }

    /**
     * @return the input sequence of the snapshot restored, or -1 when none was.
     */
    public long restoredInputSequence()
    {
        return restoredInputSequence;
    }

    /**
     * @return the snapshot files passed over as corrupt or truncated, newest first, each with its reason.
     */
    public List<SkippedSnapshot> skipped()
    {
        return skipped;
    }

    /**
     * @return journaled inputs replayed after the snapshot restored, or from the first when none was.
     */
    public long replayed()
    {
        return replayed;
    }

    /**
     * @return how long the recovery took, snapshot load and replay together, in nanoseconds.
     */
    public long durationNs()
    {
        return durationNs;
    }

    /**
     * @return how long reading, decoding and checking the snapshot took, in nanoseconds; about 0 when none was.
     */
    public long restoreNs()
    {
        return restoreNs;
    }

    /**
     * @return how long replaying the journal's inputs took, in nanoseconds, opening it not counted.
     */
    public long replayNs()
    {
        return replayNs;
    }

    /**
     * @return the report, one fact a line, each starting with {@link #PREFIX}.
     */
    public List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        if (null != restoredFile)
        {
            lines.add(String.format("%srestored snapshot %s at input %,d (%,d account%s, journal index 0x%x) in %.3f s",
                PREFIX, restoredFile, restoredInputSequence, restoredAccounts, 1 == restoredAccounts ? "" : "s",
                restoredJournalIndex, restoreNs / (double)TimeUnit.SECONDS.toNanos(1)));
        }
        else if (!snapshotsUsed)
        {
            lines.add(PREFIX + "no snapshot restored: the whole journal is replayed, as asked");
        }
        else if (skipped.isEmpty())
        {
            lines.add(PREFIX + "no snapshot restored: none in " + Recovery.snapshotDir(journalDir));
        }
        else
        {
            lines.add(PREFIX + "no snapshot restored: every one in " + Recovery.snapshotDir(journalDir) +
                " was skipped");
        }
        for (final SkippedSnapshot snapshot : skipped)
        {
            lines.add(PREFIX + "snapshot " + snapshot.fileName() + " skipped as corrupt: " + snapshot.reason());
        }
        final double replaySeconds = replayNs / (double)TimeUnit.SECONDS.toNanos(1);
        lines.add(String.format("%sreplayed %,d journaled input%s %s in %.3f s (%,.0f inputs/s); %.3f s in all",
            PREFIX, replayed, 1 == replayed ? "" : "s",
            null != restoredFile ? "after the snapshot" : "from the journal's start", replaySeconds,
            replayed / Math.max(replaySeconds, 1e-9), durationNs / (double)TimeUnit.SECONDS.toNanos(1)));
        return lines;
    }

    /**
     * Prints {@link #lines()}.
     *
     * @param out where to.
     */
    public void print(final PrintStream out)
    {
        for (final String line : lines())
        {
            out.println(line);
        }
        out.flush();
    }

    /**
     * @return the report on one line per fact.
     */
    public String toString()
    {
        return String.join(System.lineSeparator(), lines());
    }
}
