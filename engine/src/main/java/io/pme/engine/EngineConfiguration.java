package io.pme.engine;

/**
 * Engine settings with system-property defaults, in the manner of Aeron's {@code Configuration}.
 */
public final class EngineConfiguration
{
    public static final String MAX_ASSETS_PROP = "pme.max.assets";
    public static final int MAX_ASSETS_DEFAULT = 64;

    public static final String MAX_INSTRUMENTS_PROP = "pme.max.instruments";
    public static final int MAX_INSTRUMENTS_DEFAULT = 4096;

    public static final String MAX_ACCOUNTS_PROP = "pme.max.accounts";
    public static final int MAX_ACCOUNTS_DEFAULT = 100_000;

    public static final String MAX_POSITIONS_PROP = "pme.max.positions.per.account";
    public static final int MAX_POSITIONS_DEFAULT = 32;

    /** Underlyings an account's incremental risk state has room for (each costs ~1.1 KB per account off-heap). */
    public static final String MAX_UNDERLYINGS_PROP = "pme.max.underlyings";
    public static final int MAX_UNDERLYINGS_DEFAULT = 4;

    public static final String MAX_OPEN_ORDERS_PROP = "pme.max.open.orders";
    public static final int MAX_OPEN_ORDERS_DEFAULT = 262_144;

    public static final String MAX_CLIENTS_PROP = "pme.max.clients";
    public static final int MAX_CLIENTS_DEFAULT = 1024;

    public static final String RING_SIZE_PROP = "pme.ring.size";
    public static final int RING_SIZE_DEFAULT = 16_384;

    public static final String OUTPUT_BUFFER_LENGTH_PROP = "pme.output.buffer.length";
    public static final int OUTPUT_BUFFER_LENGTH_DEFAULT = 64 * 1024 * 1024;

    public static final String INPUT_CHANNEL_PROP = "pme.input.channel";
    public static final String INPUT_CHANNEL_DEFAULT = "aeron:ipc";

    public static final String INPUT_STREAM_ID_PROP = "pme.input.stream.id";
    public static final int INPUT_STREAM_ID_DEFAULT = 1001;

    public static final String OUTPUT_CHANNEL_PROP = "pme.output.channel";
    public static final String OUTPUT_CHANNEL_DEFAULT = "aeron:ipc";

    public static final String OUTPUT_STREAM_ID_PROP = "pme.output.stream.id";
    public static final int OUTPUT_STREAM_ID_DEFAULT = 1002;

    public static final String WAIT_STRATEGY_PROP = "pme.wait.strategy";
    public static final String WAIT_STRATEGY_DEFAULT = "sleeping";

    /** A sessions file turns authentication on; without one the engine runs open (development mode). */
    public static final String SESSIONS_FILE_PROP = "pme.sessions.file";

    public static final String LOGON_TIMEOUT_MS_PROP = "pme.logon.timeout.ms";
    public static final int LOGON_TIMEOUT_MS_DEFAULT = 5_000;

    /** Largest input frame the ring holds; the protocol's largest message is far below it. */
    public static final int MAX_FRAME_LENGTH = 256;

    private EngineConfiguration()
    {
    }

    static int intProperty(final String name, final int defaultValue)
    {
        return Integer.getInteger(name, defaultValue);
    }

    static String stringProperty(final String name, final String defaultValue)
    {
        return System.getProperty(name, defaultValue);
    }
}
