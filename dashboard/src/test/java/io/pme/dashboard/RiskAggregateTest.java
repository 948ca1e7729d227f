package io.pme.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pme.codecs.AccountState;
import io.pme.codecs.InsuranceFundEncoder;
import io.pme.codecs.LiquidationEventEncoder;
import io.pme.codecs.LiquidationEventType;
import io.pme.codecs.MarginUpdateEncoder;
import io.pme.codecs.MessageHeaderEncoder;
import io.pme.codecs.ParameterChangeEncoder;
import io.pme.codecs.ParameterChangeStatus;
import io.pme.codecs.ParameterId;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aggregate from encoded output frames to the snapshot the page reads: every account in exactly one bin of its
 * latest figures, the closest to liquidation the lowest ratios, liquidations and auctions in progress from their
 * stages, pending parameter changes until settled, the fund's series bounded.
 */
class RiskAggregateTest
{
    private static final AccountState[] STATES =
        {AccountState.HEALTHY, AccountState.RESTRICTED, AccountState.LIQUIDATION, AccountState.UNMARGINED};

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    /** One update: account id (small, so accounts are updated again), state index, equity, maintenance margin. */
    record Update(int account, int state, double equity, double maintenanceMargin)
    {
    }

    @Property(tries = 200)
    void everyAccountIsInOneBinOfItsLatestFiguresAndTheClosestAreTheLowestRatios(
        @ForAll @Size(max = 300) final List<@IntRange(min = 1, max = 60) Integer> accounts,
        @ForAll @Size(max = 300) final List<@IntRange(min = 0, max = 3) Integer> states,
        @ForAll @Size(max = 300) final List<@DoubleRange(min = -1_000, max = 100_000) Double> equities,
        @ForAll @Size(max = 300) final List<@DoubleRange(min = 0, max = 10_000) Double> margins) throws IOException
    {
        final int n = Math.min(Math.min(accounts.size(), states.size()), Math.min(equities.size(), margins.size()));
        final RiskAggregate aggregate = new RiskAggregate(1_000, 5);
        final Map<Long, Update> latest = new TreeMap<>();
        for (int i = 0; i < n; i++)
        {
            final Update update = new Update(accounts.get(i), states.get(i), equities.get(i), margins.get(i));
            latest.put((long)update.account(), update);
            marginUpdate(aggregate, update);
        }

        final JsonNode snapshot = snapshot(aggregate);
        final JsonNode figures = snapshot.path("accounts");
        assertEquals(latest.size(), figures.path("count").asInt());
        final long[] expected = new long[RiskAggregate.RATIO_LABELS.length + 2];
        final List<Update> candidates = new ArrayList<>();
        for (final Update update : latest.values())
        {
            expected[RiskAggregate.bin((byte)STATES[update.state()].value(), update.equity(),
                update.maintenanceMargin())]++;
            if (update.state() <= 1 && update.maintenanceMargin() > 0)
            {
                candidates.add(update);
            }
        }
        for (int b = 0; b < RiskAggregate.RATIO_LABELS.length; b++)
        {
            assertEquals(expected[b], figures.path("ratioCounts").get(b).asLong(), "bin " + b);
        }
        assertEquals(expected[RiskAggregate.RATIO_LABELS.length], figures.path("noMaintenanceMargin").asLong());
        assertEquals(expected[RiskAggregate.RATIO_LABELS.length + 1], figures.path("unmargined").asLong());

        candidates.sort(Comparator.comparingDouble((Update u) -> u.equity() / u.maintenanceMargin())
            .thenComparingInt(Update::account));
        final JsonNode closest = snapshot.path("closest");
        assertEquals(Math.min(5, candidates.size()), closest.size());
        for (int i = 0; i < closest.size(); i++)
        {
            assertEquals(candidates.get(i).account(), closest.get(i).path("accountId").asInt(), closest::toString);
        }
    }

    @Test
    void binsByRatioWithTheirEdgesInTheUpperBin()
    {
        assertEquals(0, RiskAggregate.bin((byte)0, -1, 10));
        assertEquals(2, RiskAggregate.bin((byte)0, 5, 10));
        assertEquals(3, RiskAggregate.bin((byte)0, 10, 10));
        assertEquals(RiskAggregate.RATIO_LABELS.length - 1, RiskAggregate.bin((byte)0, 1e9, 10));
        assertEquals(RiskAggregate.RATIO_LABELS.length, RiskAggregate.bin((byte)0, 100, 0));
        assertEquals(RiskAggregate.RATIO_LABELS.length + 1,
            RiskAggregate.bin((byte)AccountState.UNMARGINED.value(), 100, 10));
    }

