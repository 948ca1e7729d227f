package io.pme.tools.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pme.codecs.AccountOpenDecoder;
import io.pme.codecs.AccountTransferDecoder;
import io.pme.codecs.AckDecoder;
import io.pme.codecs.AdlRankDecoder;
import io.pme.codecs.AdminCommandDecoder;
import io.pme.codecs.AssetDefinitionDecoder;
import io.pme.codecs.AuctionBidDecoder;
import io.pme.codecs.BooleanType;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.DepositDecoder;
import io.pme.codecs.FillDecoder;
import io.pme.codecs.FundingPaymentDecoder;
import io.pme.codecs.HeartbeatDecoder;
import io.pme.codecs.InstrumentDefinitionDecoder;
import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.IsolatedAccountOpenDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.LiquidationFillDecoder;
import io.pme.codecs.LiquidationOrderDecoder;
import io.pme.codecs.MarginQueryDecoder;
import io.pme.codecs.MarginQueryResultDecoder;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OptionVolatilityDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.OrderCheckDecoder;
import io.pme.codecs.OrderDoneDecoder;
import io.pme.codecs.OrderReleasedDecoder;
import io.pme.codecs.ParameterScheduleDecoder;
import io.pme.codecs.ParameterUpdateDecoder;
import io.pme.codecs.RejectDecoder;
import io.pme.codecs.StateDigestDecoder;
import io.pme.codecs.WithdrawalDecoder;
import io.pme.engine.journal.JournalFrameHandler;
import io.pme.engine.liquidation.Liquidator;
import io.pme.engine.logic.Outbox;
import io.pme.engine.state.AccountStates;
import io.pme.engine.state.EngineState;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * The audit trail of a few accounts, built while the journal replays: told of every output the business logic
 * emits (as its {@link Outbox}) and of every input once applied (as the recovery's observer), it prints, for each
 * audited account, the inputs addressed to it and those that bore on its figures, with the figures after each, the
 * input's answer and the outputs about the account (liquidation steps with their explanation). Nothing is kept per
 * input beyond the outputs of the one being applied, so a journal of millions of inputs needs no more memory than
 * one.
 */
final class AccountTrail implements Outbox, JournalFrameHandler
{
    private static final long NONE = Long.MIN_VALUE;
    private static final int MAX_TEMPLATE = 64;
    private static final String[] INPUT_NAMES = inputNames();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final MarginQueryResultDecoder queryResult = new MarginQueryResultDecoder();
    private final MarginUpdateDecoder marginUpdate = new MarginUpdateDecoder();
    private final LiquidationOrderDecoder liquidationOrder = new LiquidationOrderDecoder();
    private final LiquidationEventDecoder liquidationEvent = new LiquidationEventDecoder();
    private final OrderReleasedDecoder orderReleased = new OrderReleasedDecoder();
    private final AdlRankDecoder adlRank = new AdlRankDecoder();
    private final JsonFramePrinter printer = new JsonFramePrinter();
    private final ObjectMapper mapper = new ObjectMapper();

    private final EngineState state;
    private final IntConsumer observer;
    private final PrintStream out;
    private final boolean json;
    private final boolean ticks;
    private final long fromNs;
    private final long toNs;
    private final Tracked[] tracked;
    private final Figures now = new Figures();

    private String answer = "";
    private String reason = "";
    private String wouldAccept = "";

    /** One audited account: its figures after the previous input, outputs of this one, ticks not yet printed. */
    private static final class Tracked
    {
        final long accountId;
        final Figures last = new Figures();
        final List<String> outputs = new ArrayList<>();
        final int[] tickKinds = new int[MAX_TEMPLATE];
        final Figures tickFigures = new Figures();
        final double[] tickPrices = new double[Long.SIZE];
        long tickPriced;
        long tickCount;
        long tickFirst;
        long tickLast;
        long direct;
        long byMarket;

        Tracked(final long accountId)
        {
            this.accountId = accountId;
        }
    }

    /**
     * @param state    the state the replay builds.
     * @param observer brings an account's stored figures to today's prices without changing what the model does
     *                 next ({@code PortfolioRiskModel.observe}), before they are read.
     * @param accounts the accounts audited.
     * @param fromNs   first message time printed (inclusive).
     * @param toNs     last message time printed (inclusive).
     * @param ticks    print every input that bore on the figures on its own line, rather than collapsed.
     * @param json     one JSON object per line instead of text.
     * @param out      where the trail goes.
     */
    AccountTrail(
        final EngineState state,
        final IntConsumer observer,
        final long[] accounts,
        final long fromNs,
        final long toNs,
        final boolean ticks,
        final boolean json,
        final PrintStream out)
    {
        this.state = state;
        this.observer = observer;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.ticks = ticks;
        this.json = json;
        this.out = out;
        tracked = new Tracked[accounts.length];
        for (int i = 0; i < accounts.length; i++)
        {
            tracked[i] = new Tracked(accounts[i]);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case RejectDecoder.TEMPLATE_ID:
                reject.wrap(buffer, body, blockLength, version);
                answer("REJECTED", reject.reason().name());
                break;
            case AckDecoder.TEMPLATE_ID:
                answer("APPLIED", "");
                break;
            case StateDigestDecoder.TEMPLATE_ID:
                answer("DIGEST", "");
                break;
            case CheckResultDecoder.TEMPLATE_ID:
                checkResult.wrap(buffer, body, blockLength, version);
                answer(checkResult.outcome().name(), checkResult.reason().name());
                about(checkResult.accountId(), buffer, offset, length);
                break;
            case MarginQueryResultDecoder.TEMPLATE_ID:
                queryResult.wrap(buffer, body, blockLength, version);
                answer("ANSWERED", queryResult.reason().name());
                wouldAccept = BooleanType.TRUE == queryResult.wouldAccept() ? "TRUE" : "FALSE";
                about(queryResult.accountId(), buffer, offset, length);
                break;
            case MarginUpdateDecoder.TEMPLATE_ID:
                about(marginUpdate.wrap(buffer, body, blockLength, version).accountId(), buffer, offset, length);
                break;
            case LiquidationOrderDecoder.TEMPLATE_ID:
                about(liquidationOrder.wrap(buffer, body, blockLength, version).accountId(), buffer, offset, length);
                break;
            case LiquidationEventDecoder.TEMPLATE_ID:
                liquidationEvent.wrap(buffer, body, blockLength, version);
                about(liquidationEvent.accountId(), buffer, offset, length);
                if (isCounterparty(liquidationEvent.stage(), liquidationEvent.counterpartyAccountId()))
                {
                    about(liquidationEvent.counterpartyAccountId(), buffer, offset, length);
                }
                break;
            case OrderReleasedDecoder.TEMPLATE_ID:
                about(orderReleased.wrap(buffer, body, blockLength, version).accountId(), buffer, offset, length);
                break;
            case AdlRankDecoder.TEMPLATE_ID:
                about(adlRank.wrap(buffer, body, blockLength, version).accountId(), buffer, offset, length);
                break;
            case InsuranceFundDecoder.TEMPLATE_ID:
                about(Liquidator.INSURANCE_FUND_ACCOUNT_ID, buffer, offset, length);
                break;
            default:
                break;
        }
    }

    // counterpartyAccountId is 0 when there is none, and 0 is also the insurance fund's id: the fund is the
    // counterparty only of the stages it takes part in
    private static boolean isCounterparty(final LiquidationEventType stage, final long counterparty)
    {
        if (Liquidator.INSURANCE_FUND_ACCOUNT_ID != counterparty)
        {
            return true;
        }
        return LiquidationEventType.TAKEN_BY_FUND == stage || LiquidationEventType.DEFICIT_COVERED == stage ||
            LiquidationEventType.DELEVERAGED == stage;
    }

    private void answer(final String answer, final String reason)
    {
        // the first answer is the input's own; what follows it (a liquidation's) is about accounts, not the input
        if (this.answer.isEmpty())
        {
            this.answer = answer;
            this.reason = reason;
        }
    }

    private void about(final long accountId, final DirectBuffer buffer, final int offset, final int length)
    {
        for (final Tracked t : tracked)
        {
            if (t.accountId == accountId)
            {
                t.outputs.add(printer.print(buffer, offset, length));
            }
        }
    }

    /**
     * After each input: which audited accounts it touched, and their lines.
     * <p>
     * {@inheritDoc}
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final int templateId = length >= MessageHeaderDecoder.ENCODED_LENGTH ?
            header.wrap(buffer, offset).templateId() : 0;
        final long first = addressed(buffer, offset, length, 0);
        final long second = addressed(buffer, offset, length, 1);
        final long timeNs = length >= MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES ?
            buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, LITTLE_ENDIAN) : 0;
        final boolean inWindow = timeNs >= fromNs && timeNs <= toNs;
        final long sequence = state.inputSequence();
        final int pricedAsset = pricedAsset(buffer, offset, length, templateId);
        String input = null;
        for (final Tracked t : tracked)
        {
            final int slot = state.accounts().slot(t.accountId);
            if (slot >= 0)
            {
                observer.accept(slot);
            }
            now.read(state.accounts(), slot);
            final boolean direct = t.accountId == first || t.accountId == second;
            // exact: the engine's figures of the account, read as a query would, differ from those after the
            // previous input (a price, a volatility, a funding payment, a parameter change, time passing)
            final boolean moved = now.differs(t.last);
            if (inWindow && (direct || !t.outputs.isEmpty()))
            {
                flushTicks(t);
                if (null == input)
                {
                    input = printer.print(buffer, offset, length);
                }
                line(t, direct, sequence, index, timeNs, input);
                if (direct)
                {
                    t.direct++;
                }
                else
                {
                    t.byMarket++;
                }
            }
            else if (inWindow && moved)
            {
                t.byMarket++;
                if (ticks)
                {
                    if (null == input)
                    {
                        input = printer.print(buffer, offset, length);
                    }
                    line(t, false, sequence, index, timeNs, input);
                }
                else
                {
                    tick(t, templateId, sequence, pricedAsset);
                }
            }
            t.last.copy(now);
            t.outputs.clear();
        }
        answer = "";
        reason = "";
        wouldAccept = "";
    }

    // the asset of an oracle price, -1 for other inputs
    private static int pricedAsset(
        final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        if (OraclePriceDecoder.TEMPLATE_ID != templateId ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + OraclePriceDecoder.BLOCK_LENGTH)
        {
            return -1;
        }
        return buffer.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH + OraclePriceDecoder.assetIdEncodingOffset(),
            LITTLE_ENDIAN);
    }

    /** At the end of the journal: the ticks not yet printed, then each account's figures. */
    void finish()
    {
        for (final Tracked t : tracked)
        {
            flushTicks(t);
            if (json)
            {
                final ObjectNode node = mapper.createObjectNode();
                node.put("account", t.accountId);
                node.put("end", true);
                node.put("inputsDirect", t.direct);
                node.put("inputsByMarket", t.byMarket);
                figures(node, t.last);
                out.println(node);
            }
            else
            {
                out.println("account " + t.accountId + " at the end: " + t.last.text() + "; " + t.direct +
                    " inputs addressed to it, " + t.byMarket + " others bore on its figures or its liquidation");
            }
        }
    }

    private void tick(final Tracked t, final int templateId, final long sequence, final int pricedAsset)
    {
        // the index the price left, for the collapsed line to say where the market went (assets 0 … 63)
        if (pricedAsset >= 0 && pricedAsset < Long.SIZE && state.assets().isDefined(pricedAsset))
        {
            t.tickPriced |= 1L << pricedAsset;
            t.tickPrices[pricedAsset] = state.assets().price(pricedAsset);
        }
        if (0 == t.tickCount)
        {
            t.tickFirst = sequence;
        }
        t.tickCount++;
        t.tickLast = sequence;
        t.tickKinds[templateId < MAX_TEMPLATE && templateId > 0 ? templateId : 0]++;
        t.tickFigures.copy(now);
    }

    private void flushTicks(final Tracked t)
    {
        if (0 == t.tickCount)
        {
            return;
        }
        if (json)
        {
            final ObjectNode node = mapper.createObjectNode();
            node.put("account", t.accountId);
            node.put("ticks", t.tickCount);
            node.put("firstInputSequence", t.tickFirst);
            node.put("lastInputSequence", t.tickLast);
            final ObjectNode kinds = node.putObject("kinds");
            for (int id = 0; id < MAX_TEMPLATE; id++)
            {
                if (t.tickKinds[id] > 0)
                {
                    kinds.put(INPUT_NAMES[id], t.tickKinds[id]);
                }
            }
            final ObjectNode prices = node.putObject("prices");
            for (long m = t.tickPriced; 0 != m; m &= m - 1)
            {
                final int a = Long.numberOfTrailingZeros(m);
                prices.put(state.assets().symbol(a), t.tickPrices[a]);
            }
            figures(node, t.tickFigures);
            out.println(node);
        }
        else
        {
            final StringBuilder kinds = new StringBuilder();
            for (int id = 0; id < MAX_TEMPLATE; id++)
            {
                if (t.tickKinds[id] > 0)
                {
                    kinds.append(kinds.length() > 0 ? ", " : "").append(INPUT_NAMES[id]).append(' ')
                        .append(t.tickKinds[id]);
                }
            }
            for (long m = t.tickPriced; 0 != m; m &= m - 1)
            {
                final int a = Long.numberOfTrailingZeros(m);
                kinds.append(m == t.tickPriced ? "; " : ", ").append(state.assets().symbol(a)).append(' ')
                    .append(Figures.price(t.tickPrices[a]));
            }
            out.println("~ #" + t.tickFirst + (t.tickFirst == t.tickLast ? "" : "..#" + t.tickLast) + " " +
                t.accountId + " " + t.tickCount + (1 == t.tickCount ? " input" : " inputs") +
                " bore on its figures (" + kinds + ") | " + t.tickFigures.text());
        }
        t.tickCount = 0;
        t.tickPriced = 0;
        Arrays.fill(t.tickKinds, 0);
    }

    private void line(
        final Tracked t, final boolean direct, final long sequence, final long index, final long timeNs,
        final String input)
    {
        if (json)
        {
            final ObjectNode node = mapper.createObjectNode();
            node.put("account", t.accountId);
            node.put("inputSequence", sequence);
            node.put("journalIndex", index);
            node.put("time", MessageTime.iso(timeNs));
            node.put("direct", direct);
            node.set("input", parse(input));
            node.put("answer", answer);
            node.put("reason", reason);
            if (!wouldAccept.isEmpty())
            {
                node.put("wouldAccept", "TRUE".equals(wouldAccept));
            }
            figures(node, now);
            final var outputs = node.putArray("outputs");
            for (final String output : t.outputs)
            {
                outputs.add(parse(output));
            }
            out.println(node);
            return;
        }
        final JsonNode frame = parse(input);
        final StringBuilder line = new StringBuilder(128);
        line.append(direct ? "#" : "~ #").append(sequence).append(' ').append(MessageTime.iso(timeNs)).append(' ')
            .append(t.accountId).append(' ').append(frame.path("type").asText());
        fields(frame, line);
        line.append(": ").append(answer.isEmpty() ? "-" : answer);
        if (!reason.isEmpty() && !"NONE".equals(reason))
        {
            line.append(' ').append(reason);
        }
        if (!wouldAccept.isEmpty())
        {
            line.append(" wouldAccept=").append(wouldAccept);
        }
        line.append(" | ").append(now.text());
        out.println(line);
        for (final String output : t.outputs)
        {
            final JsonNode node = parse(output);
            final String type = node.path("type").asText();
            if ("MarginUpdate".equals(type) || "CheckResult".equals(type) || "MarginQueryResult".equals(type))
            {
                continue; // their figures and answer are the line's
            }
            final StringBuilder sub = new StringBuilder("    ");
            if ("LiquidationEvent".equals(type))
            {
                liquidation(node, sub);
            }
            else
            {
                sub.append(type);
                fields(node, sub);
            }
            out.println(sub);
        }
    }

    // a liquidation stage and what explains it: the figures that decided it, the position and amount it moved,
    // and the underlying whose worst scenario sets the margin, with the share the position brings to that loss
    private void liquidation(final JsonNode event, final StringBuilder line)
    {
        line.append("liquidation ").append(event.path("liquidationId").asText()).append(' ')
            .append(event.path("stage").asText());
        if (event.path("step").asInt() > 0)
        {
            line.append(' ').append(event.path("step").asInt());
        }
        line.append(": E ").append(Figures.money(event.path("equity").asDouble()))
            .append(" IM ").append(Figures.money(event.path("initialMargin").asDouble()))
            .append(" MM ").append(Figures.money(event.path("maintenanceMargin").asDouble()));
        final int instrument = event.path("instrumentId").asInt(-1);
        if (instrument >= 0)
        {
            line.append("; ").append(event.path("quantity").asText()).append(' ').append(instrumentName(instrument))
                .append(" at ").append(Figures.money(event.path("price").asDouble()));
        }
        if (0.0 != event.path("amount").asDouble())
        {
            line.append("; amount ").append(Figures.money(event.path("amount").asDouble())).append(" USD");
        }
        if (0 != event.path("counterpartyAccountId").asLong() ||
            "TAKEN_BY_FUND".equals(event.path("stage").asText()) || "DELEVERAGED".equals(event.path("stage").asText()))
        {
            line.append("; counterparty ").append(event.path("counterpartyAccountId").asLong());
        }
        if (0 != event.path("liquidationOrderId").asLong())
        {
            line.append("; order ").append(event.path("liquidationOrderId").asLong());
        }
        if (0 != event.path("untilNs").asLong())
        {
            line.append(" until ").append(MessageTime.iso(event.path("untilNs").asLong()));
        }
        final int underlying = event.path("worstUnderlyingAssetId").asInt(-1);
        if (underlying >= 0)
        {
            line.append("; worst scenario ").append(event.path("worstScenario").asInt()).append(" of ")
                .append(state.assets().isDefined(underlying) ? state.assets().symbol(underlying) :
                    "asset " + underlying)
                .append(" loses ").append(Figures.money(event.path("worstScenarioLoss").asDouble()));
            if (instrument >= 0)
            {
                line.append(", the position ").append(Figures.money(event.path("contribution").asDouble()));
            }
        }
    }

    private String instrumentName(final int id)
    {
        return state.instruments().isDefined(id) ? state.instruments().symbol(id) : "instrument " + id;
    }

    // the frame's fields as key=value, the envelope (type, time, correlation and client ids) left out, ids of
    // assets and instruments followed by their symbols
    private void fields(final JsonNode frame, final StringBuilder line)
    {
        final Iterator<Map.Entry<String, JsonNode>> fields = frame.fields();
        while (fields.hasNext())
        {
            final Map.Entry<String, JsonNode> field = fields.next();
            final String key = field.getKey();
            if ("type".equals(key) || "timestampNs".equals(key) || "correlationId".equals(key) ||
                "clientId".equals(key))
            {
                continue;
            }
            line.append(' ').append(key).append('=').append(field.getValue().asText());
            final int id = field.getValue().asInt(-1);
            if (key.endsWith("nstrumentId") && state.instruments().isValidId(id) && state.instruments().isDefined(id))
            {
                line.append('(').append(state.instruments().symbol(id)).append(')');
            }
            else if ((key.endsWith("ssetId") || key.endsWith("AssetId")) && state.assets().isValidId(id) &&
                state.assets().isDefined(id))
            {
                line.append('(').append(state.assets().symbol(id)).append(')');
            }
        }
    }

    private void figures(final ObjectNode node, final Figures figures)
    {
        final ObjectNode f = node.putObject("figures");
        f.put("open", figures.open);
        number(f, "equity", figures.equity);
        number(f, "initialMargin", figures.initialMargin);
        number(f, "maintenanceMargin", figures.maintenanceMargin);
        number(f, "marginRatio", figures.marginRatio());
        f.put("state", AccountStates.name(figures.state));
    }

    private static void number(final ObjectNode node, final String name, final double value)
    {
        if (Double.isNaN(value))
        {
            node.putNull(name);
        }
        else
        {
            node.put(name, value);
        }
    }

    private JsonNode parse(final String printed)
    {
        try
        {
            return mapper.readTree(printed);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("the frame printer wrote invalid JSON: " + printed, ex);
        }
    }

    // The accounts an input is addressed to (the first or second it names), NONE when it names fewer. A frame
    // too short for its template names none: the engine refuses it as malformed without reading an account.
    private long addressed(final DirectBuffer buffer, final int offset, final int length, final int which)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return NONE;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int firstOffset;
        final int secondOffset;
        final int blockLength;
        switch (templateId)
        {
            case AccountOpenDecoder.TEMPLATE_ID:
                firstOffset = AccountOpenDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = AccountOpenDecoder.BLOCK_LENGTH;
                break;
            case DepositDecoder.TEMPLATE_ID:
                firstOffset = DepositDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = DepositDecoder.BLOCK_LENGTH;
                break;
            case WithdrawalDecoder.TEMPLATE_ID:
                firstOffset = WithdrawalDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = WithdrawalDecoder.BLOCK_LENGTH;
                break;
            case FillDecoder.TEMPLATE_ID:
                firstOffset = FillDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = FillDecoder.BLOCK_LENGTH;
                break;
            case OrderCheckDecoder.TEMPLATE_ID:
                firstOffset = OrderCheckDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = OrderCheckDecoder.BLOCK_LENGTH;
                break;
            case OrderDoneDecoder.TEMPLATE_ID:
                firstOffset = OrderDoneDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = OrderDoneDecoder.BLOCK_LENGTH;
                break;
            case MarginQueryDecoder.TEMPLATE_ID:
                firstOffset = MarginQueryDecoder.accountIdEncodingOffset();
                secondOffset = -1;
                blockLength = MarginQueryDecoder.BLOCK_LENGTH;
                break;
            case AuctionBidDecoder.TEMPLATE_ID:
                firstOffset = AuctionBidDecoder.bidderAccountIdEncodingOffset();
                secondOffset = -1;
                blockLength = AuctionBidDecoder.BLOCK_LENGTH;
                break;
            case AccountTransferDecoder.TEMPLATE_ID:
                firstOffset = AccountTransferDecoder.fromAccountIdEncodingOffset();
                secondOffset = AccountTransferDecoder.toAccountIdEncodingOffset();
                blockLength = AccountTransferDecoder.BLOCK_LENGTH;
                break;
            case IsolatedAccountOpenDecoder.TEMPLATE_ID:
                firstOffset = IsolatedAccountOpenDecoder.accountIdEncodingOffset();
                secondOffset = IsolatedAccountOpenDecoder.parentAccountIdEncodingOffset();
                blockLength = IsolatedAccountOpenDecoder.BLOCK_LENGTH;
                break;
            default:
                return NONE;
        }
        final int fieldOffset = 0 == which ? firstOffset : secondOffset;
        if (fieldOffset < 0 || header.blockLength() < blockLength ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            return NONE;
        }
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + fieldOffset, LITTLE_ENDIAN);
    }

    private static String[] inputNames()
    {
        final String[] names = new String[MAX_TEMPLATE];
        Arrays.fill(names, "unreadable");
        names[AccountOpenDecoder.TEMPLATE_ID] = "AccountOpen";
        names[AssetDefinitionDecoder.TEMPLATE_ID] = "AssetDefinition";
        names[InstrumentDefinitionDecoder.TEMPLATE_ID] = "InstrumentDefinition";
        names[DepositDecoder.TEMPLATE_ID] = "Deposit";
        names[WithdrawalDecoder.TEMPLATE_ID] = "Withdrawal";
        names[OraclePriceDecoder.TEMPLATE_ID] = "OraclePrice";
        names[OptionVolatilityDecoder.TEMPLATE_ID] = "OptionVolatility";
        names[FillDecoder.TEMPLATE_ID] = "Fill";
        names[OrderCheckDecoder.TEMPLATE_ID] = "OrderCheck";
        names[OrderDoneDecoder.TEMPLATE_ID] = "OrderDone";
        names[FundingPaymentDecoder.TEMPLATE_ID] = "FundingPayment";
        names[ParameterUpdateDecoder.TEMPLATE_ID] = "ParameterUpdate";
        names[HeartbeatDecoder.TEMPLATE_ID] = "Heartbeat";
        names[AdminCommandDecoder.TEMPLATE_ID] = "AdminCommand";
        names[MarginQueryDecoder.TEMPLATE_ID] = "MarginQuery";
        names[LiquidationFillDecoder.TEMPLATE_ID] = "LiquidationFill";
        names[AuctionBidDecoder.TEMPLATE_ID] = "AuctionBid";
        names[AccountTransferDecoder.TEMPLATE_ID] = "AccountTransfer";
        names[IsolatedAccountOpenDecoder.TEMPLATE_ID] = "IsolatedAccountOpen";
        names[ParameterScheduleDecoder.TEMPLATE_ID] = "ParameterSchedule";
        return names;
    }
}
