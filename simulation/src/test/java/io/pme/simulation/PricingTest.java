package io.pme.simulation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingTest
{
    @Test
    void optionQuotesHoldPutCallParityWithZeroRates()
    {
        final Quotes quotes = quotes();
        final MarketCatalogue catalogue = quotes.catalogue();
        final int call = 3;
        final int put = 4;
        final long nowNs = SimulationConfig.DEFAULT_START_TIME_NS;
        final double spot = quotes.paths().spot(catalogue.underlying(call));
        final double strike = catalogue.strike(call);
        volatility(quotes, call, put);

        final double callMark = quotes.mark(call, nowNs);
        final double putMark = quotes.mark(put, nowNs);
        assertEquals(spot - strike, callMark - putMark, 1.0e-9 * spot);
        assertTrue(callMark > Math.max(spot - strike, 0.0) && putMark > Math.max(strike - spot, 0.0));
        assertEquals(1.0, quotes.delta(call, nowNs) - quotes.delta(put, nowNs), 1.0e-12);
    }

    @Test
    void optionsAtAndAfterExpiryKeepSaneQuotes()
    {
        final Quotes quotes = quotes();
        final MarketCatalogue catalogue = quotes.catalogue();
        final int call = 3;
        final int put = 4;
        final double spot = quotes.paths().spot(catalogue.underlying(call));
        final double strike = catalogue.strike(call);
        volatility(quotes, call, put);

        for (final long nowNs : new long[]{ catalogue.expiryNs(call), catalogue.expiryNs(call) + 86_400_000_000_000L })
        {
            // the quotes' clamp on time left: near intrinsic, never below it
            final double callMark = quotes.mark(call, nowNs) - Math.max(spot - strike, 0.0);
            final double putMark = quotes.mark(put, nowNs) - Math.max(strike - spot, 0.0);
            assertTrue(callMark >= 0.0 && callMark < 1e-2 * spot, "call time value " + callMark);
            assertTrue(putMark >= 0.0 && putMark < 1e-2 * spot, "put time value " + putMark);
            final double callDelta = quotes.delta(call, nowNs);
            assertTrue(callDelta >= 0.0 && callDelta <= 1.0, "call delta " + callDelta);
            assertEquals(1.0, callDelta - quotes.delta(put, nowNs), 1.0e-12);
        }
    }

    private static Quotes quotes()
    {
        final SimulationConfig config = new SimulationConfig();
        return new Quotes(new MarketCatalogue(config.startTimeNs()),
            new PricePaths(config, new SimRandom(config.seed())));
    }

    private static void volatility(final Quotes quotes, final int... options)
    {
        for (final int option : options)
        {
            quotes.updateVolatility(option, 0.0);
        }
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