    @Test
    void accountsBeyondCapacityAreCountedOnly() throws IOException
    {
        final RiskAggregate aggregate = new RiskAggregate(2, 3);
        for (int account = 1; account <= 3; account++)
        {
            marginUpdate(aggregate, new Update(account, 0, 100, 10));
        }
        marginUpdate(aggregate, new Update(1, 1, 11, 10));
        final JsonNode accounts = snapshot(aggregate).path("accounts");
        assertEquals(2, accounts.path("count").asInt());
        assertEquals(1, accounts.path("overCapacity").asInt());
        assertEquals(1, accounts.path("states").path("HEALTHY").asInt());
        assertEquals(1, accounts.path("states").path("RESTRICTED").asInt());
    }

    @Test
    void liquidationsAndAuctionsInProgressFollowTheirStages() throws IOException
    {
        final RiskAggregate aggregate = new RiskAggregate(10, 3);
        liquidation(aggregate, 1, 7, LiquidationEventType.STARTED);
        liquidation(aggregate, 2, 8, LiquidationEventType.STARTED);
        liquidation(aggregate, 2, 8, LiquidationEventType.AUCTION_STARTED);
        // a liquidation that ends before the dashboard saw it begin leaves nothing behind
        liquidation(aggregate, 99, 9, LiquidationEventType.CLOSED);
        JsonNode l = snapshot(aggregate).path("liquidations");
        assertEquals(2, l.path("inProgress").asInt());
        assertEquals(1, l.path("auctions").asInt());
        assertEquals(1, l.path("active").get(0).path("liquidationId").asInt());
        assertEquals("AUCTION_STARTED", l.path("active").get(1).path("stage").asText());

        liquidation(aggregate, 2, 8, LiquidationEventType.AUCTION_WON);
        liquidation(aggregate, 1, 7, LiquidationEventType.RECOVERED);
        l = snapshot(aggregate).path("liquidations");
        assertEquals(1, l.path("inProgress").asInt());
        assertEquals(0, l.path("auctions").asInt());
        liquidation(aggregate, 2, 8, LiquidationEventType.CLOSED);
        l = snapshot(aggregate).path("liquidations");
        assertEquals(0, l.path("inProgress").asInt());
        assertEquals(2, l.path("stages").path("STARTED").asInt());
        assertEquals(2, l.path("stages").path("CLOSED").asInt());
    }

    @Test
    void scheduledChangesArePendingUntilAppliedAndEffectiveValuesAreKeptPerAsset() throws IOException
    {
        final RiskAggregate aggregate = new RiskAggregate(10, 3);
        parameter(aggregate, 2, ParameterChangeStatus.SCHEDULED, 3, 0.2);
        parameter(aggregate, 2, ParameterChangeStatus.SCHEDULED, 4, 0.3);
        parameter(aggregate, 3, ParameterChangeStatus.SCHEDULED, 3, 0.25);
        JsonNode p = snapshot(aggregate).path("parameters");
        assertEquals(3, p.path("pending").size());
        parameter(aggregate, 2, ParameterChangeStatus.APPLIED, 3, 0.2);
        parameter(aggregate, 2, ParameterChangeStatus.APPLIED, 4, 0.3);
        parameter(aggregate, 3, ParameterChangeStatus.CANCELLED, 3, 0.25);
        parameter(aggregate, 2, ParameterChangeStatus.EFFECTIVE, 5, 0.4);
        p = snapshot(aggregate).path("parameters");
        assertEquals(0, p.path("pending").size(), p::toString);
        assertEquals(2, p.path("version").asInt());
        assertEquals(5, p.path("effective").get(0).path("assetId").asInt());
        assertEquals(0.4, p.path("effective").get(0).path("priceRange").asDouble());
        assertEquals(6, p.path("recent").size(), "EFFECTIVE values are not changes of the admin's");
    }

