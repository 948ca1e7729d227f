package io.pme.engine.fuzz;

import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AdminCommandDecoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.InstrumentKind;
import io.pme.codecs.OptionRight;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.Side;
import io.pme.engine.EngineCounters;
import io.pme.engine.liquidation.LiquidationParameters;
import io.pme.engine.logic.Checks;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Instruments;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.function.LongConsumer;

import static io.pme.engine.fuzz.InboundLayout.HEADER_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input straight into the business logic with the real portfolio risk model: purely random frames, mutations
 * of valid frames (bits, bytes, lengths, header fields, enums, special doubles, longs and ints, timestamps,
 * correlation ids) and valid simulation traffic interleaved with both. Every input must pass the
 * {@link FuzzHarness} oracle: no exception, exactly one direct answer echoing it, state digest unchanged when
 * refused, every amount finite when applied.
 * <p>
 * Deterministic by default: fixed seeds and iteration counts that fit in a few seconds each. A failure names the
 * seed and the frame. System properties:
 * <ul>
 *     <li>{@code pme.fuzz.seed}: the first seed (default 0x5EED); round {@code n} uses seed + n.</li>
 *     <li>{@code pme.fuzz.long=true}: long mode, each test runs rounds with successive seeds until
 *     {@code pme.fuzz.seconds} (default 300) have passed.</li>
 * </ul>
 * For example {@code ./mvnw -pl engine test -Dtest=InputFuzzTest -Dpme.fuzz.long=true -Dpme.fuzz.seconds=3600}.
 */
class InputFuzzTest
{
    static final boolean LONG_MODE = Boolean.getBoolean("pme.fuzz.long");
    static final long SECONDS = Long.getLong("pme.fuzz.seconds", 300);
    static final long SEED = Long.getLong("pme.fuzz.seed", 0x5EEDL);

    private static final int RANDOM_FRAMES = 60_000;
    private static final int MUTATED_FRAMES = 70_000;
    private static final int REPLAYED_IDS = 10_000;
    private static final int MAX_DRAWS = 4 * REPLAYED_IDS;
    private static final int INTERLEAVED_STEPS = 40_000;
    private static final int LIQUIDATION_MUTATIONS = 2_000;

    // Beside NaN, the infinities and huge values: the subnormals and tiny values of docs/bounds.md, which nothing
    // refused before (prices, volatilities and quantities of 4.9e-324 were accepted).
    private static final double[] TINY = { Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-13, Math.nextDown(1e-12) };

    @Test
    void randomFramesAreRefused()
    {
        rounds(seed ->
        {
            final FuzzRound round = new FuzzRound(seed, false);
            for (int i = 0; i < RANDOM_FRAMES; i++)
            {
                round.randomFrame();
            }
        });
    }

    @Test
    void mutatedFramesNeverBreakTheEngine()
    {
        rounds(seed ->
        {
            final FuzzRound round = new FuzzRound(seed, false);
            final EnumSet<RejectReason> outcomes = EnumSet.noneOf(RejectReason.class);
            for (int i = 0; i < MUTATED_FRAMES; i++)
            {
                outcomes.add(round.mutatedFrame());
            }
            // mutations must get past the frame checks into the handlers, and some must be applied
            assertTrue(outcomes.contains(RejectReason.NONE), "seed " + seed + ": nothing applied");
            assertTrue(outcomes.size() >= 15, "seed " + seed + ": few outcomes " + outcomes);
        });
    }

    @Test
    void framesTruncatedAtEveryLength()
    {
        rounds(seed ->
        {
            final FuzzRound round = new FuzzRound(seed, false);
            for (final byte[] valid : SeedFrames.everyTemplate(round.harness().state()))
            {
                round.truncations(valid);
            }
            final List<byte[]> pool = round.pool();
            for (int i = 0; i < 200; i++)
            {
                round.truncations(pool.get((int)((seed + i * 7919L) % pool.size())));
            }
        });
    }

