package io.pme.bench;

import io.pme.codecs.AccountOpenEncoder;
import io.pme.codecs.AssetDefinitionEncoder;
import io.pme.codecs.DepositEncoder;
import io.pme.codecs.FillEncoder;
import io.pme.codecs.InstrumentDefinitionEncoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.MarginMode;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OptionRight;
import io.pme.codecs.OptionVolatilityEncoder;
import io.pme.codecs.OraclePriceEncoder;
import io.pme.pricing.BlackScholes;
import io.pme.pricing.OptionValuation;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * The benchmarks' market and its accounts, described once and written as SBE input frames: assets USD, USDC, BTC,
 * ETH, SOL; per underlying a perpetual, a future and an option chain (3 expiries × 10 strikes × call/put) with a
 * volatility smile; then N cross-margin accounts, each with USDC (and some BTC / ETH) collateral and 10 positions
 * on 1–3 underlyings, always including at least one BTC option. Positions are booked at fair prices (options at
 * their Black–Scholes value, linear at the index), so equity starts near collateral and most accounts are healthy.
 * Deterministic for a given seed: the same frames in the same order every time.
 */
public final class BenchMarket
{
    public static final long NOW = 1_795_478_400_000_000_000L;
    public static final long DAY = 86_400_000_000_000L;
    public static final int USD = 0;
    public static final int USDC = 1;
    public static final int BTC = 2;
    public static final int ETH = 3;
    public static final int SOL = 4;
    public static final String[] SYMBOLS = { "USD", "USDC", "BTC", "ETH", "SOL" };
    public static final double[] SPOTS = { 1, 1, 90_000, 3_000, 150 };
    public static final int[] UNDERLYINGS = { BTC, ETH, SOL };

    /** Client ids: setup (admin), pre-trade checks, price feed. Each has its own correlation sequence. */
    public static final int ADMIN_CLIENT = 1;
    public static final int CHECK_CLIENT = 2;
    public static final int FEED_CLIENT = 3;

    public static final int POSITIONS_PER_ACCOUNT = 10;
    private static final int EXPIRIES = 3;
    private static final int STRIKES = 10;
    private static final long[] EXPIRY_DAYS = { 30, 90, 180 };
    private static final double[] BASE_VOLS = { 0, 0, 0.55, 0.65, 0.85 };
    private static final int PER_UNDERLYING = 2 + EXPIRIES * STRIKES * 2;

    /** Receives each frame written. */
    @FunctionalInterface
    public interface FrameSink
    {
        void onFrame(DirectBuffer buffer, int offset, int length);
    }

    private final int instrumentCount = UNDERLYINGS.length * PER_UNDERLYING;
    private final int[] underlying = new int[instrumentCount];
    private final boolean[] option = new boolean[instrumentCount];
    private final boolean[] call = new boolean[instrumentCount];
    private final double[] strike = new double[instrumentCount];
    private final long[] expiryNs = new long[instrumentCount];
    private final double[] vol = new double[instrumentCount];
    private final double[] fairPrice = new double[instrumentCount];

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long correlationId;

    public BenchMarket()
    {
        final OptionValuation valuation = new OptionValuation();
        for (int j = 0; j < UNDERLYINGS.length; j++)
        {
            final int u = UNDERLYINGS[j];
            final double spot = SPOTS[u];
            final int base = j * PER_UNDERLYING;
            underlying[base] = u;
            fairPrice[base] = spot;
            underlying[base + 1] = u;
            expiryNs[base + 1] = NOW + 90 * DAY;
            fairPrice[base + 1] = spot;
            int id = base + 2;
            for (int e = 0; e < EXPIRIES; e++)
            {
                for (int k = 0; k < STRIKES; k++)
                {
                    for (int right = 0; right < 2; right++)
                    {
                        underlying[id] = u;
                        option[id] = true;
                        call[id] = 0 == right;
                        strike[id] = roundStrike(spot * (0.75 + 0.05 * k));
                        expiryNs[id] = NOW + EXPIRY_DAYS[e] * DAY;
                        final double m = Math.log(strike[id] / spot);
                        vol[id] = BASE_VOLS[u] + 0.8 * m * m + 0.02 * e;
                        BlackScholes.valueAndGreeks(
                            spot, strike[id], EXPIRY_DAYS[e] / 365.0, vol[id], 0.0, call[id], valuation);
                        fairPrice[id] = valuation.price();
                        id++;
                    }
                }
            }
        }
    }

    private static double roundStrike(final double value)
    {
        final double step = value > 10_000 ? 1_000 : value > 1_000 ? 50 : value > 100 ? 5 : 0.5;
        return Math.round(value / step) * step;
    }

    public int instrumentCount()
    {
        return instrumentCount;
    }

    public int underlying(final int instrumentId)
    {
        return underlying[instrumentId];
    }

    public boolean isOption(final int instrumentId)
    {
        return option[instrumentId];
    }

    /** The instrument's price when the market was set up: index for linear, Black–Scholes value for options. */
    public double fairPrice(final int instrumentId)
    {
        return fairPrice[instrumentId];
    }

