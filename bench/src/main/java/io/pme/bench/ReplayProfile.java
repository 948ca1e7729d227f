package io.pme.bench;

import io.pme.engine.EngineContext;
import io.pme.engine.EngineCounters;
import io.pme.engine.JournalCapacity;
import io.pme.engine.journal.JournalReader;
import io.pme.engine.logic.InputProcessor;
import io.pme.engine.logic.RiskModelBinding;
import io.pme.engine.logic.SnapshotSink;
import io.pme.engine.margin.PortfolioRiskModel;
import io.pme.engine.state.EngineState;
import io.pme.protocol.json.JsonFramePrinter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a journal's replay spends the business logic's time: every input is timed with {@code System.nanoTime()}
 * around {@code InputProcessor.process} (no ring, no journal; the outbox counts frames by type), and reported per
 * input type (count, total, mean, max) and per window of inputs (time, the margin model's tick visits, outputs), so
 * the part of a run that fell behind shows what it did. The state is sized by the journal's
 * {@code capacity.properties}, as {@code pme replay} sizes it.
 *
 * <pre>
 * ReplayProfile --journal DIR [--window INPUTS] [--slow-ms MS]
 * </pre>
 * A window is printed when its business-logic time is at least {@code --slow-ms} (default 500).
 */
public final class ReplayProfile
{
    private static final int TYPES = 1 << 16;
    private static final long MS = 1_000_000L;

    private final long[] counts = new long[TYPES];
    private final long[] totalNs = new long[TYPES];
    private final long[] maxNs = new long[TYPES];
    private final long[] outputs = new long[TYPES];
    private final String[] names = new String[TYPES];
    private final JsonFramePrinter printer = new JsonFramePrinter();

    private ReplayProfile()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        Path journal = null;
        long window = 10_000;
        long slowMs = 500;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--journal" -> journal = Path.of(args[++i]);
                case "--window" -> window = Long.parseLong(args[++i]);
                case "--slow-ms" -> slowMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (null == journal)
        {
            throw new IllegalArgumentException("--journal DIR is required");
        }
        new ReplayProfile().run(journal, window, slowMs);
    }

    private void run(final Path journal, final long window, final long slowMs)
    {
        final EngineContext context = new EngineContext().journalDir(journal);
        if (JournalCapacity.isRecorded(journal))
        {
            JournalCapacity.apply(context, journal);
        }
        final EngineState state = context.newState();
        final RiskModelBinding risk = context.riskModelFactory().apply(state);
        final PortfolioRiskModel model = risk instanceof PortfolioRiskModel ? (PortfolioRiskModel)risk : null;
        final long[] windowOutputs = new long[1];
        try (EngineCounters engineCounters = EngineCounters.local();
            JournalReader reader = new JournalReader(journal))
        {
            final InputProcessor processor = new InputProcessor(state, risk, engineCounters,
                (buffer, offset, length) ->
                {
                    outputs[type(buffer, offset, length)]++;
                    windowOutputs[0]++;
                },
                SnapshotSink.NONE, context.snapshotIntervals());
            final long[] inWindow = new long[4];
            final long startNs = System.nanoTime();
            reader.readAll((buffer, offset, length, index) ->
            {
                final int type = type(buffer, offset, length);
                final long beforeNs = System.nanoTime();
                processor.process(buffer, offset, length, index);
                final long tookNs = System.nanoTime() - beforeNs;
                counts[type]++;
                totalNs[type] += tookNs;
                maxNs[type] = Math.max(maxNs[type], tookNs);
                inWindow[1] += tookNs;
                inWindow[3]++;
                if (++inWindow[0] == window)
                {
                    final long visits = null != model ? model.tickVisits() : 0;
                    if (inWindow[1] >= slowMs * MS)
                    {
                        System.out.printf("window ending at input %,d: %,d ms, %,d tick visits, %,d outputs%n",
                            inWindow[3], inWindow[1] / MS,
                            visits - inWindow[2], windowOutputs[0]);
                    }
                    inWindow[0] = 0;
                    inWindow[1] = 0;
                    inWindow[2] = visits;
                    windowOutputs[0] = 0;
                }
                if (null == names[type])
                {
                    names[type] = name(buffer, offset, length);
                }
            });
            System.out.printf("replayed %,d inputs in %,d ms (business logic %,d ms)%n", sum(counts),
                (System.nanoTime() - startNs) / MS, sum(totalNs) / MS);
        }
        report();
    }

    private void report()
    {
        final Map<Long, Integer> byTime = new TreeMap<>((a, b) -> Long.compare(b, a));
        for (int t = 0; t < TYPES; t++)
        {
            if (counts[t] > 0)
            {
                byTime.put(totalNs[t] * TYPES + t, t);
            }
        }
        System.out.printf("%-24s %12s %12s %12s %12s%n", "input", "count", "total ms", "mean us", "max ms");
        for (final int t : byTime.values())
        {
            System.out.printf("%-24s %,12d %,12d %,12.1f %,12.1f%n", names[t], counts[t], totalNs[t] / MS,
                totalNs[t] / 1e3 / counts[t], maxNs[t] / 1e6);
        }
        System.out.printf("%-24s %12s%n", "output", "count");
        for (int t = 0; t < TYPES; t++)
        {
            if (outputs[t] > 0)
            {
                System.out.printf("%-24s %,12d%n", "template " + t, outputs[t]);
            }
        }
    }

    private static long sum(final long[] values)
    {
        long sum = 0;
        for (final long v : values)
        {
            sum += v;
        }
        return sum;
    }

    private static int type(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= 4 ? buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF : 0;
    }

    private String name(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        final String json = printer.print(new UnsafeBuffer(copy), 0, length);
        final int at = json.indexOf("\"type\":\"");
        return at < 0 ? "template " + type(buffer, offset, length) : json.substring(at + 8, json.indexOf('"', at + 8));
    }
}
