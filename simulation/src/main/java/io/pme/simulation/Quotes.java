package io.pme.simulation;

import io.pme.pricing.BlackScholes;
import io.pme.pricing.OptionValuation;

import static io.pme.simulation.MarketCatalogue.INSTRUMENT_COUNT;

/**
 * Marks of the instruments from the current index prices and the last published option volatilities.
 */
final class Quotes
{
    // Annualised futures premium over the index.
    private static final double FUTURE_CARRY = 0.05;
    // The simulated market quotes without rates.
    private static final double RATE = 0.0;
    // An option is quoted with at least this much time left, so at and after expiry it keeps a small time value
    // and a smooth delta instead of the step at the strike that the pricing gives at expiry.
    private static final double MIN_TIME_YEARS = 1.0e-6;

    private final MarketCatalogue catalogue;
    private final PricePaths paths;
    private final double[] volatility = new double[INSTRUMENT_COUNT];
    private final OptionValuation valuation = new OptionValuation();

    Quotes(final MarketCatalogue catalogue, final PricePaths paths)
    {
        this.catalogue = catalogue;
        this.paths = paths;
    }

    /**
     * @param tick a unit fraction such as 0.01 or 0.5.
     * @return value rounded to the nearest tick; dividing by the integral scale keeps the result the closest
     * double to the decimal, e.g. 49.4 rather than 49.400000000000006.
     */
    static double round(final double value, final double tick)
    {
        final double scale = Math.rint(1.0 / tick);

        return Math.rint(value * scale) / scale;
    }

    /**
     * @return value rounded down to a whole number of ticks.
     */
    static double roundDown(final double value, final double tick)
    {
        final double scale = Math.rint(1.0 / tick);

        return Math.floor(value * scale) / scale;
    }

    /**
     * @return a price rounded to a tick of about a hundred-thousandth of its size, at least 1e-4.
     */
    static double roundPrice(final double price)
    {
        final double tick = price >= 1_000.0 ? 0.5 : (price >= 10.0 ? 0.01 : 0.0001);

        return Math.max(0.0001, round(price, tick));
    }

    MarketCatalogue catalogue()
    {
        return catalogue;
    }

    PricePaths paths()
    {
        return paths;
    }

    boolean isExpired(final int instrumentId, final long nowNs)
    {
        final long expiry = catalogue.expiryNs(instrumentId);

        return 0 != expiry && expiry <= nowNs;
    }

    double volatility(final int instrumentId)
    {
        return volatility[instrumentId];
    }

    /**
     * @return a fresh smile volatility for the option, also remembered as its current mark volatility.
     */
    double updateVolatility(final int instrumentId, final double noise)
    {
        final int u = catalogue.underlying(instrumentId);
        final double vol = VolSurface.volatility(u, paths.spot(u), catalogue.strike(instrumentId), noise);
        volatility[instrumentId] = vol;

        return vol;
    }

    double mark(final int instrumentId, final long nowNs)
    {
        final double spot = paths.spot(catalogue.underlying(instrumentId));
        final double years = years(instrumentId, nowNs);
        switch (catalogue.kind(instrumentId))
        {
            case OPTION:
                return BlackScholes.price(
                    spot, catalogue.strike(instrumentId), Math.max(years, MIN_TIME_YEARS), volatility[instrumentId],
                    RATE, catalogue.isCall(instrumentId));

            case FUTURE:
                return spot * StrictMath.exp(FUTURE_CARRY * years);

            default:
                return spot;
        }
    }

    double delta(final int instrumentId, final long nowNs)
    {
        if (!catalogue.isOption(instrumentId))
        {
            return 1.0;
        }

        BlackScholes.valueAndGreeks(
            paths.spot(catalogue.underlying(instrumentId)), catalogue.strike(instrumentId),
            Math.max(years(instrumentId, nowNs), MIN_TIME_YEARS), volatility[instrumentId], RATE,
            catalogue.isCall(instrumentId), valuation);

        return valuation.delta();
    }

    private double years(final int instrumentId, final long nowNs)
    {
        final long expiry = catalogue.expiryNs(instrumentId);

        return 0 == expiry ? 0.0 : Math.max(0.0, (expiry - nowNs) / BlackScholes.NANOS_PER_YEAR);
    }
}