    @Test
    void liquidationInputsWholeTruncatedOrMutatedAreAnsweredOnce()
    {
        // whatever the engine makes of them (an unknown template, an unknown liquidation, an applied transfer),
        // each is held to the oracle: one direct answer, and a refusal leaves the state as it was
        rounds(seed ->
        {
            final FuzzRound round = new FuzzRound(seed, false);
            for (final byte[] valid : SeedFrames.liquidationTemplates(round.harness().state()))
            {
                round.readdressed(valid);
                round.truncations(valid);
                for (int i = 0; i < LIQUIDATION_MUTATIONS; i++)
                {
                    round.mutated(valid);
                }
            }
        });
    }

    @Test
    void replayedOrLowerCorrelationIdsAreDuplicates()
    {
        rounds(seed ->
        {
            // a frame from a client that has sent nothing yet has no id to replay and is not fed (NULL_VAL): draw
            // until REPLAYED_IDS frames were fed with a replayed id, and fail if such frames are too rare to get there
            final FuzzRound round = new FuzzRound(seed, false);
            int replayed = 0;
            int drawn = 0;
            while (replayed < REPLAYED_IDS && drawn < MAX_DRAWS)
            {
                drawn++;
                final RejectReason reason = round.replayedCorrelationId();
                if (RejectReason.NULL_VAL != reason)
                {
                    assertEquals(RejectReason.DUPLICATE_CORRELATION_ID, reason, "seed " + seed);
                    replayed++;
                }
            }
            assertEquals(REPLAYED_IDS, replayed, "seed " + seed + ": replayed ids fed, of " + drawn + " frames drawn");
        });
    }

    @Test
    void validTrafficInterleavedWithBadInputReplaysToTheSameDigest()
    {
        rounds(seed ->
        {
            final FuzzRound round = new FuzzRound(seed, true);
            for (int i = 0; i < INTERLEAVED_STEPS; i++)
            {
                switch (i % 4)
                {
                    case 0:
                        round.randomFrame();
                        break;
                    case 1:
                        round.mutatedFrame();
                        break;
                    default:
                        round.validFrames(1);
                        break;
                }
            }
            assertEquals(round.harness().processor().digest(), replay(round.inputs()), "replay, seed " + seed);
        });
    }

    @Test
    void absurdValuesAreRefused()
    {
        final FuzzRound round = new FuzzRound(SEED, false);
        final EngineState state = round.harness().state();
        final SeedFrames.Builder b = new SeedFrames.Builder(state.nowNs() + 1);
        final long account = state.accounts().accountId(0);
        final int usd = state.assets().usdAssetId();
        final int usdc = state.assets().findBySymbol("USDC");
        final int btc = state.assets().findBySymbol("BTC");
        final double spot = state.assets().price(btc);
        final int perpetual = firstOf(state, Instruments.PERPETUAL);
        final int option = firstOf(state, Instruments.OPTION);
        final Cases cases = new Cases(round);

        refusedMoneyAndTrades(cases, state, b, account, usd, spot, perpetual, option);
        refusedReferenceData(cases, state, b, account, usd, usdc, btc);
        refusedMarketData(cases, b, usd, btc, perpetual, option);
        refusedParameters(cases, b, usd, usdc, btc);
        refusedLiquidationRules(cases, b, btc);
        refusedLiquidationInputs(cases, state, b, account, usd, perpetual);
        assertEquals(535, cases.count, "hostile cases run");

        // money that comes in and goes out again exactly, and a client id below zero, are fine
        round.readdressed(b.deposit(account, usd, 1e15));
        round.readdressed(b.withdrawal(account, usd, state.accounts().balance(0, usd)));
        final byte[] negativeClient = b.heartbeat();
        new UnsafeBuffer(negativeClient).putInt(HEADER_LENGTH + InboundLayout.CLIENT_ID_OFFSET, -7, LITTLE_ENDIAN);
        new UnsafeBuffer(negativeClient).putLong(HEADER_LENGTH + InboundLayout.CORRELATION_ID_OFFSET, 1, LITTLE_ENDIAN);
        assertEquals(RejectReason.NONE, round.feed(negativeClient, negativeClient.length));
    }

