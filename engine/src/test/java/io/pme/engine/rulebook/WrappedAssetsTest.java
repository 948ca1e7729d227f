package io.pme.engine.rulebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rulebook section 7 (wrapped assets) in the calculator: the leads' worked example {@code wrapped-btc-basis} to
 * their figures, the section's defaults table in the shipped parameters, and the parameter file's new keys read as
 * strictly as the others. Hand-worked cases are in tools' {@code MarginCommandTest} and docs/margin-methodology.md.
 */
class WrappedAssetsTest
{
    @TempDir
    Path dir;

    @Test
    void theLeadsWrappedExampleMatchesTheirFigures() throws IOException
    {
        final MarginResult result = compute(RulebookExample.fixture(RulebookExample.WRAPPED_PORTFOLIO));
        final JsonNode expected =
            new ObjectMapper().readTree(RulebookExample.fixture(RulebookExample.WRAPPED_EXPECTED).toFile());
        assertEquals(MarginResult.STATUS_OK, result.status());
        assertClose(expected.get("collateralValue"), result.collateralValue(), "collateralValue");
        assertClose(expected.get("equity"), result.equity(), "equity");
        assertClose(expected.get("initialMargin"), result.initialMargin(), "initialMargin");
        assertClose(expected.get("maintenanceMargin"), result.maintenanceMargin(), "maintenanceMargin");
        assertClose(expected.get("availableMargin"), result.availableMargin(), "availableMargin");
        assertClose(expected.get("marginRatio"), result.marginRatio(), "marginRatio");
        assertClose(expected.get("siloedInitialMargin"), result.siloedInitialMargin(), "siloedInitialMargin");
        assertEquals(1, result.setCount());
        assertClose(expected.get("correlationSets").get("MAJORS").get("worstLoss"), result.worstLoss(0), "worstLoss");
        assertEquals(1, result.underlyingCount());
        assertClose(expected.get("underlyings").get("BTC").get("delta"), result.delta(result.underlyingAssetId(0)),
            "delta");
    }

    @Test
    void theShippedDefaultsHoldSectionSevensTable()
    {
        final RiskParameters parameters = RiskParameters.loadDefaults(4);
        // WBTC before BTC and STETH after ETH: the link does not depend on the order assets are defined in
        parameters.defineAsset(0, "WBTC");
        parameters.defineAsset(1, "BTC");
        parameters.defineAsset(2, "ETH");
        parameters.defineAsset(3, "STETH");
        assertEquals(1, parameters.wrappedUnderlying(0));
        assertEquals(2, parameters.wrappedUnderlying(3));
        assertEquals(-1, parameters.wrappedUnderlying(1));
        assertEquals(0.05, parameters.depegShock(0), 0.0);
        assertEquals(0.06, parameters.depegShock(3), 0.0);
        assertTierEquals(parameters, 0, new double[][]{{0, 0}, {5e6, 0.05}, {20e6, 0.10}});
        assertTierEquals(parameters, 3, new double[][]{{0, 0}, {5e6, 0.05}, {20e6, 0.12}});
        assertTrue(!parameters.isUnderlying(0) && !parameters.isUnderlying(3));
    }

    @Test
    void aWrappedAssetWithoutItsUnderlyingDefinedWrapsNothing()
    {
        final RiskParameters parameters = RiskParameters.loadDefaults(2);
        parameters.defineAsset(0, "WBTC");
        assertEquals(-1, parameters.wrappedUnderlying(0));
        assertEquals("BTC", parameters.wraps(0));
    }

    @Test
    void theNewKeysAreReadStrictly() throws IOException
    {
        assertRefused("asset.WBTC.depegShock=0.05", "asset.WBTC.depegShock=2",
            "asset.WBTC.depegShock: must be 0 or in [1e-6, 1]");
        assertRefused("asset.WBTC.depegShock=0.05\n", "", "asset.WBTC.depegShock: missing (required for a wrapped");
        assertRefused("asset.WBTC.wraps=BTC", "asset.WBTC.wraps=DOGE",
            "asset.WBTC.wraps: 'DOGE' is not an underlying of this file");
        assertRefused("asset.WBTC.wraps=BTC", "asset.WBTC.wraps=USDC",
            "asset.WBTC.wraps: 'USDC' is not an underlying of this file");
        assertRefused("asset.WBTC.wraps=BTC\n", "", "asset.WBTC.wraps: missing (depegShock applies to wrapped");
        assertRefused("asset.WBTC.wraps=BTC", "asset.WBTC.wraps=BTC\nasset.WBTC.priceRange=0.2\n" +
            "asset.WBTC.pnlOffset=0.5", "asset.WBTC.wraps: a wrapped asset is not an underlying itself");
    }

    private void assertRefused(final String line, final String replacement, final String message) throws IOException
    {
        final String defaults = defaults();
        assertTrue(defaults.contains(line), line);
        final Path file = dir.resolve("p" + System.nanoTime() + ".properties");
        Files.writeString(file, defaults.replace(line, replacement));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> RiskParameters.load(file, 8));
        assertTrue(ex.getMessage().contains(message), () -> "expected '" + message + "' in: " + ex.getMessage());
    }

    private static void assertTierEquals(final RiskParameters parameters, final int asset, final double[][] tiers)
    {
        assertEquals(tiers.length, parameters.tierCount(asset));
        for (int t = 0; t < tiers.length; t++)
        {
            assertEquals(tiers[t][0], parameters.tierBound(asset, t), 0.0);
            assertEquals(tiers[t][1], parameters.tierHaircut(asset, t), 0.0);
        }
    }

    // the rulebook's tolerance, relative, or absolute near zero, as MarginCommandTest compares
    private static void assertClose(final JsonNode expected, final double actual, final String what)
    {
        final double want = expected.asDouble();
        assertTrue(Math.abs(actual - want) <= Math.max(1e-9 * Math.abs(want), 1e-9),
            () -> what + ": " + actual + " expected " + want);
    }

    private static MarginResult compute(final Path path)
    {
        final PortfolioFile file = PortfolioFile.read(path);
        final RiskParameters parameters = RiskParameters.loadDefaults(file.assetCount());
        final Portfolio portfolio = new Portfolio(file.assetCount(), Math.max(1, file.positionCount()));
        file.fill(parameters, portfolio);
        final MarginResult result = new MarginResult(file.assetCount());
        new MarginCalculator(parameters, file.assetCount()).compute(portfolio, result);
        return result;
    }

    private static String defaults() throws IOException
    {
        try (InputStream in = RiskParameters.class.getResourceAsStream("/risk-parameters.properties"))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
