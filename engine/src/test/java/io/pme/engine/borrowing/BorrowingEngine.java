package io.pme.engine.borrowing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.codecs.RejectReason;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.protocol.OutputKinds;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real business logic and portfolio risk model fed JSON-lines inputs, every output kept as JSON: USD (0),
 * USDC (1), BTC (2) and SOL (3) defined with their rulebook defaults, BTC at 100,000, a BTC perpetual (0) and a
 * 30-day BTC call struck at 100,000 (1) at 50% volatility.
 */
final class BorrowingEngine
{
    static final long HOUR = 3_600_000_000_000L;
    /** 2026-12-01T00:00:00Z, an epoch boundary. */
    static final long T0 = 1_796_083_200_000_000_000L;
    static final int USD = 0;
    static final int USDC = 1;
    static final int BTC = 2;
    static final int SOL = 3;
    static final int PERPETUAL = 0;
    static final int CALL = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    final EngineState state;
    final InputProcessor processor;
    final List<JsonNode> outputs = new ArrayList<>();
    private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
    private final JsonFramePrinter printer = new JsonFramePrinter();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);
    private long journalIndex;
    private long correlationId;

    BorrowingEngine()
    {
        state = new EngineContext().maxAccounts(64).maxOpenOrders(64).newState();
        final PortfolioRiskModel risk = new PortfolioRiskModel(state, null);
        processor = new InputProcessor(state, risk, EngineCounters.local(), new Printing(), SnapshotSink.NONE);
        final String[] symbols = {"USD", "USDC", "BTC", "SOL"};
        final double[] prices = {1, 1, 100_000, 200};
        for (int a = 0; a < symbols.length; a++)
        {
            applied(T0, "AssetDefinition", "\"assetId\":" + a + ",\"symbol\":\"" + symbols[a] + "\"");
            applied(T0, "OraclePrice", "\"sourceId\":1,\"assetId\":" + a + ",\"price\":" + prices[a] +
                ",\"sourceTimestampNs\":0");
        }
        applied(T0, "InstrumentDefinition", "\"instrumentId\":" + PERPETUAL + ",\"underlyingAssetId\":" + BTC +
            ",\"kind\":\"PERPETUAL\",\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0," +
            "\"symbol\":\"BTC-PERP\"");
        applied(T0, "InstrumentDefinition", "\"instrumentId\":" + CALL + ",\"underlyingAssetId\":" + BTC +
            ",\"kind\":\"OPTION\",\"right\":\"CALL\",\"multiplier\":1,\"strike\":100000,\"expiryNs\":" +
            (T0 + 720 * HOUR) + ",\"symbol\":\"BTC-C\"");
        applied(T0, "OptionVolatility", "\"sourceId\":1,\"instrumentId\":" + CALL +
            ",\"volatility\":0.5,\"sourceTimestampNs\":0");
    }

    void open(final long timestampNs, final long account)
    {
        applied(timestampNs, "AccountOpen", "\"accountId\":" + account + ",\"marginMode\":\"CROSS\"");
    }

    void deposit(final long timestampNs, final long account, final int asset, final double amount)
    {
        applied(timestampNs, "Deposit", "\"accountId\":" + account + ",\"assetId\":" + asset + ",\"amount\":" +
            amount);
    }

    RejectReason withdraw(final long timestampNs, final long account, final int asset, final double amount)
    {
        return send(timestampNs, "Withdrawal", "\"accountId\":" + account + ",\"assetId\":" + asset +
            ",\"amount\":" + amount);
    }

    void heartbeat(final long timestampNs)
    {
        applied(timestampNs, "Heartbeat", "");
    }

    void parameter(final long timestampNs, final int asset, final int rule, final double value)
    {
        applied(timestampNs, "ParameterUpdate", "\"parameterId\":\"BORROW\",\"assetId\":" + asset + ",\"index\":" +
            rule + ",\"value\":" + value + ",\"value2\":0");
    }

    RejectReason send(final long timestampNs, final String type, final String fields)
    {
        final String json = "{\"type\":\"" + type + "\",\"timestampNs\":" + timestampNs + ",\"correlationId\":" +
            ++correlationId + ",\"clientId\":1" + (fields.isEmpty() ? "" : "," + fields) + "}";
        outputs.clear();
        final int length = encoder.encode(json, frame, 0);
        processor.process(frame, 0, length, ++journalIndex);
        for (final JsonNode out : outputs)
        {
            if (OutputKinds.isDirectAnswer(templateOf(out)))
            {
                final JsonNode reason = out.get("reason");
                return null == reason ? RejectReason.NONE : RejectReason.valueOf(reason.asText());
            }
        }
        throw new AssertionError("no direct answer to " + json);
    }

    void applied(final long timestampNs, final String type, final String fields)
    {
        final RejectReason reason = send(timestampNs, type, fields);
        if (RejectReason.NONE != reason)
        {
            throw new AssertionError(reason + ": " + type + " " + fields);
        }
    }

    /** @return the outputs of the latest input of that type. */
    List<JsonNode> of(final String type)
    {
        return outputs.stream().filter(n -> type.equals(n.get("type").asText())).toList();
    }

    double balance(final long account, final int asset)
    {
        return state.accounts().balance(state.accounts().slot(account), asset);
    }

    private static int templateOf(final JsonNode out)
    {
        switch (out.get("type").asText())
        {
            case "Ack":
                return io.pme.codecs.AckDecoder.TEMPLATE_ID;
            case "Reject":
                return io.pme.codecs.RejectDecoder.TEMPLATE_ID;
            case "CheckResult":
                return io.pme.codecs.CheckResultDecoder.TEMPLATE_ID;
            case "MarginQueryResult":
                return io.pme.codecs.MarginQueryResultDecoder.TEMPLATE_ID;
            case "StateDigest":
                return io.pme.codecs.StateDigestDecoder.TEMPLATE_ID;
            default:
                return 0;
        }
    }

    private final class Printing implements Outbox
    {
        public void publish(final DirectBuffer buffer, final int offset, final int length)
        {
            try
            {
                outputs.add(JSON.readTree(printer.print(buffer, offset, length)));
            }
            catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