    private static void refusedMoneyAndTrades(
        final Cases cases, final EngineState state, final SeedFrames.Builder b, final long account, final int usd,
        final double spot, final int perpetual, final int option)
    {
        for (final double amount : with(TINY, 1e308, Double.MAX_VALUE, 1e16, Double.POSITIVE_INFINITY,
            Double.NaN, -1.0, 0.0, -0.0, -Double.MIN_VALUE))
        {
            cases.refused(b.deposit(account, usd, amount), RejectReason.INVALID_QUANTITY);
            cases.refused(b.withdrawal(account, usd, amount), RejectReason.INVALID_QUANTITY);
        }
        cases.refused(b.deposit(account, state.assets().capacity() - 1, 1.0), RejectReason.UNKNOWN_ASSET);
        cases.refused(b.deposit(-1, usd, 1.0), RejectReason.UNKNOWN_ACCOUNT);
        // USD lends, up to 10,000,000 of debt an account (docs/borrowing.md): a withdrawal one dollar beyond
        cases.refused(b.withdrawal(account, usd, state.accounts().balance(0, usd) + 10_000_001),
            RejectReason.BORROW_LIMIT);

        for (final double quantity :
            with(signed(TINY), 1e308, -1e308, 1e16, 0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY))
        {
            cases.refused(b.fill(account, perpetual, quantity, spot, 0.0, 0), RejectReason.INVALID_QUANTITY);
            cases.refused(b.fill(account, option, quantity, 10.0, 0.0, 0), RejectReason.INVALID_QUANTITY);
        }
        for (final double price : with(TINY, 1e308, 1e16, -1.0, Double.NaN, Double.POSITIVE_INFINITY))
        {
            cases.refused(b.fill(account, perpetual, 1.0, price, 0.0, 0), RejectReason.INVALID_PRICE);
            cases.refused(b.fill(account, option, 1.0, price, 0.0, 0), RejectReason.INVALID_PRICE);
            cases.refused(b.fill(account, perpetual, 1.0, spot, price == -1.0 ? 1e308 : price, 0),
                RejectReason.INVALID_PRICE);
        }
        cases.refused(b.fill(account, perpetual, 1.0, spot, -Double.MIN_VALUE, 0), RejectReason.INVALID_PRICE);
        cases.refused(b.fill(account, perpetual, 1.0, 0.0, 0.0, 0), RejectReason.INVALID_PRICE);

        long orderId = 900;
        for (final double quantity : with(TINY, 1e308, 1e16, 0.0, -1.0, Double.NaN))
        {
            cases.refused(b.orderCheck(account, perpetual, Side.BUY, quantity, spot, ++orderId),
                RejectReason.INVALID_QUANTITY);
            cases.refused(b.marginQuery(account, perpetual, Side.BUY, quantity, spot), RejectReason.INVALID_QUANTITY);
        }
        for (final double limit : with(TINY, 1e308, -1.0, Double.NaN))
        {
            cases.refused(b.orderCheck(account, perpetual, Side.BUY, 1.0, limit, ++orderId),
                RejectReason.INVALID_PRICE);
            cases.refused(b.orderCheck(account, option, Side.SELL, 0.1, limit, ++orderId),
                RejectReason.INVALID_PRICE);
        }
        cases.refused(b.orderCheck(account, perpetual, Side.BUY, 1.0, 0.0, 902), RejectReason.INVALID_PRICE);
        cases.round.readdressed(b.orderCheck(account, option, Side.SELL, 0.1, 0.0, 904));
        cases.refused(withByte(b.orderCheck(account, perpetual, Side.BUY, 1.0, spot, 905),
            OrderCheckDecoder.sideEncodingOffset(), 9), RejectReason.INVALID_ENUM);
        cases.refused(withByte(b.orderCheck(account, perpetual, Side.BUY, 1.0, spot, 906),
            OrderCheckDecoder.sideEncodingOffset(), 0), RejectReason.INVALID_ENUM);
    }

