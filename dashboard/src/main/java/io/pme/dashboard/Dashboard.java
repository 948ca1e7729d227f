package io.pme.dashboard;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dashboard assembled: an Aeron client of its own on the engine's media driver, a subscription to the engine's
 * outputs polled by one thread into a {@link RiskAggregate}, and the web server that shows it. It reads only what
 * the engine publishes, so it can start and stop at any time without the engine noticing; what was published before
 * it started is not seen.
 */
public final class Dashboard implements AutoCloseable
{
    private final Context context;
    private final Aeron aeron;
    private final Subscription subscription;
    private final AgentRunner runner;
    private final DashboardServer server;
    private final AtomicReference<Throwable> lastError = new AtomicReference<>();

    private Dashboard(final Context context)
    {
        this.context = context;
        Aeron aeron = null;
        AgentRunner runner = null;
        try
        {
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(context.aeronDirectoryName())
                .errorHandler(lastError::set));
            this.aeron = aeron;
            subscription = aeron.addSubscription(context.outputChannel(), context.outputStreamId());
            final Snapshots snapshots = new Snapshots();
            final DashboardAgent agent = new DashboardAgent(
                subscription, new RiskAggregate(context.maxAccounts(), context.topAccounts()), snapshots,
                SystemNanoClock.INSTANCE, TimeUnit.MILLISECONDS.toNanos(context.publishIntervalMs()));
            runner = new AgentRunner(new BackoffIdleStrategy(), lastError::set, null, agent);
            this.runner = runner;
            AgentRunner.startOnThread(runner);
            server = new DashboardServer(context.bindAddress(), context.port(), snapshots, context.maxClients());
        }
        catch (final IOException ex)
        {
            CloseHelper.quietCloseAll(runner, aeron);
            throw new UncheckedIOException(ex);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(runner, aeron);
            throw ex;
        }
    }

    /**
     * Starts the dashboard: connects to the media driver, subscribes, starts polling and serving.
     *
     * @param context its settings, concluded here.
     * @return the running dashboard.
     * @throws IllegalStateException    if no media driver runs in the Aeron directory.
     * @throws UncheckedIOException     if the port cannot be bound.
     * @throws IllegalArgumentException if a setting is out of range.
     */
    public static Dashboard launch(final Context context)
    {
        return new Dashboard(context.conclude());
    }

    /**
     * @return the port the page is served on (the one taken, when 0 was asked for).
     */
    public int port()
    {
        return server.port();
    }

    /**
     * @return the settings it runs with.
     */
    public Context context()
    {
        return context;
    }

    /**
     * @return the latest error the Aeron client or the polling thread reported, or null.
     */
    public Throwable lastError()
    {
        return lastError.get();
    }

    /**
     * Stops serving and polling, and closes the Aeron client.
     */
    public void close()
    {
        CloseHelper.quietCloseAll(server, runner, subscription, aeron);
    }

    /**
     * The dashboard's settings, each defaulting to its {@link DashboardConfiguration} property;
     * {@link #conclude()} checks them all once.
     */
    public static final class Context
    {
        private static final long DRIVER_CHECK_TIMEOUT_MS = 10_000;

        private String aeronDirectoryName = CommonContext.getAeronDirectoryName();
        private String outputChannel = DashboardConfiguration.outputChannel();
        private int outputStreamId = DashboardConfiguration.outputStreamId();
        private String bindAddress = DashboardConfiguration.bindAddress();
        private int port = DashboardConfiguration.port();
        private int topAccounts = DashboardConfiguration.topAccounts();
        private int maxAccounts = DashboardConfiguration.maxAccounts();
        private long publishIntervalMs = DashboardConfiguration.publishIntervalMs();
        private int maxClients = DashboardConfiguration.maxClients();

        /**
         * Checks every setting, and that a media driver runs in the Aeron directory.
         *
         * @return this.
         * @throws IllegalArgumentException naming the first setting out of range.
         * @throws IllegalStateException    if no media driver is active in the Aeron directory.
         */
        public Context conclude()
        {
            require(null != aeronDirectoryName && !aeronDirectoryName.isEmpty(), "an Aeron directory is required");
            require(null != outputChannel && outputChannel.startsWith("aeron:"),
                "output channel must be an Aeron URI: " + outputChannel);
            require(outputStreamId != 0, "output stream id must not be 0");
            require(null != bindAddress && !bindAddress.isEmpty(), "a bind address is required");
            require(port >= 0 && port <= 65_535, "port must be 0..65535: " + port);
            require(topAccounts >= 1 && topAccounts <= 1_000, "top accounts must be 1..1000: " + topAccounts);
            require(maxAccounts >= 1 && maxAccounts <= 16 << 20,
                "max accounts must be 1.." + (16 << 20) + ": " + maxAccounts);
            require(publishIntervalMs >= 10 && publishIntervalMs <= 60_000,
                "publish interval must be 10..60000 ms: " + publishIntervalMs);
            require(maxClients >= 1 && maxClients <= 256, "max clients must be 1..256: " + maxClients);
            if (!CommonContext.isDriverActive(new File(aeronDirectoryName), DRIVER_CHECK_TIMEOUT_MS, message -> {}))
            {
                throw new IllegalStateException("no media driver is running in " + aeronDirectoryName);
            }
            return this;
        }

        private static void require(final boolean condition, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(message);
            }
        }

        /**
         * @param aeronDirectoryName the Aeron directory of the engine's media driver.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * @return the Aeron directory of the engine's media driver.
         */
        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /**
         * @param outputChannel the engine's output channel.
         * @return this.
         */
        public Context outputChannel(final String outputChannel)
        {
            this.outputChannel = outputChannel;
            return this;
        }

        /**
         * @return the engine's output channel.
         */
        public String outputChannel()
        {
            return outputChannel;
        }

        /**
         * @param outputStreamId the engine's output stream id.
         * @return this.
         */
        public Context outputStreamId(final int outputStreamId)
        {
            this.outputStreamId = outputStreamId;
            return this;
        }

        /**
         * @return the engine's output stream id.
         */
        public int outputStreamId()
        {
            return outputStreamId;
        }

        /**
         * @param bindAddress the address the server binds to.
         * @return this.
         */
        public Context bindAddress(final String bindAddress)
        {
            this.bindAddress = bindAddress;
            return this;
        }

        /**
         * @return the address the server binds to.
         */
        public String bindAddress()
        {
            return bindAddress;
        }

        /**
         * @param port the TCP port, 0 for any free one.
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @return the TCP port, 0 for any free one.
         */
        public int port()
        {
            return port;
        }

        /**
         * @param topAccounts how many of the accounts closest to liquidation the page lists.
         * @return this.
         */
        public Context topAccounts(final int topAccounts)
        {
            this.topAccounts = topAccounts;
            return this;
        }

        /**
         * @return how many of the accounts closest to liquidation the page lists.
         */
        public int topAccounts()
        {
            return topAccounts;
        }

        /**
         * @param maxAccounts accounts kept; the arrays are sized to it.
         * @return this.
         */
        public Context maxAccounts(final int maxAccounts)
        {
            this.maxAccounts = maxAccounts;
            return this;
        }

        /**
         * @return accounts kept; the arrays are sized to it.
         */
        public int maxAccounts()
        {
            return maxAccounts;
        }

        /**
         * @param publishIntervalMs milliseconds between two snapshots.
         * @return this.
         */
        public Context publishIntervalMs(final long publishIntervalMs)
        {
            this.publishIntervalMs = publishIntervalMs;
            return this;
        }

        /**
         * @return milliseconds between two snapshots.
         */
        public long publishIntervalMs()
        {
            return publishIntervalMs;
        }

        /**
         * @param maxClients pages that may follow the events at once.
         * @return this.
         */
        public Context maxClients(final int maxClients)
        {
            this.maxClients = maxClients;
            return this;
        }

        /**
         * @return pages that may follow the events at once.
         */
        public int maxClients()
        {
            return maxClients;
        }
    }
}
