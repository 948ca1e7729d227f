package io.pme.tools.cli;

import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.protocol.json.JsonFrameException;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pme script --input FILE.jsonl}: feeds human-readable inputs through the real pipeline (Aeron, ring,
 * journal, business logic, publisher) one at a time and prints every output as one JSON line.
 */
@CommandLine.Command(
    name = "script",
    mixinStandardHelpOptions = true,
    versionProvider = PmeVersion.class,
    description = {
        "Feeds human-readable inputs (one JSON object per line, docs/script-format.md) through the real pipeline " +
            "one at a time and prints every output as one JSON line."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every input was answered",
        "1:a line that cannot be encoded (nothing runs), an engine that could not start, an input not answered",
        "2:the command line is wrong",
        "3:with --expect, another state digest"})
final class ScriptCommand implements Callable<Integer>
{
    private static final long ANSWER_TIMEOUT_MS = 30_000;

    private final PrintStream out;
    private final PrintStream err;

    @CommandLine.Option(names = "--input", required = true, paramLabel = "FILE.jsonl",
        description = "the inputs, one JSON object per line (# starts a comment line)")
    private Path input;

    @CommandLine.Option(names = "--journal", paramLabel = "DIR",
        description = "keep the journal here (default: a temporary directory, deleted at the end)")
    private String journalDir;

    @CommandLine.Option(names = "--digest", description = "end with the state digest line, as pme replay prints it")
    private boolean digest;

    @CommandLine.Option(names = "--expect", paramLabel = "DIGEST", converter = ReplayCommand.DigestConverter.class,
        description = "the state digest the script must reach (16 hex digits); another one exits 3")
    private Long expected;

    ScriptCommand(final PrintStream out, final PrintStream err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final List<byte[]> frames;
        try
        {
            frames = encode(input);
        }
        catch (final IOException ex)
        {
            err.println("pme script: cannot read " + input + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        catch (final ScriptLineException ex)
        {
            err.println("pme script: " + input + ": " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        final TempDirectory journal = TempDirectory.orGiven(journalDir, "pme-script-journal");
        final EngineContext context = new EngineContext()
            .journalDir(journal.path())
            .aeronDirectoryName(StatCommand.defaultAeronDir() + "-script-" + ProcessHandle.current().pid())
            .recoveryReportStream(err)
            .conclude();
        final JsonFramePrinter printer = new JsonFramePrinter();
        final Engine engine;
        try
        {
            engine = Engine.launch(context);
        }
        catch (final IllegalStateException ex)
        {
            // the journal is of other capacities, damaged, or its snapshot of other parameters
            err.println("pme script: the engine could not start on " + journal.path() + ": " + ex.getMessage());
            journal.deleteIfTemporary();
            return ExitCodes.FAILED;
        }
        try (EngineClient client = new EngineClient(
            engine.aeron(), context.inputChannel(), context.inputStreamId(), context.outputChannel(),
            context.outputStreamId(), (buffer, offset, length) -> out.println(printer.print(buffer, offset, length))))
        {
            client.awaitConnected(10_000);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
            final Progress progress =
                new Progress("pme script", "inputs", frames.size(), err, Progress.DEFAULT_INTERVAL_NS);
            long sent = 0;
            for (final byte[] frame : frames)
            {
                buffer.wrap(frame);
                client.send(buffer, 0, frame.length, ANSWER_TIMEOUT_MS);
                client.awaitAnswers(++sent, ANSWER_TIMEOUT_MS);
                progress.update(sent);
            }
            progress.finish(sent);
        }
        catch (final IllegalStateException ex)
        {
            err.println("pme script: " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        finally
        {
            engine.close();
            journal.deleteIfTemporary();
            // a script's engine lives for the script only: nobody watches its counters or its error log after it
            IoUtil.deleteIfExists(context.countersFile());
            IoUtil.deleteIfExists(context.errorsFile());
        }
        if (digest)
        {
            out.println(Pme.digestLine(engine.digest(), engine.correlationDigest()));
        }
        if (null != expected && expected != engine.digest())
        {
            err.println("pme script: state digest " + io.pme.engine.state.Digest.hex(engine.digest()) +
                ", expected " + io.pme.engine.state.Digest.hex(expected));
            return ExitCodes.DIGEST_MISMATCH;
        }
        return ExitCodes.OK;
    }

    private static List<byte[]> encode(final Path input) throws IOException
    {
        final JsonFrameEncoder encoder = new JsonFrameEncoder(true);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final List<byte[]> frames = new ArrayList<>();
        final List<String> lines = Files.readAllLines(input);
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            try
            {
                final int length = encoder.encode(line, buffer, 0);
                final byte[] frame = new byte[length];
                buffer.getBytes(0, frame);
                frames.add(frame);
            }
            catch (final JsonFrameException ex)
            {
                throw new ScriptLineException("line " + (i + 1) + ": " + ex.getMessage());
            }
        }
        return frames;
    }

    private static final class ScriptLineException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        ScriptLineException(final String message)
        {
            super(message);
        }
    }
}