    private static void refusedReferenceData(
        final Cases cases, final EngineState state, final SeedFrames.Builder b, final long account, final int usd,
        final int usdc, final int btc)
    {
        cases.refused(b.accountOpen(0), RejectReason.INVALID_VALUE);
        cases.refused(b.accountOpen(-1), RejectReason.INVALID_VALUE);
        cases.refused(b.accountOpen(Long.MIN_VALUE), RejectReason.INVALID_VALUE);
        cases.refused(withByte(b.accountOpen(5_000_000), AccountOpenDecoder.marginModeEncodingOffset(), 7),
            RejectReason.INVALID_ENUM);
        cases.refused(b.accountOpen(account), RejectReason.ALREADY_DEFINED);

        final int free = state.instruments().capacity() - 8;
        // the frames' own time, which the clock has reached by now or will reach with them
        final long now = Math.max(state.nowNs(), b.timestampNs());
        final long expiry = now + 86_400_000_000_000L;
        for (final double multiplier : with(TINY, 1e308, Double.NaN, 0.0, -1.0))
        {
            cases.refused(withDouble(b.instrumentDefinition(free, btc, expiry),
                InstrumentDefinitionDecoder.multiplierEncodingOffset(), multiplier), RejectReason.INVALID_VALUE);
        }
        for (final double strike : with(TINY, 1e308, Double.NaN, 0.0, -1.0))
        {
            cases.refused(withDouble(b.instrumentDefinition(free, btc, expiry),
                InstrumentDefinitionDecoder.strikeEncodingOffset(), strike), RejectReason.INVALID_PRICE);
        }
        cases.refused(withByte(b.instrumentDefinition(free, btc, expiry),
            InstrumentDefinitionDecoder.kindEncodingOffset(), 9), RejectReason.INVALID_ENUM);
        cases.refused(withByte(b.instrumentDefinition(free, btc, expiry),
            InstrumentDefinitionDecoder.rightEncodingOffset(), 9), RejectReason.INVALID_ENUM);
        // assets that are not underlyings have no scenario grid: USD, a stablecoin
        cases.refused(b.instrumentDefinition(free, usd, expiry), RejectReason.NOT_AN_UNDERLYING);
        cases.refused(b.instrumentDefinition(free, usdc, expiry), RejectReason.NOT_AN_UNDERLYING);
        cases.refused(b.instrumentDefinition(free, 9_999, expiry), RejectReason.UNKNOWN_ASSET);
        // expired, or no date at all
        for (final long expired : new long[]{ state.nowNs(), now, now - 1, 1 })
        {
            cases.refused(b.instrumentDefinition(free, btc, expired), RejectReason.INSTRUMENT_EXPIRED);
            cases.refused(b.instrumentDefinition(free, btc, InstrumentKind.FUTURE, OptionRight.NONE, 0, expired),
                RejectReason.INSTRUMENT_EXPIRED);
        }
        for (final long undated : new long[]{ 0, -1, Long.MIN_VALUE, Long.MAX_VALUE, now + Checks.MAX_TENOR_NS + 1 })
        {
            cases.refused(b.instrumentDefinition(free, btc, undated), RejectReason.INVALID_TIMESTAMP);
            cases.refused(b.instrumentDefinition(free, btc, InstrumentKind.FUTURE, OptionRight.NONE, 0, undated),
                RejectReason.INVALID_TIMESTAMP);
        }
        // a perpetual has no expiry, no strike and no right
        for (final long dated : new long[]{ expiry, 1, -1, Long.MAX_VALUE })
        {
            cases.refused(b.instrumentDefinition(free, btc, InstrumentKind.PERPETUAL, OptionRight.NONE, 0, dated),
                RejectReason.INVALID_TIMESTAMP);
        }
        cases.refused(b.instrumentDefinition(free, btc, InstrumentKind.PERPETUAL, OptionRight.NONE, 1e-300, 0),
            RejectReason.INVALID_PRICE);
        cases.refused(b.instrumentDefinition(free, btc, InstrumentKind.PERPETUAL, OptionRight.CALL, 0, 0),
            RejectReason.INVALID_ENUM);
        cases.refused(b.instrumentDefinition(free, btc, InstrumentKind.OPTION, OptionRight.NONE, 1e5, expiry),
            RejectReason.INVALID_ENUM);
        cases.refused(b.instrumentDefinition(-1, btc, expiry), RejectReason.CAPACITY_EXCEEDED);
        cases.round.readdressed(b.instrumentDefinition(free, btc, now + Checks.MAX_TENOR_NS));
        cases.round.readdressed(b.orderCheck(account, free, Side.BUY, 1.0, 0.0, 907));
    }

