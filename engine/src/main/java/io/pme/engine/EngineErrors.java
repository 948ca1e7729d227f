package io.pme.engine;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorLogReader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Distinct errors seen by the engine's threads, each kept once with a count, in the manner of Aeron's error log:
 * errors are recorded, not logged, and the hot path never formats text.
 */
public final class EngineErrors
{
    private static final int LOG_LENGTH = 1024 * 1024;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(LOG_LENGTH));
    private final DistinctErrorLog log =
        new DistinctErrorLog(buffer, SystemEpochClock.INSTANCE, StandardCharsets.UTF_8);

    /**
     * Records an error once and counts its repeats; when the log is full a new error is not kept.
     *
     * @param throwable seen on one of the engine's threads.
     */
    public void record(final Throwable throwable)
    {
        log.record(throwable);
    }

    /**
     * @return every distinct error with its count, for the operator; empty when there was none.
     */
    public String summary()
    {
        final StringBuilder text = new StringBuilder();
        ErrorLogReader.read(buffer, (count, first, last, encoded) ->
            text.append(count).append(" x ").append(encoded).append(System.lineSeparator()));
        return text.toString();
    }
}
