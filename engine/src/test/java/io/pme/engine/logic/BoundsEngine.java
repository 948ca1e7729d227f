package io.pme.engine.logic;

import io.pme.codecs.AckDecoder;
import io.pme.codecs.AdlRankDecoder;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OrderReleasedDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.RejectReason;
import io.pme.codecs.StateDigestDecoder;
import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.Liquidations;
import io.pme.protocol.json.JsonFrameEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The real business logic with the real portfolio risk model, over a small market defined by JSON-lines inputs:
 * USD (0), USDC (1), BTC (2), ETH (3), SOL (4), WBTC (5); a BTC perpetual (0), future (1) and call (2); account 1001
 * with USD to trade and withdraw, account 1002 for fills. For the liquidation inputs: SOL priced at the top of the
 * price bounds with a perpetual (3) and a call (4) of tiny multiplier, on which accounts opened on demand are
 * liquidated; account 1003 to bid in auctions; account 1004 and its isolated account 1005 to transfer between.
 * Each input answers the reason of its one direct answer.
 */
final class BoundsEngine
{
    static final long NOW = 1_795_478_400_000_000_000L;
    static final long DAY = 86_400_000_000_000L;
    static final int USD = 0;
    static final int USDC = 1;
    static final int BTC = 2;
    static final int ETH = 3;
    /** WBTC, wrapping BTC (rulebook section 7): the asset of the wrapped-asset parameters. */
    static final int WBTC = 5;
    static final int PERPETUAL = 0;
    static final int FUTURE = 1;
    static final int OPTION = 2;
    static final long TRADER = 1001;
    static final long FILLED = 1002;
    static final double SPOT = 90_000;
    static final int SOL = 4;
    static final int SOL_PERPETUAL = 3;
    static final int SOL_CALL = 4;
    /**
     * SOL's index: the largest price there is, so a liquidation BUY's limit (the mark and a band above it) lies above
     * every price a fill may name, and the accepted set of a fill's price is its type's bound alone.
     */
    static final double SOL_SPOT = Checks.MAX_MAGNITUDE;
    /** One SOL contract is 1,000 USD at {@link #SOL_SPOT}: figures of an ordinary account. */
    static final double SOL_MULTIPLIER = Checks.MIN_MAGNITUDE;
    static final long BIDDER = 1003;
    static final long PARENT = 1004;
    static final long ISOLATED = 1005;
    private static final long FIRST_LIQUIDATED = 2001;

