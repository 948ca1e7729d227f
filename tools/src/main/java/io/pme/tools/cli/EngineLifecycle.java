package io.pme.tools.cli;

import io.aeron.exceptions.AeronException;
import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.SnapshotStore;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The engine's side of {@code pme run} and {@code pme engine}: launched from a context in one line of error or
 * none, its failure said, and its graceful stop.
 */
final class EngineLifecycle
{
    /** How long a graceful stop waits for room on the ring for its snapshot input. */
    static final long STOP_TIMEOUT_MS = 10_000;

    private static final String DIRECT_MEMORY_NOTE = "scripts/pme sizes -XX:MaxDirectMemorySize to --accounts; " +
        "running java yourself, give it one, about 12g for a million accounts";

    private EngineLifecycle()
    {
    }

    /**
     * A bad setting or sessions file stops the command before anything starts, said in one line instead of a trace.
     *
     * @return the running engine, or null when it could not start (said on {@code err}).
     */
    static Engine launch(final String command, final EngineContext context, final PrintStream err)
    {
        try
        {
            return Engine.launch(context.isConcluded() ? context : context.conclude());
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("pme " + command + ": cannot start the engine: " + ex.getMessage());
            return null;
        }
        catch (final AeronException ex)
        {
            // the driver refused a channel or could not be reached: nothing was left running
            err.println("pme " + command + ": cannot start the engine: " + ex.getMessage());
            return null;
        }
        catch (final IllegalStateException ex)
        {
            // recovery refused the journal (a damaged entry) or a snapshot (other parameters): acting on what it
            // could read would build another state than the one journaled
            err.println("pme " + command + ": the engine could not recover from " + context.journalDir() + ": " +
                ex.getMessage());
            return null;
        }
    }

    /**
     * Fail-stop: the engine acted on nothing from the failed append (or the fatal error) on, so the run is not
     * complete.
     */
    static void reportFailure(final String command, final Engine engine, final PrintStream err)
    {
        err.println("pme " + command + ": " + (engine.counters().fatalErrors().get() > 0 ?
            "the business logic met a fatal error" : "the journal failed") +
            ", the engine stopped taking input: " + engine.failureCause());
        if (engine.failureCause() instanceof OutOfMemoryError)
        {
            err.println("pme " + command + ": the book lives in direct memory (" + DIRECT_MEMORY_NOTE + ")");
        }
        err.print(engine.errors().summary());
    }

    /**
     * The graceful stop: no more input, the engine's own SNAPSHOT input journaled after everything taken, the ring
     * drained through the journal and the business logic (which writes the snapshot), the journal closed.
     *
     * @return the snapshot file written for the final state, or null when none was (the ring stayed full, the
     * engine failed, or the write failed).
     */
    static Path stopWithSnapshot(final Engine engine, final EngineContext context)
    {
        final boolean put = engine.stopTakingInput(STOP_TIMEOUT_MS);
        engine.close();
        final long sequence = engine.state().inputSequence();
        return put && !engine.isFailed() && engine.lastSnapshotInputSequence() == sequence ?
            Recovery.snapshotDir(context.journalDir()).resolve(SnapshotStore.fileName(sequence)) : null;
    }
}
