package io.pme.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingTest
{
    @Test
    void normalCdfIsAccurate()
    {
        assertEquals(0.5, BlackScholes.normCdf(0.0), 1.0e-7);
        assertEquals(0.8413447460685429, BlackScholes.normCdf(1.0), 1.0e-7);
        assertEquals(0.022750131948179195, BlackScholes.normCdf(-2.0), 1.0e-7);
    }

    @Test
    void putCallParityHoldsWithZeroRates()
    {
        final double spot = 95_000.0;
        final double strike = 100_000.0;
        final double call = BlackScholes.price(true, spot, strike, 30.0 / 365.0, 0.55);
        final double put = BlackScholes.price(false, spot, strike, 30.0 / 365.0, 0.55);

        assertEquals(spot - strike, call - put, 1.0e-6 * spot);
        assertTrue(call > 0.0 && put > strike - spot);
        assertEquals(1.0, BlackScholes.delta(true, spot, strike, 0.1, 0.5) -
            BlackScholes.delta(false, spot, strike, 0.1, 0.5), 1.0e-12);
    }

    @Test
    void smileHasSkewAndVolRisesWhenSpotFalls()
    {
        final double spot = MarketCatalogue.INITIAL_SPOTS[0];
        final double atm = VolSurface.volatility(0, spot, spot, 0.0);

        assertEquals(MarketCatalogue.ATM_VOLS[0], atm, 1.0e-12);
        assertTrue(VolSurface.volatility(0, spot, 0.8 * spot, 0.0) > VolSurface.volatility(0, spot, 1.2 * spot, 0.0));
        assertTrue(VolSurface.volatility(0, 0.8 * spot, spot, 0.0) > atm);
    }

    @Test
    void catalogueLayout()
    {
        final MarketCatalogue catalogue = new MarketCatalogue(SimulationConfig.DEFAULT_START_TIME_NS);

        assertEquals(57, MarketCatalogue.INSTRUMENTS_PER_UNDERLYING);
        assertEquals("BTC-PERP", catalogue.symbol(0));
        assertEquals("BTC-24DEC26", catalogue.symbol(1));
        assertEquals("BTC-22FEB27", catalogue.symbol(2));
        assertEquals("BTC-1DEC26-75000-C", catalogue.symbol(3));
        assertEquals("BTC-1DEC26-75000-P", catalogue.symbol(4));
        assertEquals("ETH-PERP", catalogue.symbol(57));
        assertEquals("SOL-22FEB27-320-P", catalogue.symbol(170));
        assertEquals(SimulationConfig.DEFAULT_START_TIME_NS + (7L * 24 + 8) * 3_600_000_000_000L,
            catalogue.expiryNs(3));
        assertEquals(0L, catalogue.expiryNs(MarketCatalogue.perpetualId(2)));
        assertEquals(MarketCatalogue.SOL, catalogue.underlyingAssetId(170));
    }
}
