package io.pme.tools.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.Digest;
import io.pme.engine.state.EngineState;
import io.pme.tools.cli.ExitCodes;
import io.pme.tools.cli.ReplayContext;
import io.pme.tools.cli.Progress;
import io.pme.tools.cli.Pme;
import io.pme.tools.cli.PmeVersion;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * {@code pme audit --journal DIR --account ID}: replays the journal from its first input through the engine's own
 * recovery path and prints the account's audit trail, optionally its state in the offline calculator's files and the
 * book report, and ends with the state digest line {@code pme replay} prints for the same journal.
 */
@CommandLine.Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Replays a journal from its first input through the same business logic as pme replay and prints, for each " +
            "account audited, every input addressed to it and every input that bore on its figures or its " +
            "liquidation, with its figures after each (docs/audit.md); ends with the state digest line:",
        "  state digest: <hex> (correlation ids <hex>)"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:audited",
        "1:no journal, a damaged entry, capacities that do not fit, an account never opened for --portfolio-out, " +
            "a file that cannot be written",
        "2:the command line is wrong"})
public final class AuditCommand implements Callable<Integer>
{
    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal directory")
    private Path journalDir;

    @CommandLine.Option(names = "--account", paramLabel = "ID",
        description = "an account to audit; repeat for several (their lines interleave in journal order)")
    private List<Long> accounts = new ArrayList<>();

    @CommandLine.Option(names = "--from", paramLabel = "T", converter = MessageTime.class,
        description = "print only inputs of message time T or later: an ISO-8601 instant (2026-11-24T08:00:00Z) " +
            "or epoch nanoseconds, as the messages' timestampNs")
    private Long fromNs;

    @CommandLine.Option(names = "--to", paramLabel = "T", converter = MessageTime.class,
        description = "print only inputs of message time T or earlier (same format as --from)")
    private Long toNs;

    @CommandLine.Option(names = "--ticks",
        description = "print each input that bore on the figures without being addressed to the account on its own " +
            "line, instead of collapsing a run of them into one line")
    private boolean ticks;

    @CommandLine.Option(names = "--json", description = "one JSON object per line instead of text")
    private boolean json;

    @CommandLine.Option(names = "--portfolio-out", paramLabel = "FILE",
        description = "write the account's state at the end in the offline calculator's portfolio format " +
            "(one --account)")
    private Path portfolioOut;

    @CommandLine.Option(names = "--params-out", paramLabel = "FILE",
        description = "write the risk parameters in force at the end, for pme margin --params (one --account)")
    private Path paramsOut;

    @CommandLine.Option(names = "--book",
        description = "end with the book report: balances per asset against the ledger, insurance fund, open " +
            "interest, accounts by state")
    private boolean book;

    /**
     * @param out standard output.
     * @param err standard error.
     */
    public AuditCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        validate();
        final EngineContext context = ReplayContext.of("pme audit", journalDir, err);
        if (null == context)
        {
            return ExitCodes.FAILED;
        }
        final EngineState state = context.newState();
        final RiskModelBinding risk = context.riskModelFactory().apply(state);
        final long[] ids = accounts.stream().mapToLong(Long::longValue).distinct().toArray();
        // the engine's record of an account is brought to today's prices lazily, when next read: the trail reads it
        // as a query would, an observation that leaves the state digest as replay reaches it
        final IntConsumer observer = risk instanceof PortfolioRiskModel ? ((PortfolioRiskModel)risk)::observe : s -> {};
        final AccountTrail trail = new AccountTrail(state, observer, ids, null == fromNs ? Long.MIN_VALUE : fromNs,
            null == toNs ? Long.MAX_VALUE : toNs, ticks, json, out);
        try (EngineCounters counters = EngineCounters.local())
        {
            final Outbox outbox = 0 == ids.length ? Outbox.NONE : trail;
            final InputProcessor processor = new InputProcessor(
                state, risk, counters, outbox, SnapshotSink.NONE, context.snapshotIntervals());
            final Recovery recovery;
            try
            {
                // from the first input, never a snapshot: the trail is the history since the account opened
                final Progress progress = new Progress("pme audit", "inputs", 0, err, Progress.DEFAULT_INTERVAL_NS);
                recovery = new Recovery().recover(journalDir, processor, risk, Recovery.Start.JOURNAL_START,
                    (replayed, total) ->
                    {
                        progress.total(total);
                        progress.update(replayed);
                    },
                    0 == ids.length ? null : trail);
                progress.finish(recovery.replayed());
            }
            catch (final IllegalStateException ex)
            {
                err.println("pme audit: " + ex.getMessage());
                return ExitCodes.FAILED;
            }
            trail.finish();
            final int exported = export(state, risk);
            if (ExitCodes.OK != exported)
            {
                return exported;
            }
            final ObjectMapper mapper = new ObjectMapper();
            if (book)
            {
                final BookReport report = new BookReport(state);
                if (json)
                {
                    out.println(report.json(mapper));
                }
                else
                {
                    report.printText(out);
                }
            }
            if (json)
            {
                final ObjectNode node = mapper.createObjectNode();
                node.put("inputsReplayed", recovery.replayed());
                node.put("stateDigest", Digest.hex(processor.digest()));
                node.put("correlationDigest", Digest.hex(processor.correlationDigest()));
                out.println(node);
            }
            else
            {
                out.println(Pme.digestLine(processor.digest(), processor.correlationDigest()));
            }
            return ExitCodes.OK;
        }
    }

    private void validate()
    {
        if (accounts.isEmpty() && !book)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "nothing to audit: give --account ID (one or more) or --book");
        }
        if ((null != portfolioOut || null != paramsOut) && 1 != accounts.stream().distinct().count())
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--portfolio-out and --params-out write one account's files: give exactly one --account");
        }
        if (null != fromNs && null != toNs && fromNs > toNs)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--from " + MessageTime.iso(fromNs) + " is after --to " + MessageTime.iso(toNs));
        }
    }

    private int export(final EngineState state, final RiskModelBinding risk)
    {
        if (null == portfolioOut && null == paramsOut)
        {
            return ExitCodes.OK;
        }
        final long accountId = accounts.get(0);
        final int slot = state.accounts().slot(accountId);
        if (slot < 0)
        {
            err.println("pme audit: account " + accountId + " was never opened in " + journalDir +
                ": no portfolio to write");
            return ExitCodes.FAILED;
        }
        final PortfolioExport export = new PortfolioExport(state, slot);
        try
        {
            if (null != portfolioOut)
            {
                export.writePortfolio(portfolioOut);
            }
            if (null != paramsOut)
            {
                if (!(risk instanceof PortfolioRiskModel))
                {
                    err.println("pme audit: the engine's risk model has no parameter file to write");
                    return ExitCodes.FAILED;
                }
                export.writeParameters(((PortfolioRiskModel)risk).parameters(), paramsOut);
            }
        }
        catch (final UncheckedIOException ex)
        {
            err.println("pme audit: cannot write: " + ex.getCause());
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