    private static void refusedMarketData(
        final Cases cases, final SeedFrames.Builder b, final int usd, final int btc, final int perpetual,
        final int option)
    {
        for (final double amount : with(signed(TINY), 1e308, -1e308, 1e16, Double.NaN, Double.NEGATIVE_INFINITY))
        {
            cases.refused(b.fundingPayment(perpetual, amount), RejectReason.INVALID_PRICE);
        }
        cases.refused(b.fundingPayment(option, 1.0), RejectReason.INVALID_VALUE);

        cases.refused(b.oraclePrice(usd, 2.0), RejectReason.INVALID_PRICE);
        cases.refused(b.oraclePrice(usd, Math.nextUp(1.0)), RejectReason.INVALID_PRICE);
        for (final double price : with(TINY, 1e308, 1e16, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY))
        {
            cases.refused(b.oraclePrice(btc, price), RejectReason.INVALID_PRICE);
        }
        cases.refused(b.oraclePrice(-1, 1.0), RejectReason.UNKNOWN_ASSET);
        for (final double vol : with(TINY, 1e308, Math.nextDown(1e-4), Math.nextUp(10.0), 0.0, -0.5, Double.NaN))
        {
            cases.refused(b.optionVolatility(option, vol), RejectReason.INVALID_VALUE);
        }
        cases.refused(b.optionVolatility(perpetual, 0.5), RejectReason.INVALID_VALUE);
    }