    @Test
    void theFundsSeriesStaysBoundedAndEndsAtTheLatestBalance() throws IOException
    {
        final RiskAggregate aggregate = new RiskAggregate(10, 3);
        final InsuranceFundEncoder fund = new InsuranceFundEncoder();
        final int changes = RiskAggregate.FUND_POINTS * 3 + 7;
        for (int i = 1; i <= changes; i++)
        {
            fund.wrapAndApplyHeader(buffer, 0, header).timestampNs(i).balance(1_000 + i).change(1).liquidationId(0);
            aggregate.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + fund.encodedLength());
        }
        final JsonNode f = snapshot(aggregate).path("insuranceFund");
        final int points = f.path("timeNs").size();
        assertTrue(points <= RiskAggregate.FUND_POINTS && points > RiskAggregate.FUND_POINTS / 2, "points " + points);
        assertEquals(changes, f.path("timeNs").get(points - 1).asLong());
        assertEquals(1_000 + changes, f.path("balance").asDouble());
        assertEquals(changes, f.path("changes").asLong());
        for (int i = 1; i < points; i++)
        {
            assertTrue(f.path("timeNs").get(i).asLong() > f.path("timeNs").get(i - 1).asLong(), "in time order");
        }
    }

    @Test
    void aMillionAccountsFitTheDefaultCapacityAndAFrameAllocatesNothing() throws IOException
    {
        final RiskAggregate aggregate =
            new RiskAggregate(DashboardConfiguration.MAX_ACCOUNTS_DEFAULT, DashboardConfiguration.TOP_ACCOUNTS_DEFAULT);
        final int accounts = 1_000_000;
        final MarginUpdateEncoder encoder = new MarginUpdateEncoder();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + MarginUpdateEncoder.BLOCK_LENGTH;
        for (int a = 1; a <= accounts; a++)
        {
            encoder.wrapAndApplyHeader(buffer, 0, header).timestampNs(a).accountId(a).state(AccountState.HEALTHY)
                .previousState(AccountState.HEALTHY).equity(1_000 + a % 997).initialMargin(800).maintenanceMargin(500);
            aggregate.onFrame(buffer, 0, length);
        }

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long before = threads.getThreadAllocatedBytes(thread);
        for (int a = 1; a <= accounts; a += 7)
        {
            // known accounts moving between bins and states, as the market moves them
            encoder.wrapAndApplyHeader(buffer, 0, header).timestampNs(a).accountId(a).state(AccountState.RESTRICTED)
                .previousState(AccountState.HEALTHY).equity(520 + a % 13).initialMargin(800).maintenanceMargin(500);
            aggregate.onFrame(buffer, 0, length);
        }
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(0, allocated, "bytes allocated by " + (accounts / 7 + 1) + " frames");

        final JsonNode snapshot = snapshot(aggregate);
        assertEquals(accounts, snapshot.path("accounts").path("count").asInt());
        assertEquals(0, snapshot.path("accounts").path("overCapacity").asInt());
        assertEquals(DashboardConfiguration.TOP_ACCOUNTS_DEFAULT, snapshot.path("closest").size());
        assertEquals(1.04, snapshot.path("closest").get(0).path("ratio").asDouble(), 1e-12);
    }

    private void marginUpdate(final RiskAggregate aggregate, final Update update)
    {
        final MarginUpdateEncoder encoder = new MarginUpdateEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).accountId(update.account()).state(STATES[update.state()])
            .previousState(AccountState.HEALTHY).equity(update.equity()).initialMargin(update.maintenanceMargin())
            .maintenanceMargin(update.maintenanceMargin());
        aggregate.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void liquidation(final RiskAggregate aggregate, final long id, final long account,
        final LiquidationEventType stage)
    {
        final LiquidationEventEncoder encoder = new LiquidationEventEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(id).liquidationId(id).accountId(account).stage(stage).step(1).equity(1).initialMargin(2)
            .maintenanceMargin(2).instrumentId(-1).untilNs(0).worstUnderlyingAssetId(-1).worstScenario(-1);
        aggregate.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void parameter(final RiskAggregate aggregate, final long version, final ParameterChangeStatus status,
        final int asset, final double value)
    {
        final ParameterChangeEncoder encoder = new ParameterChangeEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(1).version(version).status(status).effectiveNs(5).parameterId(ParameterId.PRICE_RANGE)
            .assetId(asset).index(0).value(value).value2(1);
        aggregate.onFrame(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private static JsonNode snapshot(final RiskAggregate aggregate) throws IOException
    {
        final StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out))
        {
            aggregate.write(json, true);
        }
        return new ObjectMapper().readTree(out.toString());
    }
}
