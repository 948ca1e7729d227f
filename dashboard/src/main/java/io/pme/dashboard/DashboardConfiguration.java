package io.pme.dashboard;

import io.pme.protocol.ProtocolConfiguration;

/**
 * The dashboard's settings as system properties, each with its default; {@link Dashboard.Context} reads them.
 */
public final class DashboardConfiguration
{
    /**
     * TCP port the page and its event stream are served on; 0 takes any free port.
     */
    public static final String PORT_PROP_NAME = "pme.dashboard.port";

    /**
     * Default for {@link #PORT_PROP_NAME}.
     */
    public static final int PORT_DEFAULT = 8080;

    /**
     * Address the server binds to.
     */
    public static final String BIND_ADDRESS_PROP_NAME = "pme.dashboard.bind.address";

    /**
     * Default for {@link #BIND_ADDRESS_PROP_NAME}: this machine only, since the page needs no login.
     */
    public static final String BIND_ADDRESS_DEFAULT = "127.0.0.1";

    /**
     * How many of the accounts closest to liquidation the page lists.
     */
    public static final String TOP_ACCOUNTS_PROP_NAME = "pme.dashboard.top.accounts";

    /**
     * Default for {@link #TOP_ACCOUNTS_PROP_NAME}.
     */
    public static final int TOP_ACCOUNTS_DEFAULT = 20;

    /**
     * Accounts the dashboard keeps figures for; the arrays are sized to it once, and accounts beyond it are counted
     * only.
     */
    public static final String MAX_ACCOUNTS_PROP_NAME = "pme.dashboard.max.accounts";

    /**
     * Default for {@link #MAX_ACCOUNTS_PROP_NAME}: the engine's largest book, a million accounts, with room.
     */
    public static final int MAX_ACCOUNTS_DEFAULT = 1 << 20;

    /**
     * Milliseconds between two snapshots sent to the pages.
     */
    public static final String PUBLISH_INTERVAL_MS_PROP_NAME = "pme.dashboard.publish.interval.ms";

    /**
     * Default for {@link #PUBLISH_INTERVAL_MS_PROP_NAME}.
     */
    public static final long PUBLISH_INTERVAL_MS_DEFAULT = 500;

    /**
     * Pages that may follow the event stream at once; one more is answered 503.
     */
    public static final String MAX_CLIENTS_PROP_NAME = "pme.dashboard.max.clients";

    /**
     * Default for {@link #MAX_CLIENTS_PROP_NAME}.
     */
    public static final int MAX_CLIENTS_DEFAULT = 16;

    private DashboardConfiguration()
    {
    }

    /**
     * @return the engine's output channel, as the engine reads it: {@link ProtocolConfiguration#outputChannel()}.
     */
    public static String outputChannel()
    {
        return ProtocolConfiguration.outputChannel();
    }

    /**
     * @return the engine's output stream id, as the engine reads it: {@link ProtocolConfiguration#outputStreamId()}.
     */
    public static int outputStreamId()
    {
        return ProtocolConfiguration.outputStreamId();
    }

    /**
     * @return {@link #PORT_PROP_NAME} or its default.
     */
    public static int port()
    {
        return Integer.getInteger(PORT_PROP_NAME, PORT_DEFAULT);
    }

    /**
     * @return {@link #BIND_ADDRESS_PROP_NAME} or its default.
     */
    public static String bindAddress()
    {
        return System.getProperty(BIND_ADDRESS_PROP_NAME, BIND_ADDRESS_DEFAULT);
    }

    /**
     * @return {@link #TOP_ACCOUNTS_PROP_NAME} or its default.
     */
    public static int topAccounts()
    {
        return Integer.getInteger(TOP_ACCOUNTS_PROP_NAME, TOP_ACCOUNTS_DEFAULT);
    }

    /**
     * @return {@link #MAX_ACCOUNTS_PROP_NAME} or its default.
     */
    public static int maxAccounts()
    {
        return Integer.getInteger(MAX_ACCOUNTS_PROP_NAME, MAX_ACCOUNTS_DEFAULT);
    }

    /**
     * @return {@link #PUBLISH_INTERVAL_MS_PROP_NAME} or its default.
     */
    public static long publishIntervalMs()
    {
        return Long.getLong(PUBLISH_INTERVAL_MS_PROP_NAME, PUBLISH_INTERVAL_MS_DEFAULT);
    }

    /**
     * @return {@link #MAX_CLIENTS_PROP_NAME} or its default.
     */
    public static int maxClients()
    {
        return Integer.getInteger(MAX_CLIENTS_PROP_NAME, MAX_CLIENTS_DEFAULT);
    }
}