    private static void refusedParameters(
        final Cases cases, final SeedFrames.Builder b, final int usd, final int usdc, final int btc)
    {
        for (final double value : with(TINY, 1e308, Double.NaN, 1e-9, 0.0, 0.09, 1.01))
        {
            cases.refused(b.parameterUpdate(ParameterId.MM_FACTOR, -1, 0, value, 0.0), RejectReason.INVALID_VALUE);
        }
        for (final double range : with(TINY, Double.NaN, 0.0, 0.96, 1.0, -0.2))
        {
            cases.refused(b.parameterUpdate(ParameterId.PRICE_RANGE, btc, 0, range, 0.0), RejectReason.INVALID_VALUE);
        }
        for (final ParameterId power : new ParameterId[]{ ParameterId.SHORT_TERM_VEGA_POWER,
            ParameterId.LONG_TERM_VEGA_POWER })
        {
            for (final double value : with(TINY, 7.0, 1.01, -0.1))
            {
                cases.refused(b.parameterUpdate(power, -1, 0, value, 0.0), RejectReason.INVALID_VALUE);
            }
        }
        for (final double tail : with(TINY, 0.0, -1.0, -0.995, 10.5, 100.0))
        {
            cases.refused(b.parameterUpdate(ParameterId.TAIL_SHOCK, -1, 0, tail, 0.0), RejectReason.INVALID_VALUE);
        }
        cases.refused(b.parameterUpdate(ParameterId.VOL_RANGE_UP, -1, 0, 2.5, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.MIN_VOL_FOR_SHOCK_UP, -1, 0, 11, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.OPTION_CONTINGENCY, -1, 0, 0.2, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.RISK_FREE_RATE, -1, 0, -0.5, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.HAIRCUT_TIER, usd, 0, 0.0, Double.MIN_VALUE),
            RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.MM_FACTOR, 3, 0, 0.5, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.MM_FACTOR, -1, 1, 0.5, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.TAIL_SHOCK, -1, 99, 0.1, 0.0), RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.PRICE_RANGE, 9_999, 0, 0.1, 0.0), RejectReason.UNKNOWN_ASSET);
        cases.refused(b.parameterUpdate(ParameterId.HAIRCUT_TIER, usd, 0, 1e308, Double.NaN),
            RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.CORRELATION_SET, btc, -1, 0.0, 0.0), RejectReason.INVALID_VALUE);
        // per-underlying parameters for assets that are not underlyings: once, they made every USD holder UNMARGINED
        for (final int asset : new int[]{ usd, usdc })
        {
            cases.refused(b.parameterUpdate(ParameterId.PRICE_RANGE, asset, 0, 0.25, 0.0),
                RejectReason.NOT_AN_UNDERLYING);
            cases.refused(b.parameterUpdate(ParameterId.PNL_OFFSET, asset, 0, 0.5, 0.0),
                RejectReason.NOT_AN_UNDERLYING);
            cases.refused(b.parameterUpdate(ParameterId.CORRELATION_SET, asset, 1, 0.0, 0.0),
                RejectReason.NOT_AN_UNDERLYING);
            cases.refused(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, asset, ParameterId.PRICE_RANGE.value(),
                0.0, 0.0), RejectReason.NOT_AN_UNDERLYING);
        }
        cases.refused(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, -1, ParameterId.MM_FACTOR.value(), 0.8, 0.0),
            RejectReason.INVALID_VALUE);
        cases.refused(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, -1, 99, 0.0, 0.0),
            RejectReason.UNKNOWN_PARAMETER);
        for (final int parameterId : new int[]{ 0, 50, 99, 0xFFFE, 0xFFFF })
        {
            cases.refused(withShort(b.parameterUpdate(ParameterId.MM_FACTOR, -1, 0, 0.5, 0.0),
                ParameterUpdateDecoder.parameterIdEncodingOffset(), parameterId), RejectReason.UNKNOWN_PARAMETER);
        }
        assertEquals(RejectReason.NONE, cases.round.readdressed(
            b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, -1, ParameterId.MM_FACTOR.value(), 0.0, 0.0)));

        for (final int command : new int[]{ 0, 3, 200, 255 })
        {
            cases.refused(withByte(b.adminCommand(AdminCommandType.DIGEST),
                AdminCommandDecoder.commandEncodingOffset(), command), RejectReason.INVALID_ENUM);
        }
    }

    private static void refusedLiquidationRules(final Cases cases, final SeedFrames.Builder b, final int btc)
    {
        for (final int index : new int[]{ -1, LiquidationParameters.COUNT, 99, Integer.MIN_VALUE })
        {
            cases.refused(b.parameterUpdate(ParameterId.LIQUIDATION, -1, index, 0.5, 0.0),
                RejectReason.UNKNOWN_PARAMETER);
        }
        for (int rule = 0; rule < LiquidationParameters.COUNT; rule++)
        {
            final double min = LiquidationParameters.min(rule);
            final double max = LiquidationParameters.max(rule);
            for (final double value : new double[]{ Math.nextDown(min), Math.nextUp(max), max * 10, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY })
            {
                cases.refused(b.parameterUpdate(ParameterId.LIQUIDATION, -1, rule, value, 0.0),
                    RejectReason.INVALID_VALUE);
            }
            // a rule applies to no asset and has no second value
            cases.refused(b.parameterUpdate(ParameterId.LIQUIDATION, btc, rule, min, 0.0), RejectReason.INVALID_VALUE);
            cases.refused(b.parameterUpdate(ParameterId.LIQUIDATION, -1, rule, min, Double.MIN_VALUE),
                RejectReason.INVALID_VALUE);
        }
        // counts and times are whole
        for (final int rule : new int[]{ LiquidationParameters.STEP_INTERVAL_NS, LiquidationParameters.ORDER_TTL_NS,
            LiquidationParameters.MAX_PARTIAL_STEPS, LiquidationParameters.MAX_PARTIAL_NS,
            LiquidationParameters.AUCTION_DURATION_NS, LiquidationParameters.STEPS_PER_INPUT,
            LiquidationParameters.ADL_BANDS, LiquidationParameters.ADL_RANK_INTERVAL_NS,
            LiquidationParameters.ADL_RANKS_PER_INPUT })
        {
            cases.refused(b.parameterUpdate(ParameterId.LIQUIDATION, -1, rule, LiquidationParameters.min(rule) + 0.5,
                0.0), RejectReason.INVALID_VALUE);
        }
        // the rules are the liquidation package's: no reset reaches them
        cases.refused(b.parameterUpdate(ParameterId.RESET_TO_DEFAULT, -1, ParameterId.LIQUIDATION.value(), 0.0, 0.0),
            RejectReason.UNKNOWN_PARAMETER);
        assertEquals(RejectReason.NONE, cases.round.readdressed(b.parameterUpdate(ParameterId.LIQUIDATION, -1,
            LiquidationParameters.SLICE_FRACTION, LiquidationParameters.defaultValue(
            LiquidationParameters.SLICE_FRACTION), 0.0)));
    }

    private static void refusedLiquidationInputs(
        final Cases cases, final EngineState state, final SeedFrames.Builder b, final long account, final int usd,
        final int perpetual)
    {
        // one contract bought at twice its index: an account left with 6% of the notional as equity is below MM and
        // above the auction's fraction of it (a partial step's SELL), one left with 1% goes to the auction at once
        final double notional = state.instruments().multiplier(perpetual) *
            state.assets().price(state.instruments().underlying(perpetual));
        final double price = 2 * state.assets().price(state.instruments().underlying(perpetual));
        final long partial = 7_000_001;
        final long auctioned = 7_000_002;
        final long bidder = 7_000_003;
        final double[] collateral = { 1.06 * notional, 1.01 * notional, 1e9 };
        final long[] accounts = { partial, auctioned, bidder };
        for (int i = 0; i < accounts.length; i++)
        {
            assertEquals(RejectReason.NONE, cases.round.readdressed(b.accountOpen(accounts[i])));
            assertEquals(RejectReason.NONE, cases.round.readdressed(b.deposit(accounts[i], usd, collateral[i])));
        }
        assertEquals(RejectReason.NONE, cases.round.readdressed(b.fill(partial, perpetual, 1.0, price, 0.0, 0)));
        assertEquals(RejectReason.NONE, cases.round.readdressed(b.fill(auctioned, perpetual, 1.0, price, 0.0, 0)));
        final io.pme.engine.state.Liquidations liquidations = state.liquidations();
        final int step = state.accounts().liquidation(state.accounts().slot(partial));
        final int auction = state.accounts().liquidation(state.accounts().slot(auctioned));
        assertTrue(step >= 0 && io.pme.engine.state.Liquidations.PARTIAL == liquidations.stage(step) &&
            liquidations.orderRemaining(step) < 0.0, "a partial step's SELL");
        assertTrue(auction >= 0 && io.pme.engine.state.Liquidations.AUCTION == liquidations.stage(auction),
            "an auction");
        final long order = liquidations.orderId(step);
        final double left = -liquidations.orderRemaining(step);
        final double limit = liquidations.orderLimit(step);

        for (final double quantity : with(TINY, 1e308, 1e16, 0.0, -0.0, -left, Double.NaN, Double.POSITIVE_INFINITY))
        {
            cases.refused(b.liquidationFill(order, quantity, limit), RejectReason.INVALID_QUANTITY);
        }
        cases.refused(b.liquidationFill(order, Math.nextUp(left), limit), RejectReason.EXCEEDS_ORDER);
        for (final double fillPrice : with(TINY, 1e308, 1e16, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
            Math.nextDown(limit)))
        {
            cases.refused(b.liquidationFill(order, left / 2, fillPrice), RejectReason.INVALID_PRICE);
        }
        cases.refused(b.liquidationFill(order + 1_000_000, left / 2, limit), RejectReason.UNKNOWN_LIQUIDATION);

        final long auctionId = liquidations.id(auction);
        for (final double maxPrice :
            with(signed(TINY), 1e308, -1e308, 1e16, -1e16, Double.NaN, Double.NEGATIVE_INFINITY))
        {
            cases.refused(b.auctionBid(auctionId, bidder, maxPrice), RejectReason.INVALID_PRICE);
        }
        cases.refused(b.auctionBid(liquidations.id(step), bidder, 1e6), RejectReason.AUCTION_CLOSED);
        cases.refused(b.auctionBid(auctionId + 1_000_000, bidder, 1e6), RejectReason.UNKNOWN_LIQUIDATION);
        cases.refused(b.auctionBid(auctionId, auctioned, 1e6), RejectReason.INVALID_VALUE);
        cases.refused(b.auctionBid(auctionId, partial, 1e6), RejectReason.IN_LIQUIDATION);
        cases.refused(b.auctionBid(auctionId, -1, 1e6), RejectReason.UNKNOWN_ACCOUNT);
        cases.refused(b.auctionBid(auctionId, bidder, -1e6), RejectReason.BID_BELOW_PRICE);

        for (final double amount : with(TINY, 1e308, 1e16, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY))
        {
            cases.refused(b.accountTransfer(account, bidder, usd, amount), RejectReason.INVALID_QUANTITY);
        }
        cases.refused(b.accountTransfer(account, bidder, usd, 1.0), RejectReason.NOT_LINKED);
        cases.refused(b.accountTransfer(account, account, usd, 1.0), RejectReason.NOT_LINKED);
        cases.refused(b.accountTransfer(account, -1, usd, 1.0), RejectReason.UNKNOWN_ACCOUNT);
        cases.refused(b.accountTransfer(account, bidder, state.assets().capacity() - 1, 1.0),
            RejectReason.UNKNOWN_ASSET);
        for (final long id : new long[]{ 0, -1, Long.MIN_VALUE })
        {
            cases.refused(b.isolatedAccountOpen(id, bidder), RejectReason.INVALID_VALUE);
        }
        cases.refused(b.isolatedAccountOpen(7_000_004, -1), RejectReason.UNKNOWN_ACCOUNT);
        cases.refused(b.isolatedAccountOpen(bidder, account), RejectReason.ALREADY_DEFINED);

        // what is valid is taken: a fill at the limit, a bid at any price above the auction's
        assertEquals(RejectReason.NONE, cases.round.readdressed(b.liquidationFill(order, left / 2, limit)));
        assertEquals(RejectReason.NONE, cases.round.readdressed(b.auctionBid(auctionId, bidder, 1e6)));
    }

    /** Feeds hostile frames, each readdressed to a fuzz client, and counts them. */
    private static final class Cases
    {
        final FuzzRound round;
        int count;

        Cases(final FuzzRound round)
        {
            this.round = round;
        }

        void refused(final byte[] frame, final RejectReason expected)
        {
            count++;
            assertEquals(expected, round.readdressed(frame), () -> "refusal of template " +
                (new UnsafeBuffer(frame).getShort(2, LITTLE_ENDIAN) & 0xFFFF));
        }
    }

    private static double[] with(final double[] values, final double... more)
    {
        final double[] all = java.util.Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    private static double[] signed(final double[] values)
    {
        final double[] both = java.util.Arrays.copyOf(values, 2 * values.length);
        for (int i = 0; i < values.length; i++)
        {
            both[values.length + i] = -values[i];
        }
        return both;
    }

    private static byte[] withByte(final byte[] frame, final int offset, final int value)
    {
        new UnsafeBuffer(frame).putByte(HEADER_LENGTH + offset, (byte)value);
        return frame;
    }

    private static byte[] withShort(final byte[] frame, final int offset, final int value)
    {
        new UnsafeBuffer(frame).putShort(HEADER_LENGTH + offset, (short)value, LITTLE_ENDIAN);
        return frame;
    }

    private static byte[] withDouble(final byte[] frame, final int offset, final double value)
    {
        new UnsafeBuffer(frame).putDouble(HEADER_LENGTH + offset, value, LITTLE_ENDIAN);
        return frame;
    }

    private static int firstOf(final EngineState state, final byte kind)
    {
        for (int i = 0; i < state.instruments().capacity(); i++)
        {
            if (state.instruments().isDefined(i) && kind == state.instruments().kind(i))
            {
                return i;
            }
        }
        throw new IllegalStateException("no instrument of kind " + kind);
    }

    /** Replays inputs into a fresh processor and returns its digest, which must equal the live one. */
    static long replay(final List<byte[]> inputs)
    {
        final EngineState state = FuzzHarness.newState();
        final InputProcessor processor = new InputProcessor(
            state, new PortfolioRiskModel(state, null), EngineCounters.local(), Outbox.NONE, index -> true);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        long index = 0;
        for (final byte[] input : inputs)
        {
            buffer.wrap(input);
            processor.process(buffer, 0, input.length, ++index);
        }
        return processor.digest();
    }

    /** One round with the first seed; in long mode, rounds with successive seeds until the time is up. */
    static void rounds(final LongConsumer round)
    {
        final long deadlineNs = System.nanoTime() + SECONDS * 1_000_000_000L;
        long seed = SEED;
        do
        {
            round.accept(seed++);
        }
        while (LONG_MODE && System.nanoTime() < deadlineNs);
    }
}
