package io.pme.tools.cli;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pme.codecs.CheckOutcome;
import io.pme.codecs.CheckResultDecoder;
import io.pme.codecs.LogonStatus;
import io.pme.codecs.MessageHeaderDecoder;
import io.pme.engine.session.ClientCredentials;
import io.pme.engine.session.SessionLogonClient;
import io.pme.engine.session.SessionsFile;
import io.pme.simulation.MarketSimulation;
import io.pme.simulation.PublicationFrameSink;
import io.pme.simulation.SimulationAgent;
import io.pme.simulation.SimulationConfig;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The simulation side of {@code pme run} and {@code pme simulate}: the built-in market simulation sent to an engine
 * over its input channel, with its liquidation desk reading the engine's outputs on a subscription of its own, and
 * a client counting the outputs. The engine may be in this process or another; all the driver knows of it is how
 * many inputs it has taken, from its counters.
 */
final class SimulationDriver implements AutoCloseable
{
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final long LOGON_TIMEOUT_MS = 10_000;
    private static final long DRAIN_TIMEOUT_MS = 60_000;
    /** The simulation's clients: admin, price feed, gateway, exchange, liquidators (see simulation.FrameWriter). */
    private static final int[] SIMULATION_CLIENTS = {1, 2, 3, 4, 5};

    private final String command;
    private final Aeron aeron;
    private final Channels channels;
    private final int accounts;
    private final LongSupplier engineInputs;
    private final PrintStream err;
    private final Outputs outputs = new Outputs();
    private final MarketSimulation simulation;
    private EngineClient client;
    private ExclusivePublication publication;
    private Subscription deskOutputs;
    private SimulationAgent agent;
    private AgentRunner runner;
    private long inputsBefore;

    /**
     * Where the engine listens and answers.
     *
     * @param inputChannel   the engine's input channel.
     * @param inputStreamId  its stream id.
     * @param outputChannel  the engine's output channel.
     * @param outputStreamId its stream id.
     */
    record Channels(String inputChannel, int inputStreamId, String outputChannel, int outputStreamId)
    {
    }

    /**
     * @param command      the command's name, for its messages.
     * @param aeron        a client of the engine's media driver.
     * @param channels     where the engine listens and answers.
     * @param accounts     the simulation's accounts.
     * @param seed         the simulation's seed.
     * @param engineInputs the inputs the engine has taken so far, as its counter says.
     * @param err          where failures are said.
     */
    SimulationDriver(
        final String command,
        final Aeron aeron,
        final Channels channels,
        final int accounts,
        final long seed,
        final LongSupplier engineInputs,
        final PrintStream err)
    {
        this.command = command;
        this.aeron = aeron;
        this.channels = channels;
        this.accounts = accounts;
        this.engineInputs = engineInputs;
        this.err = err;
        simulation = new MarketSimulation(new SimulationConfig().seed(seed).accounts(accounts).liquidationDesk(true));
    }

