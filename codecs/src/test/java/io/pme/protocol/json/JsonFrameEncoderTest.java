package io.pme.protocol.json;

import io.pme.codecs.DepositDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFrameEncoderTest
{
    private static final String DEPOSIT = "{\"type\":\"Deposit\",\"timestampNs\":1764000000000000000," +
        "\"correlationId\":1,\"clientId\":1,\"accountId\":1001,\"assetId\":2,\"amount\":50000}";
    private static final long NOV_24 = nanos("2026-11-24T08:00:00Z");

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void encodesDepositReadableByTheGeneratedDecoder()
    {
        final int length = new JsonFrameEncoder().encode(DEPOSIT, buffer, 0);

        final DepositDecoder deposit = new DepositDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(MessageHeaderDecoder.ENCODED_LENGTH + DepositDecoder.BLOCK_LENGTH, length);
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, header.schemaId());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, header.version());
        assertEquals(1764000000000000000L, deposit.timestampNs());
        assertEquals(1, deposit.correlationId());
        assertEquals(1, deposit.clientId());
        assertEquals(1001, deposit.accountId());
        assertEquals(2, deposit.assetId());
        assertEquals(50000.0, deposit.amount());
    }

    @Test
    void enumsByNameAndTimestampAsIsoInstant()
    {
        new JsonFrameEncoder().encode("{\"type\":\"OrderCheck\",\"timestamp\":\"2026-11-24T08:00:00Z\"," +
            "\"correlationId\":7,\"accountId\":1,\"instrumentId\":3,\"side\":\"SELL\",\"quantity\":2.5," +
            "\"limitPrice\":100,\"clientOrderId\":9}", buffer, 0);

        final OrderCheckDecoder check = new OrderCheckDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(NOV_24, check.timestampNs());
        assertEquals(0, check.clientId());
        assertEquals(Side.SELL, check.side());
        assertEquals(2.5, check.quantity());
    }

    @Test
    void expiryAndSourceTimestampAsIsoInstants()
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder();
        encoder.encode("{\"type\":\"InstrumentDefinition\",\"timestampNs\":1,\"correlationId\":1," +
            "\"instrumentId\":10,\"underlyingAssetId\":1,\"kind\":\"OPTION\",\"right\":\"CALL\"," +
            "\"multiplier\":1,\"strike\":3000,\"expiry\":\"2026-12-25T08:00:00Z\",\"symbol\":\"ETH-25DEC26-3000-C\"}",
            buffer, 0);
        final InstrumentDefinitionDecoder instrument =
            new InstrumentDefinitionDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(nanos("2026-12-25T08:00:00Z"), instrument.expiryNs());
        assertEquals("ETH-25DEC26-3000-C", instrument.symbol());

        encoder.encode("{\"type\":\"OraclePrice\",\"timestamp\":\"2026-11-24T08:00:00.000000001Z\"," +
            "\"correlationId\":2,\"sourceId\":1,\"assetId\":1,\"price\":3000.5," +
            "\"sourceTimestamp\":\"2026-11-24T07:59:59.5Z\"}", buffer, 0);
        final OraclePriceDecoder price = new OraclePriceDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(NOV_24 + 1, price.timestampNs());
        assertEquals(NOV_24 - 500_000_000L, price.sourceTimestampNs());

        encoder.encode("{\"type\":\"OptionVolatility\",\"timestamp\":\"1969-12-31T23:59:59Z\"," +
            "\"timestampNs\":-1000000000,\"correlationId\":3,\"sourceId\":1,\"instrumentId\":10,\"volatility\":0.6," +
            "\"sourceTimestamp\":\"2026-11-24T08:00:00Z\"}", buffer, 0);
        final OptionVolatilityDecoder vol = new OptionVolatilityDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(-1_000_000_000L, vol.timestampNs());
        assertEquals(NOV_24, vol.sourceTimestampNs());
    }

    @Test
    void liquidationTimesAsIsoInstantsAndStagesByName()
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder();
        encoder.encode("{\"type\":\"LiquidationOrder\",\"timestamp\":\"2026-11-24T08:00:00Z\",\"correlationId\":1," +
            "\"liquidationId\":3,\"liquidationOrderId\":4,\"accountId\":1001,\"instrumentId\":11,\"side\":\"SELL\"," +
            "\"quantity\":0.5,\"limitPrice\":95800,\"expires\":\"2026-11-24T08:00:30Z\"}", buffer, 0);
        final LiquidationOrderDecoder order = new LiquidationOrderDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(NOV_24 + 30_000_000_000L, order.expiresNs());
        assertEquals(Side.SELL, order.side());
        assertEquals(4, order.liquidationOrderId());

        encoder.encode("{\"type\":\"LiquidationEvent\",\"timestamp\":\"2026-11-24T08:00:00Z\",\"correlationId\":2," +
            "\"liquidationId\":3,\"accountId\":1001,\"stage\":\"AUCTION_STARTED\",\"step\":0,\"equity\":-10," +
            "\"initialMargin\":1500,\"maintenanceMargin\":750,\"instrumentId\":-1,\"quantity\":0,\"price\":0," +
            "\"amount\":0,\"counterpartyAccountId\":0,\"liquidationOrderId\":0," +
            "\"until\":\"2026-11-24T08:01:00Z\",\"worstUnderlyingAssetId\":1,\"worstScenario\":32," +
            "\"worstScenarioLoss\":2200,\"contribution\":1800}", buffer, 0);
        final LiquidationEventDecoder event = new LiquidationEventDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(LiquidationEventType.AUCTION_STARTED, event.stage());
        assertEquals(NOV_24 + 60_000_000_000L, event.untilNs());
        assertEquals(32, event.worstScenario());
        assertEquals(1800.0, event.contribution());
    }

    @Test
    void specialDoublesFromStrings()
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder();
        final DepositDecoder deposit = new DepositDecoder();

        encoder.encode(DEPOSIT.replace("50000", "\"NaN\""), buffer, 0);
        assertTrue(Double.isNaN(deposit.wrapAndApplyHeader(buffer, 0, header).amount()));
        encoder.encode(DEPOSIT.replace("50000", "\"Infinity\""), buffer, 0);
        assertEquals(Double.POSITIVE_INFINITY, deposit.wrapAndApplyHeader(buffer, 0, header).amount());
        encoder.encode(DEPOSIT.replace("50000", "\"-Infinity\""), buffer, 0);
        assertEquals(Double.NEGATIVE_INFINITY, deposit.wrapAndApplyHeader(buffer, 0, header).amount());
    }

    @Test
    void autoCorrelationCountsPerClientFromTheHighestSeen()
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder(true);

        assertEquals(1, heartbeat(encoder, "\"clientId\":1"));
        assertEquals(2, heartbeat(encoder, "\"clientId\":1"));
        assertEquals(1, heartbeat(encoder, "\"clientId\":2"));
        assertEquals(10, heartbeat(encoder, "\"clientId\":1,\"correlationId\":10"));
        assertEquals(11, heartbeat(encoder, "\"clientId\":1"));
        assertEquals(2, heartbeat(encoder, "\"clientId\":2"));
        assertEquals(1, heartbeat(encoder, "\"clientId\":0"));
        assertEquals(2, heartbeat(encoder, ""));
    }

    @Test
    void failedLineUsesUpNoCorrelationId()
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
        assertThrows(JsonFrameException.class, () -> encoder.encode(
            "{\"type\":\"AdminCommand\",\"timestampNs\":1,\"command\":\"NOPE\"}", buffer, 0));

        assertEquals(1, heartbeat(encoder, ""));
    }

    @Test
    void frameThatDoesNotFitIsRefusedBeforeWriting()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[16]);

        assertThrows(IllegalArgumentException.class, () -> new JsonFrameEncoder().encode(DEPOSIT, small, 0));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLines")
    void badLineIsRefusedNamingTheFieldAndWhy(final String line, final String expectedMessage)
    {
        final JsonFrameException ex =
            assertThrows(JsonFrameException.class, () -> new JsonFrameEncoder().encode(line, buffer, 0));

        assertTrue(ex.getMessage().startsWith(expectedMessage), () -> "message was: " + ex.getMessage());
    }

    static Stream<Arguments> badLines()
    {
        return Stream.of(
            bad("{\"type\":", "not valid JSON"),
            bad("", "expected one JSON object, got nothing"),
            bad("[1,2]", "expected one JSON object, got [1,2]"),
            bad(DEPOSIT + " {}", "not valid JSON"),
            bad(DEPOSIT.replace("\"clientId\":1", "\"clientId\":1,\"clientId\":2"), "not valid JSON: Duplicate field"),
            bad("{\"timestampNs\":1}", "type: missing or not a string"),
            bad("{\"type\":\"Bogus\"}", "type: unknown message type \"Bogus\""),
            bad(DEPOSIT.replace(",\"amount\":50000", ""), "Deposit.amount: missing required field"),
            bad(DEPOSIT.replace("\"timestampNs\":1764000000000000000,", ""), "Deposit.timestampNs: missing"),
            bad(DEPOSIT.replace("\"correlationId\":1,", ""), "Deposit.correlationId: missing required field"),
            bad(DEPOSIT.replace("accountId", "acountId"), "Deposit.acountId: unknown field"),
            bad(DEPOSIT.replace("50000", "\"lots\""), "Deposit.amount: expected a number or one of"),
            bad(DEPOSIT.replace("50000", "null"), "Deposit.amount: expected a number or one of"),
            bad(DEPOSIT.replace("1001", "1001.5"), "Deposit.accountId: expected an integer, got number 1001.5"),
            bad(DEPOSIT.replace("1001", "9223372036854775808"), "Deposit.accountId: 9223372036854775808 is outside"),
            bad(DEPOSIT.replace("\"assetId\":2", "\"assetId\":2147483648"), "Deposit.assetId: 2147483648 is outside"),
            bad(DEPOSIT.replace("\"clientId\":1", "\"clientId\":\"1\""), "Deposit.clientId: expected an integer"),
            bad("{\"type\":\"Ack\",\"timestampNs\":1,\"correlationId\":1,\"templateId\":65536}",
                "Ack.templateId: 65536 is outside the uint16 range"),
            bad("{\"type\":\"AccountOpen\",\"timestampNs\":1,\"correlationId\":1,\"accountId\":1," +
                "\"marginMode\":\"PORTFOLIO\"}", "AccountOpen.marginMode: \"PORTFOLIO\" is not one of [CROSS"),
            bad("{\"type\":\"AccountOpen\",\"timestampNs\":1,\"correlationId\":1,\"accountId\":1,\"marginMode\":1}",
                "AccountOpen.marginMode: expected a string"),
            bad("{\"type\":\"LiquidationEvent\",\"timestampNs\":1,\"correlationId\":1,\"liquidationId\":1," +
                "\"accountId\":1,\"stage\":\"DONE\"}", "LiquidationEvent.stage: \"DONE\" is not one of [STARTED, STEP"),
            bad("{\"type\":\"InsuranceFund\",\"timestampNs\":1,\"correlationId\":1,\"balance\":1," +
                "\"change\":1}", "InsuranceFund.liquidationId: missing required field"),
            bad("{\"type\":\"AuctionBid\",\"timestampNs\":1,\"correlationId\":1,\"liquidationId\":1," +
                "\"bidderAccountId\":9001,\"maxPrice\":1,\"accountId\":9001}", "AuctionBid.accountId: unknown field"),
            bad("{\"type\":\"AssetDefinition\",\"timestampNs\":1,\"correlationId\":1,\"assetId\":1," +
                "\"symbol\":\"ABCDEFGHIJKLMNOPQ\"}", "AssetDefinition.symbol: 17 characters, at most 16 fit"),
            bad("{\"type\":\"AssetDefinition\",\"timestampNs\":1,\"correlationId\":1,\"assetId\":1," +
                "\"symbol\":\"\u00e9TH\"}", "AssetDefinition.symbol: character 0 is not printable US-ASCII"),
            bad(DEPOSIT.replace("\"timestampNs\":1764000000000000000", "\"timestamp\":\"yesterday\""),
                "Deposit.timestamp: \"yesterday\" is not an ISO-8601 UTC instant"),
            bad(DEPOSIT.replace("\"timestampNs\":1764000000000000000", "\"timestamp\":\"2300-01-01T00:00:00Z\""),
                "Deposit.timestamp: \"2300-01-01T00:00:00Z\" does not fit int64 nanoseconds"),
            bad(DEPOSIT.replace("\"timestampNs\"", "\"timestamp\":\"2026-11-24T08:00:00Z\",\"timestampNs\""),
                "Deposit.timestampNs: disagrees with timestamp"),
            bad(DEPOSIT.replace("\"timestampNs\":1764000000000000000", "\"timestamp\":17"),
                "Deposit.timestamp: expected a string"),
            bad("{\"type\":\"InstrumentDefinition\",\"timestampNs\":1,\"correlationId\":1,\"instrumentId\":1," +
                "\"underlyingAssetId\":1,\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0," +
                "\"symbol\":\"BTC-PERP\"}", "InstrumentDefinition.expiryNs: missing required field (or give expiry)"),
            bad("{\"type\":\"StateDigest\",\"timestampNs\":1,\"correlationId\":1,\"digestHex\":\"xyz\"," +
                "\"inputSequence\":1,\"snapshotTaken\":\"FALSE\"}",
                "StateDigest.digestHex: \"xyz\" is not 1 to 16 hex"));
    }

    private static Arguments bad(final String line, final String expectedMessage)
    {
        return Arguments.of(line, expectedMessage);
    }

    private long heartbeat(final JsonFrameEncoder encoder, final String fields)
    {
        encoder.encode("{\"type\":\"Heartbeat\",\"timestampNs\":1" + (fields.isEmpty() ? "" : "," + fields) + "}",
            buffer, 0);

        return Prefix.correlationId(buffer, MessageHeaderDecoder.ENCODED_LENGTH);
    }

    private static long nanos(final String iso)
    {
        final Instant instant = Instant.parse(iso);

        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
