package io.pme.simulation;

import io.pme.codecs.InstrumentKind;
import io.pme.codecs.OptionRight;

import java.time.LocalDate;

/**
 * Reference data of the simulated market: seven assets and, per underlying (BTC, ETH, SOL), one perpetual, two
 * futures and an option chain of {@link #EXPIRY_DAYS} × {@link #STRIKES} strikes × call/put. WBTC is collateral
 * only: no instrument is written on it; the engine counts it in BTC's grid (rulebook section 7), since its symbol
 * wraps BTC by default.
 * <p>
 * Instrument ids are laid out in blocks of {@link #INSTRUMENTS_PER_UNDERLYING}, one block per underlying:
 * perpetual first, then the futures, then the options ordered by expiry, strike, call before put.
 */
final class MarketCatalogue
{
    static final int USD = 0;
    static final int USDC = 1;
    static final int USDT = 2;
    static final int BTC = 3;
    static final int ETH = 4;
    static final int SOL = 5;
    // after every other id, and after BTC's definition, which a wrapped asset's needs
    static final int WBTC = 6;
    static final int ASSET_COUNT = 7;
    static final String[] ASSET_SYMBOLS = { "USD", "USDC", "USDT", "BTC", "ETH", "SOL", "WBTC" };

    static final int UNDERLYING_COUNT = 3;
    static final int[] UNDERLYING_ASSETS = { BTC, ETH, SOL };
    static final double[] INITIAL_SPOTS = { 95_000.0, 3_500.0, 240.0 };
    static final double[] STRIKE_STEPS = { 5_000.0, 250.0, 20.0 };
    static final double[] LOT_SIZES = { 0.001, 0.01, 0.1 };
    static final double[] ATM_VOLS = { 0.55, 0.70, 0.95 };

    static final int[] FUTURE_DAYS = { 30, 90 };
    static final int[] EXPIRY_DAYS = { 7, 30, 90 };
    static final int STRIKES = 9;
    static final int OPTIONS_PER_UNDERLYING = EXPIRY_DAYS.length * STRIKES * 2;
    static final int FIRST_OPTION_OFFSET = 1 + FUTURE_DAYS.length;
    static final int INSTRUMENTS_PER_UNDERLYING = FIRST_OPTION_OFFSET + OPTIONS_PER_UNDERLYING;
    static final int INSTRUMENT_COUNT = UNDERLYING_COUNT * INSTRUMENTS_PER_UNDERLYING;

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final long EXPIRY_HOUR_NS = 8L * 3_600_000_000_000L;
    private static final String[] MONTHS =
        { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };

    private final int[] underlyingIndex = new int[INSTRUMENT_COUNT];
    private final InstrumentKind[] kind = new InstrumentKind[INSTRUMENT_COUNT];
    private final OptionRight[] right = new OptionRight[INSTRUMENT_COUNT];
    private final double[] strike = new double[INSTRUMENT_COUNT];
    private final long[] expiryNs = new long[INSTRUMENT_COUNT];
    private final String[] symbol = new String[INSTRUMENT_COUNT];

    MarketCatalogue(final long startTimeNs)
    {
        final long startDayNs = Math.floorDiv(startTimeNs, NANOS_PER_DAY) * NANOS_PER_DAY;
        for (int u = 0; u < UNDERLYING_COUNT; u++)
        {
            defineUnderlying(u, startDayNs);
        }
    }

    static int perpetualId(final int underlying)
    {
        return underlying * INSTRUMENTS_PER_UNDERLYING;
    }

    static int futureId(final int underlying, final int future)
    {
        return perpetualId(underlying) + 1 + future;
    }

    static int optionId(final int underlying, final int expiry, final int strikeIndex, final boolean call)
    {
        return perpetualId(underlying) + FIRST_OPTION_OFFSET + (expiry * STRIKES + strikeIndex) * 2 + (call ? 0 : 1);
    }

    static double strikeOf(final int underlying, final int strikeIndex)
    {
        final double step = STRIKE_STEPS[underlying];
        final double atm = Math.rint(INITIAL_SPOTS[underlying] / step) * step;

        return atm + (strikeIndex - STRIKES / 2) * step;
    }

    int underlying(final int instrumentId)
    {
        return underlyingIndex[instrumentId];
    }

    int underlyingAssetId(final int instrumentId)
    {
        return UNDERLYING_ASSETS[underlyingIndex[instrumentId]];
    }

    InstrumentKind kind(final int instrumentId)
    {
        return kind[instrumentId];
    }

    boolean isOption(final int instrumentId)
    {
        return InstrumentKind.OPTION == kind[instrumentId];
    }

    boolean isCall(final int instrumentId)
    {
        return OptionRight.CALL == right[instrumentId];
    }

    OptionRight right(final int instrumentId)
    {
        return right[instrumentId];
    }

    double strike(final int instrumentId)
    {
        return strike[instrumentId];
    }

    long expiryNs(final int instrumentId)
    {
        return expiryNs[instrumentId];
    }

    String symbol(final int instrumentId)
    {
        return symbol[instrumentId];
    }

    private void defineUnderlying(final int u, final long startDayNs)
    {
        final String base = ASSET_SYMBOLS[UNDERLYING_ASSETS[u]];
        define(perpetualId(u), u, InstrumentKind.PERPETUAL, OptionRight.NONE, 0.0, 0L, base + "-PERP");

        for (int f = 0; f < FUTURE_DAYS.length; f++)
        {
            final long expiry = expiryAfter(startDayNs, FUTURE_DAYS[f]);
            define(futureId(u, f), u, InstrumentKind.FUTURE, OptionRight.NONE, 0.0, expiry, base + "-" + date(expiry));
        }

        for (int e = 0; e < EXPIRY_DAYS.length; e++)
        {
            final long expiry = expiryAfter(startDayNs, EXPIRY_DAYS[e]);
            for (int s = 0; s < STRIKES; s++)
            {
                final double k = strikeOf(u, s);
                final String prefix = base + "-" + date(expiry) + "-" + (long)k + "-";
                define(optionId(u, e, s, true), u, InstrumentKind.OPTION, OptionRight.CALL, k, expiry, prefix + "C");
                define(optionId(u, e, s, false), u, InstrumentKind.OPTION, OptionRight.PUT, k, expiry, prefix + "P");
            }
        }
    }

    private void define(
        final int id,
        final int u,
        final InstrumentKind instrumentKind,
        final OptionRight optionRight,
        final double strikePrice,
        final long expiry,
        final String instrumentSymbol)
    {
        underlyingIndex[id] = u;
        kind[id] = instrumentKind;
        right[id] = optionRight;
        strike[id] = strikePrice;
        expiryNs[id] = expiry;
        symbol[id] = instrumentSymbol;
    }

    // Expiries settle at 08:00 UTC, the usual crypto-derivatives convention.
    private static long expiryAfter(final long startDayNs, final int days)
    {
        return startDayNs + days * NANOS_PER_DAY + EXPIRY_HOUR_NS;
    }

    private static String date(final long epochNs)
    {
        final LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochNs, NANOS_PER_DAY));

        return day.getDayOfMonth() + MONTHS[day.getMonthValue() - 1] + String.format("%02d", day.getYear() % 100);
    }
}
