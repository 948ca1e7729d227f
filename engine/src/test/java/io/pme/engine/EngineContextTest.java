package io.pme.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.protocol.ProtocolConfiguration;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's settings: defaults from {@link EngineConfiguration}, system properties over them, and
 * {@link EngineContext#conclude()} refusing each setting out of its bounds by name.
 */
class EngineContextTest
{
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheConfigurationAccessors()
    {
        final EngineContext context = new EngineContext();

        assertEquals(EngineConfiguration.maxAssets(), context.maxAssets());
        assertEquals(EngineConfiguration.maxInstruments(), context.maxInstruments());
        assertEquals(EngineConfiguration.maxAccounts(), context.maxAccounts());
        assertEquals(EngineConfiguration.maxPositions(), context.maxPositions());
        assertEquals(EngineConfiguration.maxOpenOrders(), context.maxOpenOrders());
        assertEquals(EngineConfiguration.maxClients(), context.maxClients());
        assertEquals(EngineConfiguration.maxUnderlyings(), context.maxUnderlyings());
        assertEquals(EngineConfiguration.ringSize(), context.ringSize());
        assertEquals(EngineConfiguration.outputBufferLength(), context.outputBufferLength());
        assertEquals(EngineConfiguration.inputChannel(), context.inputChannel());
        assertEquals(EngineConfiguration.inputStreamId(), context.inputStreamId());
        assertEquals(EngineConfiguration.outputChannel(), context.outputChannel());
        assertEquals(EngineConfiguration.outputStreamId(), context.outputStreamId());
        assertEquals(EngineConfiguration.waitStrategyName(), context.waitStrategyName());
        assertEquals(EngineConfiguration.receiverIdleStrategyName(), context.receiverIdleStrategyName());
        assertEquals(EngineConfiguration.publisherIdleStrategyName(), context.publisherIdleStrategyName());
        assertEquals(EngineConfiguration.outputQueueIdleStrategyName(), context.outputQueueIdleStrategyName());
        assertEquals(EngineConfiguration.sessionsFile(), context.sessionsFile());
        assertEquals(EngineConfiguration.logonTimeoutMs(), context.logonTimeoutMs());
        assertEquals(EngineConfiguration.riskParametersFile(), context.riskParametersFile());
        assertEquals(EngineConfiguration.journalSyncName(), context.journalSyncName());
        assertEquals(EngineConfiguration.journalSyncIntervalNs(), context.journalSyncIntervalNs());
        assertEquals(EngineConfiguration.journalSyncInputs(), context.journalSyncInputs());
        assertEquals(EngineConfiguration.snapshotIntervalInputs(), context.snapshotIntervalInputs());
        assertEquals(EngineConfiguration.snapshotIntervalNs(), context.snapshotIntervalNs());
        assertEquals(EngineConfiguration.retentionSnapshots(), context.retentionSnapshots());
        assertEquals(EngineConfiguration.threadingModeName(), context.threadingModeName());
        assertEquals(EngineConfiguration.sharedIdleStrategyName(), context.sharedIdleStrategyName());
        assertNull(context.threadingMode());
        assertNull(context.sharedIdleStrategy());
        assertNull(context.journalSync());
        assertSame(System.err, context.recoveryReportStream());
        assertTrue(context.embeddedMediaDriver());
        assertNull(context.waitStrategy());
        assertNull(context.receiverIdleStrategy());
    }

    @Test
    void withNoPropertiesTheAccessorsAreTheDefaults()
    {
        assertEquals(EngineConfiguration.MAX_ASSETS_DEFAULT, EngineConfiguration.maxAssets());
        assertEquals(EngineConfiguration.MAX_INSTRUMENTS_DEFAULT, EngineConfiguration.maxInstruments());
        assertEquals(EngineConfiguration.MAX_ACCOUNTS_DEFAULT, EngineConfiguration.maxAccounts());
        assertEquals(EngineConfiguration.MAX_POSITIONS_DEFAULT, EngineConfiguration.maxPositions());
        assertEquals(EngineConfiguration.MAX_OPEN_ORDERS_DEFAULT, EngineConfiguration.maxOpenOrders());
        assertEquals(EngineConfiguration.MAX_CLIENTS_DEFAULT, EngineConfiguration.maxClients());
        assertEquals(EngineConfiguration.MAX_UNDERLYINGS_DEFAULT, EngineConfiguration.maxUnderlyings());
        assertEquals(EngineConfiguration.RING_SIZE_DEFAULT, EngineConfiguration.ringSize());
        assertEquals(EngineConfiguration.OUTPUT_BUFFER_LENGTH_DEFAULT, EngineConfiguration.outputBufferLength());
        assertEquals(ProtocolConfiguration.INPUT_CHANNEL_DEFAULT, EngineConfiguration.inputChannel());
        assertEquals(ProtocolConfiguration.INPUT_STREAM_ID_DEFAULT, EngineConfiguration.inputStreamId());
        assertEquals(ProtocolConfiguration.OUTPUT_CHANNEL_DEFAULT, EngineConfiguration.outputChannel());
        assertEquals(ProtocolConfiguration.OUTPUT_STREAM_ID_DEFAULT, EngineConfiguration.outputStreamId());
        assertEquals(EngineConfiguration.WAIT_STRATEGY_DEFAULT, EngineConfiguration.waitStrategyName());
        assertEquals(EngineConfiguration.LOGON_TIMEOUT_MS_DEFAULT, EngineConfiguration.logonTimeoutMs());
        assertNull(EngineConfiguration.sessionsFile());
        assertNull(EngineConfiguration.riskParametersFile());
        assertEquals(EngineConfiguration.JOURNAL_SYNC_DEFAULT, EngineConfiguration.journalSyncName());
        assertEquals(EngineConfiguration.JOURNAL_SYNC_INTERVAL_DEFAULT_NS, EngineConfiguration.journalSyncIntervalNs());
        assertEquals(EngineConfiguration.JOURNAL_SYNC_INPUTS_DEFAULT, EngineConfiguration.journalSyncInputs());
        assertEquals(
            EngineConfiguration.SNAPSHOT_INTERVAL_INPUTS_DEFAULT, EngineConfiguration.snapshotIntervalInputs());
        assertEquals(EngineConfiguration.SNAPSHOT_INTERVAL_DEFAULT_NS, EngineConfiguration.snapshotIntervalNs());
        assertEquals(EngineConfiguration.RETENTION_SNAPSHOTS_DEFAULT, EngineConfiguration.retentionSnapshots());
        assertEquals(EngineConfiguration.THREADING_MODE_DEFAULT, EngineConfiguration.threadingModeName());
        assertEquals(EngineConfiguration.SHARED_IDLE_STRATEGY_DEFAULT, EngineConfiguration.sharedIdleStrategyName());
    }

    @Test
    void theChannelPropertiesAreTheProtocolOnes()
    {
        assertEquals("pme.input.channel", EngineConfiguration.INPUT_CHANNEL_PROP_NAME);
        assertEquals("pme.input.stream.id", EngineConfiguration.INPUT_STREAM_ID_PROP_NAME);
        assertEquals("pme.output.channel", EngineConfiguration.OUTPUT_CHANNEL_PROP_NAME);
        assertEquals("pme.output.stream.id", EngineConfiguration.OUTPUT_STREAM_ID_PROP_NAME);
    }

    @Test
    void aSystemPropertyOverridesADefault()
    {
        final String[][] properties = {
            {EngineConfiguration.MAX_ACCOUNTS_PROP_NAME, "123"},
            {EngineConfiguration.RING_SIZE_PROP_NAME, "64"},
            {EngineConfiguration.OUTPUT_STREAM_ID_PROP_NAME, "77"},
            {EngineConfiguration.WAIT_STRATEGY_PROP_NAME, "busy"},
            {EngineConfiguration.RECEIVER_IDLE_STRATEGY_PROP_NAME, "noop"},
            {EngineConfiguration.LOGON_TIMEOUT_MS_PROP_NAME, "250"},
            {EngineConfiguration.SESSIONS_FILE_PROP_NAME, "sessions.properties"},
            {EngineConfiguration.RISK_PARAMETERS_FILE_PROP_NAME, "params.json"},
            {EngineConfiguration.JOURNAL_SYNC_PROP_NAME, "periodic"},
            {EngineConfiguration.JOURNAL_SYNC_INTERVAL_PROP_NAME, "250us"},
            {EngineConfiguration.JOURNAL_SYNC_INPUTS_PROP_NAME, "64"},
            {EngineConfiguration.SNAPSHOT_INTERVAL_INPUTS_PROP_NAME, "5000"},
            {EngineConfiguration.SNAPSHOT_INTERVAL_PROP_NAME, "60s"},
            {EngineConfiguration.RETENTION_SNAPSHOTS_PROP_NAME, "5"},
            {EngineConfiguration.JOURNAL_ROLL_CYCLE_PROP_NAME, "hourly"},
        };
        for (final String[] property : properties)
        {
            System.setProperty(property[0], property[1]);
        }
        try
        {
            final EngineContext context = new EngineContext().journalDir(dir).conclude();

            assertEquals(123, context.maxAccounts());
            assertEquals(64, context.ringSize());
            assertEquals(77, context.outputStreamId());
            assertInstanceOf(BusySpinWaitStrategy.class, context.waitStrategy());
            assertSame(NoOpIdleStrategy.INSTANCE, context.receiverIdleStrategy());
            assertInstanceOf(BackoffIdleStrategy.class, context.publisherIdleStrategy());
            assertEquals(250, context.logonTimeoutMs());
            assertEquals(Path.of("sessions.properties"), context.sessionsFile());
            assertEquals(Path.of("params.json"), context.riskParametersFile());
            assertSame(JournalSyncPolicy.PERIODIC, context.journalSync());
            assertEquals(250_000, context.journalSyncIntervalNs());
            assertEquals(64, context.journalSyncInputs());
            assertEquals(5000, context.snapshotIntervalInputs());
            assertEquals(60_000_000_000L, context.snapshotIntervalNs());
            assertEquals(5, context.retentionSnapshots());
            assertSame(LargeRollCycles.LARGE_HOURLY, context.journalRollCycle());
        }
        finally
        {
            for (final String[] property : properties)
            {
                System.clearProperty(property[0]);
            }
        }
    }

    @Test
    void concludeBuildsTheStrategiesNotSetFromTheirNames()
    {
        final EngineContext context = new EngineContext().journalDir(dir).conclude();

        assertInstanceOf(SleepingWaitStrategy.class, context.waitStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, context.receiverIdleStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, context.publisherIdleStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, context.outputQueueIdleStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, context.sharedIdleStrategy());
        assertSame(EngineThreadingMode.fromName(EngineConfiguration.THREADING_MODE_DEFAULT), context.threadingMode());
        // stateful strategies are each agent's own
        assertTrue(context.receiverIdleStrategy() != context.publisherIdleStrategy());
        assertEquals(EngineContext.defaultCountersFile(null), context.countersFile());
        assertSame(JournalSyncPolicy.NONE, context.journalSync());
    }

    @Test
    void everyJournalSyncPolicyIsNamedAndASetOneIsKept()
    {
        for (final JournalSyncPolicy policy : JournalSyncPolicy.values())
        {
            assertSame(policy, new EngineContext().journalDir(dir).journalSyncName(policy.propertyValue())
                .conclude().journalSync());
        }
        assertSame(JournalSyncPolicy.EVERY_INPUT, new EngineContext().journalDir(dir).journalSyncName("bogus")
            .journalSync(JournalSyncPolicy.EVERY_INPUT).conclude().journalSync());
    }

    @Test
    void theJournalsRollCycleIsDailyOrHourlyByNameAndASetOneIsKept()
    {
        assertSame(LargeRollCycles.LARGE_DAILY, new EngineContext().journalDir(dir).conclude().journalRollCycle());
        assertSame(LargeRollCycles.LARGE_HOURLY, EngineConfiguration.rollCycle("hourly"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> EngineConfiguration.rollCycle("weekly"));
        assertTrue(ex.getMessage().contains(EngineConfiguration.JOURNAL_ROLL_CYCLE_PROP_NAME), ex.getMessage());
        assertSame(RollCycles.FAST_HOURLY,
            new EngineContext().journalDir(dir).journalRollCycle(RollCycles.FAST_HOURLY).conclude().journalRollCycle());
    }

    @Test
    void everyThreadingModeIsNamedAndASetOneIsKept()
    {
        for (final EngineThreadingMode mode : EngineThreadingMode.values())
        {
            assertSame(mode, new EngineContext().journalDir(dir).threadingModeName(mode.propertyValue())
                .conclude().threadingMode());
            assertSame(mode, EngineThreadingMode.fromName(mode.name()));
        }
        assertSame(EngineThreadingMode.SHARED, new EngineContext().journalDir(dir).threadingModeName("bogus")
            .threadingMode(EngineThreadingMode.SHARED).conclude().threadingMode());
    }

    @Test
    void concludeKeepsTheStrategiesSet()
    {
        final WaitStrategy wait = new BlockingWaitStrategy();
        final IdleStrategy receiver = new SleepingIdleStrategy();
        final IdleStrategy publisher = new BusySpinIdleStrategy();
        final IdleStrategy outputQueue = new YieldingIdleStrategy();
        final File counters = dir.resolve("counters.dat").toFile();
        final EngineContext context = new EngineContext()
            .journalDir(dir)
            .waitStrategyName("unknown, and unused since a strategy is set")
            .waitStrategy(wait)
            .receiverIdleStrategy(receiver)
            .publisherIdleStrategy(publisher)
            .outputQueueIdleStrategy(outputQueue)
            .countersFile(counters)
            .conclude();

        assertSame(wait, context.waitStrategy());
        assertSame(receiver, context.receiverIdleStrategy());
        assertSame(publisher, context.publisherIdleStrategy());
        assertSame(outputQueue, context.outputQueueIdleStrategy());
        assertSame(counters, context.countersFile());
    }

    @Test
    void everyWaitStrategyNameIsBuilt()
    {
        assertInstanceOf(BusySpinWaitStrategy.class, EngineConfiguration.newWaitStrategy("busy"));
        assertInstanceOf(YieldingWaitStrategy.class, EngineConfiguration.newWaitStrategy("yielding"));
        assertInstanceOf(SleepingWaitStrategy.class, EngineConfiguration.newWaitStrategy("sleeping"));
        assertInstanceOf(BlockingWaitStrategy.class, EngineConfiguration.newWaitStrategy("blocking"));
    }

    @Test
    void everyIdleStrategyNameIsBuilt()
    {
        final String property = EngineConfiguration.PUBLISHER_IDLE_STRATEGY_PROP_NAME;
        assertInstanceOf(BackoffIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "backoff"));
        assertInstanceOf(SleepingIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "sleeping"));
        assertInstanceOf(SleepingIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "sleep-ns"));
        assertInstanceOf(SleepingMillisIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "sleep-ms"));
        assertInstanceOf(YieldingIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "yielding"));
        assertInstanceOf(YieldingIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "yield"));
        assertInstanceOf(BusySpinIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "busy_spin"));
        assertInstanceOf(BusySpinIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "spin"));
        assertInstanceOf(NoOpIdleStrategy.class, EngineConfiguration.newIdleStrategy(property, "noop"));
        assertInstanceOf(SleepingMillisIdleStrategy.class,
            EngineConfiguration.newIdleStrategy(property, SleepingMillisIdleStrategy.class.getName()));
        final IllegalArgumentException notAnIdleStrategy = assertThrows(IllegalArgumentException.class,
            () -> EngineConfiguration.newIdleStrategy(property, String.class.getName()));
        assertTrue(notAnIdleStrategy.getMessage().contains(property), notAnIdleStrategy.getMessage());
    }

    static Stream<Arguments> invalidSettings()
    {
        return Stream.of(
            invalid("maxAssets", c -> c.maxAssets(0)),
            invalid("maxAssets", c -> c.maxAssets(EngineConfiguration.MAX_ASSETS_LIMIT + 1)),
            invalid("maxInstruments", c -> c.maxInstruments(0)),
            invalid("maxAccounts", c -> c.maxAccounts(-1)),
            invalid("maxPositions", c -> c.maxPositions(0)),
            invalid("maxPositions", c -> c.maxPositions(EngineConfiguration.MAX_POSITIONS_LIMIT + 1)),
            invalid("maxOpenOrders", c -> c.maxOpenOrders(0)),
            invalid("maxClients", c -> c.maxClients(0)),
            invalid("maxUnderlyings", c -> c.maxUnderlyings(0)),
            invalid("maxUnderlyings", c -> c.maxUnderlyings(EngineConfiguration.MAX_UNDERLYINGS_LIMIT + 1)),
            invalid("ringSize", c -> c.ringSize(0)),
            invalid("ringSize", c -> c.ringSize(1000)),
            invalid("outputBufferLength", c -> c.outputBufferLength(0)),
            invalid("outputBufferLength", c -> c.outputBufferLength(4)),
            invalid("outputBufferLength", c -> c.outputBufferLength(1000 * 1000)),
            invalid("inputChannel", c -> c.inputChannel(null)),
            invalid("outputChannel", c -> c.outputChannel(null)),
            invalid("logonTimeoutMs", c -> c.logonTimeoutMs(0)),
            invalid("journalDir", c -> c.journalDir(null)),
            invalid("aeronDirectoryName", c -> c.embeddedMediaDriver(false).aeronDirectoryName(null)),
            invalid("riskModelFactory", c -> c.riskModelFactory(null)),
            invalid("waitStrategyName", c -> c.waitStrategyName("spinning")),
            invalid("waitStrategyName", c -> c.waitStrategyName(null)),
            invalid("receiverIdleStrategyName", c -> c.receiverIdleStrategyName("no.such.Strategy")),
            invalid("publisherIdleStrategyName", c -> c.publisherIdleStrategyName("lazy")),
            invalid("outputQueueIdleStrategyName", c -> c.outputQueueIdleStrategyName(null)),
            invalid("journalSyncName", c -> c.journalSyncName("always")),
            invalid("journalSyncName", c -> c.journalSyncName(null)),
            invalid("threadingModeName", c -> c.threadingModeName("pooled")),
            invalid("threadingModeName", c -> c.threadingModeName(null)),
            invalid("sharedIdleStrategyName", c -> c.sharedIdleStrategyName("lazy")),
            invalid("journalSyncIntervalNs", c -> c.journalSyncIntervalNs(0)),
            invalid("journalSyncInputs", c -> c.journalSyncInputs(0)),
            invalid("snapshotIntervalInputs", c -> c.snapshotIntervalInputs(-1)),
            invalid("snapshotIntervalNs", c -> c.snapshotIntervalNs(-1)),
            invalid("retentionSnapshots", c -> c.retentionSnapshots(EngineConfiguration.RETENTION_SNAPSHOTS_MIN - 1)),
            invalid("recoveryReportStream", c -> c.recoveryReportStream(null)),
            invalid("journalRollCycleName", c -> c.journalRollCycleName("weekly")),
            invalid("journalTimeProvider", c -> c.journalTimeProvider(null)));
    }

    private static Arguments invalid(final String field, final Consumer<EngineContext> setting)
    {
        return Arguments.of(field, setting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void concludeRefusesAnInvalidSettingByName(final String field, final Consumer<EngineContext> setting)
    {
        final EngineContext context = new EngineContext().journalDir(dir);
        setting.accept(context);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(ex.getMessage().startsWith(field + " "), ex.getMessage());
    }

    @Test
    void theLimitsThemselvesAreAccepted()
    {
        final EngineContext context = new EngineContext()
            .journalDir(dir)
            .maxAssets(EngineConfiguration.MAX_ASSETS_LIMIT)
            .maxPositions(EngineConfiguration.MAX_POSITIONS_LIMIT)
            .maxUnderlyings(EngineConfiguration.MAX_UNDERLYINGS_LIMIT)
            .ringSize(1)
            .outputBufferLength(8)
            .snapshotIntervalInputs(0)
            .snapshotIntervalNs(0)
            .retentionSnapshots(EngineConfiguration.RETENTION_SNAPSHOTS_MIN)
            .embeddedMediaDriver(false)
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .conclude();

        assertTrue(context.isConcluded());
    }

    @Test
    void concludeRunsOnce()
    {
        final EngineContext context = new EngineContext().journalDir(dir);
        context.conclude();

        assertThrows(IllegalStateException.class, context::conclude);
    }

    @Test
    void anEngineTakesAConcludedContextOnly()
    {
        assertThrows(IllegalStateException.class, () -> Engine.launch(new EngineContext().journalDir(dir)));
    }

    @Test
    void theDefaultRiskModelIsTheRealOne()
    {
        final EngineContext context = new EngineContext().maxAccounts(16).maxOpenOrders(16).journalDir(dir);

        final RiskModelBinding risk = context.conclude().riskModelFactory().apply(context.newState());

        assertInstanceOf(PortfolioRiskModel.class, risk);
        assertTrue(risk.model().isLoaded());
    }
}
