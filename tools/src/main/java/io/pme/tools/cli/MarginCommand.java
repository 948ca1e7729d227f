package io.pme.tools.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pme.engine.rulebook.MarginCalculator;
import io.pme.engine.rulebook.MarginReport;
import io.pme.engine.rulebook.MarginResult;
import io.pme.engine.rulebook.Portfolio;
import io.pme.engine.rulebook.PortfolioFile;
import io.pme.engine.rulebook.RiskParameters;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pme margin --portfolio FILE.json [--params FILE]}: the offline margin calculator. Prints the rulebook's
 * JSON result; on a bad input prints one line naming the field and why, and exits non-zero.
 */
@CommandLine.Command(
    name = "margin",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = "The offline margin calculator: the rulebook's portfolio file in, the rulebook's JSON result out.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:the result is printed",
        "1:an input that cannot be margined (malformed file, unknown asset, missing price or volatility)",
        "2:the command line is wrong"})
public final class MarginCommand implements Callable<Integer>
{
    /** Exit code of a computed result. */
    public static final int EXIT_OK = ExitCodes.OK;
    /** Exit code of an input that cannot be margined (malformed file, unknown asset, missing price or vol). */
    public static final int EXIT_BAD_INPUT = ExitCodes.FAILED;
    /** Exit code of a bad command line. */
    public static final int EXIT_USAGE = ExitCodes.USAGE;

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Option(names = "--portfolio", required = true, paramLabel = "FILE.json",
        description = "the portfolio, in the rulebook's file format")
    private Path portfolioFile;

    @CommandLine.Option(names = "--params", paramLabel = "FILE",
        description = "a risk parameter file replacing the shipped defaults")
    private Path paramsFile;

    MarginCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the command as {@code pme margin} does.
     *
     * @param args arguments after "margin".
     * @param out  where the JSON result goes.
     * @param err  where a one-line error goes.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final String[] all = new String[args.length + 1];
        all[0] = "margin";
        System.arraycopy(args, 0, all, 1, args.length);
        return Pme.run(all, out, err);
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        try
        {
            out.println(compute(portfolioFile, paramsFile));
            return EXIT_OK;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("pme margin: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        }
    }

    private static String compute(final Path portfolioFile, final Path paramsFile)
    {
        final PortfolioFile input = PortfolioFile.read(portfolioFile);
        final int assets = input.assetCount();
        final RiskParameters parameters =
            null == paramsFile ? RiskParameters.loadDefaults(assets) : RiskParameters.load(paramsFile, assets);
        final Portfolio portfolio = new Portfolio(assets, Math.max(1, input.positionCount()));
        input.fill(parameters, portfolio);

        final MarginResult result = new MarginResult(assets);
        new MarginCalculator(parameters, assets).compute(portfolio, result);
        if (result.status() != MarginResult.STATUS_OK)
        {
            // The file reader rejects these first; this guards against the two drifting apart.
            throw new IllegalArgumentException("cannot margin: status " + result.status() + " for " +
                result.statusSubject());
        }
        try
        {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(MarginReport.toJson(result, parameters));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