    /** @return how many frames {@link #writeSetup} writes for that many accounts. */
    public static long setupFrameCount(final int accounts)
    {
        // assets, prices (all but USD), instruments, volatilities; per account: open, deposits, fills
        final int instruments = UNDERLYINGS.length * PER_UNDERLYING;
        final int options = UNDERLYINGS.length * EXPIRIES * STRIKES * 2;
        long perAccounts = 0;
        for (int i = 0; i < accounts; i++)
        {
            perAccounts += 2 + (0 == i % 2 ? 1 : 0) + (0 == i % 3 ? 1 : 0) + POSITIONS_PER_ACCOUNT;
        }
        return SYMBOLS.length + (SYMBOLS.length - 1) + instruments + options + perAccounts;
    }

    /**
     * Writes the whole setup, market first (so the accounts opened after it are margined at once), then the
     * accounts with ids 1..accounts, all from {@link #ADMIN_CLIENT} with correlation ids 1, 2, 3...
     */
    public void writeSetup(final int accounts, final long seed, final FrameSink sink)
    {
        correlationId = 0;
        writeMarket(sink);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < accounts; i++)
        {
            writeAccount(i + 1L, i, random, sink);
        }
    }

    private void writeMarket(final FrameSink sink)
    {
        final AssetDefinitionEncoder asset = new AssetDefinitionEncoder();
        final OraclePriceEncoder price = new OraclePriceEncoder();
        final InstrumentDefinitionEncoder instrument = new InstrumentDefinitionEncoder();
        final OptionVolatilityEncoder volatility = new OptionVolatilityEncoder();
        for (int a = 0; a < SYMBOLS.length; a++)
        {
            asset.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
                .clientId(ADMIN_CLIENT).assetId(a).symbol(SYMBOLS[a]);
            sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + asset.encodedLength());
        }
        for (int a = 1; a < SYMBOLS.length; a++)
        {
            price.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
                .clientId(ADMIN_CLIENT).sourceId(1).assetId(a).price(SPOTS[a]).sourceTimestampNs(NOW);
            sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + price.encodedLength());
        }
        for (int id = 0; id < instrumentCount; id++)
        {
            final boolean perpetual = !option[id] && 0 == expiryNs[id];
            instrument.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
                .clientId(ADMIN_CLIENT).instrumentId(id).underlyingAssetId(underlying[id])
                .kind(option[id] ? InstrumentKind.OPTION : perpetual ? InstrumentKind.PERPETUAL : InstrumentKind.FUTURE)
                .right(option[id] ? (call[id] ? OptionRight.CALL : OptionRight.PUT) : OptionRight.NONE)
                .multiplier(1.0).strike(strike[id]).expiryNs(expiryNs[id]).symbol("I" + id);
            sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + instrument.encodedLength());
        }
        for (int id = 0; id < instrumentCount; id++)
        {
            if (option[id])
            {
                volatility.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
                    .clientId(ADMIN_CLIENT).sourceId(1).instrumentId(id).volatility(vol[id]).sourceTimestampNs(NOW);
                sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + volatility.encodedLength());
            }
        }
    }

    private final AccountOpenEncoder open = new AccountOpenEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final int[] chosen = new int[POSITIONS_PER_ACCOUNT];

    private void writeAccount(final long accountId, final int i, final SplittableRandom random, final FrameSink sink)
    {
        open.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
            .clientId(ADMIN_CLIENT).accountId(accountId).marginMode(MarginMode.CROSS);
        sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + open.encodedLength());
        writeDeposit(accountId, USDC, 300_000 + random.nextInt(200_000), sink);
        if (0 == i % 2)
        {
            writeDeposit(accountId, BTC, 1.0, sink);
        }
        if (0 == i % 3)
        {
            writeDeposit(accountId, ETH, 10.0, sink);
        }

        // 1-3 underlyings, BTC always; leverage varies per account so a minority sits near or below IM
        final int underlyingCount = 1 + i % 3;
        final double notional = 300_000 * (0.5 + 1.5 * Math.pow(random.nextDouble(), 3));
        for (int p = 0; p < POSITIONS_PER_ACCOUNT; p++)
        {
            int id;
            do
            {
                final int j = 0 == p || 1 == p ? 0 : random.nextInt(underlyingCount);
                final boolean wantOption = 0 == p || (1 != p && random.nextInt(10) < 7);
                id = j * PER_UNDERLYING + (wantOption ? 2 + random.nextInt(PER_UNDERLYING - 2) : random.nextInt(2));
            }
            while (contains(chosen, p, id));
            chosen[p] = id;
            final double spot = SPOTS[underlying[id]];
            final double units = notional / spot * (0.5 + random.nextDouble());
            final double quantity = (random.nextBoolean() ? 1 : -1) * Math.max(0.01, Math.round(units * 100) / 100.0);
            fill.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
                .clientId(ADMIN_CLIENT).accountId(accountId).instrumentId(id).quantity(quantity)
                .price(fairPrice[id]).fee(0.0).clientOrderId(0);
            sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength());
        }
    }

    private static boolean contains(final int[] values, final int count, final int value)
    {
        for (int k = 0; k < count; k++)
        {
            if (values[k] == value)
            {
                return true;
            }
        }
        return false;
    }

    private void writeDeposit(final long accountId, final int assetId, final double amount, final FrameSink sink)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header).timestampNs(NOW).correlationId(++correlationId)
            .clientId(ADMIN_CLIENT).accountId(accountId).assetId(assetId).amount(amount);
        sink.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength());
    }
}