    final EngineState state;
    final PortfolioRiskModel risk;
    final InputProcessor processor;
    private final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);
    private final Answer answer = new Answer();
    private int nextInstrument = 100;
    private long nextOrder = 1;
    private long journalIndex;
    private long nextLiquidated = FIRST_LIQUIDATED;
    private final long[] liquidationOrders = new long[SOL_CALL + 1];
    private long auctionId;

    BoundsEngine()
    {
        // every liquidation probe context is an account of its own, and each may stay in liquidation
        this(5_000);
    }

    /** @param maxAccounts room for accounts: the market takes five. */
    BoundsEngine(final int maxAccounts)
    {
        state = new EngineContext().maxAccounts(maxAccounts).maxOpenOrders(1_000).newState();
        risk = new PortfolioRiskModel(state, null);
        processor = new InputProcessor(state, risk, EngineCounters.local(), answer, SnapshotSink.NONE);
        final String[] symbols = {"USD", "USDC", "BTC", "ETH", "SOL", "WBTC"};
        final double[] prices = {1, 1, SPOT, 3_000, SOL_SPOT, SPOT};
        for (int a = 0; a < symbols.length; a++)
        {
            applied(input("AssetDefinition", "\"assetId\":" + a + ",\"symbol\":\"" + symbols[a] + "\""));
            applied(oraclePrice(a, prices[a]));
        }
        applied(instrument(PERPETUAL, BTC, "PERPETUAL", "NONE", 1, 0, 0));
        applied(instrument(FUTURE, BTC, "FUTURE", "NONE", 1, 0, NOW + 30 * DAY));
        applied(instrument(OPTION, BTC, "OPTION", "CALL", 1, 100_000, NOW + 30 * DAY));
        applied(volatility(OPTION, 0.5));
        applied(instrument(SOL_PERPETUAL, SOL, "PERPETUAL", "NONE", SOL_MULTIPLIER, 0, 0));
        applied(instrument(SOL_CALL, SOL, "OPTION", "CALL", SOL_MULTIPLIER, Checks.MIN_MAGNITUDE, NOW + 30 * DAY));
        applied(volatility(SOL_CALL, 0.5));
        for (final long account : new long[]{ TRADER, FILLED, BIDDER, PARENT })
        {
            applied(input("AccountOpen", "\"accountId\":" + account + ",\"marginMode\":\"CROSS\""));
            applied(input("Deposit", "\"accountId\":" + account + ",\"assetId\":0,\"amount\":1e9"));
        }
        applied(input("IsolatedAccountOpen", "\"accountId\":" + ISOLATED + ",\"parentAccountId\":" + PARENT));
        applied(transfer(PARENT, ISOLATED, 1e6));
    }

    /**
     * @return the id of a live liquidation order on a SOL instrument: a BUY of one contract whose limit is above
     * {@link Checks#MAX_MAGNITUDE}. When the last one is gone (filled, or its account recovered), an account opened for
     * it sells one contract at half the mark (a perpetual) or below its value (the call) with just too little
     * collateral: below MM, above the auction's equity fraction, it enters liquidation on that fill and its first
     * step sends the order.
     */
    long liquidationOrder(final int instrumentId)
    {
        final Liquidations liquidations = state.liquidations();
        if (0 == liquidationOrders[instrumentId] || liquidations.byOrderId(liquidationOrders[instrumentId]) < 0)
        {
            final int slot = liquidated(instrumentId, SOL_PERPETUAL == instrumentId ? 600 : 620);
            final int record = state.accounts().liquidation(slot);
            if (record < 0 || Liquidations.PARTIAL != liquidations.stage(record) || 0 == liquidations.orderId(record) ||
                !(liquidations.orderRemaining(record) > 0.0) || !(liquidations.orderLimit(record) > SOL_SPOT))
            {
                throw new AssertionError(
                    "no BUY above " + SOL_SPOT + " for account " + state.accounts().accountId(slot));
            }
            liquidationOrders[instrumentId] = liquidations.orderId(record);
        }
        return liquidationOrders[instrumentId];
    }

    /**
     * @return the id of a liquidation in its auction at the price of its start, 10 USD. When the last one was won, an
     * account opened for it sells one SOL perpetual at half the mark with 10 USD more than it loses: equity below the
     * auction's fraction of MM, the auction opens on that fill.
     */
    long auction()
    {
        final Liquidations liquidations = state.liquidations();
        final int live = liquidations.byId(auctionId);
        if (0 == auctionId || live < 0 || Liquidations.AUCTION != liquidations.stage(live))
        {
            final int slot = liquidated(SOL_PERPETUAL, 510);
            final int record = state.accounts().liquidation(slot);
            if (record < 0 || Liquidations.AUCTION != liquidations.stage(record))
            {
                throw new AssertionError("no auction for account " + state.accounts().accountId(slot));
            }
            auctionId = liquidations.id(record);
        }
        return auctionId;
    }

    // an account short one SOL contract sold at half its mark, with the collateral given
    private int liquidated(final int instrumentId, final double collateral)
    {
        return state.accounts().slot(trading(instrumentId, -1, SOL_SPOT / 2, collateral));
    }

    /** @return a new cross account with the USD collateral given, that then trades the quantity at the price. */
    long trading(final int instrumentId, final double quantity, final double price, final double collateral)
    {
        final long account = nextLiquidated++;
        applied(input("AccountOpen", "\"accountId\":" + account + ",\"marginMode\":\"CROSS\""));
        applied(input("Deposit", "\"accountId\":" + account + ",\"assetId\":0,\"amount\":" + json(collateral)));
        applied(fill(account, instrumentId, quantity, price, 0));
        return account;
    }

    /** @return a transfer of the amount between account 1004 and its isolated account, from the one holding more. */
    String transferBetweenLinked(final double amount)
    {
        final Accounts accounts = state.accounts();
        final boolean down = accounts.balance(accounts.slot(PARENT), USD) >=
            accounts.balance(accounts.slot(ISOLATED), USD);
        return down ? transfer(PARENT, ISOLATED, amount) : transfer(ISOLATED, PARENT, amount);
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

    /** @return a heartbeat at that time: it moves the clock there when later, and does nothing else. */
    static String heartbeat(final long timestampNs)
    {
        return "{\"type\":\"Heartbeat\",\"timestampNs\":" + timestampNs + ",\"clientId\":1}";
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

    static String transfer(final long from, final long to, final double amount)
    {
        return input("AccountTransfer", "\"fromAccountId\":" + from + ",\"toAccountId\":" + to + ",\"assetId\":" +
            USD + ",\"amount\":" + json(amount));
    }

    static String liquidationFill(final long liquidationOrderId, final double quantity, final double price)
    {
        return input("LiquidationFill", "\"liquidationOrderId\":" + liquidationOrderId + ",\"quantity\":" +
            json(quantity) + ",\"price\":" + json(price));
    }

    static String bid(final long liquidationId, final long bidder, final double maxPrice)
    {
        return input("AuctionBid", "\"liquidationId\":" + liquidationId + ",\"bidderAccountId\":" + bidder +
            ",\"maxPrice\":" + json(maxPrice));
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

    /**
     * Keeps the reason of the direct answer; margin updates and the liquidation's announcements (orders, events,
     * released orders, the insurance fund, ADL rank bands) and the oracle's and parameter versions' events are not
     * direct answers.
     */
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
                case MarginUpdateDecoder.TEMPLATE_ID, LiquidationOrderDecoder.TEMPLATE_ID,
                    LiquidationEventDecoder.TEMPLATE_ID, OrderReleasedDecoder.TEMPLATE_ID,
                    InsuranceFundDecoder.TEMPLATE_ID, AdlRankDecoder.TEMPLATE_ID,
                    io.pme.codecs.OracleStatusDecoder.TEMPLATE_ID, io.pme.codecs.ParameterChangeDecoder.TEMPLATE_ID,
                    io.pme.codecs.BorrowRateDecoder.TEMPLATE_ID:
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
