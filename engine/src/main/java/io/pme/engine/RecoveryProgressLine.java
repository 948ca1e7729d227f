package io.pme.engine;

import io.pme.engine.journal.RecoveryProgress;
import io.pme.engine.journal.RecoveryReport;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The start-up recovery's progress, a line a second where its report goes: inputs replayed, inputs a second since the
 * last line and the time left. Silent for a replay shorter than a second. It reads the wall clock, as the report
 * does: an operational figure that never reaches the business logic.
 */
final class RecoveryProgressLine implements RecoveryProgress
{
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream out;
    private long lastNs = System.nanoTime();
    private long lastReplayed;

    RecoveryProgressLine(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * {@inheritDoc}
     */
    public void onProgress(final long replayed, final long total)
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastNs < INTERVAL_NS)
        {
            return;
        }
        final double perSecond = (replayed - lastReplayed) / ((nowNs - lastNs) / 1e9);
        final StringBuilder line = new StringBuilder(RecoveryReport.PREFIX)
            .append(String.format("replaying: %,d", replayed));
        if (total > 0)
        {
            line.append(String.format(" of %,d journaled inputs (%.1f%%)", total, 100.0 * replayed / total));
        }
        else
        {
            line.append(" journaled inputs");
        }
        line.append(String.format(", %,.0f inputs/s", perSecond));
        if (total > replayed && perSecond > 0)
        {
            line.append(String.format(", ETA %.0f s", (total - replayed) / perSecond));
        }
        out.println(line);
        out.flush();
        lastNs = nowNs;
        lastReplayed = replayed;
    }
}
