package io.pme.engine.logic;

import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectReason;
import io.pme.engine.state.AccountStates;
import io.pme.protocol.ProtocolConfiguration;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.pme.engine.logic.BoundsEngine.BTC;
import static io.pme.engine.logic.BoundsEngine.DAY;
import static io.pme.engine.logic.BoundsEngine.ETH;
import static io.pme.engine.logic.BoundsEngine.NOW;
import static io.pme.engine.logic.BoundsEngine.PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SPOT;
import static io.pme.engine.logic.BoundsEngine.TRADER;
import static io.pme.engine.logic.BoundsEngine.USD;
import static io.pme.engine.logic.BoundsEngine.USDC;
import static io.pme.engine.logic.BoundsEngine.input;
import static io.pme.engine.logic.BoundsEngine.instrument;
import static io.pme.engine.logic.BoundsEngine.parameter;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The rows of docs/bounds.md written in words rather than as sets of doubles: instrument terms and expiries, the
 * assets instruments and per-underlying parameters apply to, fields a parameter does not use, and frame lengths.
 * Each refusal leaves the state digest as it was.
 */
class InputBoundsTest
{
    private final BoundsEngine engine = new BoundsEngine();

    @Test
    void aPerpetualHasNoExpiryAndAFutureOrOptionExpiresAfterNowWithinTenYears()
    {
        for (final long expiry : new long[]{ 1, -1, NOW + DAY, Long.MAX_VALUE, Long.MIN_VALUE })
        {
            refused(RejectReason.INVALID_TIMESTAMP, instrument(200, BTC, "PERPETUAL", "NONE", 1, 0, expiry));
        }
        for (final String kind : new String[]{ "FUTURE", "OPTION" })
        {
            final String right = "OPTION".equals(kind) ? "CALL" : "NONE";
            final double strike = "OPTION".equals(kind) ? 95_000 : 0;
            for (final long expiry : new long[]{ 0, -1, Long.MIN_VALUE, NOW + Checks.MAX_TENOR_NS + 1, Long.MAX_VALUE })
            {
                refused(RejectReason.INVALID_TIMESTAMP, instrument(200, BTC, kind, right, 1, strike, expiry));
            }
            for (final long expiry : new long[]{ 1, NOW - DAY, NOW - 1, NOW })
            {
                refused(RejectReason.INSTRUMENT_EXPIRED, instrument(200, BTC, kind, right, 1, strike, expiry));
            }
            applied(instrument(engine.freshInstrumentId(), BTC, kind, right, 1, strike, NOW + 1));
            applied(instrument(engine.freshInstrumentId(), BTC, kind, right, 1, strike, NOW + Checks.MAX_TENOR_NS));
        }
        applied(instrument(engine.freshInstrumentId(), BTC, "PERPETUAL", "NONE", 1, 0, 0));
    }

    @Test
    void nowIsTheLaterOfTheClockAndTheMessageTime()
    {
        applied(input("Heartbeat", "\"correlationId\":1000", NOW + 10 * DAY));
        // stamped before the clock: the clock decides
        refused(RejectReason.INSTRUMENT_EXPIRED, instrument(200, BTC, "FUTURE", "NONE", 1, 0, NOW + 5 * DAY));
        refused(RejectReason.INSTRUMENT_EXPIRED, instrument(200, BTC, "FUTURE", "NONE", 1, 0, NOW + 10 * DAY));
        applied(instrument(200, BTC, "FUTURE", "NONE", 1, 0, NOW + 10 * DAY + 1));
        // stamped after the clock: the message decides, its tenor counted from its own time
        final long later = NOW + 20 * DAY;
        refused(RejectReason.INSTRUMENT_EXPIRED, input("InstrumentDefinition", "\"instrumentId\":201," +
            "\"underlyingAssetId\":2,\"kind\":\"FUTURE\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0," +
            "\"expiryNs\":" + (NOW + 15 * DAY) + ",\"symbol\":\"F\"", later));
        applied(input("InstrumentDefinition", "\"instrumentId\":201,\"underlyingAssetId\":2,\"kind\":\"FUTURE\"," +
            "\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":" + (later + Checks.MAX_TENOR_NS) +
            ",\"symbol\":\"F\"", later));
    }

