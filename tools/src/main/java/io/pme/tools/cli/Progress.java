package io.pme.tools.cli;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A periodic line on standard error for a long command: how far it is, how fast it goes and when it should end.
 * Silent for a command that ends within the first interval, so a short run prints nothing extra; it reads the wall
 * clock, which only the command line does, never the business logic.
 */
public final class Progress
{
    /** A line a second. */
    public static final long DEFAULT_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final String label;
    private final String unit;
    private final PrintStream err;
    private final long intervalNs;
    private final long startNs;
    private long total;
    private long nextNs;
    private long lastDone;
    private long lastNs;
    private boolean printed;

    /**
     * @param label      the command, e.g. {@code "pme replay"}.
     * @param unit       what is counted, e.g. {@code "inputs"}.
     * @param total      how many in all, or 0 when not known (then no percentage and no ETA).
     * @param err        where the lines go; {@code null} for none.
     * @param intervalNs the time between two lines.
     */
    public Progress(
        final String label, final String unit, final long total, final PrintStream err, final long intervalNs)
    {
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.err = err;
        this.intervalNs = intervalNs;
        this.startNs = System.nanoTime();
        this.nextNs = startNs + intervalNs;
        this.lastNs = startNs;
    }

    /**
     * @param total how many in all, once it is known.
     */
    public void total(final long total)
    {
        this.total = total;
    }

    /**
     * Prints a line when the interval is up.
     *
     * @param done how many so far.
     */
    public void update(final long done)
    {
        final long nowNs = System.nanoTime();
        if (null == err || nowNs - nextNs < 0)
        {
            return;
        }
        print(done, nowNs, false);
        nextNs = nowNs + intervalNs;
    }

    /**
     * Prints the last line, only when an earlier one was printed.
     *
     * @param done how many in the end.
     */
    public void finish(final long done)
    {
        if (printed)
        {
            print(done, System.nanoTime(), true);
        }
    }

    private void print(final long done, final long nowNs, final boolean last)
    {
        final double seconds = Math.max(1e-9, (nowNs - lastNs) / 1e9);
        final double perSecond = last ? done / Math.max(1e-9, (nowNs - startNs) / 1e9) : (done - lastDone) / seconds;
        final StringBuilder line = new StringBuilder(label).append(": ").append(String.format("%,d", done));
        if (total > 0)
        {
            line.append(String.format(" of %,d %s (%.1f%%)", total, unit, 100.0 * done / total));
        }
        else
        {
            line.append(' ').append(unit);
        }
        line.append(String.format(", %,.0f %s/s", perSecond, unit));
        if (last)
        {
            line.append(String.format(", done in %.1f s", (nowNs - startNs) / 1e9));
        }
        else if (total > done && perSecond > 0)
        {
            line.append(String.format(", ETA %.0f s", (total - done) / perSecond));
        }
        err.println(line);
        printed = true;
        lastDone = done;
        lastNs = nowNs;
    }
}
