package io.pme.engine;

import com.lmax.disruptor.WaitStrategy;
import io.aeron.CommonContext;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotIntervals;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.BitUtil;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What an engine is built from, in the manner of Aeron's {@code MediaDriver.Context}: every setting defaults from
 * its {@link EngineConfiguration} accessor when the context is created and may be set before
 * {@link #conclude()}, which runs once: it builds the strategies not set from their configured names and refuses
 * any setting out of its bounds, naming it. An engine takes a concluded context only.
 */
public final class EngineContext
{
    private int maxAssets = EngineConfiguration.maxAssets();
    private int maxInstruments = EngineConfiguration.maxInstruments();
    private int maxAccounts = EngineConfiguration.maxAccounts();
    private int maxPositions = EngineConfiguration.maxPositions();
    private int maxOpenOrders = EngineConfiguration.maxOpenOrders();
    private int maxClients = EngineConfiguration.maxClients();
    private int maxUnderlyings = EngineConfiguration.maxUnderlyings();
    private int ringSize = EngineConfiguration.ringSize();
    private int outputBufferLength = EngineConfiguration.outputBufferLength();
    private String inputChannel = EngineConfiguration.inputChannel();
    private int inputStreamId = EngineConfiguration.inputStreamId();
    private String outputChannel = EngineConfiguration.outputChannel();
    private int outputStreamId = EngineConfiguration.outputStreamId();
    private String waitStrategyName = EngineConfiguration.waitStrategyName();
    private WaitStrategy waitStrategy;
    private String receiverIdleStrategyName = EngineConfiguration.receiverIdleStrategyName();
    private IdleStrategy receiverIdleStrategy;
    private String publisherIdleStrategyName = EngineConfiguration.publisherIdleStrategyName();
    private IdleStrategy publisherIdleStrategy;
    private String outputQueueIdleStrategyName = EngineConfiguration.outputQueueIdleStrategyName();
    private IdleStrategy outputQueueIdleStrategy;
    private String threadingModeName = EngineConfiguration.threadingModeName();
    private EngineThreadingMode threadingMode;
    private String sharedIdleStrategyName = EngineConfiguration.sharedIdleStrategyName();
    private IdleStrategy sharedIdleStrategy;
    private Path sessionsFile = EngineConfiguration.sessionsFile();
    private long logonTimeoutMs = EngineConfiguration.logonTimeoutMs();
    private Path riskParametersFile = EngineConfiguration.riskParametersFile();
    // reads the parameters file when applied, so setting the file after the factory still takes effect
    private Function<EngineState, RiskModelBinding> riskModelFactory =
        state -> new PortfolioRiskModel(state, riskParametersFile);
    private String aeronDirectoryName;
    private boolean embeddedMediaDriver = true;
    private Path journalDir;
    private String journalSyncName = EngineConfiguration.journalSyncName();
    private JournalSyncPolicy journalSync;
    private long journalSyncIntervalNs = EngineConfiguration.journalSyncIntervalNs();
    private int journalSyncInputs = EngineConfiguration.journalSyncInputs();
    private long snapshotIntervalInputs = EngineConfiguration.snapshotIntervalInputs();
    private long snapshotIntervalNs = EngineConfiguration.snapshotIntervalNs();
    private int retentionSnapshots = EngineConfiguration.retentionSnapshots();
    private PrintStream recoveryReportStream = System.err;
    private String journalRollCycleName = EngineConfiguration.journalRollCycleName();
    private RollCycle journalRollCycle;
    private TimeProvider journalTimeProvider = SystemTimeProvider.INSTANCE;
    private File countersFile;
    private File errorsFile;
    private boolean concluded;

    /**
     * Checks every setting and completes the ones left to it: the wait and idle strategies not set are built from
     * their names, the counters file defaults beside the Aeron directory. Runs once.
     *
     * @return this, concluded.
     * @throws IllegalStateException    when the context was concluded before.
     * @throws IllegalArgumentException when a setting is out of its bounds; the message names it.
     */
    public EngineContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        concluded = true;

        requireWithin("maxAssets", maxAssets, EngineConfiguration.MAX_ASSETS_LIMIT,
            "an account's assets are one bit each of a long mask");
        requirePositive("maxInstruments", maxInstruments);
        requirePositive("maxAccounts", maxAccounts);
        requireWithin("maxPositions", maxPositions, EngineConfiguration.MAX_POSITIONS_LIMIT,
            "a chunk of account records must fit one buffer");
        requirePositive("maxOpenOrders", maxOpenOrders);
        requirePositive("maxClients", maxClients);
        requireWithin("maxUnderlyings", maxUnderlyings, EngineConfiguration.MAX_UNDERLYINGS_LIMIT,
            "an account's underlyings are one bit each of a long mask");
        requirePowerOfTwo("ringSize", ringSize, 1);
        requirePowerOfTwo("outputBufferLength", outputBufferLength, ManyToOneRingBuffer.MIN_CAPACITY);
        requireNonNull("inputChannel", inputChannel);
        requireNonNull("outputChannel", outputChannel);
        if (logonTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("logonTimeoutMs must be positive: " + logonTimeoutMs);
        }
        if (null == journalDir)
        {
            throw new IllegalArgumentException("journalDir is required: every input is journaled");
        }
        concludeJournalSync();
        concludeSnapshots();
        concludeThreadingMode();
        if (!embeddedMediaDriver && null == aeronDirectoryName)
        {
            throw new IllegalArgumentException("aeronDirectoryName is required for an external media driver");
        }
        requireNonNull("riskModelFactory", riskModelFactory);
        requireNonNull("recoveryReportStream", recoveryReportStream);
        if (null == journalRollCycle)
        {
            try
            {
                journalRollCycle = EngineConfiguration.rollCycle(journalRollCycleName);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("journalRollCycleName names no roll cycle: " + ex.getMessage(), ex);
            }
        }
        requireNonNull("journalTimeProvider", journalTimeProvider);

        concludeStrategies();
        if (null == countersFile)
        {
            countersFile = defaultCountersFile(aeronDirectoryName);
        }
        if (null == errorsFile)
        {
            errorsFile = errorsFileBeside(countersFile);
        }
        return this;
    }

    private void concludeJournalSync()
    {
        if (null == journalSync)
        {
            try
            {
                journalSync = JournalSyncPolicy.fromName(journalSyncName);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("journalSyncName names no policy (" +
                    EngineConfiguration.JOURNAL_SYNC_PROP_NAME + "): " + ex.getMessage(), ex);
            }
        }
        if (journalSyncIntervalNs <= 0)
        {
            throw new IllegalArgumentException("journalSyncIntervalNs must be positive: " + journalSyncIntervalNs);
        }
        requirePositive("journalSyncInputs", journalSyncInputs);
    }

    private void concludeSnapshots()
    {
        if (snapshotIntervalInputs < 0)
        {
            throw new IllegalArgumentException("snapshotIntervalInputs must not be negative (" +
                EngineConfiguration.SNAPSHOT_INTERVAL_INPUTS_PROP_NAME + ", 0 for none): " + snapshotIntervalInputs);
        }
        if (snapshotIntervalNs < 0)
        {
            throw new IllegalArgumentException("snapshotIntervalNs must not be negative (" +
                EngineConfiguration.SNAPSHOT_INTERVAL_PROP_NAME + ", 0 for none): " + snapshotIntervalNs);
        }
        if (retentionSnapshots < EngineConfiguration.RETENTION_SNAPSHOTS_MIN)
        {
            throw new IllegalArgumentException("retentionSnapshots must be at least " +
                EngineConfiguration.RETENTION_SNAPSHOTS_MIN + " (" + EngineConfiguration.RETENTION_SNAPSHOTS_PROP_NAME +
                "): " + retentionSnapshots);
        }
    }

    private void concludeThreadingMode()
    {
        if (null == threadingMode)
        {
            try
            {
                threadingMode = EngineThreadingMode.fromName(threadingModeName);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("threadingModeName names no mode (" +
                    EngineConfiguration.THREADING_MODE_PROP_NAME + "): " + ex.getMessage(), ex);
            }
        }
    }

    private void concludeStrategies()
    {
        if (null == sharedIdleStrategy)
        {
            sharedIdleStrategy = newIdleStrategy("sharedIdleStrategyName",
                EngineConfiguration.SHARED_IDLE_STRATEGY_PROP_NAME, sharedIdleStrategyName);
        }
        if (null == waitStrategy)
        {
            try
            {
                waitStrategy = EngineConfiguration.newWaitStrategy(waitStrategyName);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("waitStrategyName names no strategy: " + ex.getMessage(), ex);
            }
        }
        if (null == receiverIdleStrategy)
        {
            receiverIdleStrategy = newIdleStrategy("receiverIdleStrategyName",
                EngineConfiguration.RECEIVER_IDLE_STRATEGY_PROP_NAME, receiverIdleStrategyName);
        }
        if (null == publisherIdleStrategy)
        {
            publisherIdleStrategy = newIdleStrategy("publisherIdleStrategyName",
                EngineConfiguration.PUBLISHER_IDLE_STRATEGY_PROP_NAME, publisherIdleStrategyName);
        }
        if (null == outputQueueIdleStrategy)
        {
            outputQueueIdleStrategy = newIdleStrategy("outputQueueIdleStrategyName",
                EngineConfiguration.OUTPUT_QUEUE_IDLE_STRATEGY_PROP_NAME, outputQueueIdleStrategyName);
        }
    }

    private static IdleStrategy newIdleStrategy(final String field, final String propertyName, final String name)
    {
        try
        {
            return EngineConfiguration.newIdleStrategy(propertyName, name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(field + " names no strategy: " + ex.getMessage(), ex);
        }
    }

    private static void requirePositive(final String name, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireWithin(final String name, final int value, final int limit, final String why)
    {
        if (value <= 0 || value > limit)
        {
            throw new IllegalArgumentException(name + " must be from 1 to " + limit + " (" + why + "): " + value);
        }
    }

    private static void requirePowerOfTwo(final String name, final int value, final int minimum)
    {
        if (value < minimum || !BitUtil.isPowerOfTwo(value))
        {
            throw new IllegalArgumentException(
                name + " must be a power of two of at least " + minimum + ": " + value);
        }
    }

    private static void requireNonNull(final String name, final Object value)
    {
        if (null == value)
        {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /**
     * @return whether {@link #conclude()} has run.
     */
    public boolean isConcluded()
    {
        return concluded;
    }

    /**
     * Where an engine on an Aeron directory keeps its counters: beside the directory, not in it, since a media
     * driver may delete its directory on start.
     *
     * @param aeronDirectoryName the engine's Aeron directory, or null for Aeron's default.
     * @return the counters file {@code pme stat} reads.
     */
    public static File defaultCountersFile(final String aeronDirectoryName)
    {
        return new File((null != aeronDirectoryName ? aeronDirectoryName : CommonContext.getAeronDirectoryName()) +
            "-counters.dat");
    }

    /**
     * Where an engine whose counters are in a file keeps its distinct error log: beside it, {@code X-counters.dat}
     * giving {@code X-errors.dat} (any other name gains {@code -errors.dat}).
     *
     * @param countersFile the engine's counters file.
     * @return the error log's file, which {@code pme errors} reads.
     */
    public static File errorsFileBeside(final File countersFile)
    {
        final String path = countersFile.getPath();
        final String suffix = "-counters.dat";
        return new File(path.endsWith(suffix) ?
            path.substring(0, path.length() - suffix.length()) + "-errors.dat" : path + "-errors.dat");
    }

    /**
     * A new, empty engine state of this context's capacities; needs no {@link #conclude()}, so a replay or a test
     * can size its state as the engine would.
     *
     * @return the state, allocated as accounts open.
     */
    public EngineState newState()
    {
        return new EngineState(
            maxAssets, maxInstruments, maxAccounts, maxPositions, maxOpenOrders, maxClients, maxUnderlyings);
    }

    /**
     * @return assets the engine can define, from 1 to {@link EngineConfiguration#MAX_ASSETS_LIMIT}; defaults to
     * {@link EngineConfiguration#maxAssets()}.
     */
    public int maxAssets()
    {
        return maxAssets;
    }

    /**
     * @param maxAssets assets the engine can define, from 1 to {@link EngineConfiguration#MAX_ASSETS_LIMIT}; defaults
     *                  to {@link EngineConfiguration#maxAssets()}.
     * @return this for a fluent API.
     */
    public EngineContext maxAssets(final int maxAssets)
    {
        this.maxAssets = maxAssets;
        return this;
    }

    /**
     * @return instruments the engine can define; positive; defaults to {@link EngineConfiguration#maxInstruments()}.
     */
    public int maxInstruments()
    {
        return maxInstruments;
    }

    /**
     * @param maxInstruments instruments the engine can define; positive; defaults to
     *                       {@link EngineConfiguration#maxInstruments()}.
     * @return this for a fluent API.
     */
    public EngineContext maxInstruments(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        return this;
    }

    /**
     * @return accounts the engine can open; positive; defaults to {@link EngineConfiguration#maxAccounts()}.
     */
    public int maxAccounts()
    {
        return maxAccounts;
    }

    /**
     * @param maxAccounts accounts the engine can open; positive; defaults to {@link EngineConfiguration#maxAccounts()}.
     * @return this for a fluent API.
     */
    public EngineContext maxAccounts(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        return this;
    }

    /**
     * @return positions one account can hold, from 1 to {@link EngineConfiguration#MAX_POSITIONS_LIMIT}; defaults to
     * {@link EngineConfiguration#maxPositions()}.
     */
    public int maxPositions()
    {
        return maxPositions;
    }

    /**
     * @param maxPositions positions one account can hold, from 1 to {@link EngineConfiguration#MAX_POSITIONS_LIMIT};
     *                     defaults to {@link EngineConfiguration#maxPositions()}.
     * @return this for a fluent API.
     */
    public EngineContext maxPositions(final int maxPositions)
    {
        this.maxPositions = maxPositions;
        return this;
    }

    /**
     * @return open orders the engine holds over all accounts; positive; defaults to
     * {@link EngineConfiguration#maxOpenOrders()}.
     */
    public int maxOpenOrders()
    {
        return maxOpenOrders;
    }

    /**
     * @param maxOpenOrders open orders the engine holds over all accounts; positive; defaults to
     *                      {@link EngineConfiguration#maxOpenOrders()}.
     * @return this for a fluent API.
     */
    public EngineContext maxOpenOrders(final int maxOpenOrders)
    {
        this.maxOpenOrders = maxOpenOrders;
        return this;
    }

    /**
     * @return clients the engine tracks; positive; defaults to {@link EngineConfiguration#maxClients()}.
     */
    public int maxClients()
    {
        return maxClients;
    }

    /**
     * @param maxClients clients the engine tracks; positive; defaults to {@link EngineConfiguration#maxClients()}.
     * @return this for a fluent API.
     */
    public EngineContext maxClients(final int maxClients)
    {
        this.maxClients = maxClients;
        return this;
    }

    /**
     * @return underlyings an account's incremental risk state has room for, from 1 to
     * {@link EngineConfiguration#MAX_UNDERLYINGS_LIMIT}; defaults to {@link EngineConfiguration#maxUnderlyings()}.
     */
    public int maxUnderlyings()
    {
        return maxUnderlyings;
    }

    /**
     * @param maxUnderlyings underlyings an account's incremental risk state has room for, from 1 to
     *                       {@link EngineConfiguration#MAX_UNDERLYINGS_LIMIT}; defaults to
     *                       {@link EngineConfiguration#maxUnderlyings()}.
     * @return this for a fluent API.
     */
    public EngineContext maxUnderlyings(final int maxUnderlyings)
    {
        this.maxUnderlyings = maxUnderlyings;
        return this;
    }

    /**
     * @return slots of the input ring; a power of two; defaults to {@link EngineConfiguration#ringSize()}.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSize slots of the input ring; a power of two; defaults to {@link EngineConfiguration#ringSize()}.
     * @return this for a fluent API.
     */
    public EngineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return bytes of the output queue, its trailer not counted; a power of two of at least 8; defaults to
     * {@link EngineConfiguration#outputBufferLength()}.
     */
    public int outputBufferLength()
    {
        return outputBufferLength;
    }

    /**
     * @param outputBufferLength bytes of the output queue, its trailer not counted; a power of two of at least 8;
     *                           defaults to {@link EngineConfiguration#outputBufferLength()}.
     * @return this for a fluent API.
     */
    public EngineContext outputBufferLength(final int outputBufferLength)
    {
        this.outputBufferLength = outputBufferLength;
        return this;
    }

    /**
     * @return the channel the engine subscribes to for inputs; defaults to {@link EngineConfiguration#inputChannel()}.
     */
    public String inputChannel()
    {
        return inputChannel;
    }

    /**
     * @param inputChannel the channel the engine subscribes to for inputs; defaults to
     *                     {@link EngineConfiguration#inputChannel()}.
     * @return this for a fluent API.
     */
    public EngineContext inputChannel(final String inputChannel)
    {
        this.inputChannel = inputChannel;
        return this;
    }

    /**
     * @return the stream id of the inputs; defaults to {@link EngineConfiguration#inputStreamId()}.
     */
    public int inputStreamId()
    {
        return inputStreamId;
    }

    /**
     * @param inputStreamId the stream id of the inputs; defaults to {@link EngineConfiguration#inputStreamId()}.
     * @return this for a fluent API.
     */
    public EngineContext inputStreamId(final int inputStreamId)
    {
        this.inputStreamId = inputStreamId;
        return this;
    }

    /**
     * @return the channel the engine publishes its outputs on; defaults to {@link EngineConfiguration#outputChannel()}.
     */
    public String outputChannel()
    {
        return outputChannel;
    }

    /**
     * @param outputChannel the channel the engine publishes its outputs on; defaults to
     *                      {@link EngineConfiguration#outputChannel()}.
     * @return this for a fluent API.
     */
    public EngineContext outputChannel(final String outputChannel)
    {
        this.outputChannel = outputChannel;
        return this;
    }

    /**
     * @return the stream id of the outputs; defaults to {@link EngineConfiguration#outputStreamId()}.
     */
    public int outputStreamId()
    {
        return outputStreamId;
    }

    /**
     * @param outputStreamId the stream id of the outputs; defaults to {@link EngineConfiguration#outputStreamId()}.
     * @return this for a fluent API.
     */
    public EngineContext outputStreamId(final int outputStreamId)
    {
        this.outputStreamId = outputStreamId;
        return this;
    }

    /**
     * @return the name of the ring's wait strategy, used by {@link #conclude()} when no
     * {@link #waitStrategy(WaitStrategy)} is set; defaults to {@link EngineConfiguration#waitStrategyName()}.
     */
    public String waitStrategyName()
    {
        return waitStrategyName;
    }

    /**
     * @param waitStrategyName {@code busy}, {@code yielding}, {@code sleeping} or {@code blocking}, see
     *                         {@link EngineConfiguration#newWaitStrategy(String)}; defaults to
     *                         {@link EngineConfiguration#waitStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext waitStrategyName(final String waitStrategyName)
    {
        this.waitStrategyName = waitStrategyName;
        return this;
    }

    /**
     * @return how the journal and business-logic threads wait for the next input; null until set or built by
     * {@link #conclude()} from {@link #waitStrategyName()}.
     */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param waitStrategy how the journal and business-logic threads wait for the next input; when null (the
     *                     default) {@link #conclude()} builds it from {@link #waitStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext waitStrategy(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * @return the name of the receiver agent's idle strategy, used by {@link #conclude()} when no
     * {@link #receiverIdleStrategy(IdleStrategy)} is set; defaults to
     * {@link EngineConfiguration#receiverIdleStrategyName()}.
     */
    public String receiverIdleStrategyName()
    {
        return receiverIdleStrategyName;
    }

    /**
     * @param receiverIdleStrategyName an idle strategy name, see
     *                                 {@link EngineConfiguration#newIdleStrategy(String, String)}; defaults to
     *                                 {@link EngineConfiguration#receiverIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext receiverIdleStrategyName(final String receiverIdleStrategyName)
    {
        this.receiverIdleStrategyName = receiverIdleStrategyName;
        return this;
    }

    /**
     * @return how the receiver agent idles when no input arrives; null until set or built by {@link #conclude()}
     * from {@link #receiverIdleStrategyName()}.
     */
    public IdleStrategy receiverIdleStrategy()
    {
        return receiverIdleStrategy;
    }

    /**
     * @param receiverIdleStrategy how the receiver agent idles, the receiver's alone; when null (the default)
     *                             {@link #conclude()} builds it from {@link #receiverIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext receiverIdleStrategy(final IdleStrategy receiverIdleStrategy)
    {
        this.receiverIdleStrategy = receiverIdleStrategy;
        return this;
    }

    /**
     * @return the name of the publisher agent's idle strategy, used by {@link #conclude()} when no
     * {@link #publisherIdleStrategy(IdleStrategy)} is set; defaults to
     * {@link EngineConfiguration#publisherIdleStrategyName()}.
     */
    public String publisherIdleStrategyName()
    {
        return publisherIdleStrategyName;
    }

    /**
     * @param publisherIdleStrategyName an idle strategy name, see
     *                                  {@link EngineConfiguration#newIdleStrategy(String, String)}; defaults to
     *                                  {@link EngineConfiguration#publisherIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext publisherIdleStrategyName(final String publisherIdleStrategyName)
    {
        this.publisherIdleStrategyName = publisherIdleStrategyName;
        return this;
    }

    /**
     * @return how the publisher agent idles when there is nothing to publish or the publication is back-pressured;
     * null until set or built by {@link #conclude()} from {@link #publisherIdleStrategyName()}.
     */
    public IdleStrategy publisherIdleStrategy()
    {
        return publisherIdleStrategy;
    }

    /**
     * @param publisherIdleStrategy how the publisher agent idles, the publisher's alone; when null (the default)
     *                              {@link #conclude()} builds it from {@link #publisherIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext publisherIdleStrategy(final IdleStrategy publisherIdleStrategy)
    {
        this.publisherIdleStrategy = publisherIdleStrategy;
        return this;
    }

    /**
     * @return the name of the output queue's back-off, used by {@link #conclude()} when no
     * {@link #outputQueueIdleStrategy(IdleStrategy)} is set; defaults to
     * {@link EngineConfiguration#outputQueueIdleStrategyName()}.
     */
    public String outputQueueIdleStrategyName()
    {
        return outputQueueIdleStrategyName;
    }

    /**
     * @param outputQueueIdleStrategyName an idle strategy name, see
     *                                    {@link EngineConfiguration#newIdleStrategy(String, String)}; defaults to
     *                                    {@link EngineConfiguration#outputQueueIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext outputQueueIdleStrategyName(final String outputQueueIdleStrategyName)
    {
        this.outputQueueIdleStrategyName = outputQueueIdleStrategyName;
        return this;
    }

    /**
     * @return how the business logic backs off while the output queue is full; null until set or built by
     * {@link #conclude()} from {@link #outputQueueIdleStrategyName()}.
     */
    public IdleStrategy outputQueueIdleStrategy()
    {
        return outputQueueIdleStrategy;
    }

    /**
     * @param outputQueueIdleStrategy how the business logic backs off while the output queue is full, the business
     *                                logic's alone; when null (the default) {@link #conclude()} builds it from
     *                                {@link #outputQueueIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext outputQueueIdleStrategy(final IdleStrategy outputQueueIdleStrategy)
    {
        this.outputQueueIdleStrategy = outputQueueIdleStrategy;
        return this;
    }

    /**
     * @return the name of the threading mode, used by {@link #conclude()} when no
     * {@link #threadingMode(EngineThreadingMode) mode} is set; defaults to
     * {@link EngineConfiguration#threadingModeName()}.
     */
    public String threadingModeName()
    {
        return threadingModeName;
    }

    /**
     * @param threadingModeName {@code dedicated} or {@code shared}, see {@link EngineThreadingMode}; defaults to
     *                          {@link EngineConfiguration#threadingModeName()}.
     * @return this for a fluent API.
     */
    public EngineContext threadingModeName(final String threadingModeName)
    {
        this.threadingModeName = threadingModeName;
        return this;
    }

    /**
     * @return how the stages are laid out on threads; null until set or taken by {@link #conclude()} from
     * {@link #threadingModeName()}.
     */
    public EngineThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * @param threadingMode how the stages are laid out on threads; when null (the default) {@link #conclude()} takes
     *                      it from {@link #threadingModeName()}.
     * @return this for a fluent API.
     */
    public EngineContext threadingMode(final EngineThreadingMode threadingMode)
    {
        this.threadingMode = threadingMode;
        return this;
    }

    /**
     * @return the name of the shared agent's idle strategy, used by {@link #conclude()} when no
     * {@link #sharedIdleStrategy(IdleStrategy)} is set; defaults to
     * {@link EngineConfiguration#sharedIdleStrategyName()}.
     */
    public String sharedIdleStrategyName()
    {
        return sharedIdleStrategyName;
    }

    /**
     * @param sharedIdleStrategyName an idle strategy name, see
     *                               {@link EngineConfiguration#newIdleStrategy(String, String)}; defaults to
     *                               {@link EngineConfiguration#sharedIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext sharedIdleStrategyName(final String sharedIdleStrategyName)
    {
        this.sharedIdleStrategyName = sharedIdleStrategyName;
        return this;
    }

    /**
     * @return how the one agent of the {@link EngineThreadingMode#SHARED shared} mode idles after a duty cycle that
     * found nothing to do; null until set or built by {@link #conclude()} from {@link #sharedIdleStrategyName()}.
     */
    public IdleStrategy sharedIdleStrategy()
    {
        return sharedIdleStrategy;
    }

    /**
     * @param sharedIdleStrategy how the shared agent idles, that agent's alone; when null (the default)
     *                           {@link #conclude()} builds it from {@link #sharedIdleStrategyName()}.
     * @return this for a fluent API.
     */
    public EngineContext sharedIdleStrategy(final IdleStrategy sharedIdleStrategy)
    {
        this.sharedIdleStrategy = sharedIdleStrategy;
        return this;
    }

    /**
     * @return the Aeron directory of the media driver, or null (the default) for the embedded driver's own or, with
     * an external driver, Aeron's default.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @param aeronDirectoryName the Aeron directory of the media driver; required with an external driver, null by
     *                           default.
     * @return this for a fluent API.
     */
    public EngineContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /**
     * @return whether the engine launches its own media driver; true by default.
     */
    public boolean embeddedMediaDriver()
    {
        return embeddedMediaDriver;
    }

    /**
     * @param embeddedMediaDriver whether the engine launches its own media driver (true, the default) or connects
     *                            to one running at {@link #aeronDirectoryName()}.
     * @return this for a fluent API.
     */
    public EngineContext embeddedMediaDriver(final boolean embeddedMediaDriver)
    {
        this.embeddedMediaDriver = embeddedMediaDriver;
        return this;
    }

    /**
     * @return the directory of the journal and its snapshots, which the engine recovers from on start; no default.
     */
    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * @param journalDir the directory of the journal and its snapshots; required, every input is journaled.
     * @return this for a fluent API.
     */
    public EngineContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /**
     * @return the name of the journal sync policy, used by {@link #conclude()} when no
     * {@link #journalSync(JournalSyncPolicy) policy} is set; from {@link EngineConfiguration#JOURNAL_SYNC_PROP_NAME}.
     */
    public String journalSyncName()
    {
        return journalSyncName;
    }

    /**
     * @param journalSyncName {@code none}, {@code periodic} or {@code every-input}.
     * @return this for a fluent API.
     */
    public EngineContext journalSyncName(final String journalSyncName)
    {
        this.journalSyncName = journalSyncName;
        return this;
    }

    /**
     * @return when the journal forces its entries to the device; null until set or built by {@link #conclude()}
     * from {@link #journalSyncName()}.
     */
    public JournalSyncPolicy journalSync()
    {
        return journalSync;
    }

    /**
     * @param journalSync when the journal forces its entries to the device; when null (the default)
     *                    {@link #conclude()} takes it from {@link #journalSyncName()}.
     * @return this for a fluent API.
     */
    public EngineContext journalSync(final JournalSyncPolicy journalSync)
    {
        this.journalSync = journalSync;
        return this;
    }

    /**
     * @return with the periodic policy, the longest an appended input waits for a sync, in nanoseconds; from
     * {@link EngineConfiguration#JOURNAL_SYNC_INTERVAL_PROP_NAME}.
     */
    public long journalSyncIntervalNs()
    {
        return journalSyncIntervalNs;
    }

    /**
     * @param journalSyncIntervalNs with the periodic policy, the longest an appended input waits for a sync;
     *                              positive.
     * @return this for a fluent API.
     */
    public EngineContext journalSyncIntervalNs(final long journalSyncIntervalNs)
    {
        this.journalSyncIntervalNs = journalSyncIntervalNs;
        return this;
    }

    /**
     * @return with the periodic policy, the inputs appended since the last sync that start the next one early;
     * from {@link EngineConfiguration#JOURNAL_SYNC_INPUTS_PROP_NAME}.
     */
    public int journalSyncInputs()
    {
        return journalSyncInputs;
    }

    /**
     * @param journalSyncInputs with the periodic policy, the inputs appended since the last sync that start the next
     *                          one before its interval is up; positive.
     * @return this for a fluent API.
     */
    public EngineContext journalSyncInputs(final int journalSyncInputs)
    {
        this.journalSyncInputs = journalSyncInputs;
        return this;
    }

    /**
     * @return inputs between two snapshots the business logic takes of its own, 0 for none by count; from
     * {@link EngineConfiguration#SNAPSHOT_INTERVAL_INPUTS_PROP_NAME}.
     */
    public long snapshotIntervalInputs()
    {
        return snapshotIntervalInputs;
    }

    /**
     * @param snapshotIntervalInputs inputs between two scheduled snapshots, 0 for none by count; not negative.
     * @return this for a fluent API.
     */
    public EngineContext snapshotIntervalInputs(final long snapshotIntervalInputs)
    {
        this.snapshotIntervalInputs = snapshotIntervalInputs;
        return this;
    }

    /**
     * @return message time between two snapshots the business logic takes of its own, in nanoseconds, 0 for none by
     * time; from {@link EngineConfiguration#SNAPSHOT_INTERVAL_PROP_NAME}.
     */
    public long snapshotIntervalNs()
    {
        return snapshotIntervalNs;
    }

    /**
     * @param snapshotIntervalNs message time between two scheduled snapshots, 0 for none by time; not negative.
     * @return this for a fluent API.
     */
    public EngineContext snapshotIntervalNs(final long snapshotIntervalNs)
    {
        this.snapshotIntervalNs = snapshotIntervalNs;
        return this;
    }

    /**
     * @return both snapshot intervals, as the business logic takes them.
     */
    public SnapshotIntervals snapshotIntervals()
    {
        return new SnapshotIntervals(snapshotIntervalInputs, snapshotIntervalNs);
    }

    /**
     * @return intact snapshots kept after each snapshot is written; from
     * {@link EngineConfiguration#RETENTION_SNAPSHOTS_PROP_NAME}.
     */
    public int retentionSnapshots()
    {
        return retentionSnapshots;
    }

    /**
     * @param retentionSnapshots intact snapshots kept, with the journal they need; at least
     *                           {@link EngineConfiguration#RETENTION_SNAPSHOTS_MIN}.
     * @return this for a fluent API.
     */
    public EngineContext retentionSnapshots(final int retentionSnapshots)
    {
        this.retentionSnapshots = retentionSnapshots;
        return this;
    }

    /**
     * @return the name of the roll cycle a new journal is created with, when none is
     * {@link #journalRollCycle(RollCycle) set}; from {@link EngineConfiguration#JOURNAL_ROLL_CYCLE_PROP_NAME}.
     */
    public String journalRollCycleName()
    {
        return journalRollCycleName;
    }

    /**
     * @param journalRollCycleName {@code daily} or {@code hourly}.
     * @return this for a fluent API.
     */
    public EngineContext journalRollCycleName(final String journalRollCycleName)
    {
        this.journalRollCycleName = journalRollCycleName;
        return this;
    }

    /**
     * @return the roll cycle a new journal is created with; an existing journal keeps its own. Unless
     * {@link #journalRollCycle(RollCycle) set}, from {@link EngineConfiguration#JOURNAL_ROLL_CYCLE_PROP_NAME} by
     * {@link #conclude()}.
     */
    public RollCycle journalRollCycle()
    {
        return journalRollCycle;
    }

    /**
     * A roll cycle of any kind, over {@link EngineConfiguration#JOURNAL_ROLL_CYCLE_PROP_NAME}'s two: a test rolls a
     * journal faster, with its own clock, to see retention delete whole cycles.
     *
     * @param journalRollCycle the roll cycle a new journal is created with; null for the property's.
     * @return this for a fluent API.
     */
    public EngineContext journalRollCycle(final RollCycle journalRollCycle)
    {
        this.journalRollCycle = journalRollCycle;
        return this;
    }

    /**
     * @return the clock that picks the journal's cycle file (the wall clock by default); it never reaches the
     * journaled bytes or the business logic.
     */
    public TimeProvider journalTimeProvider()
    {
        return journalTimeProvider;
    }

    /**
     * Not a property: a test sets its own clock to roll the journal when it chooses.
     *
     * @param journalTimeProvider the clock that picks the journal's cycle file.
     * @return this for a fluent API.
     */
    public EngineContext journalTimeProvider(final TimeProvider journalTimeProvider)
    {
        this.journalTimeProvider = journalTimeProvider;
        return this;
    }

    /**
     * @return where the engine prints its recovery report on start; standard error by default.
     */
    public PrintStream recoveryReportStream()
    {
        return recoveryReportStream;
    }

    /**
     * @param recoveryReportStream where the engine prints, on start, which snapshot it restored, which it skipped
     *                             and why, and how many journaled inputs it replayed in how long; standard error by
     *                             default, so a command whose standard output is data keeps it clean.
     * @return this for a fluent API.
     */
    public EngineContext recoveryReportStream(final PrintStream recoveryReportStream)
    {
        this.recoveryReportStream = recoveryReportStream;
        return this;
    }

    /**
     * @return the memory-mapped file of the engine's counters; null until set or defaulted by {@link #conclude()}
     * to {@link #defaultCountersFile(String)} of {@link #aeronDirectoryName()}.
     */
    public File countersFile()
    {
        return countersFile;
    }

    /**
     * @param countersFile the memory-mapped file of the engine's counters; when null (the default)
     *                     {@link #conclude()} puts it beside the Aeron directory.
     * @return this for a fluent API.
     */
    public EngineContext countersFile(final File countersFile)
    {
        this.countersFile = countersFile;
        return this;
    }

    /**
     * @return the memory-mapped file of the engine's distinct error log; null until set or defaulted by
     * {@link #conclude()} to {@link #errorsFileBeside(File)} the counters file.
     */
    public File errorsFile()
    {
        return errorsFile;
    }

    /**
     * @param errorsFile the memory-mapped file of the engine's distinct error log; when null (the default)
     *                   {@link #conclude()} puts it beside the counters file.
     * @return this for a fluent API.
     */
    public EngineContext errorsFile(final File errorsFile)
    {
        this.errorsFile = errorsFile;
        return this;
    }

    /**
     * @return the risk-parameter file the default risk model loads, or null for the parameters shipped with the
     * engine; defaults to {@link EngineConfiguration#riskParametersFile()}.
     */
    public Path riskParametersFile()
    {
        return riskParametersFile;
    }

    /**
     * @param riskParametersFile the risk-parameter file the default risk model loads, or null for the shipped
     *                           parameters; defaults to {@link EngineConfiguration#riskParametersFile()}.
     * @return this for a fluent API.
     */
    public EngineContext riskParametersFile(final Path riskParametersFile)
    {
        this.riskParametersFile = riskParametersFile;
        return this;
    }

    /**
     * @return what builds the risk model over the engine's state; defaults to the live incremental
     * {@link PortfolioRiskModel} with {@link #riskParametersFile()}.
     */
    public Function<EngineState, RiskModelBinding> riskModelFactory()
    {
        return riskModelFactory;
    }

    /**
     * @param riskModelFactory what builds the risk model over the engine's state; required, defaults to the
     *                         {@link PortfolioRiskModel} with {@link #riskParametersFile()}. Live run and replay of
     *                         one journal must build the same model.
     * @return this for a fluent API.
     */
    public EngineContext riskModelFactory(final Function<EngineState, RiskModelBinding> riskModelFactory)
    {
        this.riskModelFactory = riskModelFactory;
        return this;
    }

    /**
     * @return the sessions file that turns authentication on, or null: the engine then runs open; defaults to
     * {@link EngineConfiguration#sessionsFile()}.
     */
    public Path sessionsFile()
    {
        return sessionsFile;
    }

    /**
     * @param sessionsFile the sessions file (clients, secrets, roles, entitlements), or null to run the engine open
     *                     (development mode); defaults to {@link EngineConfiguration#sessionsFile()}.
     * @return this for a fluent API.
     */
    public EngineContext sessionsFile(final Path sessionsFile)
    {
        this.sessionsFile = sessionsFile;
        return this;
    }

    /**
     * @return milliseconds a connection has to finish a logon it started; defaults to
     * {@link EngineConfiguration#logonTimeoutMs()}.
     */
    public long logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    /**
     * @param logonTimeoutMs milliseconds a connection has to finish a logon it started; positive, defaults to
     *                       {@link EngineConfiguration#logonTimeoutMs()}.
     * @return this for a fluent API.
     */
    public EngineContext logonTimeoutMs(final long logonTimeoutMs)
    {
        this.logonTimeoutMs = logonTimeoutMs;
        return this;
    }
}
