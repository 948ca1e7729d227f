package io.pme.tools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.RecoveryReport;
import io.pme.engine.journal.Retention;
import io.pme.engine.journal.SkippedSnapshot;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.state.Digest;
import io.pme.engine.state.EngineState;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pme replay --journal DIR}: rebuilds state from a journal through the same business logic and prints the
 * state digest as its last line.
 */
@CommandLine.Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Rebuilds state from a journal through the same business logic (rewriting no snapshot file), sized by the " +
            "capacities and with the snapshot schedule the journal records, and prints the state digest as its last " +
            "line (from the oldest snapshot when retention deleted the journal's start; a progress line a second " +
            "on stderr):",
        "  state digest: <hex> (correlation ids <hex>)"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:replayed (and, with --expect, the digest is the one expected)",
        "1:no journal, a damaged entry, a snapshot of other parameters, capacities that do not fit",
        "2:the command line is wrong",
        "3:with --expect, the replay reached another state digest"})
final class ReplayCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal directory")
    private Path journalDir;

    @CommandLine.Option(names = "--from-snapshot",
        description = "start from the newest intact snapshot instead of the journal's start")
    private boolean fromSnapshot;

    @CommandLine.Option(names = "--expect", paramLabel = "DIGEST", converter = DigestConverter.class,
        description = "the state digest the replay must reach (16 hex digits, as printed); another one exits 3")
    private Long expected;

    @CommandLine.Option(names = "--json",
        description = "print one JSON object (recovery, figures, digests, whether the expected digest was reached)")
    private boolean json;

    ReplayCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final EngineContext context = ReplayContext.of("pme replay", journalDir, err);
        if (null == context)
        {
            return ExitCodes.FAILED;
        }
        final EngineState state = context.newState();
        // the engine's risk model, so a replay margins as the live run did (pme.risk.parameters.file included)
        final RiskModelBinding risk = context.riskModelFactory().apply(state);
        try (EngineCounters counters = EngineCounters.local())
        {
            // the journal's snapshot schedule: a scheduled snapshot settles the accounts, so it decides the digest
            final InputProcessor processor = new InputProcessor(
                state, risk, counters, Outbox.NONE, SnapshotSink.NONE, context.snapshotIntervals());
            final Recovery recovery;
            try
            {
                final Progress progress =
                    new Progress("pme replay", "inputs", 0, err, Progress.DEFAULT_INTERVAL_NS);
                recovery = new Recovery().recover(journalDir, processor, risk, start(), (replayed, total) ->
                {
                    progress.total(total);
                    progress.update(replayed);
                });
                progress.finish(recovery.replayed());
            }
            catch (final IllegalStateException ex)
            {
                // a damaged journal entry or a snapshot of other parameters: no digest is better than a wrong one
                err.println("pme replay: " + ex.getMessage());
                return ExitCodes.FAILED;
            }
            final long digest = processor.digest();
            final boolean matches = null == expected || expected == digest;
            if (json)
            {
                out.println(json(recovery.report(), state, counters, digest, processor.correlationDigest(), matches));
            }
            else
            {
                recovery.report().print(out);
                out.printf("replayed state: %,d accounts, %,d rejects, %,d below IM, %,d below MM%n",
                    state.accounts().count(), counters.rejects().get(),
                    counters.belowInitialMargin().get(), counters.belowMaintenanceMargin().get());
                out.println(Pme.digestLine(digest, processor.correlationDigest()));
            }
            if (!matches)
            {
                err.println("pme replay: state digest " + Digest.hex(digest) + ", expected " + Digest.hex(expected));
                return ExitCodes.DIGEST_MISMATCH;
            }
            return ExitCodes.OK;
        }
    }

    private Recovery.Start start()
    {
        if (fromSnapshot)
        {
            return Recovery.Start.NEWEST_SNAPSHOT;
        }
        final long firstCycleKept = Retention.firstCycleKept(journalDir);
        if (firstCycleKept < 0)
        {
            return Recovery.Start.JOURNAL_START;
        }
        err.println("pme replay: the journal's start is gone: retention deleted its cycles before cycle " +
            firstCycleKept + " (" + journalDir.resolve(Retention.MARKER_FILE) + "); replaying from the oldest " +
            "intact snapshot instead, the longest replay this journal allows");
        return Recovery.Start.OLDEST_SNAPSHOT;
    }

    private String json(
        final RecoveryReport report,
        final EngineState state,
        final EngineCounters counters,
        final long digest,
        final long correlationDigest,
        final boolean matches)
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode node = mapper.createObjectNode();
        node.put("journal", journalDir.toString());
        node.put("snapshotRestored", report.restoredFile());
        node.put("snapshotInputSequence", report.restoredInputSequence());
        final var skipped = node.putArray("snapshotsSkipped");
        for (final SkippedSnapshot snapshot : report.skipped())
        {
            skipped.addObject().put("file", snapshot.fileName()).put("reason", snapshot.reason());
        }
        node.put("inputsReplayed", report.replayed());
        node.put("recoverySeconds", report.durationNs() / 1e9);
        node.put("accounts", state.accounts().count());
        node.put("rejects", counters.rejects().get());
        node.put("belowInitialMargin", counters.belowInitialMargin().get());
        node.put("belowMaintenanceMargin", counters.belowMaintenanceMargin().get());
        node.put("stateDigest", Digest.hex(digest));
        node.put("correlationDigest", Digest.hex(correlationDigest));
        if (null != expected)
        {
            node.put("expectedDigest", Digest.hex(expected));
            node.put("matches", matches);
        }
        return node.toString();
    }

    /** A state digest as {@code pme} prints it: up to 16 hex digits. */
    static final class DigestConverter implements CommandLine.ITypeConverter<Long>
    {
        /**
         * {@inheritDoc}
         */
        public Long convert(final String value)
        {
            if (!value.matches("[0-9a-fA-F]{1,16}"))
            {
                throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a state digest (up to 16 hex digits, as pme prints it)");
            }
            return Long.parseUnsignedLong(value, 16);
        }
    }
}
