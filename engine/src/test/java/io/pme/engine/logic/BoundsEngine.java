package io.pme.engine.logic;

import io.pme.codecs.AckDecoder;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.StateDigestDecoder;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.protocol.json.JsonFrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The real business logic with the real portfolio risk model, over a small market defined by JSON-lines inputs:
 * USD (0), USDC (1), BTC (2), ETH (3); a BTC perpetual (0), future (1) and call (2); account 1001 with USD to trade
 * and withdraw, account 1002 for fills. Each input answers the reason of its one direct answer.
 */
final class BoundsEngine
{
    static final long NOW = 1_795_478_400_000_000_000L;
    static final long DAY = 86_400_000_000_000L;
    static final int USD = 0;
    static final int USDC = 1;
    static final int BTC = 2;
    static final int ETH = 3;
    static final int PERPETUAL = 0;
    static final int FUTURE = 1;
    static final int OPTION = 2;
    static final long TRADER = 1001;
    static final long FILLED = 1002;
    static final double SPOT = 90_000;

    final EngineState state;
    final PortfolioRiskModel risk;
    final InputProcessor processor;
    private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);
    private final Answer answer = new Answer();
    private int nextInstrument = 100;
    private long nextOrder = 1;
    private long journalIndex;

    BoundsEngine()
    {
        state = new EngineContext().maxAccounts(100).maxOpenOrders(1_000).newState();
        risk = new PortfolioRiskModel(state, null);
        processor = new InputProcessor(state, risk, EngineCounters.local(), answer, SnapshotSink.NONE);
        final String[] symbols = {"USD", "USDC", "BTC", "ETH"};
        final double[] prices = {1, 1, SPOT, 3_000};
        for (int a = 0; a < symbols.length; a++)
        {
            applied(input("AssetDefinition", "\"assetId\":" + a + ",\"symbol\":\"" + symbols[a] + "\""));
            applied(oraclePrice(a, prices[a]));
        }
        applied(instrument(PERPETUAL, BTC, "PERPETUAL", "NONE", 1, 0, 0));
        applied(instrument(FUTURE, BTC, "FUTURE", "NONE", 1, 0, NOW + 30 * DAY));
        applied(instrument(OPTION, BTC, "OPTION", "CALL", 1, 100_000, NOW + 30 * DAY));
        applied(volatility(OPTION, 0.5));
        for (final long account : new long[]{ TRADER, FILLED })
        {
            applied(input("AccountOpen", "\"accountId\":" + account + ",\"marginMode\":\"CROSS\""));
            applied(input("Deposit", "\"accountId\":" + account + ",\"assetId\":0,\"amount\":1e9"));
        }
    }

    /**
     * @return the reason of the input's direct answer: NONE when applied, accepted or answered with figures.
     */
    RejectReason send(final String json)
    {
        final int length = encoder.encode(json, frame, 0);
        return send(frame, length);
    }

    RejectReason send(final DirectBuffer buffer, final int length)
    {
        answer.direct = 0;
        answer.reason = RejectReason.NULL_VAL;
        processor.process(buffer, 0, length, ++journalIndex);
        if (1 != answer.direct)
        {
            throw new AssertionError(answer.direct + " direct answers to " + length + " bytes");
        }
        return answer.reason;
    }

    void applied(final String json)
    {
        final RejectReason reason = send(json);
        if (RejectReason.NONE != reason)
        {
            throw new AssertionError(reason + ": " + json);
        }
    }

    int freshInstrumentId()
    {
        return nextInstrument++;
    }

    long freshOrderId()
    {
        return nextOrder++;
    }

    /** @return the frame of the last input sent. */
    UnsafeBuffer frame()
    {
        return frame;
    }

    static String input(final String type, final String fields)
    {
        return input(type, fields, NOW);
    }

    static String input(final String type, final String fields, final long timestampNs)
    {
        return "{\"type\":\"" + type + "\",\"timestampNs\":" + timestampNs + ",\"clientId\":1," + fields + "}";
    }

    static String instrument(
        final int id, final int underlying, final String kind, final String right, final double multiplier,
        final double strike, final long expiryNs)
    {
        return input("InstrumentDefinition", "\"instrumentId\":" + id + ",\"underlyingAssetId\":" + underlying +
            ",\"kind\":\"" + kind + "\",\"right\":\"" + right + "\",\"multiplier\":" + json(multiplier) +
            ",\"strike\":" + json(strike) + ",\"expiryNs\":" + expiryNs + ",\"symbol\":\"I" + id + "\"");
    }

    static String oraclePrice(final int assetId, final double price)
    {
        return input("OraclePrice", "\"sourceId\":1,\"assetId\":" + assetId + ",\"price\":" + json(price) +
            ",\"sourceTimestampNs\":" + NOW);
    }

    static String volatility(final int instrumentId, final double volatility)
    {
        return input("OptionVolatility", "\"sourceId\":1,\"instrumentId\":" + instrumentId + ",\"volatility\":" +
            json(volatility) + ",\"sourceTimestampNs\":" + NOW);
    }

    static String fill(final long account, final int instrumentId, final double quantity, final double price,
        final double fee)
    {
        return input("Fill", "\"accountId\":" + account + ",\"instrumentId\":" + instrumentId + ",\"quantity\":" +
            json(quantity) + ",\"price\":" + json(price) + ",\"fee\":" + json(fee) + ",\"clientOrderId\":0");
    }

    static String check(
        final int instrumentId, final String side, final double quantity, final double limitPrice, final long orderId)
    {
        return input("OrderCheck", "\"accountId\":" + TRADER + ",\"instrumentId\":" + instrumentId + ",\"side\":\"" +
            side + "\",\"quantity\":" + json(quantity) + ",\"limitPrice\":" + json(limitPrice) +
            ",\"clientOrderId\":" + orderId);
    }

    static String query(final int instrumentId, final double quantity, final double limitPrice)
    {
        return input("MarginQuery", "\"accountId\":" + TRADER + ",\"instrumentId\":" + instrumentId +
            ",\"side\":\"BUY\",\"quantity\":" + json(quantity) + ",\"limitPrice\":" + json(limitPrice));
    }

    static String parameter(
        final String parameterId, final int assetId, final int index, final double value, final double value2)
    {
        return input("ParameterUpdate", "\"parameterId\":\"" + parameterId + "\",\"assetId\":" + assetId +
            ",\"index\":" + index + ",\"value\":" + json(value) + ",\"value2\":" + json(value2));
    }

    /** A double as the JSON-lines form writes it: NaN and the infinities as strings, any other exactly. */
    static String json(final double value)
    {
        if (Double.isNaN(value))
        {
            return "\"NaN\"";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }
        return Double.toString(value);
    }

    /** Keeps the reason of the direct answer; margin updates are not direct answers. */
    private static final class Answer implements Outbox
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final RejectDecoder reject = new RejectDecoder();
        private final CheckResultDecoder checkResult = new CheckResultDecoder();
        private final MarginQueryResultDecoder queryResult = new MarginQueryResultDecoder();
        int direct;
        RejectReason reason;

        public void publish(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            switch (header.templateId())
            {
                case MarginUpdateDecoder.TEMPLATE_ID:
                    return;
                case RejectDecoder.TEMPLATE_ID:
                    reason = reject.wrap(buffer, body, header.blockLength(), header.version()).reason();
                    break;
                case CheckResultDecoder.TEMPLATE_ID:
                    reason = checkResult.wrap(buffer, body, header.blockLength(), header.version()).reason();
                    break;
                case MarginQueryResultDecoder.TEMPLATE_ID:
                    reason = queryResult.wrap(buffer, body, header.blockLength(), header.version()).reason();
                    break;
                case AckDecoder.TEMPLATE_ID, StateDigestDecoder.TEMPLATE_ID:
                    reason = RejectReason.NONE;
                    break;
                default:
                    throw new AssertionError("unknown output template " + header.templateId());
            }
            direct++;
        }
    }
}
