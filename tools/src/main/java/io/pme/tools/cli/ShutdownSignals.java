package io.pme.tools.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGTERM and SIGINT as a request to stop gracefully: the first is noted for the command's own thread to act on
 * (stop taking input, drain, snapshot, exit 0), a second one halts the JVM at once with 128 + the signal's number.
 * <p>
 * Signal handlers rather than a JVM shutdown hook: a hook runs once the JVM has begun to exit, which then ends with
 * 143 whatever the hook did (the command is to exit 0), cannot be interrupted by a second signal (the JVM blocks
 * it), and must not call {@code System.exit} itself. With {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * exported by every JDK) the JVM does not begin to exit on the first signal: the command finishes on its own thread
 * and exits as it always does. The handlers in force before are put back on {@link #close()}, so a command run
 * inside a test's JVM leaves it as it was.
 */
final class ShutdownSignals implements AutoCloseable
{
    private static final String[] NAMES = {"TERM", "INT"};
    private static final int SIGNAL_EXIT_BASE = 128;

    private final AtomicInteger received = new AtomicInteger();
    private final SignalHandler[] previous = new SignalHandler[NAMES.length];
    private final PrintStream err;
    private final String command;
    private volatile String first;

    private ShutdownSignals(final String command, final PrintStream err)
    {
        this.command = command;
        this.err = err;
    }

    /**
     * @param command the command's name, for the line said on the first signal.
     * @param err     where that line goes.
     * @return the handlers, installed for SIGTERM and SIGINT.
     */
    static ShutdownSignals install(final String command, final PrintStream err)
    {
        final ShutdownSignals signals = new ShutdownSignals(command, err);
        for (int i = 0; i < NAMES.length; i++)
        {
            signals.previous[i] = Signal.handle(new Signal(NAMES[i]), signals::onSignal);
        }
        return signals;
    }

    /**
     * @return true once a first signal has asked the command to stop.
     */
    boolean isStopRequested()
    {
        return received.get() > 0;
    }

    /**
     * @return the first signal's name (TERM or INT), or null before one came.
     */
    String signalName()
    {
        return first;
    }

    private void onSignal(final Signal signal)
    {
        if (0 == received.getAndIncrement())
        {
            first = signal.getName();
            err.println("pme " + command + ": SIG" + signal.getName() + ": stopping (no more input, draining, a " +
                "last snapshot); a second signal exits at once");
        }
        else
        {
            err.println("pme " + command + ": SIG" + signal.getName() + " again: exiting at once, without a snapshot");
            err.flush();
            Runtime.getRuntime().halt(SIGNAL_EXIT_BASE + signal.getNumber());
        }
    }

    /**
     * Puts back the handlers in force before.
     */
    public void close()
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (null != previous[i])
            {
                Signal.handle(new Signal(NAMES[i]), previous[i]);
            }
        }
    }
}
