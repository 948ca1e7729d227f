package io.pme.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.codecs.AccountState;
import io.pme.codecs.BooleanType;
import io.pme.codecs.MarginUpdateEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.OrderCheckEncoder;
import io.pme.codecs.RejectEncoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.StateDigestEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonFramePrinterTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final JsonFramePrinter printer = new JsonFramePrinter();

    @Test
    void printsOutboundFrameFromTheGeneratedEncoder() throws Exception
    {
        final MarginUpdateEncoder update = new MarginUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(5).correlationId(6).clientId(7).accountId(1001)
            .state(AccountState.RESTRICTED).previousState(AccountState.HEALTHY)
            .equity(0.1).initialMargin(Double.NaN).maintenanceMargin(-0.0);

        final String line = printer.print(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());

        assertEquals("{\"type\":\"MarginUpdate\",\"timestampNs\":5,\"correlationId\":6,\"clientId\":7," +
            "\"accountId\":1001,\"state\":\"RESTRICTED\",\"previousState\":\"HEALTHY\",\"equity\":0.1," +
            "\"initialMargin\":\"NaN\",\"maintenanceMargin\":-0.0,\"debt\":0.0}", line);
        final JsonNode parsed = new ObjectMapper().readTree(line);
        assertEquals("MarginUpdate", parsed.get("type").textValue());
        assertEquals(0.1, parsed.get("equity").doubleValue());
    }

    @Test
    void printsRejectWithTemplateIdAndReason()
    {
        final RejectEncoder reject = new RejectEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).correlationId(2).clientId(3).templateId(4).reason(RejectReason.INSUFFICIENT_BALANCE);

        assertEquals("{\"type\":\"Reject\",\"timestampNs\":1,\"correlationId\":2,\"clientId\":3," +
            "\"templateId\":4,\"reason\":\"INSUFFICIENT_BALANCE\"}",
            printer.print(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + reject.encodedLength()));
    }

    @Test
    void printsDigestAlsoAsSixteenHexDigits()
    {
        final StateDigestEncoder digest = new StateDigestEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).correlationId(2).clientId(0).digest(-2).inputSequence(42)
            .snapshotTaken(BooleanType.TRUE).correlationDigest(0x1234_5678_9abc_def0L);

        assertEquals("{\"type\":\"StateDigest\",\"timestampNs\":1,\"correlationId\":2,\"clientId\":0," +
            "\"digest\":-2,\"digestHex\":\"fffffffffffffffe\",\"inputSequence\":42,\"snapshotTaken\":\"TRUE\"," +
            "\"correlationDigest\":1311768467463790320,\"correlationDigestHex\":\"123456789abcdef0\"}",
            printer.print(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + digest.encodedLength()));

        digest.digest(255);
        assertTrue(printer.print(buffer, 0, 64).contains("\"digestHex\":\"00000000000000ff\""));
    }

    @Test
    void enumValueOutsideTheSchemaPrintsAsItsNumber()
    {
        final OrderCheckEncoder check = new OrderCheckEncoder().wrapAndApplyHeader(buffer, 0, header);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + OrderCheckEncoder.sideEncodingOffset(), (byte)7);

        assertTrue(printer.print(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + check.encodedLength())
            .contains("\"side\":7,"));
    }

    @Test
    void unreadableFramesPrintTemplateIdAndLength()
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + RejectEncoder.BLOCK_LENGTH;
        new RejectEncoder().wrapAndApplyHeader(buffer, 0, header);

        assertEquals(unreadable(103, length - 1), printer.print(buffer, 0, length - 1));
        assertEquals(unreadable(103, 7), printer.print(buffer, 0, 7));
        assertEquals(unreadable(0, 3), printer.print(buffer, 0, 3));

        header.templateId(99);
        assertEquals(unreadable(99, length), printer.print(buffer, 0, length));

        header.templateId(RejectEncoder.TEMPLATE_ID).blockLength(RejectEncoder.BLOCK_LENGTH - 1);
        assertEquals(unreadable(103, length), printer.print(buffer, 0, length));

        header.blockLength(RejectEncoder.BLOCK_LENGTH).schemaId(8);
        assertEquals(unreadable(103, length), printer.print(buffer, 0, length));

        assertEquals(unreadable(103, 300), printer.print(buffer, 0, 300));
    }

    private static String unreadable(final int templateId, final int length)
    {
        return "{\"type\":\"Unreadable\",\"templateId\":" + templateId + ",\"length\":" + length + "}";
    }
}
