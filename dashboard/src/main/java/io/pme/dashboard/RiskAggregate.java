package io.pme.dashboard;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pme.codecs.AccountState;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.InsuranceFundDecoder;
import io.pme.codecs.LiquidationEventDecoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.MarginUpdateDecoder;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OracleCause;
import io.pme.codecs.OracleState;
import io.pme.codecs.OracleStatusDecoder;
import io.pme.codecs.ParameterChangeDecoder;
import io.pme.codecs.ParameterChangeStatus;
import io.pme.codecs.ParameterId;
import io.pme.codecs.RejectDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.io.IOException;
import java.util.function.IntFunction;

/**
 * What the page shows, kept from the engine's output frames by one thread, the one that polls the subscription:
 * every figure is a primitive in an array sized once, so a frame costs no allocation and a million accounts cost a
 * fixed amount of memory. The same thread writes the snapshot the pages receive ({@link #write}).
 * The figures are those published, as they were last published: an account's margin ratio is that of its latest
 * {@code MarginUpdate}, which the engine sends when the account's own balances, positions or state change.
 */
public final class RiskAggregate
{
    /** Upper bounds of the margin-ratio (equity / maintenance margin) histogram's bins, the last one open. */
    static final double[] RATIO_EDGES = {0, 0.5, 1, 1.1, 1.25, 1.5, 2, 3, 5, 10};
    /** The bins' labels, one more than {@link #RATIO_EDGES}. */
    static final String[] RATIO_LABELS =
        {"<0", "0-0.5", "0.5-1", "1-1.1", "1.1-1.25", "1.25-1.5", "1.5-2", "2-3", "3-5", "5-10", ">=10"};
    /** Assets whose oracle status and effective parameters are kept: their ids index the arrays. */
    static final int MAX_ASSETS = 1024;
    /** Liquidations followed at once; more are counted only. */
    static final int MAX_LIQUIDATIONS = 4096;
    /** Liquidations in progress the snapshot lists, the oldest first. */
    static final int LISTED_LIQUIDATIONS = 50;
    /** Scheduled parameter changes kept until they apply, fail or are cancelled. */
    static final int MAX_PENDING = 256;
    /** Recent parameter changes the snapshot lists. */
    static final int RECENT_CHANGES = 32;
    /** Points of the insurance fund's series: when full, every other one goes and the series covers the run. */
    static final int FUND_POINTS = 1024;

    private static final int NO_MARGIN_BIN = RATIO_LABELS.length;
    private static final int UNMARGINED_BIN = NO_MARGIN_BIN + 1;
    private static final byte NOT_COUNTED = -1;
    private static final int TEMPLATES = 256;
    private static final long MISSING = -1;

    private static final String[] ACCOUNT_STATES = names(8, v -> AccountState.get((short)v).name());
    private static final String[] STAGES = names(16, v -> LiquidationEventType.get((short)v).name());
    private static final String[] ORACLE_STATES = names(8, v -> OracleState.get((short)v).name());
    private static final String[] ORACLE_CAUSES = names(16, v -> OracleCause.get((short)v).name());
    private static final String[] CHANGE_STATUSES = names(8, v -> ParameterChangeStatus.get((short)v).name());
    private static final String[] PARAMETERS = names(32, v -> ParameterId.get(v).name());

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarginUpdateDecoder marginUpdate = new MarginUpdateDecoder();
    private final LiquidationEventDecoder liquidationEvent = new LiquidationEventDecoder();
    private final InsuranceFundDecoder insuranceFund = new InsuranceFundDecoder();
    private final OracleStatusDecoder oracleStatus = new OracleStatusDecoder();
    private final ParameterChangeDecoder parameterChange = new ParameterChangeDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final RejectDecoder reject = new RejectDecoder();

    private final int topAccounts;
    private final int maxAccounts;
    private final long[] messages = new long[TEMPLATES];
    private long frames;
    private long otherSchemaFrames;
    private long lastTimestampNs;
    private long checksAccepted;
    private long checksRejected;
    private long rejects;

