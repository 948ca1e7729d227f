package io.pme.engine.recovery;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pme.codecs.AdminCommandType;
import io.pme.engine.journal.JournalReader;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.pme.engine.recovery.Answers.Outcome.APPLIED;
import static io.pme.engine.recovery.Answers.Outcome.DUPLICATE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An engine process is killed with SIGKILL mid-stream, with inputs in flight, and a second one is started on the
 * same journal; the client resends every input it holds no answer for. The state must end where an uninterrupted
 * run of the same input ends, and no input the first engine answered may be missing from the journal it left.
 * <p>
 * Run with a part-way DIGEST command (recovery replays the whole journal) and with a part-way SNAPSHOT command
 * (recovery loads the snapshot and replays the journal tail).
 */
class CrashRecoveryTest
{
    private static final long SEED = 7;
    private static final int ACCOUNTS = 200;
    private static final int SIMULATED_FRAMES = 20_000;
    private static final int ADMIN_AT = 3_000;
    private static final int MIN_ANSWERS_BEFORE_KILL = 5_000;
    private static final int MAX_ANSWERS_BEFORE_KILL = 12_000;
    private static final int MAX_IN_FLIGHT = 1_024;
    private static final int MAX_OFFERS_PER_ROUND = 64;
    private static final String CHANNEL = "aeron:ipc";
    private static final long READY_TIMEOUT_MS = 30_000;
    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long EXCHANGE_TIMEOUT_MS = 90_000;
    private static final long KILL_TIMEOUT_MS = 30_000;
    // tolerate a child starved for a while on a loaded machine rather than have the driver drop its client
    private static final long CLIENT_LIVENESS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private static Inputs withDigest;
    private static Inputs withSnapshot;
    private static Answers reference;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void generateInputs()
    {
        withDigest = Inputs.simulated(SEED, ACCOUNTS, SIMULATED_FRAMES, ADMIN_AT, AdminCommandType.DIGEST);
        withSnapshot = Inputs.simulated(SEED, ACCOUNTS, SIMULATED_FRAMES, ADMIN_AT, AdminCommandType.SNAPSHOT);
        // a SNAPSHOT command moves the state exactly as a DIGEST one does, so one uninterrupted run serves both
        reference = withDigest.referenceRun();
    }