    @Test
    void termsMustMatchTheKind()
    {
        refused(RejectReason.INVALID_ENUM, instrument(200, BTC, "OPTION", "NONE", 1, 95_000, NOW + DAY));
        refused(RejectReason.INVALID_ENUM, instrument(200, BTC, "FUTURE", "CALL", 1, 0, NOW + DAY));
        refused(RejectReason.INVALID_ENUM, instrument(200, BTC, "PERPETUAL", "PUT", 1, 0, 0));
        refused(RejectReason.INVALID_PRICE, instrument(200, BTC, "PERPETUAL", "NONE", 1, 90_000, 0));
        refused(RejectReason.INVALID_PRICE, instrument(200, BTC, "FUTURE", "NONE", 1, -1, NOW + DAY));
    }

    @Test
    void instrumentsAreDefinedOnUnderlyingsOnly()
    {
        refused(RejectReason.NOT_AN_UNDERLYING, instrument(200, USD, "PERPETUAL", "NONE", 1, 0, 0));
        refused(RejectReason.NOT_AN_UNDERLYING, instrument(200, USDC, "OPTION", "PUT", 1, 1, NOW + DAY));
        applied(input("AssetDefinition", "\"assetId\":9,\"symbol\":\"DOGE\""));
        refused(RejectReason.NOT_AN_UNDERLYING, instrument(200, 9, "FUTURE", "NONE", 1, 0, NOW + DAY));
        refused(RejectReason.UNKNOWN_ASSET, instrument(200, 10, "FUTURE", "NONE", 1, 0, NOW + DAY));
        applied(instrument(200, ETH, "FUTURE", "NONE", 1, 0, NOW + DAY));
    }

    // The issue that found it: PRICE_RANGE on USD made USD a fifth underlying without prices for its grid, and every
    // USD holder UNMARGINED, for good (0 was refused); on USDC a quarter of a balance became IM.
    @Test
    void perUnderlyingParametersAreRefusedForOtherAssets()
    {
        applied(BoundsEngine.fill(TRADER, PERPETUAL, 0.1, SPOT, 0));
        final double im = engine.state.accounts().initialMargin(engine.state.accounts().slot(TRADER));
        applied(input("Deposit", "\"accountId\":" + TRADER + ",\"assetId\":" + USDC + ",\"amount\":1000000"));
        for (final int asset : new int[]{ USD, USDC })
        {
            refused(RejectReason.NOT_AN_UNDERLYING, parameter("PRICE_RANGE", asset, 0, 0.25, 0));
            refused(RejectReason.NOT_AN_UNDERLYING, parameter("PNL_OFFSET", asset, 0, 0.5, 0));
            refused(RejectReason.NOT_AN_UNDERLYING, parameter("CORRELATION_SET", asset, 1, 0, 0));
            refused(RejectReason.NOT_AN_UNDERLYING, parameter("RESET_TO_DEFAULT", asset, 1, 0, 0));
            applied(parameter("HAIRCUT_TIER", asset, 0, 0, 0.02));
        }
        refused(RejectReason.UNKNOWN_ASSET, parameter("PRICE_RANGE", 40, 0, 0.25, 0));
        final int slot = engine.state.accounts().slot(TRADER);
        assertNotEquals(AccountStates.UNMARGINED, engine.state.accounts().state(slot));
        assertEquals(im, engine.state.accounts().initialMargin(slot), 1e-9 * im, "a stablecoin adds no IM");
        assertEquals(RejectReason.NONE, engine.send(BoundsEngine.check(PERPETUAL, "BUY", 0.01, SPOT, 77)));
    }

    @Test
    void fieldsAParameterDoesNotUseMustBeZero()
    {
        refused(RejectReason.INVALID_VALUE, parameter("MM_FACTOR", -1, 1, 0.5, 0));
        refused(RejectReason.INVALID_VALUE, parameter("MM_FACTOR", -1, 0, 0.5, 0.5));
        refused(RejectReason.INVALID_VALUE, parameter("PRICE_RANGE", BTC, 2, 0.2, 0));
        refused(RejectReason.INVALID_VALUE, parameter("TAIL_SHOCK", -1, 0, 0.5, 1));
        refused(RejectReason.INVALID_VALUE, parameter("CORRELATION_SET", BTC, 1, 1, 0));
        refused(RejectReason.INVALID_VALUE, parameter("MM_FACTOR", BTC, 0, 0.5, 0));
        applied(parameter("MM_FACTOR", -1, 0, 0.5, 0));
    }

