package io.pme.tools.cli;

import io.pme.engine.Engine;
import io.pme.engine.EngineContext;
import io.pme.protocol.json.JsonFrameEncoder;
import io.pme.protocol.json.JsonFrameException;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code pme script --input FILE.jsonl}: feeds human-readable inputs through the real pipeline (Aeron, ring,
 * journal, business logic, publisher) one at a time and prints every output as one JSON line.
 */
final class ScriptCommand
{
    private static final long ANSWER_TIMEOUT_MS = 30_000;

    /** The options it takes with a value, and those it takes alone. */
    static final Set<String> OPTIONS = Set.of("input", "journal");
    static final Set<String> FLAGS = Set.of("digest");

    private ScriptCommand()
    {
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Options options = new Options(args, 1, OPTIONS, FLAGS);
        final Path input = Path.of(options.required("input"));
        final List<byte[]> frames;
        try
        {
            frames = encode(input);
        }
        catch (final IOException ex)
        {
            err.println("pme script: cannot read " + input + ": " + ex.getMessage());
            return 1;
        }
        catch (final ScriptLineException ex)
        {
            err.println("pme script: " + input + ": " + ex.getMessage());
            return 1;
        }
        final TempDirectory journal = TempDirectory.orGiven(options.string("journal", null), "pme-script-journal");
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
            return 1;
        }
        try (EngineClient client = new EngineClient(
            engine.aeron(), context.inputChannel(), context.inputStreamId(), context.outputChannel(),
            context.outputStreamId(), (buffer, offset, length) -> out.println(printer.print(buffer, offset, length))))
        {
            client.awaitConnected(10_000);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
            long sent = 0;
            for (final byte[] frame : frames)
            {
                buffer.wrap(frame);
                client.send(buffer, 0, frame.length, ANSWER_TIMEOUT_MS);
                client.awaitAnswers(++sent, ANSWER_TIMEOUT_MS);
            }
        }
        catch (final IllegalStateException ex)
        {
            err.println("pme script: " + ex.getMessage());
            return 1;
        }
        finally
        {
            engine.close();
            journal.deleteIfTemporary();
        }
        if (options.flag("digest"))
        {
            out.println(Pme.digestLine(engine.digest(), engine.correlationDigest()));
        }
        return 0;
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