    @ParameterizedTest(name = "part-way {0}")
    @EnumSource(value = AdminCommandType.class, names = { "DIGEST", "SNAPSHOT" })
    void recoversTheStateOfAnUninterruptedRun(final AdminCommandType adminCommand) throws Exception
    {
        final Inputs inputs = AdminCommandType.SNAPSHOT == adminCommand ? withSnapshot : withDigest;
        final int last = inputs.size() - 1;
        final int killAfter = MIN_ANSWERS_BEFORE_KILL +
            new Random(SEED * 31 + adminCommand.value()).nextInt(MAX_ANSWERS_BEFORE_KILL - MIN_ANSWERS_BEFORE_KILL);
        final Path journalDir = tempDir.resolve("journal");

        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .clientLivenessTimeoutNs(CLIENT_LIVENESS_TIMEOUT_NS)
            .publicationUnblockTimeoutNs(2 * CLIENT_LIVENESS_TIMEOUT_NS));
            Aeron aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .driverTimeoutMs(TimeUnit.NANOSECONDS.toMillis(CLIENT_LIVENESS_TIMEOUT_NS))))
        {
            final Answers first = new Answers(inputs);
            final int sent;
            // each engine gets streams of its own, so nothing the dead one left in the driver can touch the next
            try (EngineProcess engine = EngineProcess.start(
                driver.aeronDirectoryName(), journalDir, 1001, 1002, READY_TIMEOUT_MS);
                EngineLink link = connect(aeron, 1001, 1002, first, engine))
            {
                sent = exchange(link, inputs, first, 0, () -> first.count() >= killAfter, engine);
                engine.kill(KILL_TIMEOUT_MS);
            }
            assertAnswersMatchReference(first);
            final int journaled = assertJournalHoldsEveryAnsweredInput(inputs, first, journalDir);

            final int resendFrom = first.firstUnanswered();
            final Answers second = new Answers(inputs);
            try (EngineProcess engine = EngineProcess.start(
                driver.aeronDirectoryName(), journalDir, 2001, 2002, READY_TIMEOUT_MS);
                EngineLink link = connect(aeron, 2001, 2002, second, engine))
            {
                assertRecovery(engine.readyLine(), adminCommand, journaled);
                exchange(link, inputs, second, resendFrom, () -> second.isAnswered(last), engine);
            }

            System.out.printf("%s: killed with %,d inputs sent, %,d answered, %,d journaled; resent from input %,d%n",
                adminCommand, sent, first.count(), journaled, resendFrom);
            assertResendsAnsweredAsIfUninterrupted(second, resendFrom, journaled);
            assertEquals(reference.digest(last), second.digest(last),
                "state digest after kill -9 and restart differs from the uninterrupted run");
        }
    }

    private static EngineLink connect(
        final Aeron aeron, final int inputStreamId, final int outputStreamId, final Answers answers,
        final EngineProcess engine)
    {
        final EngineLink link = new EngineLink(aeron, CHANNEL, inputStreamId, outputStreamId, answers);
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
        while (!link.isConnected())
        {
            if (System.nanoTime() - deadlineNs > 0 || !engine.isAlive())
            {
                link.close();
                fail("engine streams not connected: " + engine.diagnostics());
            }
            idle.idle();
        }
        return link;
    }

    /**
     * Sends inputs from {@code from} on, at most {@link #MAX_IN_FLIGHT} unanswered at a time, polling answers,
     * until {@code done}.
     *
     * @return the index after the last input sent.
     */
    private static int exchange(
        final EngineLink link,
        final Inputs inputs,
        final Answers answers,
        final int from,
        final BooleanSupplier done,
        final EngineProcess engine)
    {
        final IdleStrategy idle = new BackoffIdleStrategy();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXCHANGE_TIMEOUT_MS);
        int next = from;
        while (!done.getAsBoolean())
        {
            int work = link.poll();
            while (work < MAX_OFFERS_PER_ROUND && next < inputs.size() &&
                (next - from) - answers.count() < MAX_IN_FLIGHT && link.offer(inputs.frame(next)))
            {
                next++;
                work++;
            }
            if (System.nanoTime() - deadlineNs > 0 || !engine.isAlive())
            {
                fail("engine answered " + answers.count() + " of " + (next - from) + " inputs sent: " +
                    engine.diagnostics());
            }
            idle.idle(work);
        }
        return next;
    }

    private static void assertAnswersMatchReference(final Answers answers)
    {
        assertEquals(0, answers.strays(), "answers to no input sent, or second answers to one");
        for (int i = 0; i < answers.inputCount(); i++)
        {
            if (answers.isAnswered(i))
            {
                final int index = i;
                assertEquals(reference.outcome(i), answers.outcome(i), () -> "answer to input " + index);
                assertEquals(reference.digest(i), answers.digest(i), () -> "digest answering input " + index);
            }
        }
    }

    /**
     * What survives the kill is what the journal holds: it must be the input, in order, byte for byte, up to
     * some point past every answered input, as an answer leaves only after its input is journaled.
     *
     * @return how many inputs the journal holds.
     */
    private static int assertJournalHoldsEveryAnsweredInput(
        final Inputs inputs, final Answers answers, final Path journalDir)
    {
        final List<byte[]> journal = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journalDir))
        {
            reader.readAll((buffer, offset, length, index) ->
            {
                final byte[] frame = new byte[length];
                buffer.getBytes(offset, frame);
                journal.add(frame);
            });
        }

        assertTrue(journal.size() <= inputs.size(), "journal holds more than was sent");
        for (int i = 0; i < journal.size(); i++)
        {
            final int index = i;
            assertArrayEquals(
                inputs.frame(i), journal.get(i), () -> "journal excerpt " + index + " is not input " + index);
        }
        for (int i = 0; i < inputs.size(); i++)
        {
            final int index = i;
            assertTrue(!answers.isAnswered(i) || i < journal.size(),
                () -> "input " + index + " was answered but is not in the journal of " + journal.size());
        }
        return journal.size();
    }

    private static void assertRecovery(
        final String readyLine, final AdminCommandType adminCommand, final int journaled)
    {
        final long replayed = field(readyLine, "replayed");
        final long snapshotInputSequence = field(readyLine, "snapshotInputSequence");
        if (AdminCommandType.SNAPSHOT == adminCommand)
        {
            // the snapshot sits at the SNAPSHOT command, the (ADMIN_AT + 1)th input; the journal tail follows it
            assertEquals(ADMIN_AT + 1, snapshotInputSequence, readyLine);
            assertEquals(journaled - (ADMIN_AT + 1), replayed, readyLine);
        }
        else
        {
            assertEquals(-1, snapshotInputSequence, readyLine);
            assertEquals(journaled, replayed, readyLine);
        }
    }

    /**
     * An input the restarted engine recovered from the journal is already applied: resent, it must be refused as a
     * duplicate, never applied twice. An input the journal lacks must be answered as the uninterrupted run did.
     */
    private static void assertResendsAnsweredAsIfUninterrupted(
        final Answers answers, final int resendFrom, final int journaled)
    {
        assertEquals(0, answers.strays(), "answers to no input sent, or second answers to one");
        for (int i = resendFrom; i < answers.inputCount(); i++)
        {
            final int index = i;
            assertTrue(answers.isAnswered(i), () -> "resent input " + index + " got no answer");
            if (i >= journaled)
            {
                assertEquals(reference.outcome(i), answers.outcome(i), () -> "answer to input " + index);
                assertEquals(reference.digest(i), answers.digest(i), () -> "digest answering input " + index);
            }
            else if (APPLIED == reference.outcome(i))
            {
                assertEquals(DUPLICATE, answers.outcome(i), () -> "journaled input " + index + " resent");
            }
            else
            {
                // a refused input leaves no correlation id behind, so its resend is judged again on a later state
                assertNotEquals(APPLIED, answers.outcome(i),
                    () -> "journaled input " + index + ", refused before the kill, was applied when resent");
            }
        }
    }

    private static long field(final String line, final String name)
    {
        for (final String token : line.split(" "))
        {
            if (token.startsWith(name + "="))
            {
                return Long.parseLong(token.substring(name.length() + 1));
            }
        }
        throw new IllegalArgumentException("no " + name + " in: " + line);
    }
}