    @Test
    void indicesOfIndexedParameters()
    {
        for (final int index : new int[]{ -1, 6, Integer.MAX_VALUE })
        {
            refused(RejectReason.INVALID_VALUE, parameter("TAIL_SHOCK", -1, index, 0.5, 0));
        }
        for (final int index : new int[]{ -1, 16, Integer.MIN_VALUE })
        {
            refused(RejectReason.INVALID_VALUE, parameter("CORRELATION_SET", BTC, index, 0, 0));
        }
        // USD has one tier: it may be replaced (0) or one appended (1), no further
        refused(RejectReason.INVALID_VALUE, parameter("HAIRCUT_TIER", USD, 2, 1e6, 0.1));
        refused(RejectReason.INVALID_VALUE, parameter("HAIRCUT_TIER", USD, 0, 1, 0.1));
        refused(RejectReason.INVALID_VALUE, parameter("HAIRCUT_TIER", USD, 1, 0.5, 0.1));
        refused(RejectReason.INVALID_VALUE, parameter("HAIRCUT_TIER", USD, 1, 1.5e15, 0.1));
        applied(parameter("HAIRCUT_TIER", USD, 1, 1, 0.1));
        applied(parameter("HAIRCUT_TIER", USD, 2, 1e15, 0.2));
        refused(RejectReason.INVALID_VALUE, parameter("HAIRCUT_TIER", USD, 1, 1e15, 0.1));
        for (int tier = 3; tier < 8; tier++)
        {
            refused(RejectReason.INVALID_VALUE, parameter("HAIRCUT_TIER", USD, tier, 1e15, 0.3));
        }
        for (final int index : new int[]{ 0, 15, 16, -1 })
        {
            refused(RejectReason.UNKNOWN_PARAMETER, parameter("RESET_TO_DEFAULT", -1, index, 0, 0));
        }
    }

    @Test
    void aFrameOverTheLimitOrUnderTemplateZeroIsMalformed()
    {
        final String deposit = input("Deposit", "\"accountId\":" + TRADER + ",\"assetId\":0,\"amount\":1");
        assertEquals(RejectReason.NONE, engine.send(deposit));
        final UnsafeBuffer frame = engine.frame();
        final int length = frame.getShort(0, LITTLE_ENDIAN) + MessageHeaderDecoder.ENCODED_LENGTH;
        for (final int padded : new int[]{ ProtocolConfiguration.MAX_FRAME_LENGTH + 1, 1000 })
        {
            nextCorrelation(frame);
            frame.setMemory(length, padded - length, (byte)0);
            refusedFrame(RejectReason.MALFORMED_FRAME, frame, padded);
        }
        // trailing bytes within the limit are what a later schema version's fields would be: read past, not refused
        nextCorrelation(frame);
        assertEquals(RejectReason.NONE, engine.send(frame, ProtocolConfiguration.MAX_FRAME_LENGTH));
        nextCorrelation(frame);
        frame.putShort(2, (short)0, LITTLE_ENDIAN);
        refusedFrame(RejectReason.MALFORMED_FRAME, frame, length);
    }

    private static void nextCorrelation(final UnsafeBuffer frame)
    {
        final int offset = MessageHeaderDecoder.ENCODED_LENGTH + 8;
        frame.putLong(offset, frame.getLong(offset, LITTLE_ENDIAN) + 1, LITTLE_ENDIAN);
    }

    private void refusedFrame(final RejectReason expected, final UnsafeBuffer frame, final int length)
    {
        final long digest = engine.processor.digest();
        assertEquals(expected, engine.send(frame, length));
        assertEquals(digest, engine.processor.digest(), "a refusal of the frame changed the state digest");
    }

    private void refused(final RejectReason expected, final String json)
    {
        final long digest = engine.processor.digest();
        final long parameters = engine.risk.parametersDigest();
        assertEquals(expected, engine.send(json), json);
        assertEquals(parameters, engine.risk.parametersDigest(), json);
        assertEquals(digest, engine.processor.digest(), json);
    }

    private void applied(final String json)
    {
        assertEquals(RejectReason.NONE, engine.send(json), json);
    }
}
