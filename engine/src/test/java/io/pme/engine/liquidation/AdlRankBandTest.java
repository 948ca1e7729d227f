package io.pme.engine.liquidation;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Five shorts of BTC-PERP from 100,000, in profit at 90,000 by the same ratio (0.1), with leverages 0.25, 0.5, 1, 2
 * and 4 (gross notional 90,000 over equity 360,000 … 22,500): their ranks are 0.025 … 0.4, a factor 2 apart, so the
 * second sweep bands them 1 to 5, the most leveraged first in line; the long on the other side, at a loss, has no
 * band and is never announced.
 */
class AdlRankBandTest
{
    private static final long T0 = 1_796_112_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final EngineState state = new EngineContext().maxAccounts(100).maxOpenOrders(100).newState();
    private final List<String> outputs = new ArrayList<>();
    private final JsonFramePrinter printer = new JsonFramePrinter();
    private final InputProcessor processor = new InputProcessor(state, new PortfolioRiskModel(state, null),
        EngineCounters.local(), (b, offset, length) -> outputs.add(printer.print(b, offset, length)),
        SnapshotSink.NONE);
    private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @Test
    void bandsAreTheQuintilesOfTheRanks()
    {
        send(T0, "AssetDefinition", "\"assetId\":0,\"symbol\":\"USD\"");
        send(T0, "AssetDefinition", "\"assetId\":2,\"symbol\":\"BTC\"");
        send(T0, "InstrumentDefinition", "\"instrumentId\":0,\"underlyingAssetId\":2,\"kind\":\"PERPETUAL\"," +
            "\"right\":\"NONE\",\"multiplier\":1,\"strike\":0,\"expiryNs\":0,\"symbol\":\"BTC-PERP\"");
        send(T0, "OraclePrice", "\"sourceId\":1,\"assetId\":2,\"price\":100000,\"sourceTimestampNs\":0");
        final double[] deposits = { 350_000, 170_000, 80_000, 35_000, 12_500 };
        for (int i = 0; i < deposits.length; i++)
        {
            account(11 + i, deposits[i], -1);
        }
        account(20, 500_000, 5);
        send(T0 + SECOND, "OraclePrice", "\"sourceId\":1,\"assetId\":2,\"price\":90000,\"sourceTimestampNs\":0");
        for (int s = 2; s <= 25; s++)
        {
            send(T0 + s * SECOND, "Heartbeat", null);
        }
        final List<String> ranks = new ArrayList<>();
        for (final String line : outputs)
        {
            if (line.contains("\"type\":\"AdlRank\""))
            {
                ranks.add(field(line, "accountId") + ":" + field(line, "band"));
            }
        }
        assertEquals(List.of("11:1", "12:2", "13:3", "14:4", "15:5"), ranks);
    }

    private void account(final long id, final double deposit, final double quantity)
    {
        send(T0, "AccountOpen", "\"accountId\":" + id + ",\"marginMode\":\"CROSS\"");
        send(T0, "Deposit", "\"accountId\":" + id + ",\"assetId\":0,\"amount\":" + deposit);
        send(T0, "Fill", "\"accountId\":" + id + ",\"instrumentId\":0,\"quantity\":" + quantity +
            ",\"price\":100000,\"fee\":0,\"clientOrderId\":0");
    }

    private void send(final long timestampNs, final String type, final String fields)
    {
        final String json = "{\"type\":\"" + type + "\",\"timestampNs\":" + timestampNs + ",\"clientId\":1" +
            (null == fields ? "" : "," + fields) + "}";
        processor.process(buffer, 0, encoder.encode(json, buffer, 0), -1);
    }

    private static String field(final String line, final String name)
    {
        final int from = line.indexOf("\"" + name + "\":") + name.length() + 3;
        int to = from;
        while (to < line.length() && (Character.isDigit(line.charAt(to)) || '-' == line.charAt(to)))
        {
            to++;
        }
        return line.substring(from, to);
    }
}