    // accounts: id to slot, then one array per figure
    private final Long2LongHashMap slots;
    private final long[] accountIds;
    private final double[] equity;
    private final double[] maintenanceMargin;
    private final byte[] state;
    private final byte[] bin;
    private final long[] binCounts = new long[UNMARGINED_BIN + 1];
    private final long[] stateCounts = new long[ACCOUNT_STATES.length];
    private int accounts;
    private long accountsOverCapacity;
    private final int[] topSlots;
    private final double[] topRatios;

    private final Liquidations liquidations = new Liquidations();
    private final Oracles oracles = new Oracles();
    private final Parameters parameters = new Parameters();

    // the insurance fund: its latest balance and a thinned series of (engine time, balance)
    private final long[] fundTimes = new long[FUND_POINTS];
    private final double[] fundBalances = new double[FUND_POINTS];
    private int fundPoints;
    private double fundBalance = Double.NaN;
    private long fundChanges;

    /**
     * @param maxAccounts accounts kept, the arrays' size.
     * @param topAccounts how many of the accounts closest to liquidation a snapshot lists.
     */
    public RiskAggregate(final int maxAccounts, final int topAccounts)
    {
        this.maxAccounts = maxAccounts;
        this.topAccounts = topAccounts;
        slots = new Long2LongHashMap(Math.min(maxAccounts, 1 << 16), 0.65f, MISSING);
        accountIds = new long[maxAccounts];
        equity = new double[maxAccounts];
        maintenanceMargin = new double[maxAccounts];
        state = new byte[maxAccounts];
        bin = new byte[maxAccounts];
        topSlots = new int[topAccounts];
        topRatios = new double[topAccounts];
    }

