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
import io.pme.codecs.AdminCommandEncoder;
import io.pme.codecs.AdminCommandType;
import io.pme.codecs.MessageHeaderEncoder;
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
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import io.pme.engine.session.SessionManager;
import io.pme.engine.session.SessionOutput;
import io.pme.engine.session.SessionsFile;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.File;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The running engine: Aeron subscription, receiver agent, Disruptor ring (journal handler, then the single-writer
 * business-logic handler), publisher agent, Aeron publication. On start it recovers from the newest snapshot and
 * the journal tail in its journal directory. The {@link EngineThreadingMode} decides the threads: one per stage
 * ({@link EngineThreadingMode#DEDICATED}) or one for all ({@link EngineThreadingMode#SHARED}: a
 * {@link CompositeAgent} of the receiver, the {@link RingStages} and the publisher).
 */
public final class Engine implements AutoCloseable
{
    /**
     * The client id of the inputs the engine journals itself: the SNAPSHOT of a graceful stop
     * ({@link #stopTakingInput(long)}). Negative, so no client's: scripts and tests default to client 0, and a
     * client sending as this id would make the stop's snapshot input a duplicate, refused.
     */
    public static final int ENGINE_CLIENT_ID = -1;
    private static final long PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

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
    private final EngineErrors errorLog;
    private final SessionManager sessions;
    private final Receiver receiver;
    private final UnsafeBuffer stopSnapshot = new UnsafeBuffer(
        new byte[MessageHeaderEncoder.ENCODED_LENGTH + AdminCommandEncoder.BLOCK_LENGTH]);
    private volatile Throwable failure;
    private volatile long lastSnapshotInputSequence = -1;
    // written before the ring's threads start, which publishes it to them
    private boolean recovered;

    private Engine(final EngineContext context)
    {
        if (!context.isConcluded())
        {
            throw new IllegalStateException("an engine takes a concluded context: call conclude() first");
        }
        this.context = context;
        // first: every error from here on, the Aeron client's included, is kept where pme errors reads it
        errorLog = openErrorLog(context);
        final SessionsFile sessionsFile = loadSessions(context);
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
            encodeStopSnapshot();
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
        receiver =
            new Receiver(subscription, ring, counters, SystemNanoClock.INSTANCE, sessions, this::isFailed);
        sharedRunner = shared ? new AgentRunner(context.sharedIdleStrategy(), this::onAgentError, counters.errors(),
            new HeartbeatAgent(new CompositeAgent(receiver,
            new RingStages(ring, journalHandler, businessLogicHandler, exceptionHandler), publisher),
            counters, SystemEpochClock.INSTANCE)) : null;
        publisherRunner = shared ? null :
            new AgentRunner(context.publisherIdleStrategy(), this::onAgentError, counters.errors(), publisher);
        receiverRunner = shared ? null : new AgentRunner(context.receiverIdleStrategy(), this::onAgentError,
            counters.errors(), new HeartbeatAgent(receiver, counters, SystemEpochClock.INSTANCE));
        start(journalHandler, businessLogicHandler);
    }

    // read before anything starts, so a bad sessions file fails the launch instead of running open
    private static SessionsFile loadSessions(final EngineContext context)
    {
        final SessionsFile sessionsFile =
            null != context.sessionsFile() ? SessionsFile.load(context.sessionsFile()) : null;
        if (null == sessionsFile)
        {
            System.err.println("pme: no sessions file: running open (development mode), every connection may send " +
                "any input; give one with pme.sessions.file or --sessions to require logons");
        }
        return sessionsFile;
    }

    // the previous engine's errors (a crash's, before an automatic restart) are saved as text before the new log
    private static EngineErrors openErrorLog(final EngineContext context)
    {
        final File saved = EngineErrors.saveExisting(context.errorsFile());
        if (null != saved)
        {
            context.recoveryReportStream().println(
                "pme: the previous engine's error log held errors, saved to " + saved);
        }
        return EngineErrors.mapped(context.errorsFile());
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

    // Read from the recovered state before any thread starts. The clock it carries never moves the engine's (message
    // time only goes forward), and its correlation id follows the one a previous stop journaled.
    private void encodeStopSnapshot()
    {
        final long last = state.clients().isKnown(ENGINE_CLIENT_ID) ?
            state.clients().lastCorrelationId(ENGINE_CLIENT_ID) : 0;
        new AdminCommandEncoder()
            .wrapAndApplyHeader(stopSnapshot, 0, new MessageHeaderEncoder())
            .timestampNs(Math.max(1, state.nowNs()))
            .correlationId(last + 1)
            .clientId(ENGINE_CLIENT_ID)
            .command(AdminCommandType.SNAPSHOT);
    }

    /**
     * The first half of a graceful stop: the engine takes no more input from its subscription and puts a SNAPSHOT
     * input of its own ({@link #ENGINE_CLIENT_ID}) on the ring after every input already taken. It is journaled as
     * any input, so a replay goes through the same point; {@link #close()} then drains the ring, and the business
     * logic writes the snapshot ({@link #lastSnapshotInputSequence()}). Once: a second call puts no second input.
     *
     * @param timeoutMs how long to wait for room on the ring.
     * @return true once the input is on the ring; false when the engine has failed or the ring stayed full.
     */
    public boolean stopTakingInput(final long timeoutMs)
    {
        if (isFailed())
        {
            return false;
        }
        receiver.stopWith(stopSnapshot, 0, stopSnapshot.capacity());
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!receiver.isStopped() && !isFailed())
        {
            if (System.nanoTime() > deadlineNs)
            {
                return false;
            }
            LockSupport.parkNanos(PARK_NS);
        }
        return receiver.isStopped();
    }

    /**
     * @return the input sequence of the last snapshot the engine wrote, or -1 when it wrote none since it started.
     */
    public long lastSnapshotInputSequence()
    {
        return lastSnapshotInputSequence;
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
            lastSnapshotInputSequence = state.inputSequence();
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
     * @return the distinct errors the engine's threads have seen, with their counts; also in
     * {@link EngineContext#errorsFile()}, which {@code pme errors} reads from another process.
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
        // a clean stop, which pme stat tells from a crash; the counters it then frees read as none
        counters.markClosed(System.currentTimeMillis());
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
