package io.pme.tools.metrics;

import io.pme.engine.EngineCounters;
import org.agrona.IoUtil;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an engine's counters file holds at one moment, read from another process: its header (pid, heartbeat,
 * whether it closed cleanly) and the engine's counters allocated in it. The file is mapped for the read only and
 * unmapped at once: an engine that restarts replaces it, and a mapping kept open would go on reading the old one.
 *
 * @param file          the counters file read.
 * @param header        what the file says of its engine.
 * @param readAtMs      epoch milliseconds of the read, against which the heartbeat's age is told.
 * @param alive         whether the engine was alive at the read: not closed, its heartbeat within
 *                      {@link EngineCounters#HEARTBEAT_TIMEOUT_MS}, its process there.
 * @param processExists whether a process of the engine's pid existed at the read, seen from this host.
 * @param counters      the engine's counters in the file, in the order they were allocated.
 */
public record CountersSnapshot(
    File file, EngineCounters.Header header, long readAtMs, boolean alive, boolean processExists,
    List<Counter> counters)
{
    /**
     * One counter.
     *
     * @param typeId of the counter, from {@link EngineCounters#TYPE_ID_BASE}.
     * @param label  as the engine named it.
     * @param value  at the read.
     */
    public record Counter(int typeId, String label, long value)
    {
    }

    /**
     * Reads a counters file.
     *
     * @param file an engine's counters file, which must exist.
     * @return what it holds now.
     * @throws IllegalArgumentException when the file is not an engine counters file of this build.
     */
    public static CountersSnapshot read(final File file)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "pme counters");
        try
        {
            final EngineCounters.Header header = EngineCounters.header(mapped);
            final CountersReader reader = EngineCounters.reader(mapped);
            final List<Counter> counters = new ArrayList<>();
            reader.forEach((counterId, typeId, keyBuffer, label) ->
            {
                if (typeId >= EngineCounters.TYPE_ID_BASE && typeId < EngineCounters.TYPE_ID_LIMIT)
                {
                    counters.add(new Counter(typeId, label, reader.getCounterValue(counterId)));
                }
            });
            final long readAtMs = System.currentTimeMillis();
            // decided once, so that the line printed and the exit code agree
            return new CountersSnapshot(file, header, readAtMs,
                header.isAlive(readAtMs, EngineCounters.HEARTBEAT_TIMEOUT_MS),
                ProcessHandle.of(header.pid()).map(ProcessHandle::isAlive).orElse(false), List.copyOf(counters));
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * @return milliseconds since the engine's last heartbeat, at the read.
     */
    public long heartbeatAgeMs()
    {
        return readAtMs - header.heartbeatMs();
    }

    /**
     * @return one line on the engine's liveness, as {@code pme stat} prints it first:
     * {@code engine: alive (pid N, heartbeat 0.2 s ago)}, or {@code engine: not running (...)} and why.
     */
    public String livenessLine()
    {
        final long pid = header.pid();
        if (alive)
        {
            return "engine: alive (pid " + pid + ", heartbeat " + seconds(heartbeatAgeMs()) + " ago)";
        }
        if (header.isClosed())
        {
            return "engine: not running (pid " + pid + ", closed cleanly " +
                seconds(readAtMs - header.closedTimestampMs()) + " ago)";
        }
        return "engine: not running (pid " + pid + ", last heartbeat " + seconds(heartbeatAgeMs()) + " ago" +
            (processExists ? "" : ", no such process") + ")";
    }

    // tenths while they matter, whole seconds after
    private static String seconds(final long millis)
    {
        return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : (millis / 1000) + " s";
    }
}