    /**
     * One output frame of the engine: kept if it is one the page shows, counted in any case.
     *
     * @param buffer the frame's buffer.
     * @param offset where the frame's SBE header starts.
     * @param length the frame's length.
     */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            otherSchemaFrames++;
            return;
        }
        header.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != header.schemaId())
        {
            otherSchemaFrames++;
            return;
        }
        frames++;
        final int templateId = header.templateId();
        messages[templateId & (TEMPLATES - 1)]++;
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case MarginUpdateDecoder.TEMPLATE_ID:
                marginUpdate.wrap(buffer, body, blockLength, version);
                lastTimestampNs = marginUpdate.timestampNs();
                onMarginUpdate(marginUpdate.accountId(), marginUpdate.stateRaw(), marginUpdate.equity(),
                    marginUpdate.maintenanceMargin());
                break;

            case LiquidationEventDecoder.TEMPLATE_ID:
                liquidationEvent.wrap(buffer, body, blockLength, version);
                lastTimestampNs = liquidationEvent.timestampNs();
                liquidations.on(liquidationEvent);
                break;

            case InsuranceFundDecoder.TEMPLATE_ID:
                insuranceFund.wrap(buffer, body, blockLength, version);
                lastTimestampNs = insuranceFund.timestampNs();
                onInsuranceFund(insuranceFund.timestampNs(), insuranceFund.balance());
                break;

            case OracleStatusDecoder.TEMPLATE_ID:
                oracleStatus.wrap(buffer, body, blockLength, version);
                lastTimestampNs = oracleStatus.timestampNs();
                oracles.on(oracleStatus);
                break;

            case ParameterChangeDecoder.TEMPLATE_ID:
                parameterChange.wrap(buffer, body, blockLength, version);
                lastTimestampNs = parameterChange.timestampNs();
                parameters.on(parameterChange);
                break;

            case CheckResultDecoder.TEMPLATE_ID:
                checkResult.wrap(buffer, body, blockLength, version);
                lastTimestampNs = checkResult.timestampNs();
                if (CheckOutcome.ACCEPTED.value() == checkResult.outcomeRaw())
                {
                    checksAccepted++;
                }
                else
                {
                    checksRejected++;
                }
                break;

            case RejectDecoder.TEMPLATE_ID:
                reject.wrap(buffer, body, blockLength, version);
                lastTimestampNs = reject.timestampNs();
                rejects++;
                break;

            default:
                break;
        }
    }

    /**
     * @return accounts with figures kept.
     */
    public int accounts()
    {
        return accounts;
    }

    /**
     * @return frames of the engine's schema received.
     */
    public long frames()
    {
        return frames;
    }

    private void onMarginUpdate(final long accountId, final short stateValue, final double equity,
        final double maintenanceMargin)
    {
        long slot = slots.get(accountId);
        if (MISSING == slot)
        {
            if (accounts == maxAccounts)
            {
                accountsOverCapacity++;
                return;
            }
            slot = accounts++;
            slots.put(accountId, slot);
            accountIds[(int)slot] = accountId;
            bin[(int)slot] = NOT_COUNTED;
            state[(int)slot] = NOT_COUNTED;
        }
        final int s = (int)slot;
        final byte previousBin = bin[s];
        final byte previousState = state[s];
        if (NOT_COUNTED != previousBin)
        {
            binCounts[previousBin]--;
        }
        if (NOT_COUNTED != previousState)
        {
            stateCounts[previousState]--;
        }
        final byte newState = stateValue >= 0 && stateValue < ACCOUNT_STATES.length ? (byte)stateValue : NOT_COUNTED;
        final byte newBin = (byte)bin(newState, equity, maintenanceMargin);
        this.equity[s] = equity;
        this.maintenanceMargin[s] = maintenanceMargin;
        state[s] = newState;
        bin[s] = newBin;
        binCounts[newBin]++;
        if (NOT_COUNTED != newState)
        {
            stateCounts[newState]++;
        }
    }

    static int bin(final byte state, final double equity, final double maintenanceMargin)
    {
        if (AccountState.UNMARGINED.value() == state || Double.isNaN(equity) || Double.isNaN(maintenanceMargin))
        {
            return UNMARGINED_BIN;
        }
        if (maintenanceMargin <= 0)
        {
            return NO_MARGIN_BIN;
        }
        final double ratio = equity / maintenanceMargin;
        int i = 0;
        while (i < RATIO_EDGES.length && ratio >= RATIO_EDGES[i])
        {
            i++;
        }
        return i;
    }

    private void onInsuranceFund(final long timestampNs, final double balance)
    {
        fundBalance = balance;
        fundChanges++;
        if (fundPoints == FUND_POINTS)
        {
            // every other point goes, the newest kept: the series spans the whole run in a fixed space
            int kept = 0;
            for (int i = 1; i < FUND_POINTS; i += 2)
            {
                fundTimes[kept] = fundTimes[i];
                fundBalances[kept] = fundBalances[i];
                kept++;
            }
            fundPoints = kept;
        }
        fundTimes[fundPoints] = timestampNs;
        fundBalances[fundPoints] = balance;
        fundPoints++;
    }

    /**
     * Writes the snapshot the pages receive: one JSON object.
     *
     * @param json      where it goes.
     * @param connected whether the engine's output stream is connected now.
     * @throws IOException if the generator cannot write.
     */
    public void write(final JsonGenerator json, final boolean connected) throws IOException
    {
        json.writeStartObject();
        json.writeBooleanField("connected", connected);
        json.writeNumberField("engineTimeNs", lastTimestampNs);
        json.writeNumberField("frames", frames);
        json.writeNumberField("otherFrames", otherSchemaFrames);
        json.writeNumberField("checksAccepted", checksAccepted);
        json.writeNumberField("checksRejected", checksRejected);
        json.writeNumberField("rejects", rejects);
        json.writeNumberField("marginUpdates", messages[MarginUpdateDecoder.TEMPLATE_ID]);
        writeAccounts(json);
        writeClosest(json);
        liquidations.write(json);
        writeFund(json);
        oracles.write(json);
        parameters.write(json);
        json.writeEndObject();
    }

    private void writeAccounts(final JsonGenerator json) throws IOException
    {
        json.writeObjectFieldStart("accounts");
        json.writeNumberField("count", accounts);
        json.writeNumberField("overCapacity", accountsOverCapacity);
        json.writeNumberField("noMaintenanceMargin", binCounts[NO_MARGIN_BIN]);
        json.writeNumberField("unmargined", binCounts[UNMARGINED_BIN]);
        json.writeObjectFieldStart("states");
        for (int i = 0; i < ACCOUNT_STATES.length; i++)
        {
            if (null != ACCOUNT_STATES[i])
            {
                json.writeNumberField(ACCOUNT_STATES[i], stateCounts[i]);
            }
        }
        json.writeEndObject();
        json.writeArrayFieldStart("ratioBins");
        for (final String label : RATIO_LABELS)
        {
            json.writeString(label);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("ratioCounts");
        for (int i = 0; i < RATIO_LABELS.length; i++)
        {
            json.writeNumber(binCounts[i]);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * The accounts not yet in liquidation with the lowest margin ratio, lowest first (the lower account id first
     * among equals), found in one pass over the accounts with a fixed array of the best so far.
     */
    private void writeClosest(final JsonGenerator json) throws IOException
    {
        int found = 0;
        for (int s = 0; s < accounts; s++)
        {
            final byte st = state[s];
            final double mm = maintenanceMargin[s];
            if ((AccountState.HEALTHY.value() != st && AccountState.RESTRICTED.value() != st) || !(mm > 0))
            {
                continue;
            }
            final double ratio = equity[s] / mm;
            if (Double.isNaN(ratio) || (found == topAccounts && !closer(ratio, s, topRatios[found - 1],
                topSlots[found - 1])))
            {
                continue;
            }
            int i = found == topAccounts ? found - 1 : found++;
            while (i > 0 && closer(ratio, s, topRatios[i - 1], topSlots[i - 1]))
            {
                topRatios[i] = topRatios[i - 1];
                topSlots[i] = topSlots[i - 1];
                i--;
            }
            topRatios[i] = ratio;
            topSlots[i] = s;
        }
        json.writeArrayFieldStart("closest");
        for (int i = 0; i < found; i++)
        {
            final int s = topSlots[i];
            json.writeStartObject();
            json.writeNumberField("accountId", accountIds[s]);
            json.writeNumberField("ratio", topRatios[i]);
            json.writeNumberField("equity", equity[s]);
            json.writeNumberField("maintenanceMargin", maintenanceMargin[s]);
            json.writeStringField("state", ACCOUNT_STATES[state[s]]);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private boolean closer(final double ratio, final int slot, final double otherRatio, final int otherSlot)
    {
        return ratio < otherRatio || (ratio == otherRatio && accountIds[slot] < accountIds[otherSlot]);
    }

    private void writeFund(final JsonGenerator json) throws IOException
    {
        json.writeObjectFieldStart("insuranceFund");
        writeNumberOrNull(json, "balance", fundBalance);
        json.writeNumberField("changes", fundChanges);
        json.writeArrayFieldStart("timeNs");
        for (int i = 0; i < fundPoints; i++)
        {
            json.writeNumber(fundTimes[i]);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("balances");
        for (int i = 0; i < fundPoints; i++)
        {
            json.writeNumber(fundBalances[i]);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeNumberOrNull(final JsonGenerator json, final String name, final double value) throws IOException
    {
        if (Double.isFinite(value))
        {
            json.writeNumberField(name, value);
        }
        else
        {
            json.writeNullField(name);
        }
    }

    static String name(final String[] names, final int value)
    {
        return value >= 0 && value < names.length && null != names[value] ? names[value] : Integer.toString(value);
    }

    private static String[] names(final int size, final IntFunction<String> name)
    {
        final String[] names = new String[size];
        for (int v = 0; v < size; v++)
        {
            try
            {
                final String n = name.apply(v);
                names[v] = "NULL_VAL".equals(n) ? null : n;
            }
            catch (final IllegalArgumentException ex)
            {
                names[v] = null;
            }
        }
        return names;
    }

    /** Liquidations in progress, by liquidation id, in fixed arrays with a free list. */
    private static final class Liquidations
    {
        private final Long2LongHashMap byId = new Long2LongHashMap(MAX_LIQUIDATIONS * 2, 0.65f, MISSING);
        private final long[] ids = new long[MAX_LIQUIDATIONS];
        private final long[] accountIds = new long[MAX_LIQUIDATIONS];
        private final long[] startedNs = new long[MAX_LIQUIDATIONS];
        private final long[] untilNs = new long[MAX_LIQUIDATIONS];
        private final short[] stages = new short[MAX_LIQUIDATIONS];
        private final int[] steps = new int[MAX_LIQUIDATIONS];
        private final double[] equity = new double[MAX_LIQUIDATIONS];
        private final double[] maintenanceMargin = new double[MAX_LIQUIDATIONS];
        private final boolean[] inAuction = new boolean[MAX_LIQUIDATIONS];
        private final boolean[] used = new boolean[MAX_LIQUIDATIONS];
        private final int[] free = new int[MAX_LIQUIDATIONS];
        private final long[] stageCounts = new long[STAGES.length];
        private final int[] listed = new int[LISTED_LIQUIDATIONS];
        private int freeCount = MAX_LIQUIDATIONS;
        private int auctions;
        private long untracked;

        Liquidations()
        {
            for (int i = 0; i < MAX_LIQUIDATIONS; i++)
            {
                free[i] = MAX_LIQUIDATIONS - 1 - i;
            }
        }

        void on(final LiquidationEventDecoder event)
        {
            final short stage = event.stageRaw();
            if (stage >= 0 && stage < stageCounts.length)
            {
                stageCounts[stage]++;
            }
            final long id = event.liquidationId();
            final boolean ends = LiquidationEventType.RECOVERED.value() == stage ||
                LiquidationEventType.CLOSED.value() == stage;
            long at = byId.get(id);
            if (MISSING == at)
            {
                // one begun before the dashboard started is followed from its first event seen
                if (ends)
                {
                    return;
                }
                if (0 == freeCount)
                {
                    untracked++;
                    return;
                }
                at = free[--freeCount];
                byId.put(id, at);
                final int i = (int)at;
                ids[i] = id;
                used[i] = true;
                accountIds[i] = event.accountId();
                startedNs[i] = event.timestampNs();
                inAuction[i] = false;
                untilNs[i] = 0;
            }
            final int i = (int)at;
            if (ends)
            {
                auctions -= inAuction[i] ? 1 : 0;
                byId.remove(id);
                used[i] = false;
                free[freeCount++] = i;
                return;
            }
            stages[i] = stage;
            steps[i] = event.step();
            equity[i] = event.equity();
            maintenanceMargin[i] = event.maintenanceMargin();
            untilNs[i] = event.untilNs();
            final boolean auction = LiquidationEventType.AUCTION_STARTED.value() == stage ||
                (inAuction[i] && LiquidationEventType.AUCTION_WON.value() != stage &&
                LiquidationEventType.TAKEN_BY_FUND.value() != stage);
            auctions += (auction ? 1 : 0) - (inAuction[i] ? 1 : 0);
            inAuction[i] = auction;
        }

        void write(final JsonGenerator json) throws IOException
        {
            json.writeObjectFieldStart("liquidations");
            json.writeNumberField("inProgress", MAX_LIQUIDATIONS - freeCount);
            json.writeNumberField("auctions", auctions);
            json.writeNumberField("untracked", untracked);
            json.writeObjectFieldStart("stages");
            for (int s = 0; s < stageCounts.length; s++)
            {
                if (null != STAGES[s])
                {
                    json.writeNumberField(STAGES[s], stageCounts[s]);
                }
            }
            json.writeEndObject();
            json.writeArrayFieldStart("active");
            final int count = oldest();
            for (int k = 0; k < count; k++)
            {
                final int i = listed[k];
                json.writeStartObject();
                json.writeNumberField("liquidationId", ids[i]);
                json.writeNumberField("accountId", accountIds[i]);
                json.writeStringField("stage", name(STAGES, stages[i]));
                json.writeNumberField("step", steps[i]);
                json.writeBooleanField("auction", inAuction[i]);
                writeNumberOrNull(json, "equity", equity[i]);
                writeNumberOrNull(json, "maintenanceMargin", maintenanceMargin[i]);
                json.writeNumberField("startedNs", startedNs[i]);
                json.writeNumberField("untilNs", untilNs[i]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }

        // the oldest liquidations in progress (lowest id first), an insertion into a fixed array
        private int oldest()
        {
            int count = 0;
            for (int i = 0; i < MAX_LIQUIDATIONS; i++)
            {
                if (!used[i])
                {
                    continue;
                }
                if (count == LISTED_LIQUIDATIONS && ids[i] > ids[listed[count - 1]])
                {
                    continue;
                }
                int k = count == LISTED_LIQUIDATIONS ? count - 1 : count++;
                while (k > 0 && ids[i] < ids[listed[k - 1]])
                {
                    listed[k] = listed[k - 1];
                    k--;
                }
                listed[k] = i;
            }
            return count;
        }
    }

    /** The latest OracleStatus of each asset, indexed by asset id. */
    private static final class Oracles
    {
        private final boolean[] seen = new boolean[MAX_ASSETS];
        private final short[] status = new short[MAX_ASSETS];
        private final short[] cause = new short[MAX_ASSETS];
        private final double[] index = new double[MAX_ASSETS];
        private final double[] candidate = new double[MAX_ASSETS];
        private final int[] fresh = new int[MAX_ASSETS];
        private final int[] used = new int[MAX_ASSETS];
        private final double[] spread = new double[MAX_ASSETS];
        private final long[] oldestAgeNs = new long[MAX_ASSETS];
        private final long[] updatedNs = new long[MAX_ASSETS];
        private final long[] updates = new long[MAX_ASSETS];
        private final long[] degraded = new long[MAX_ASSETS];
        private long outOfRange;

        void on(final OracleStatusDecoder message)
        {
            final int asset = message.assetId();
            if (asset < 0 || asset >= MAX_ASSETS)
            {
                outOfRange++;
                return;
            }
            seen[asset] = true;
            status[asset] = message.statusRaw();
            cause[asset] = message.causeRaw();
            index[asset] = message.indexPrice();
            candidate[asset] = message.candidatePrice();
            fresh[asset] = message.sourcesFresh();
            used[asset] = message.sourcesUsed();
            spread[asset] = message.spread();
            oldestAgeNs[asset] = message.oldestAgeNs();
            updatedNs[asset] = message.timestampNs();
            updates[asset]++;
            degraded[asset] += OracleCause.DEGRADED.value() == message.causeRaw() ? 1 : 0;
        }

        void write(final JsonGenerator json) throws IOException
        {
            json.writeObjectFieldStart("oracle");
            json.writeNumberField("outOfRange", outOfRange);
            json.writeArrayFieldStart("assets");
            for (int a = 0; a < MAX_ASSETS; a++)
            {
                if (!seen[a])
                {
                    continue;
                }
                json.writeStartObject();
                json.writeNumberField("assetId", a);
                json.writeStringField("status", name(ORACLE_STATES, status[a]));
                json.writeStringField("cause", name(ORACLE_CAUSES, cause[a]));
                writeNumberOrNull(json, "index", index[a]);
                writeNumberOrNull(json, "candidate", candidate[a]);
                json.writeNumberField("sourcesFresh", fresh[a]);
                json.writeNumberField("sourcesUsed", used[a]);
                writeNumberOrNull(json, "spread", spread[a]);
                json.writeNumberField("oldestAgeNs", oldestAgeNs[a]);
                json.writeNumberField("updatedNs", updatedNs[a]);
                json.writeNumberField("updates", updates[a]);
                json.writeNumberField("degradedEvents", degraded[a]);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Effective parameters per asset, scheduled changes not yet settled, and the latest changes. */
    private static final class Parameters
    {
        private long version;
        private final boolean[] effectiveSeen = new boolean[MAX_ASSETS];
        private final double[] priceRange = new double[MAX_ASSETS];
        private final double[] haircutScale = new double[MAX_ASSETS];
        private final long[] effectiveNs = new long[MAX_ASSETS];
        private final Change pending = new Change(MAX_PENDING);
        private final Change recent = new Change(RECENT_CHANGES);
        private long changes;

        void on(final ParameterChangeDecoder message)
        {
            changes++;
            final short status = message.statusRaw();
            final int asset = message.assetId();
            if (ParameterChangeStatus.EFFECTIVE.value() == status)
            {
                version = Math.max(version, message.version());
                if (asset >= 0 && asset < MAX_ASSETS)
                {
                    effectiveSeen[asset] = true;
                    priceRange[asset] = message.value();
                    haircutScale[asset] = message.value2();
                    effectiveNs[asset] = message.effectiveNs();
                }
                return;
            }
            if (ParameterChangeStatus.APPLIED.value() == status)
            {
                version = Math.max(version, message.version());
            }
            if (ParameterChangeStatus.SCHEDULED.value() == status)
            {
                pending.add(message);
            }
            else
            {
                pending.removeVersion(message.version());
            }
            recent.add(message);
        }

        void write(final JsonGenerator json) throws IOException
        {
            json.writeObjectFieldStart("parameters");
            json.writeNumberField("version", version);
            json.writeNumberField("changes", changes);
            json.writeArrayFieldStart("effective");
            for (int a = 0; a < MAX_ASSETS; a++)
            {
                if (effectiveSeen[a])
                {
                    json.writeStartObject();
                    json.writeNumberField("assetId", a);
                    writeNumberOrNull(json, "priceRange", priceRange[a]);
                    writeNumberOrNull(json, "haircutScale", haircutScale[a]);
                    json.writeNumberField("sinceNs", effectiveNs[a]);
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeFieldName("pending");
            pending.write(json);
            json.writeFieldName("recent");
            recent.write(json);
            json.writeEndObject();
        }
    }

    /**
     * Parameter changes in a ring of fixed size, oldest first; when full the oldest goes.
     */
    private static final class Change
    {
        private final int capacity;
        private final long[] version;
        private final short[] status;
        private final long[] effectiveNs;
        private final int[] parameterId;
        private final int[] assetId;
        private final int[] index;
        private final double[] value;
        private final double[] value2;
        private int start;
        private int size;

        Change(final int capacity)
        {
            this.capacity = capacity;
            version = new long[capacity];
            status = new short[capacity];
            effectiveNs = new long[capacity];
            parameterId = new int[capacity];
            assetId = new int[capacity];
            index = new int[capacity];
            value = new double[capacity];
            value2 = new double[capacity];
        }

        void add(final ParameterChangeDecoder message)
        {
            if (size == capacity)
            {
                start = (start + 1) % capacity;
                size--;
            }
            final int i = (start + size) % capacity;
            size++;
            version[i] = message.version();
            status[i] = message.statusRaw();
            effectiveNs[i] = message.effectiveNs();
            parameterId[i] = message.parameterIdRaw();
            assetId[i] = message.assetId();
            index[i] = message.index();
            value[i] = message.value();
            value2[i] = message.value2();
        }

        // keeps the order of those that stay
        void removeVersion(final long removed)
        {
            int kept = 0;
            for (int k = 0; k < size; k++)
            {
                final int from = (start + k) % capacity;
                if (version[from] != removed)
                {
                    move(from, (start + kept) % capacity);
                    kept++;
                }
            }
            size = kept;
        }

        private void move(final int from, final int to)
        {
            version[to] = version[from];
            status[to] = status[from];
            effectiveNs[to] = effectiveNs[from];
            parameterId[to] = parameterId[from];
            assetId[to] = assetId[from];
            index[to] = index[from];
            value[to] = value[from];
            value2[to] = value2[from];
        }

        void write(final JsonGenerator json) throws IOException
        {
            json.writeStartArray();
            for (int k = 0; k < size; k++)
            {
                final int i = (start + k) % capacity;
                json.writeStartObject();
                json.writeNumberField("version", version[i]);
                json.writeStringField("status", name(CHANGE_STATUSES, status[i]));
                json.writeNumberField("effectiveNs", effectiveNs[i]);
                json.writeStringField("parameter", name(PARAMETERS, parameterId[i]));
                json.writeNumberField("assetId", assetId[i]);
                json.writeNumberField("index", index[i]);
                writeNumberOrNull(json, "value", value[i]);
                writeNumberOrNull(json, "value2", value2[i]);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }
}
