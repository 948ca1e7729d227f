package io.pme.tools.cli;

/**
 * The exit status of every {@code pme} command, documented in the README's command table: a script can tell a
 * mistake on the command line from a failed run and from a replay that reached another state.
 */
public final class ExitCodes
{
    /** The command did what it was asked. */
    public static final int OK = 0;

    /**
     * The command ran and failed: an input, journal or file it could not read or write, a journal failure, pipeline
     * errors, a drain that did not finish, an engine that could not start.
     */
    public static final int FAILED = 1;

    /** The command line itself is wrong (an unknown option, a missing or malformed value): nothing was run. */
    public static final int USAGE = 2;

    /** A replay or a run reached a state digest other than the one expected ({@code --expect DIGEST}). */
    public static final int DIGEST_MISMATCH = 3;

    /**
     * {@code pme stat} found the engine not running: its counters file closed on a clean shutdown, its heartbeat
     * stale, or its process gone (a crash, a {@code kill -9}).
     */
    public static final int NOT_RUNNING = 4;

    private ExitCodes()
    {
    }
}
