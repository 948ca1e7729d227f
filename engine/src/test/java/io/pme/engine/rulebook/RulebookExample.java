package io.pme.engine.rulebook;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The rulebook's worked example (portfolio and expected figures), as the leads published it in
 * {@code ../shared/examples}, kept as test fixtures so the tests run from a clone anywhere;
 * {@code RulebookExampleFixtureTest} keeps the copies equal to the published files.
 */
public final class RulebookExample
{
    public static final String PORTFOLIO = "covered-call-and-eth-perp.json";
    public static final String EXPECTED = "covered-call-and-eth-perp.expected.json";
    /** Rulebook v2's example of section 7: WBTC against a short BTC perpetual and a short call. */
    public static final String WRAPPED_PORTFOLIO = "wrapped-btc-basis.json";
    public static final String WRAPPED_EXPECTED = "wrapped-btc-basis.expected.json";

    private RulebookExample()
    {
    }

    public static Path fixture(final String name)
    {
        try
        {
            return Path.of(RulebookExample.class.getResource("/rulebook/" + name).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