    /**
     * @return why the simulation's settings (its system properties) are wrong, one line, or null when they are not.
     */
    static String settingsProblem()
    {
        try
        {
            new SimulationConfig().conclude();
            return null;
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    LiquidationTally liquidations()
    {
        return outputs.liquidations;
    }

    /**
     * @return the pools as the engine's latest {@code BorrowRate} outputs received announced them.
     */
    BorrowTally borrowing()
    {
        return outputs.borrowing;
    }

    long outputsReceived()
    {
        return outputs.count;
    }

    long checksAccepted()
    {
        return outputs.accepted;
    }

    long checksRejected()
    {
        return outputs.rejected;
    }

    MarketSimulation simulation()
    {
        return simulation;
    }

    /**
     * Connects to the engine's streams and, with a sessions file, logs the simulation's clients on.
     *
     * @param sessionsFile the engine's sessions file, or null when it runs open.
     * @return false, the reason said, when a client could not log on.
     */
    boolean connect(final Path sessionsFile)
    {
        client = new EngineClient(aeron, channels.inputChannel(), channels.inputStreamId(), channels.outputChannel(),
            channels.outputStreamId(), outputs::onOutput);
        publication = aeron.addExclusivePublication(channels.inputChannel(), channels.inputStreamId());
        deskOutputs = aeron.addSubscription(channels.outputChannel(), channels.outputStreamId());
        client.awaitConnected(CONNECT_TIMEOUT_MS);
        awaitConnected(deskOutputs, CONNECT_TIMEOUT_MS);
        return null == sessionsFile || logOn(SessionsFile.load(sessionsFile));
    }

    /**
     * Starts the simulation on a thread of its own: the opening book as fast as the engine takes it, never more
     * than {@code openingWindow} frames ahead, then the market at {@code rate}.
     */
    void start(final long rate, final int openingWindow)
    {
        inputsBefore = engineInputs.getAsLong();
        agent = new SimulationAgent(
            simulation, new PublicationFrameSink(publication), SystemNanoClock.INSTANCE, rate,
            SimulationAgent.DEFAULT_MAX_BURST, () -> engineInputs.getAsLong() - inputsBefore,
            Math.max(1, openingWindow), deskOutputs);
        runner = new AgentRunner(new BackoffIdleStrategy(), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner);
    }

    /**
     * Plays the market: {@link #start(long, int) starts} it, reads the engine's outputs with a status line a second
     * until the duration is up or {@code stop} says so, reports the opening book, then {@link #stop() stops} it.
     *
     * @param rate          the market's messages a second after the opening book.
     * @param openingWindow frames the opening book may run ahead of the engine.
     * @param durationS     how long the market plays.
     * @param status        the status line, printed each second.
     * @param stop          true when the market must end early: the engine failed, a signal came.
     * @param out           where the lines go.
     * @return true when the opening book was taken whole (its line printed).
     */
    boolean play(
        final long rate,
        final int openingWindow,
        final long durationS,
        final StatusLine status,
        final BooleanSupplier stop,
        final PrintStream out)
    {
        start(rate, openingWindow);
        final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationS);
        boolean openingReported = false;
        while (System.nanoTime() < endNs && !stop.getAsBoolean())
        {
            pollFor(1_000);
            status.print(openingReported);
            openingReported = openingReported || reportOpening(out);
        }
        if (!openingReported)
        {
            reportUnfinishedOpening(out);
        }
        stop();
        return openingReported;
    }

    /**
     * @return the inputs the engine took since the simulation started.
     */
    long inputsTaken()
    {
        return engineInputs.getAsLong() - inputsBefore;
    }

    /**
     * Reads the engine's outputs for a while.
     */
    void pollFor(final long millis)
    {
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        while (System.nanoTime() < until)
        {
            idle.idle(client.poll());
        }
    }

    /**
     * @return true, the line printed, once the engine has taken the opening book.
     */
    boolean reportOpening(final PrintStream out)
    {
        final long openingNs = agent.openingDurationNs();
        if (openingNs < 0)
        {
            return false;
        }
        out.printf("opening book: %,d frames (%,d accounts opened, funded and filled) taken by the engine in %.1f s," +
            " unpaced; the market now runs at the offered rate%n",
            simulation.referenceFrameCount(), accounts, openingNs / 1e9);
        return true;
    }

    /**
     * Prints how much of the opening book the engine took, when it did not take all of it.
     */
    void reportUnfinishedOpening(final PrintStream out)
    {
        out.printf("opening book: %,d of %,d frames taken by the end of the run%n",
            Math.min(simulation.referenceFrameCount(), inputsTaken()), simulation.referenceFrameCount());
    }

    /**
     * Stops the simulation; the outputs are read on.
     */
    void stop()
    {
        if (null != runner)
        {
            runner.close();
        }
        // nobody reads it any more: left open, it would hold the engine's output stream back
        if (null != deskOutputs)
        {
            deskOutputs.close();
        }
    }

    /**
     * Waits until the engine has taken every input the simulation sent, reading the outputs meanwhile.
     *
     * @param failed true when the engine can take no more.
     * @return false, said on stderr, when the drain timed out.
     */
    boolean drain(final BooleanSupplier failed)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
        final long sent = simulation.framesGenerated();
        while (inputsTaken() < sent && !failed.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                err.printf("pme %s: engine processed %,d of %,d inputs before the drain timeout%n",
                    command, engineInputs.getAsLong(), sent);
                return false;
            }
            pollFor(10);
        }
        pollFor(100);
        return true;
    }

    /**
     * Closes the simulation's streams; the Aeron client is the caller's.
     */
    public void close()
    {
        stop();
        if (null != publication)
        {
            publication.close();
        }
        if (null != client)
        {
            client.close();
        }
    }

    private static void awaitConnected(final Subscription subscription, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!subscription.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("engine output stream did not connect within " + timeoutMs + " ms");
            }
            Thread.onSpinWait();
        }
    }

    // with a sessions file the simulation's one connection logs on as each of its clients, in the file's names
    private boolean logOn(final SessionsFile file)
    {
        try (Subscription answers = aeron.addSubscription(channels.outputChannel(), channels.outputStreamId()))
        {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOGON_TIMEOUT_MS);
            while (!publication.isConnected() || !answers.isConnected())
            {
                if (System.nanoTime() > deadline)
                {
                    err.println("pme " + command + ": simulation streams did not connect");
                    return false;
                }
                Thread.onSpinWait();
            }
            final SessionLogonClient logon = new SessionLogonClient(publication, answers);
            for (final int clientId : SIMULATION_CLIENTS)
            {
                final ClientCredentials credentials = file.client(clientId);
                if (null == credentials)
                {
                    err.println("pme " + command + ": the sessions file has no client " + clientId +
                        " for the simulation");
                    return false;
                }
                if (MarketSimulation.FEED_CLIENT_ID == clientId && !publishesEverySource(credentials))
                {
                    // refused at the session layer, the feed's other venues would leave the opening book unfinished
                    err.println("pme " + command + ": the sessions file's client " + clientId + " may not publish " +
                        "as sources 1 to " + MarketSimulation.SOURCES_PER_ASSET + ", the simulation's venues");
                    return false;
                }
                final LogonStatus status = logon.logon(credentials, LOGON_TIMEOUT_MS);
                if (LogonStatus.ACCEPTED != status)
                {
                    err.println("pme " + command + ": simulation client " + clientId + " could not log on: " + status);
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean publishesEverySource(final ClientCredentials credentials)
    {
        for (int sourceId = 1; sourceId <= MarketSimulation.SOURCES_PER_ASSET; sourceId++)
        {
            if (!credentials.isAllowedSource(sourceId))
            {
                return false;
            }
        }
        return true;
    }

    private static final class Outputs
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final CheckResultDecoder checkResult = new CheckResultDecoder();
        private final LiquidationTally liquidations = new LiquidationTally();
        private final BorrowTally borrowing = new BorrowTally(MarketSimulation::assetSymbol);
        private long count;
        private long accepted;
        private long rejected;

        void onOutput(final DirectBuffer buffer, final int offset, final int length)
        {
            count++;
            header.wrap(buffer, offset);
            if (liquidations.onOutput(buffer, offset, header.templateId(), header.blockLength(), header.version()) ||
                borrowing.onOutput(buffer, offset, header.templateId(), header.blockLength(), header.version()))
            {
                return;
            }
            if (CheckResultDecoder.TEMPLATE_ID == header.templateId())
            {
                checkResult.wrap(
                    buffer, offset + 8, CheckResultDecoder.BLOCK_LENGTH, CheckResultDecoder.SCHEMA_VERSION);
                if (CheckOutcome.ACCEPTED == checkResult.outcome())
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }
        }
    }
}
