package io.pme.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.engine.journal.Journal;
import io.pme.engine.journal.JournalSyncPolicy;
import io.pme.engine.journal.Recovery;
import io.pme.engine.journal.RecoveryReport;
import io.pme.engine.journal.Retention;
import io.pme.engine.journal.SnapshotStore;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.Outbox;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.pipeline.BusinessLogicHandler;
import io.pme.engine.pipeline.InputEvent;
import io.pme.engine.pipeline.JournalHandler;
import io.pme.engine.pipeline.JournalSyncer;
import io.pme.engine.pipeline.OutputQueue;
import io.pme.engine.pipeline.Publisher;
import io.pme.engine.pipeline.Receiver;
import io.pme.engine.pipeline.RingStages;
import io.pme.engine.state.EngineState;
import io.pme.engine.state.StateSnapshot;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import io.pme.engine.session.SessionManager;
import io.pme.engine.session.SessionOutput;
import io.pme.engine.session.SessionsFile;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running engine: Aeron subscription, receiver agent, Disruptor ring (journal handler, then the single-writer
 * business-logic handler), publisher agent, Aeron publication. On start it recovers from the newest snapshot and
 * the journal tail in its journal directory. The {@link EngineThreadingMode} decides the threads: one per stage
 * ({@link EngineThreadingMode#DEDICATED}) or one for all ({@link EngineThreadingMode#SHARED}: a
 * {@link CompositeAgent} of the receiver, the {@link RingStages} and the publisher).
 */
public final class Engine implements AutoCloseable
{
    private final EngineContext context;
    private final MediaDriver mediaDriver;
    private final Aeron aeron;
    private final EngineCounters counters;
    private final EngineState state;
    private final RiskModelBinding risk;
    private final InputProcessor processor;
    private final Journal journal;
    private final Recovery recovery;
    // written before the ring's threads start, which publishes it to them; null until the journal is open
    private SnapshotWriter snapshotWriter;
    // the dedicated mode's ring and handler threads; null in the shared mode, whose ring has no threads of its own
    private final Disruptor<InputEvent> disruptor;
    private final RingBuffer<InputEvent> ring;
    private final JournalSyncer syncer;
    // the dedicated mode's agents, or the shared mode's one agent; the others null
    private final AgentRunner receiverRunner;
    private final AgentRunner publisherRunner;
    private final AgentRunner sharedRunner;
    private final LatencyRecorder checkLatency = new LatencyRecorder();
    private final LatencyRecorder inputHold = new LatencyRecorder();
    private final Subscription subscription;
    private final Publication publication;
    private final AtomicInteger pipelineErrors = new AtomicInteger();
    private final EngineErrors errorLog = new EngineErrors();
    private final SessionManager sessions;
    private volatile Throwable failure;
    // written before the ring's threads start, which publishes it to them
    private boolean recovered;

    private Engine(final EngineContext context)
    {
        if (!context.isConcluded())
        {
            throw new IllegalStateException("an engine takes a concluded context: call conclude() first");
        }
        this.context = context;
        // read before anything starts, so a bad sessions file fails the launch instead of running open
        final SessionsFile sessionsFile =
            null != context.sessionsFile() ? SessionsFile.load(context.sessionsFile()) : null;
        if (null == sessionsFile)
        {
            System.err.println("pme: no sessions file: running open (development mode), every connection may send " +
                "any input; give one with pme.sessions.file or --sessions to require logons");
        }
        // many-to-one: the business logic and the receiver (session answers, refusals) both write outputs
        final ManyToOneRingBuffer outputRing = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(
            context.outputBufferLength() + RingBufferDescriptor.TRAILER_LENGTH)));
        MediaDriver driver = null;
        EngineCounters engineCounters = null;
        Aeron client = null;
        Journal openedJournal = null;
        try
        {
            driver = context.embeddedMediaDriver() ? launchDriver(context) : null;
            engineCounters = EngineCounters.mapped(context.countersFile());
            client = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(null != driver ? driver.aeronDirectoryName() : context.aeronDirectoryName())
                .errorHandler(this::onAgentError));
            mediaDriver = driver;
            counters = engineCounters;
            aeron = client;
            JournalCapacity.recordOrVerify(context, context.journalDir());
            state = context.newState();
            risk = context.riskModelFactory().apply(state);

            final SnapshotStore snapshots = new SnapshotStore(Recovery.snapshotDir(context.journalDir()));
            // a snapshot replayed on recovery writes nothing: its file, if the live run wrote one, stays exactly as
            // it was, corrupt or not, so what recovery skipped is still there to be looked at
            processor = new InputProcessor(state, risk, counters, Outbox.NONE, new EngineSnapshotSink(),
                context.snapshotIntervals());
            recovery = new Recovery().recover(context.journalDir(), processor, risk, Recovery.Start.NEWEST_SNAPSHOT,
                new RecoveryProgressLine(context.recoveryReportStream()));
            recovered = true;
            final RecoveryReport report = recovery.report();
            counters.recovered(report.restoredInputSequence(), report.skipped().size(), report.replayed(),
                report.durationNs());
            report.print(context.recoveryReportStream());
            openedJournal =
                new Journal(context.journalDir(), context.journalRollCycle(), context.journalTimeProvider());
            journal = openedJournal;
            snapshotWriter = new SnapshotWriter(snapshots,
                new Retention(context.journalDir(), snapshots, journal.rollCycle(), context.retentionSnapshots()),
                new StateSnapshot(), counters, errorLog);

            sessions = new SessionManager(
                sessionsFile, counters, new SessionOutput(outputRing, counters.sessionOutputsDropped()),
                TimeUnit.MILLISECONDS.toNanos(context.logonTimeoutMs()));
            subscription = aeron.addSubscription(
                context.inputChannel(), context.inputStreamId(), image -> {},
                image -> sessions.onConnectionClosed(image.sessionId()));
            publication = aeron.addPublication(context.outputChannel(), context.outputStreamId());
        }
        catch (final RuntimeException | Error ex)
        {
            // as MediaDriver's constructor does: nothing opened here outlives a launch that throws
            CloseHelper.quietCloseAll(snapshotWriter, openedJournal, client, engineCounters, driver);
            throw ex;
        }

        final boolean shared = EngineThreadingMode.SHARED == context.threadingMode();
        final Publisher publisher = new Publisher(outputRing, publication, counters);
        // sharing the business logic's thread, the publisher cannot be waited for: a full queue runs it instead
        processor.outbox(shared ?
            new OutputQueue(outputRing, context.outputQueueIdleStrategy(), publisher::doWork) :
            new OutputQueue(outputRing, context.outputQueueIdleStrategy()));
        final CountingExceptionHandler exceptionHandler = new CountingExceptionHandler();
        disruptor = shared ? null : newDisruptor(context, exceptionHandler);
        // nobody waits on the shared mode's ring (its stages poll it), so publishing to it must signal no one
        ring = shared ?
            RingBuffer.createSingleProducer(InputEvent::new, context.ringSize(), new BusySpinWaitStrategy()) :
            disruptor.getRingBuffer();
        final JournalSyncPolicy syncPolicy = context.journalSync();
        syncer = JournalSyncPolicy.PERIODIC == syncPolicy ?
            new JournalSyncer(journal, counters, this::onJournalFailure, context.journalSyncIntervalNs()) : null;
        final JournalHandler journalHandler = new JournalHandler(journal, counters, this::onJournalFailure,
            syncPolicy, ring, syncer, context.journalSyncInputs());
        final BusinessLogicHandler businessLogicHandler = new BusinessLogicHandler(
            processor, checkLatency, inputHold, SystemNanoClock.INSTANCE, counters, this::onFatalError);
        final Receiver receiver =
            new Receiver(subscription, ring, counters, SystemNanoClock.INSTANCE, sessions, this::isFailed);
        sharedRunner = shared ? new AgentRunner(context.sharedIdleStrategy(), this::onAgentError, counters.errors(),
            new CompositeAgent(receiver, new RingStages(ring, journalHandler, businessLogicHandler, exceptionHandler),
            publisher)) : null;
        publisherRunner = shared ? null :
            new AgentRunner(context.publisherIdleStrategy(), this::onAgentError, counters.errors(), publisher);
        receiverRunner = shared ? null :
            new AgentRunner(context.receiverIdleStrategy(), this::onAgentError, counters.errors(), receiver);
        start(journalHandler, businessLogicHandler);
    }

    private void start(final JournalHandler journalHandler, final BusinessLogicHandler businessLogicHandler)
    {
        if (null != syncer)
        {
            syncer.start();
        }
        if (null != sharedRunner)
        {
            AgentRunner.startOnThread(sharedRunner);
        }
        else
        {
            disruptor.handleEventsWith(journalHandler).then(businessLogicHandler);
            disruptor.start();
            AgentRunner.startOnThread(publisherRunner);
            AgentRunner.startOnThread(receiverRunner);
        }
    }

    private static Disruptor<InputEvent> newDisruptor(
        final EngineContext context, final ExceptionHandler<InputEvent> exceptionHandler)
    {
        final Disruptor<InputEvent> disruptor = new Disruptor<>(
            InputEvent::new, context.ringSize(), runnable -> new Thread(runnable, "pme-ring"),
            ProducerType.SINGLE, context.waitStrategy());
        disruptor.setDefaultExceptionHandler(exceptionHandler);
        return disruptor;
    }

    /**
     * Starts an engine from a concluded context: recovers its state from the journal directory, then takes input.
     *
     * @param context the engine's settings, {@link EngineContext#conclude() concluded}.
     * @return the running engine; {@link #close()} stops it.
     * @throws IllegalStateException when the context is not concluded.
     */
    public static Engine launch(final EngineContext context)
    {
        return new Engine(context);
    }

    // Recovery re-executes the journal's snapshots and writes none; live, an asked-for snapshot waits for its file
    // (its answer tells whether it was written), a scheduled one is written in the background.
    private final class EngineSnapshotSink implements SnapshotSink
    {
        public boolean takeSnapshot(final long journalIndex)
        {
            if (!recovered)
            {
                return false;
            }
            snapshotWriter.writeAndWait(state, journalIndex, risk.parametersDigest());
            return true;
        }

        public void takeScheduledSnapshot(final long journalIndex)
        {
            if (recovered)
            {
                snapshotWriter.writeInBackground(state, journalIndex, risk.parametersDigest());
            }
        }
    }

    private void onJournalFailure(final Throwable throwable)
    {
        errorLog.record(throwable);
        // the first failure is the cause; with a background sync the next append is refused because of it
        if (null == failure)
        {
            failure = throwable;
        }
    }

    private void onFatalError(final Throwable throwable)
    {
        pipelineErrors.incrementAndGet();
        errorLog.record(throwable);
        // the business logic's state is in doubt: stop the intake as a failed journal does, and say why
        if (null == failure)
        {
            failure = throwable;
        }
    }

    private static MediaDriver launchDriver(final EngineContext context)
    {
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        if (null != context.aeronDirectoryName())
        {
            driverContext.aeronDirectoryName(context.aeronDirectoryName());
        }
        return MediaDriver.launchEmbedded(driverContext);
    }

    private void onAgentError(final Throwable throwable)
    {
        pipelineErrors.incrementAndGet();
        errorLog.record(throwable);
    }

    // for tests that make the real journal fail underneath a running engine
    Journal journal()
    {
        return journal;
    }

    /**
     * @return the Aeron directory the engine's client is connected to: its embedded driver's or the external one.
     */
    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    /**
     * @return the engine's Aeron client, which a test or the command line may share to reach the engine.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return the engine's counters, also readable from another process through its counters file.
     */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @return the authentication boundary; {@link SessionManager#isOpen()} tells whether logons are required.
     */
    public SessionManager sessions()
    {
        return sessions;
    }

    /**
     * @return the latency of pre-trade checks in the business logic, in nanoseconds, as interval histograms.
     */
    public LatencyRecorder checkLatency()
    {
        return checkLatency;
    }

    /**
     * @return how long each input held the business-logic thread, in nanoseconds, as interval histograms.
     */
    public LatencyRecorder inputHold()
    {
        return inputHold;
    }

    /**
     * @return what the engine recovered on start: the snapshot restored, if any, and the journal inputs replayed.
     */
    public Recovery recovery()
    {
        return recovery;
    }

    /**
     * @return errors the engine's threads have seen so far; each is a bug, recorded in {@link #errors()}.
     */
    public int pipelineErrors()
    {
        return pipelineErrors.get();
    }

    /**
     * @return true once the engine has stopped taking input because its journal failed or its business logic met a
     * fatal error (out of memory); it then acts on nothing more, and whoever runs it should close it and exit with
     * an error.
     */
    public boolean isFailed()
    {
        return null != failure;
    }

    /**
     * @return why the engine failed, the journal's exception or the business logic's fatal error; null while it
     * has not.
     */
    public Throwable failureCause()
    {
        return failure;
    }

    /**
     * @return the distinct errors the engine's threads have seen, with their counts.
     */
    public EngineErrors errors()
    {
        return errorLog;
    }

    /**
     * Stops taking input, lets the ring drain through the journal and the business logic, syncs the journal a last
     * time unless its policy is {@link JournalSyncPolicy#NONE}, then stops.
     * Only after this may other threads read state, e.g. {@link #digest()}.
     */
    public void close()
    {
        if (null != sharedRunner)
        {
            // the one agent closes its parts in order: the receiver, the ring's stages (draining it), the publisher
            CloseHelper.quietClose(sharedRunner);
        }
        else
        {
            CloseHelper.quietClose(receiverRunner);
            disruptor.shutdown();
        }
        CloseHelper.quietClose(syncer);
        // the last scheduled snapshot is written whole (or has failed) before its journal closes
        CloseHelper.quietClose(snapshotWriter);
        if (JournalSyncPolicy.NONE != context.journalSync() && !isFailed())
        {
            syncOnClose();
        }
        if (null != publisherRunner)
        {
            CloseHelper.quietClose(publisherRunner);
        }
        CloseHelper.quietCloseAll(journal, subscription, publication, counters, aeron, mediaDriver);
    }

    private void syncOnClose()
    {
        try
        {
            final long startNs = System.nanoTime();
            if (journal.sync())
            {
                counters.journalSynced(journal.syncedCount(), System.nanoTime() - startNs);
            }
        }
        catch (final RuntimeException ex)
        {
            // the periodic policy's last inputs may not be on the device: kept for whoever closes the engine
            counters.journalFailures().incrementRelease();
            onJournalFailure(ex);
        }
    }

    /**
     * @return the digest of the state; call after {@link #close()}, when the business logic has stopped.
     */
    public long digest()
    {
        return processor.digest();
    }

    /**
     * @return the digest of the clients' last correlation ids; call after {@link #close()}, as {@link #digest()}.
     */
    public long correlationDigest()
    {
        return processor.correlationDigest();
    }

    /**
     * @return the engine's state; only the business-logic thread may touch it until {@link #close()}.
     */
    public EngineState state()
    {
        return state;
    }

    private final class CountingExceptionHandler implements ExceptionHandler<InputEvent>
    {
        public void handleEventException(final Throwable ex, final long sequence, final InputEvent event)
        {
            // an input that throws is a bug: count it, keep the first ones for the operator, never stop the engine
            counters.errors().incrementRelease();
            pipelineErrors.incrementAndGet();
            errorLog.record(ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            pipelineErrors.incrementAndGet();
            errorLog.record(ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            pipelineErrors.incrementAndGet();
            errorLog.record(ex);
        }
    }
}
