package io.pme.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.protocol.ProtocolConfiguration;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.LargeRollCycles;
import org.agrona.SystemUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The engine's settings as system properties, in the manner of Aeron's {@code Configuration}: for each, the
 * property's name ({@code *_PROP_NAME}), its default ({@code *_DEFAULT}) and an accessor reading the property with
 * its default. {@link EngineContext} takes its defaults from these accessors and checks the values in
 * {@link EngineContext#conclude()}. Where the engine listens and answers is shared with clients and defined once, in
 * {@link ProtocolConfiguration}.
 */
public final class EngineConfiguration
{
    /**
     * Assets the engine can define (ids {@code 0} to {@code maxAssets - 1}).
     */
    public static final String MAX_ASSETS_PROP_NAME = "pme.max.assets";

    /**
     * Default for {@link #MAX_ASSETS_PROP_NAME}, which is also its upper bound.
     */
    public static final int MAX_ASSETS_DEFAULT = 64;

    /**
     * Upper bound on {@link #MAX_ASSETS_PROP_NAME}: an account's balances and exposures are masks of one bit per
     * asset in a {@code long}.
     */
    public static final int MAX_ASSETS_LIMIT = Long.SIZE;

    /**
     * Instruments the engine can define (ids {@code 0} to {@code maxInstruments - 1}); positive.
     */
    public static final String MAX_INSTRUMENTS_PROP_NAME = "pme.max.instruments";

    /**
     * Default for {@link #MAX_INSTRUMENTS_PROP_NAME}.
     */
    public static final int MAX_INSTRUMENTS_DEFAULT = 4096;

    /**
     * Accounts the engine can open; positive. Account records are allocated off-heap as accounts open, the index
     * over them up front.
     */
    public static final String MAX_ACCOUNTS_PROP_NAME = "pme.max.accounts";

    /**
     * Default for {@link #MAX_ACCOUNTS_PROP_NAME}.
     */
    public static final int MAX_ACCOUNTS_DEFAULT = 100_000;

    /**
     * Positions one account can hold, each in a different instrument; from 1 to {@link #MAX_POSITIONS_LIMIT}.
     */
    public static final String MAX_POSITIONS_PROP_NAME = "pme.max.positions.per.account";

    /**
     * Default for {@link #MAX_POSITIONS_PROP_NAME}.
     */
    public static final int MAX_POSITIONS_DEFAULT = 32;

    /**
     * Upper bound on {@link #MAX_POSITIONS_PROP_NAME}: account records sit in chunks of 4,096 in one buffer, which
     * an {@code int} must address; with {@link #MAX_ASSETS_LIMIT} balances and this many positions (20 bytes each) a
     * record is about 320 KiB and a chunk about 1.25 GiB.
     */
    public static final int MAX_POSITIONS_LIMIT = 16_384;

    /**
     * Underlyings an account's incremental risk state has room for; from 1 to {@link #MAX_UNDERLYINGS_LIMIT}. Each
     * costs about 1.1 KB per account off-heap.
     */
    public static final String MAX_UNDERLYINGS_PROP_NAME = "pme.max.underlyings";

    /**
     * Default for {@link #MAX_UNDERLYINGS_PROP_NAME}.
     */
    public static final int MAX_UNDERLYINGS_DEFAULT = 4;

    /**
     * Upper bound on {@link #MAX_UNDERLYINGS_PROP_NAME}: the underlyings an account is exposed to are a mask of one
     * bit each in a {@code long}.
     */
    public static final int MAX_UNDERLYINGS_LIMIT = Long.SIZE;

    /**
     * Open orders the engine holds over all accounts; positive.
     */
    public static final String MAX_OPEN_ORDERS_PROP_NAME = "pme.max.open.orders";

    /**
     * Default for {@link #MAX_OPEN_ORDERS_PROP_NAME}.
     */
    public static final int MAX_OPEN_ORDERS_DEFAULT = 262_144;

    /**
     * Clients (client ids) the engine tracks; positive.
     */
    public static final String MAX_CLIENTS_PROP_NAME = "pme.max.clients";

    /**
     * Default for {@link #MAX_CLIENTS_PROP_NAME}.
     */
    public static final int MAX_CLIENTS_DEFAULT = 1024;

    /**
     * Slots of the input ring between the receiver, the journal and the business logic, each holding one input of
     * up to {@link #MAX_FRAME_LENGTH} bytes; a power of two, as the Disruptor requires.
     */
    public static final String RING_SIZE_PROP_NAME = "pme.ring.size";

    /**
     * Default for {@link #RING_SIZE_PROP_NAME}.
     */
    public static final int RING_SIZE_DEFAULT = 16_384;

    /**
     * Bytes of the output queue between the business logic (and the receiver's session answers) and the publisher,
     * not counting the queue's trailer; a power of two of at least 8, as Agrona's {@code ManyToOneRingBuffer}
     * requires. A message on it may be up to an eighth of it.
     */
    public static final String OUTPUT_BUFFER_LENGTH_PROP_NAME = "pme.output.buffer.length";

    /**
     * Default for {@link #OUTPUT_BUFFER_LENGTH_PROP_NAME}: 64 MiB.
     */
    public static final int OUTPUT_BUFFER_LENGTH_DEFAULT = 64 * 1024 * 1024;

    /**
     * Channel the engine subscribes to for inputs: {@link ProtocolConfiguration#INPUT_CHANNEL_PROP_NAME}.
     */
    public static final String INPUT_CHANNEL_PROP_NAME = ProtocolConfiguration.INPUT_CHANNEL_PROP_NAME;

    /**
     * Default for {@link #INPUT_CHANNEL_PROP_NAME}: {@link ProtocolConfiguration#INPUT_CHANNEL_DEFAULT}.
     */
    public static final String INPUT_CHANNEL_DEFAULT = ProtocolConfiguration.INPUT_CHANNEL_DEFAULT;

    /**
     * Stream id of the inputs: {@link ProtocolConfiguration#INPUT_STREAM_ID_PROP_NAME}.
     */
    public static final String INPUT_STREAM_ID_PROP_NAME = ProtocolConfiguration.INPUT_STREAM_ID_PROP_NAME;

    /**
     * Default for {@link #INPUT_STREAM_ID_PROP_NAME}: {@link ProtocolConfiguration#INPUT_STREAM_ID_DEFAULT}.
     */
    public static final int INPUT_STREAM_ID_DEFAULT = ProtocolConfiguration.INPUT_STREAM_ID_DEFAULT;

    /**
     * Channel the engine publishes its outputs on: {@link ProtocolConfiguration#OUTPUT_CHANNEL_PROP_NAME}.
     */
    public static final String OUTPUT_CHANNEL_PROP_NAME = ProtocolConfiguration.OUTPUT_CHANNEL_PROP_NAME;

    /**
     * Default for {@link #OUTPUT_CHANNEL_PROP_NAME}: {@link ProtocolConfiguration#OUTPUT_CHANNEL_DEFAULT}.
     */
    public static final String OUTPUT_CHANNEL_DEFAULT = ProtocolConfiguration.OUTPUT_CHANNEL_DEFAULT;

    /**
     * Stream id of the outputs: {@link ProtocolConfiguration#OUTPUT_STREAM_ID_PROP_NAME}.
     */
    public static final String OUTPUT_STREAM_ID_PROP_NAME = ProtocolConfiguration.OUTPUT_STREAM_ID_PROP_NAME;

    /**
     * Default for {@link #OUTPUT_STREAM_ID_PROP_NAME}: {@link ProtocolConfiguration#OUTPUT_STREAM_ID_DEFAULT}.
     */
    public static final int OUTPUT_STREAM_ID_DEFAULT = ProtocolConfiguration.OUTPUT_STREAM_ID_DEFAULT;

    /**
     * How the journal and business-logic threads wait for the next input on the ring: {@code busy} (spins, lowest
     * latency, a core each), {@code yielding}, {@code sleeping} (spins, yields, then parks briefly) or
     * {@code blocking} (a lock and condition).
     */
    public static final String WAIT_STRATEGY_PROP_NAME = "pme.wait.strategy";

    /**
     * Default for {@link #WAIT_STRATEGY_PROP_NAME}: {@code sleeping}, kind to a shared machine.
     */
    public static final String WAIT_STRATEGY_DEFAULT = "sleeping";

    /**
     * How the receiver agent idles when no input arrives: an idle strategy name, see
     * {@link #newIdleStrategy(String, String)}.
     */
    public static final String RECEIVER_IDLE_STRATEGY_PROP_NAME = "pme.receiver.idle.strategy";

    /**
     * Default for {@link #RECEIVER_IDLE_STRATEGY_PROP_NAME}: {@code backoff}.
     */
    public static final String RECEIVER_IDLE_STRATEGY_DEFAULT = BackoffIdleStrategy.ALIAS;

    /**
     * How the publisher agent idles when there is no output to publish or the publication is back-pressured: an
     * idle strategy name, see {@link #newIdleStrategy(String, String)}.
     */
    public static final String PUBLISHER_IDLE_STRATEGY_PROP_NAME = "pme.publisher.idle.strategy";

    /**
     * Default for {@link #PUBLISHER_IDLE_STRATEGY_PROP_NAME}: {@code backoff}.
     */
    public static final String PUBLISHER_IDLE_STRATEGY_DEFAULT = BackoffIdleStrategy.ALIAS;

    /**
     * How the business logic backs off while the output queue is full (outputs are never dropped there, so the
     * business logic waits for the publisher): an idle strategy name, see {@link #newIdleStrategy(String, String)}.
     */
    public static final String OUTPUT_QUEUE_IDLE_STRATEGY_PROP_NAME = "pme.output.queue.idle.strategy";

    /**
     * Default for {@link #OUTPUT_QUEUE_IDLE_STRATEGY_PROP_NAME}: {@code backoff}.
     */
    public static final String OUTPUT_QUEUE_IDLE_STRATEGY_DEFAULT = BackoffIdleStrategy.ALIAS;

    /**
     * How the stages are laid out on threads: {@code dedicated} (a thread per stage: receiver agent, the ring's
     * journal and business-logic handlers, publisher agent) or {@code shared} (all of them in one agent's duty
     * cycle on one thread); see {@link EngineThreadingMode}.
     */
    public static final String THREADING_MODE_PROP_NAME = "pme.threading.mode";

    /**
     * Default for {@link #THREADING_MODE_PROP_NAME}: {@code shared}, whatever the machine, as Aeron's default is
     * fixed. Chosen by measurement on the project's 2-vCPU machine, where it answers faster at the median and in the
     * tail than four engine threads competing with the driver and the clients for two cores (README, "Threading
     * modes"); with cores to spare, try {@code dedicated}.
     */
    public static final String THREADING_MODE_DEFAULT = "shared";

    /**
     * With the {@code shared} threading mode, how the one agent idles when a duty cycle found nothing to do (no
     * input, nothing on the ring, no output): an idle strategy name, see {@link #newIdleStrategy(String, String)};
     * as Aeron's {@code aeron.shared.idle.strategy}. The other idle strategies and the wait strategy then go unused.
     */
    public static final String SHARED_IDLE_STRATEGY_PROP_NAME = "pme.shared.idle.strategy";

    /**
     * Default for {@link #SHARED_IDLE_STRATEGY_PROP_NAME}: {@code backoff}.
     */
    public static final String SHARED_IDLE_STRATEGY_DEFAULT = BackoffIdleStrategy.ALIAS;

    /**
     * A sessions file (clients, secrets, roles, entitlements) turns authentication on; without one the engine runs
     * open (development mode). No default.
     */
    public static final String SESSIONS_FILE_PROP_NAME = "pme.sessions.file";

    /**
     * Milliseconds a connection has to finish a logon it started; positive.
     */
    public static final String LOGON_TIMEOUT_MS_PROP_NAME = "pme.logon.timeout.ms";

    /**
     * Default for {@link #LOGON_TIMEOUT_MS_PROP_NAME}: 5 seconds.
     */
    public static final long LOGON_TIMEOUT_MS_DEFAULT = 5_000;

    /**
     * A risk-parameter file replacing the parameters shipped with the engine; live run and replay of one journal
     * must name the same one. No default: the shipped parameters.
     */
    public static final String RISK_PARAMETERS_FILE_PROP_NAME = "pme.risk.parameters.file";

    /**
     * When the journal forces its entries to the storage device: {@code none}, {@code periodic} (every
     * {@link #JOURNAL_SYNC_INPUTS_PROP_NAME} inputs or {@link #JOURNAL_SYNC_INTERVAL_PROP_NAME}, in the background)
     * or {@code every-input} (before any input is applied or answered); see {@link JournalSyncPolicy}.
     */
    public static final String JOURNAL_SYNC_PROP_NAME = "pme.journal.sync";

    /**
     * Default for {@link #JOURNAL_SYNC_PROP_NAME}: {@code none}, durable against a crash of the process only.
     */
    public static final String JOURNAL_SYNC_DEFAULT = "none";

    /**
     * With the {@code periodic} journal sync, the longest an input stays unsynced (plus the sync itself); a
     * duration, positive.
     */
    public static final String JOURNAL_SYNC_INTERVAL_PROP_NAME = "pme.journal.sync.interval";

    /**
     * Default for {@link #JOURNAL_SYNC_INTERVAL_PROP_NAME}: 1 ms.
     */
    public static final long JOURNAL_SYNC_INTERVAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /**
     * With the {@code periodic} journal sync, how many inputs appended since the last sync start the next one
     * before its interval is up; positive.
     */
    public static final String JOURNAL_SYNC_INPUTS_PROP_NAME = "pme.journal.sync.inputs";

    /**
     * Default for {@link #JOURNAL_SYNC_INPUTS_PROP_NAME}.
     */
    public static final int JOURNAL_SYNC_INPUTS_DEFAULT = 1_000;

    /**
     * Inputs between two snapshots the business logic takes of its own, at the end of an applied input; 0 for
     * none by count. The journal directory records it: a replay takes the same snapshots at the same inputs.
     */
    public static final String SNAPSHOT_INTERVAL_INPUTS_PROP_NAME = "pme.snapshot.interval.inputs";

    /**
     * Default for {@link #SNAPSHOT_INTERVAL_INPUTS_PROP_NAME}: a million inputs.
     */
    public static final long SNAPSHOT_INTERVAL_INPUTS_DEFAULT = 1_000_000L;

    /**
     * Message time between two snapshots the business logic takes of its own, measured by the inputs' timestamps
     * (never the wall clock); a duration, 0 for none by time. Recorded by the journal directory as the count is.
     */
    public static final String SNAPSHOT_INTERVAL_PROP_NAME = "pme.snapshot.interval";

    /**
     * Default for {@link #SNAPSHOT_INTERVAL_PROP_NAME}: 10 minutes of message time.
     */
    public static final long SNAPSHOT_INTERVAL_DEFAULT_NS = TimeUnit.MINUTES.toNanos(10);

    /**
     * Intact snapshots kept after each snapshot is written: older snapshot files and the journal cycle files no
     * kept snapshot needs are deleted; at least 2.
     */
    public static final String RETENTION_SNAPSHOTS_PROP_NAME = "pme.retention.snapshots";

    /**
     * Default for {@link #RETENTION_SNAPSHOTS_PROP_NAME}.
     */
    public static final int RETENTION_SNAPSHOTS_DEFAULT = 3;

    /**
     * How often a new journal starts a new cycle file: {@code daily} or {@code hourly}. Retention deletes whole
     * cycles only, so the shorter the cycle, the closer the journal kept is to what the kept snapshots need. Cycle
     * files are named by the wall clock, which never reaches the business logic; a journal keeps the cycle it was
     * created with.
     */
    public static final String JOURNAL_ROLL_CYCLE_PROP_NAME = "pme.journal.roll.cycle";

    /**
     * Default for {@link #JOURNAL_ROLL_CYCLE_PROP_NAME}: {@code daily}.
     */
    public static final String JOURNAL_ROLL_CYCLE_DEFAULT = "daily";

    /**
     * Fewest intact snapshots {@link #RETENTION_SNAPSHOTS_PROP_NAME} may keep: the newest can be damaged after it
     * was written, and the one before must then still have the journal after it.
     */
    public static final int RETENTION_SNAPSHOTS_MIN = 2;

    /**
     * Largest input frame the ring holds: {@link ProtocolConfiguration#MAX_FRAME_LENGTH}.
     */
    public static final int MAX_FRAME_LENGTH = ProtocolConfiguration.MAX_FRAME_LENGTH;

    private EngineConfiguration()
    {
    }

    /**
     * @return the {@link #MAX_ASSETS_PROP_NAME} system property or {@link #MAX_ASSETS_DEFAULT}.
     */
    public static int maxAssets()
    {
        return Integer.getInteger(MAX_ASSETS_PROP_NAME, MAX_ASSETS_DEFAULT);
    }

    /**
     * @return the {@link #MAX_INSTRUMENTS_PROP_NAME} system property or {@link #MAX_INSTRUMENTS_DEFAULT}.
     */
    public static int maxInstruments()
    {
        return Integer.getInteger(MAX_INSTRUMENTS_PROP_NAME, MAX_INSTRUMENTS_DEFAULT);
    }

    /**
     * @return the {@link #MAX_ACCOUNTS_PROP_NAME} system property or {@link #MAX_ACCOUNTS_DEFAULT}.
     */
    public static int maxAccounts()
    {
        return Integer.getInteger(MAX_ACCOUNTS_PROP_NAME, MAX_ACCOUNTS_DEFAULT);
    }

    /**
     * @return the {@link #MAX_POSITIONS_PROP_NAME} system property or {@link #MAX_POSITIONS_DEFAULT}.
     */
    public static int maxPositions()
    {
        return Integer.getInteger(MAX_POSITIONS_PROP_NAME, MAX_POSITIONS_DEFAULT);
    }

    /**
     * @return the {@link #MAX_UNDERLYINGS_PROP_NAME} system property or {@link #MAX_UNDERLYINGS_DEFAULT}.
     */
    public static int maxUnderlyings()
    {
        return Integer.getInteger(MAX_UNDERLYINGS_PROP_NAME, MAX_UNDERLYINGS_DEFAULT);
    }

    /**
     * @return the {@link #MAX_OPEN_ORDERS_PROP_NAME} system property or {@link #MAX_OPEN_ORDERS_DEFAULT}.
     */
    public static int maxOpenOrders()
    {
        return Integer.getInteger(MAX_OPEN_ORDERS_PROP_NAME, MAX_OPEN_ORDERS_DEFAULT);
    }

    /**
     * @return the {@link #MAX_CLIENTS_PROP_NAME} system property or {@link #MAX_CLIENTS_DEFAULT}.
     */
    public static int maxClients()
    {
        return Integer.getInteger(MAX_CLIENTS_PROP_NAME, MAX_CLIENTS_DEFAULT);
    }

    /**
     * @return the {@link #RING_SIZE_PROP_NAME} system property or {@link #RING_SIZE_DEFAULT}.
     */
    public static int ringSize()
    {
        return Integer.getInteger(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
    }

    /**
     * @return the {@link #OUTPUT_BUFFER_LENGTH_PROP_NAME} system property or {@link #OUTPUT_BUFFER_LENGTH_DEFAULT}.
     */
    public static int outputBufferLength()
    {
        return Integer.getInteger(OUTPUT_BUFFER_LENGTH_PROP_NAME, OUTPUT_BUFFER_LENGTH_DEFAULT);
    }

    /**
     * @return the input channel, as {@link ProtocolConfiguration#inputChannel()} reads it.
     */
    public static String inputChannel()
    {
        return ProtocolConfiguration.inputChannel();
    }

    /**
     * @return the input stream id, as {@link ProtocolConfiguration#inputStreamId()} reads it.
     */
    public static int inputStreamId()
    {
        return ProtocolConfiguration.inputStreamId();
    }

    /**
     * @return the output channel, as {@link ProtocolConfiguration#outputChannel()} reads it.
     */
    public static String outputChannel()
    {
        return ProtocolConfiguration.outputChannel();
    }

    /**
     * @return the output stream id, as {@link ProtocolConfiguration#outputStreamId()} reads it.
     */
    public static int outputStreamId()
    {
        return ProtocolConfiguration.outputStreamId();
    }

    /**
     * @return the {@link #WAIT_STRATEGY_PROP_NAME} system property or {@link #WAIT_STRATEGY_DEFAULT}.
     */
    public static String waitStrategyName()
    {
        return System.getProperty(WAIT_STRATEGY_PROP_NAME, WAIT_STRATEGY_DEFAULT);
    }

    /**
     * @return the {@link #RECEIVER_IDLE_STRATEGY_PROP_NAME} system property or
     * {@link #RECEIVER_IDLE_STRATEGY_DEFAULT}.
     */
    public static String receiverIdleStrategyName()
    {
        return System.getProperty(RECEIVER_IDLE_STRATEGY_PROP_NAME, RECEIVER_IDLE_STRATEGY_DEFAULT);
    }

    /**
     * @return the {@link #PUBLISHER_IDLE_STRATEGY_PROP_NAME} system property or
     * {@link #PUBLISHER_IDLE_STRATEGY_DEFAULT}.
     */
    public static String publisherIdleStrategyName()
    {
        return System.getProperty(PUBLISHER_IDLE_STRATEGY_PROP_NAME, PUBLISHER_IDLE_STRATEGY_DEFAULT);
    }

    /**
     * @return the {@link #OUTPUT_QUEUE_IDLE_STRATEGY_PROP_NAME} system property or
     * {@link #OUTPUT_QUEUE_IDLE_STRATEGY_DEFAULT}.
     */
    public static String outputQueueIdleStrategyName()
    {
        return System.getProperty(OUTPUT_QUEUE_IDLE_STRATEGY_PROP_NAME, OUTPUT_QUEUE_IDLE_STRATEGY_DEFAULT);
    }

    /**
     * @return the {@link #THREADING_MODE_PROP_NAME} system property or {@link #THREADING_MODE_DEFAULT}.
     */
    public static String threadingModeName()
    {
        return System.getProperty(THREADING_MODE_PROP_NAME, THREADING_MODE_DEFAULT);
    }

    /**
     * @return the {@link #SHARED_IDLE_STRATEGY_PROP_NAME} system property or {@link #SHARED_IDLE_STRATEGY_DEFAULT}.
     */
    public static String sharedIdleStrategyName()
    {
        return System.getProperty(SHARED_IDLE_STRATEGY_PROP_NAME, SHARED_IDLE_STRATEGY_DEFAULT);
    }

    /**
     * @return the {@link #SESSIONS_FILE_PROP_NAME} system property as a path, or null when it is not set.
     */
    public static Path sessionsFile()
    {
        return pathProperty(SESSIONS_FILE_PROP_NAME);
    }

    /**
     * @return the {@link #LOGON_TIMEOUT_MS_PROP_NAME} system property or {@link #LOGON_TIMEOUT_MS_DEFAULT}.
     */
    public static long logonTimeoutMs()
    {
        return Long.getLong(LOGON_TIMEOUT_MS_PROP_NAME, LOGON_TIMEOUT_MS_DEFAULT);
    }

    /**
     * @return the {@link #RISK_PARAMETERS_FILE_PROP_NAME} system property as a path, or null when it is not set.
     */
    public static Path riskParametersFile()
    {
        return pathProperty(RISK_PARAMETERS_FILE_PROP_NAME);
    }

    /**
     * @return the {@link #JOURNAL_SYNC_PROP_NAME} system property or {@link #JOURNAL_SYNC_DEFAULT}.
     */
    public static String journalSyncName()
    {
        return System.getProperty(JOURNAL_SYNC_PROP_NAME, JOURNAL_SYNC_DEFAULT);
    }

    /**
     * @return the {@link #JOURNAL_SYNC_INTERVAL_PROP_NAME} system property (plain nanoseconds, or a number with
     * {@code ns}, {@code us}, {@code ms} or {@code s}) or {@link #JOURNAL_SYNC_INTERVAL_DEFAULT_NS}, in nanoseconds.
     */
    public static long journalSyncIntervalNs()
    {
        return SystemUtil.getDurationInNanos(JOURNAL_SYNC_INTERVAL_PROP_NAME, JOURNAL_SYNC_INTERVAL_DEFAULT_NS);
    }

    /**
     * @return the {@link #JOURNAL_SYNC_INPUTS_PROP_NAME} system property or {@link #JOURNAL_SYNC_INPUTS_DEFAULT}.
     */
    public static int journalSyncInputs()
    {
        return Integer.getInteger(JOURNAL_SYNC_INPUTS_PROP_NAME, JOURNAL_SYNC_INPUTS_DEFAULT);
    }

    /**
     * @return the {@link #SNAPSHOT_INTERVAL_INPUTS_PROP_NAME} system property or
     * {@link #SNAPSHOT_INTERVAL_INPUTS_DEFAULT}.
     */
    public static long snapshotIntervalInputs()
    {
        return Long.getLong(SNAPSHOT_INTERVAL_INPUTS_PROP_NAME, SNAPSHOT_INTERVAL_INPUTS_DEFAULT);
    }

    /**
     * @return the {@link #SNAPSHOT_INTERVAL_PROP_NAME} system property (plain nanoseconds, or a number with
     * {@code ns}, {@code us}, {@code ms} or {@code s}) or {@link #SNAPSHOT_INTERVAL_DEFAULT_NS}, in nanoseconds.
     */
    public static long snapshotIntervalNs()
    {
        return SystemUtil.getDurationInNanos(SNAPSHOT_INTERVAL_PROP_NAME, SNAPSHOT_INTERVAL_DEFAULT_NS);
    }

    /**
     * @return the {@link #RETENTION_SNAPSHOTS_PROP_NAME} system property or {@link #RETENTION_SNAPSHOTS_DEFAULT}.
     */
    public static int retentionSnapshots()
    {
        return Integer.getInteger(RETENTION_SNAPSHOTS_PROP_NAME, RETENTION_SNAPSHOTS_DEFAULT);
    }

    /**
     * @return the {@link #JOURNAL_ROLL_CYCLE_PROP_NAME} system property or {@link #JOURNAL_ROLL_CYCLE_DEFAULT}.
     */
    public static String journalRollCycleName()
    {
        return System.getProperty(JOURNAL_ROLL_CYCLE_PROP_NAME, JOURNAL_ROLL_CYCLE_DEFAULT);
    }

    /**
     * The journal's roll cycle by its name in {@link #JOURNAL_ROLL_CYCLE_PROP_NAME}.
     *
     * @param name {@code daily} or {@code hourly}.
     * @return Chronicle Queue's roll cycle of that name, of up to 2^32 entries a cycle.
     * @throws IllegalArgumentException when the name is neither.
     */
    public static RollCycle rollCycle(final String name)
    {
        switch (null != name ? name : "")
        {
            case "daily": return LargeRollCycles.LARGE_DAILY;
            case "hourly": return LargeRollCycles.LARGE_HOURLY;
            default: throw new IllegalArgumentException(
                JOURNAL_ROLL_CYCLE_PROP_NAME + " must be daily or hourly: " + name);
        }
    }

    /**
     * A new Disruptor wait strategy by its name in {@link #WAIT_STRATEGY_PROP_NAME}.
     *
     * @param name {@code busy}, {@code yielding}, {@code sleeping} or {@code blocking}.
     * @return a new wait strategy of that name.
     * @throws IllegalArgumentException when the name is none of those.
     */
    public static WaitStrategy newWaitStrategy(final String name)
    {
        switch (null != name ? name : "")
        {
            case "busy":
                return new BusySpinWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "blocking":
                return new BlockingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            default:
                throw new IllegalArgumentException(
                    "unknown wait strategy " + name + " (" + WAIT_STRATEGY_PROP_NAME + "): " +
                    "busy, yielding, sleeping or blocking");
        }
    }

    /**
     * A new Agrona idle strategy by name, as Aeron names them: {@code backoff} (spins, yields, then parks up to a
     * millisecond), {@code sleeping} or {@code sleep-ns} (parks a microsecond), {@code sleep-ms} (sleeps a
     * millisecond), {@code yielding} or {@code yield}, {@code busy_spin} or {@code spin}, {@code noop}, or the class
     * name of an {@link IdleStrategy} with a public no-argument constructor.
     *
     * @param propertyName the property the name was given in, for the message when it is unknown.
     * @param name         of the strategy.
     * @return a new idle strategy of that name; one agent's, since some keep state.
     * @throws IllegalArgumentException when the name is none of those.
     */
    public static IdleStrategy newIdleStrategy(final String propertyName, final String name)
    {
        if (null == name)
        {
            throw unknownIdleStrategy(propertyName, null, null);
        }
        switch (name)
        {
            case BackoffIdleStrategy.ALIAS:
                return new BackoffIdleStrategy();
            case "sleeping":
            case SleepingIdleStrategy.ALIAS:
                return new SleepingIdleStrategy();
            case SleepingMillisIdleStrategy.ALIAS:
                return new SleepingMillisIdleStrategy();
            case "yielding":
            case YieldingIdleStrategy.ALIAS:
                return YieldingIdleStrategy.INSTANCE;
            case "busy_spin":
            case BusySpinIdleStrategy.ALIAS:
                return BusySpinIdleStrategy.INSTANCE;
            case NoOpIdleStrategy.ALIAS:
                return NoOpIdleStrategy.INSTANCE;
            default:
                try
                {
                    return (IdleStrategy)Class.forName(name).getConstructor().newInstance();
                }
                catch (final ReflectiveOperationException | ClassCastException ex)
                {
                    throw unknownIdleStrategy(propertyName, name, ex);
                }
        }
    }

    private static IllegalArgumentException unknownIdleStrategy(
        final String propertyName, final String name, final Exception cause)
    {
        return new IllegalArgumentException(
            "unknown idle strategy " + name + " (" + propertyName + "): backoff, sleeping, sleep-ms, yielding, " +
            "busy_spin, noop or the class name of an IdleStrategy", cause);
    }

    private static Path pathProperty(final String name)
    {
        final String value = System.getProperty(name);
        return null != value ? Path.of(value) : null;
    }
}
