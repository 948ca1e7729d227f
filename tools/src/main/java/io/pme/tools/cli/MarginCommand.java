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

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code pme margin --portfolio FILE.json [--params FILE]}: the offline margin calculator. Prints the rulebook's
 * JSON result; on a bad input prints one line naming the field and why, and exits non-zero.
 */
public final class MarginCommand
{
    /** Exit code of a computed result. */
    public static final int EXIT_OK = 0;
    /** Exit code of an input that cannot be margined (malformed file, unknown asset, missing price or vol). */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code of a bad command line. */
    public static final int EXIT_USAGE = 2;

    private static final String USAGE = "usage: pme margin --portfolio FILE.json [--params FILE]";

    private MarginCommand()
    {
    }

    /**
     * Runs the command.
     *
     * @param args arguments after "margin".
     * @param out  where the JSON result goes.
     * @param err  where a one-line error goes.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        String portfolioFile = null;
        String paramsFile = null;
        for (int i = 0; i < args.length; i++)
        {
            final boolean hasValue = i + 1 < args.length;
            if (args[i].equals("--portfolio") && hasValue)
            {
                portfolioFile = args[++i];
            }
            else if (args[i].equals("--params") && hasValue)
            {
                paramsFile = args[++i];
            }
            else
            {
                err.println("pme margin: unexpected argument '" + args[i] + "'; " + USAGE);
                return EXIT_USAGE;
            }
        }
        if (null == portfolioFile)
        {
            err.println("pme margin: --portfolio is required; " + USAGE);
            return EXIT_USAGE;
        }

        try
        {
            out.println(compute(Path.of(portfolioFile), null == paramsFile ? null : Path.of(paramsFile)));
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
