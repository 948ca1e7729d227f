package io.pme.tools.cli;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.JournalCapacity;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.state.EngineState;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code pme replay --journal DIR}: rebuilds state from a journal through the same business logic and prints the
 * state digest as its last line.
 */
final class ReplayCommand
{
    /** The options it takes with a value, and those it takes alone. */
    static final Set<String> OPTIONS = Set.of("journal");
    static final Set<String> FLAGS = Set.of("from-snapshot");

    private ReplayCommand()
    {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options = new Options(args, 1, OPTIONS, FLAGS);
        final Path journalDir = Path.of(options.required("journal"));
        if (!Files.isDirectory(journalDir))
        {
            err.println("pme replay: no journal directory at " + journalDir);
            return 1;
        }
        final EngineContext context = new EngineContext().journalDir(journalDir);
        // sized as the live engine was: a capacity decides which inputs are refused, so it decides the digest
        if (JournalCapacity.isRecorded(journalDir))
        {
            try
            {
                JournalCapacity.apply(context, journalDir);
            }
            catch (final IllegalStateException ex)
            {
                err.println("pme replay: " + ex.getMessage());
                return 1;
            }
        }
        else
        {
            err.println("pme replay: " + journalDir + " records no capacities (" + JournalCapacity.FILE_NAME +
                "): the state is sized by the pme.max.* properties, which must be the live engine's");
        }
        final EngineState state = context.newState();
        // the engine's risk model, so a replay margins as the live run did (pme.risk.parameters.file included)
        final RiskModelBinding risk = context.riskModelFactory().apply(state);
        try (EngineCounters counters = EngineCounters.local())
        {
            final InputProcessor processor = new InputProcessor(state, risk, counters, Outbox.NONE, SnapshotSink.NONE);
            final Recovery recovery;
            try
            {
                recovery = new Recovery().recover(journalDir, processor, risk, options.flag("from-snapshot"));
            }
            catch (final IllegalStateException ex)
            {
                // a damaged journal entry or a snapshot of other parameters: no digest is better than a wrong one
                err.println("pme replay: " + ex.getMessage());
                return 1;
            }
            recovery.report().print(out);
            out.printf("replayed state: %,d accounts, %,d rejects, %,d below IM, %,d below MM%n",
                state.accounts().count(), counters.rejects().get(),
                counters.belowInitialMargin().get(), counters.belowMaintenanceMargin().get());
            out.println(Pme.digestLine(processor.digest(), processor.correlationDigest()));
            return 0;
        }
    }
}
