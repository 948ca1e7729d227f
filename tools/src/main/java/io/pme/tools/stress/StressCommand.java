package io.pme.tools.stress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.journal.JournalFrameHandler;
import io.pme.engine.journal.Recovery;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.tools.cli.ExitCodes;
import io.pme.tools.cli.PmeVersion;
import io.pme.tools.cli.Progress;
import io.pme.tools.cli.ReplayContext;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code pme stress --journal DIR}: rebuilds the engine state from a journal off the live engine, through the
 * engine's own recovery path, and revalues every account in full under each scenario (docs/stress.md).
 */
@CommandLine.Command(
    name = "stress",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Replays a journal through the same business logic as pme replay, on a replica, then revalues every " +
            "account in full under each scenario (the shipped ones when no --scenario is given) and prints a " +
            "block per scenario: accounts by state before and after, newly below IM and MM, bankrupt accounts and " +
            "their deficit, the insurance fund's cover, the largest contributors (docs/stress.md)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:stressed",
        "1:no journal, a damaged entry, capacities that do not fit, a scenario file that cannot be used, --at past " +
            "the journal's end, a report that cannot be written",
        "2:the command line is wrong"})
public final class StressCommand implements Callable<Integer>
{
    private static final String NAME = "pme stress";

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--journal", required = true, paramLabel = "DIR", description = "the journal directory")
    private Path journalDir;

    @CommandLine.Option(names = "--at", paramLabel = "INPUT",
        description = "stop the replay after input sequence INPUT (1 for the journal's first input); the whole " +
            "journal when not given")
    private Long at;

    @CommandLine.Option(names = "--scenario", paramLabel = "FILE",
        description = "a scenario file (docs/stress.md); repeat for several; the shipped ones when not given")
    private List<Path> scenarioFiles = new ArrayList<>();

    @CommandLine.Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
    private Path jsonFile;

    @CommandLine.Option(names = "--accounts-top", paramLabel = "N", defaultValue = "10",
        description = "how many of the largest contributors to list per scenario (default ${DEFAULT-VALUE})")
    private int top;

    /**
     * @param out standard output.
     * @param err standard error.
     */
    public StressCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /** Stops a replay from its observer once the input asked for is applied: Recovery replays to the end. */
    private static final class Reached extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Reached()
        {
            super(null, null, false, false);
        }
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        if (top < 0 || (null != at && at < 0))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                top < 0 ? "--accounts-top must be 0 or more, was " + top : "--at must be 0 or more, was " + at);
        }
        final List<Scenario> scenarios;
        try
        {
            scenarios = scenarios();
        }
        catch (final Scenario.ScenarioException ex)
        {
            err.println(NAME + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        final EngineContext context = ReplayContext.of(NAME, journalDir, err);
        if (null == context)
        {
            return ExitCodes.FAILED;
        }
        final EngineState state = context.newState();
        final RiskModelBinding risk = context.riskModelFactory().apply(state);
        if (!(risk instanceof PortfolioRiskModel))
        {
            err.println(NAME + ": the engine's risk model is not the rulebook's portfolio margin: nothing to stress");
            return ExitCodes.FAILED;
        }
        try (EngineCounters counters = EngineCounters.local())
        {
            final InputProcessor processor = new InputProcessor(
                state, risk, counters, Outbox.NONE, SnapshotSink.NONE, context.snapshotIntervals());
            final int replayed = replay(processor, risk, state);
            if (ExitCodes.OK != replayed)
            {
                return replayed;
            }
        }
        final StressBook book = new StressBook(state, ((PortfolioRiskModel)risk).parameters());
        return report(book, scenarios);
    }

    private int replay(final InputProcessor processor, final RiskModelBinding risk, final EngineState state)
    {
        final Progress progress = new Progress(NAME, "inputs", 0, err, Progress.DEFAULT_INTERVAL_NS);
        final JournalFrameHandler stop = null == at ? null : (buffer, offset, length, index) ->
        {
            if (state.inputSequence() >= at)
            {
                throw new Reached();
            }
        };
        try
        {
            // a snapshot may be past --at: then from the journal's first input
            final Recovery.Start start = null == at ? Recovery.Start.NEWEST_SNAPSHOT : Recovery.Start.JOURNAL_START;
            if (null == at || at > 0)
            {
                new Recovery().recover(journalDir, processor, risk, start,
                    (done, total) ->
                    {
                        progress.total(total);
                        progress.update(done);
                    },
                    stop);
            }
        }
        catch (final Reached ex)
        {
            processor.recount();
        }
        catch (final IllegalStateException ex)
        {
            err.println(NAME + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        progress.finish(state.inputSequence());
        if (null != at && state.inputSequence() < at)
        {
            err.println(NAME + ": --at " + at + " is past the journal's end: " + journalDir + " holds " +
                state.inputSequence() + " inputs");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private List<Scenario> scenarios()
    {
        final List<Scenario> scenarios = new ArrayList<>();
        if (scenarioFiles.isEmpty())
        {
            scenarios.addAll(Scenario.shipped());
        }
        for (final Path file : scenarioFiles)
        {
            scenarios.add(Scenario.read(file));
        }
        final TreeSet<String> names = new TreeSet<>();
        for (final Scenario scenario : scenarios)
        {
            if (!names.add(scenario.name()))
            {
                throw new Scenario.ScenarioException(scenario.source() + ": name: " + scenario.name() +
                    " is another scenario's name too");
            }
        }
        return scenarios;
    }

    private int report(final StressBook book, final List<Scenario> scenarios)
    {
        final EngineState state = book.state();
        final Progress before = new Progress(NAME, "accounts revalued", book.count(), err,
            Progress.DEFAULT_INTERVAL_NS);
        final StressBook.Figures was = book.evaluate(book.prices(), book.vols(), before::update);
        before.finish(book.count());
        final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        final ObjectNode root = mapper.createObjectNode();
        root.put("inputSequence", state.inputSequence());
        root.put("messageTimeNs", state.nowNs());
        root.put("accounts", book.count() - (book.fundSlot() >= 0 ? 1 : 0));
        root.put("revaluation", "full, by the rulebook's calculator at the risk parameters in force");
        out.printf("pme stress: %,d accounts at input %,d, %d scenarios%n", book.count() -
            (book.fundSlot() >= 0 ? 1 : 0), state.inputSequence(), scenarios.size());
        final ArrayNode list = root.putArray("scenarios");
        for (final Scenario scenario : scenarios)
        {
            final double[] prices = book.prices();
            final double[] vols = book.vols();
            final String skipped = scenario.shock(book.parameters(), state.assets(), state.instruments(), prices,
                vols);
            final StressBook.Figures now;
            if (null == skipped)
            {
                final Progress progress = new Progress(NAME + " " + scenario.name(), "accounts revalued",
                    book.count(), err, Progress.DEFAULT_INTERVAL_NS);
                now = book.evaluate(prices, vols, progress::update);
                progress.finish(book.count());
            }
            else
            {
                now = was;
            }
            final ScenarioOutcome outcome = new ScenarioOutcome(scenario, skipped, book, was, now, top);
            outcome.printText(out);
            outcome.json(list.addObject());
        }
        if (null != jsonFile)
        {
            try
            {
                Files.writeString(jsonFile, mapper.writeValueAsString(root) + System.lineSeparator(),
                    StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                err.println(NAME + ": cannot write " + jsonFile + ": " + ex);
                return ExitCodes.FAILED;
            }
        }
        return ExitCodes.OK;
    }
}
