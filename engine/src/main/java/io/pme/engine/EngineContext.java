package io.pme.engine;

import io.pme.engine.logic.NoRiskModel;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.state.EngineState;

import io.aeron.CommonContext;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What an engine is built from, with defaults from {@link EngineConfiguration}; {@link #conclude()} checks it.
 */
public final class EngineContext
{
    private int maxAssets = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_ASSETS_PROP, EngineConfiguration.MAX_ASSETS_DEFAULT);
    private int maxInstruments = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_INSTRUMENTS_PROP, EngineConfiguration.MAX_INSTRUMENTS_DEFAULT);
    private int maxAccounts = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_ACCOUNTS_PROP, EngineConfiguration.MAX_ACCOUNTS_DEFAULT);
    private int maxPositions = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_POSITIONS_PROP, EngineConfiguration.MAX_POSITIONS_DEFAULT);
    private int maxOpenOrders = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_OPEN_ORDERS_PROP, EngineConfiguration.MAX_OPEN_ORDERS_DEFAULT);
    private int maxClients = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_CLIENTS_PROP, EngineConfiguration.MAX_CLIENTS_DEFAULT);
    private int maxUnderlyings = EngineConfiguration.intProperty(
        EngineConfiguration.MAX_UNDERLYINGS_PROP, EngineConfiguration.MAX_UNDERLYINGS_DEFAULT);
    private int ringSize = EngineConfiguration.intProperty(
        EngineConfiguration.RING_SIZE_PROP, EngineConfiguration.RING_SIZE_DEFAULT);
    private int outputBufferLength = EngineConfiguration.intProperty(
        EngineConfiguration.OUTPUT_BUFFER_LENGTH_PROP, EngineConfiguration.OUTPUT_BUFFER_LENGTH_DEFAULT);
    private String inputChannel = EngineConfiguration.stringProperty(
        EngineConfiguration.INPUT_CHANNEL_PROP, EngineConfiguration.INPUT_CHANNEL_DEFAULT);
    private int inputStreamId = EngineConfiguration.intProperty(
        EngineConfiguration.INPUT_STREAM_ID_PROP, EngineConfiguration.INPUT_STREAM_ID_DEFAULT);
    private String outputChannel = EngineConfiguration.stringProperty(
        EngineConfiguration.OUTPUT_CHANNEL_PROP, EngineConfiguration.OUTPUT_CHANNEL_DEFAULT);
    private int outputStreamId = EngineConfiguration.intProperty(
        EngineConfiguration.OUTPUT_STREAM_ID_PROP, EngineConfiguration.OUTPUT_STREAM_ID_DEFAULT);
    private String waitStrategy = EngineConfiguration.stringProperty(
        EngineConfiguration.WAIT_STRATEGY_PROP, EngineConfiguration.WAIT_STRATEGY_DEFAULT);
    private Path sessionsFile = null != System.getProperty(EngineConfiguration.SESSIONS_FILE_PROP) ?
        Path.of(System.getProperty(EngineConfiguration.SESSIONS_FILE_PROP)) : null;
    private long logonTimeoutMs = EngineConfiguration.intProperty(
        EngineConfiguration.LOGON_TIMEOUT_MS_PROP, EngineConfiguration.LOGON_TIMEOUT_MS_DEFAULT);
    private String aeronDirectoryName;
    private boolean embeddedMediaDriver = true;
    private Path journalDir;
    private File countersFile;
    private Function<EngineState, RiskModelBinding> riskModelFactory = state -> new NoRiskModel(state.accounts());
    private boolean concluded;

    /**
     * Checks the settings; an engine takes a concluded context only.
     */
    public EngineContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        requirePositive("maxAssets", maxAssets);
        requirePositive("maxInstruments", maxInstruments);
        requirePositive("maxAccounts", maxAccounts);
        requirePositive("maxPositions", maxPositions);
        requirePositive("maxOpenOrders", maxOpenOrders);
        requirePositive("maxClients", maxClients);
        if (Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("ringSize must be a power of two: " + ringSize);
        }
        if (null == journalDir)
        {
            throw new IllegalArgumentException("journalDir is required: every input is journaled");
        }
        if (!embeddedMediaDriver && null == aeronDirectoryName)
        {
            throw new IllegalArgumentException("an external media driver needs aeronDirectoryName");
        }
        if (logonTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("logonTimeoutMs must be positive: " + logonTimeoutMs);
        }
        if (null == countersFile)
        {
            countersFile = defaultCountersFile(aeronDirectoryName);
        }
        concluded = true;
        return this;
    }

    /**
     * @return where an engine on that Aeron directory keeps its counters: beside the directory, not in it, since a
     * media driver may delete its directory on start.
     */
    public static File defaultCountersFile(final String aeronDirectoryName)
    {
        return new File((null != aeronDirectoryName ? aeronDirectoryName : CommonContext.getAeronDirectoryName()) +
            "-counters.dat");
    }

    public File countersFile()
    {
        return countersFile;
    }

    public EngineContext countersFile(final File countersFile)
    {
        this.countersFile = countersFile;
        return this;
    }

    private static void requirePositive(final String name, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    public EngineState newState()
    {
        return new EngineState(
            maxAssets, maxInstruments, maxAccounts, maxPositions, maxOpenOrders, maxClients, maxUnderlyings);
    }

    public int maxAssets()
    {
        return maxAssets;
    }

    public EngineContext maxAssets(final int maxAssets)
    {
        this.maxAssets = maxAssets;
        return this;
    }

    public int maxInstruments()
    {
        return maxInstruments;
    }

    public EngineContext maxInstruments(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
        return this;
    }

    public int maxAccounts()
    {
        return maxAccounts;
    }

    public EngineContext maxAccounts(final int maxAccounts)
    {
        this.maxAccounts = maxAccounts;
        return this;
    }

    public int maxPositions()
    {
        return maxPositions;
    }

    public EngineContext maxPositions(final int maxPositions)
    {
        this.maxPositions = maxPositions;
        return this;
    }

    public int maxOpenOrders()
    {
        return maxOpenOrders;
    }

    public EngineContext maxOpenOrders(final int maxOpenOrders)
    {
        this.maxOpenOrders = maxOpenOrders;
        return this;
    }

    public int maxClients()
    {
        return maxClients;
    }

    public EngineContext maxClients(final int maxClients)
    {
        this.maxClients = maxClients;
        return this;
    }

    public int maxUnderlyings()
    {
        return maxUnderlyings;
    }

    public EngineContext maxUnderlyings(final int maxUnderlyings)
    {
        this.maxUnderlyings = maxUnderlyings;
        return this;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public EngineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int outputBufferLength()
    {
        return outputBufferLength;
    }

    public EngineContext outputBufferLength(final int outputBufferLength)
    {
        this.outputBufferLength = outputBufferLength;
        return this;
    }

    public String inputChannel()
    {
        return inputChannel;
    }

    public EngineContext inputChannel(final String inputChannel)
    {
        this.inputChannel = inputChannel;
        return this;
    }

    public int inputStreamId()
    {
        return inputStreamId;
    }

    public EngineContext inputStreamId(final int inputStreamId)
    {
        this.inputStreamId = inputStreamId;
        return this;
    }

    public String outputChannel()
    {
        return outputChannel;
    }

    public EngineContext outputChannel(final String outputChannel)
    {
        this.outputChannel = outputChannel;
        return this;
    }

    public int outputStreamId()
    {
        return outputStreamId;
    }

    public EngineContext outputStreamId(final int outputStreamId)
    {
        this.outputStreamId = outputStreamId;
        return this;
    }

    public String waitStrategy()
    {
        return waitStrategy;
    }

    public EngineContext waitStrategy(final String waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public EngineContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    public boolean embeddedMediaDriver()
    {
        return embeddedMediaDriver;
    }

    public EngineContext embeddedMediaDriver(final boolean embeddedMediaDriver)
    {
        this.embeddedMediaDriver = embeddedMediaDriver;
        return this;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    public EngineContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    public Function<EngineState, RiskModelBinding> riskModelFactory()
    {
        return riskModelFactory;
    }

    public EngineContext riskModelFactory(final Function<EngineState, RiskModelBinding> riskModelFactory)
    {
        this.riskModelFactory = riskModelFactory;
        return this;
    }

    /**
     * @return the sessions file that turns authentication on, or null: the engine then runs open.
     */
    public Path sessionsFile()
    {
        return sessionsFile;
    }

    /**
     * Sets the sessions file (clients, secrets, roles, entitlements); null runs the engine open (development mode).
     */
    public EngineContext sessionsFile(final Path sessionsFile)
    {
        this.sessionsFile = sessionsFile;
        return this;
    }

    public long logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    public EngineContext logonTimeoutMs(final long logonTimeoutMs)
    {
        this.logonTimeoutMs = logonTimeoutMs;
        return this;
    }
}
