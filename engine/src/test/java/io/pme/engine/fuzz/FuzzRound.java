package io.pme.engine.fuzz;

import io.pme.codecs.RejectReason;
import io.pme.engine.state.Clients;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.pme.engine.fuzz.InboundLayout.CORRELATION_ID_OFFSET;
import static io.pme.engine.fuzz.InboundLayout.HEADER_LENGTH;
import static io.pme.engine.fuzz.SeedFrames.FUZZ_CLIENTS;
import static io.pme.engine.fuzz.SeedFrames.FUZZ_CLIENT_BASE;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * One seeded fuzz run: an engine state built by the simulation's reference phase and some steady frames, then bad
 * input of several kinds, each through the harness oracle. Optionally keeps every input for a replay check.
 */
final class FuzzRound
{
    static final int ACCOUNTS = 50;
    static final int STEADY_FRAMES = 1_000;

    private final long seed;
    private final FuzzHarness harness;
    private final SeedFrames simulation;
    private final FrameMutator mutator;
    private final SplittableRandom random;
    private final List<byte[]> pool = new ArrayList<>();
    private final List<byte[]> inputs;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[FrameMutator.CAPACITY]);

    FuzzRound(final long seed, final boolean keepInputs)
    {
        this.seed = seed;
        harness = new FuzzHarness("seed " + seed);
        random = new SplittableRandom(seed);
        mutator = new FrameMutator(random);
        inputs = keepInputs ? new ArrayList<>() : null;
        simulation = new SeedFrames(seed, ACCOUNTS);
        for (final byte[] valid : simulation.next(simulation.referenceFrameCount() + STEADY_FRAMES))
        {
            feed(valid, valid.length);
            pool.add(valid);
        }
        pool.addAll(SeedFrames.everyTemplate(harness.state()));
    }

    long seed()
    {
        return seed;
    }

    FuzzHarness harness()
    {
        return harness;
    }

    List<byte[]> inputs()
    {
        return inputs;
    }

    List<byte[]> pool()
    {
        return pool;
    }

    /** Purely random bytes, of length 0 … 300. */
    void randomFrame()
    {
        final int length = mutator.randomFrame(frame, 300);
        if (random.nextInt(4) != 0)
        {
            readdress(length);
        }
        feed(length);
    }

    /** A valid frame from the pool, readdressed to a fuzz client, then broken. */
    RejectReason mutatedFrame()
    {
        int length = copy(pool.get(random.nextInt(pool.size())));
        readdress(length);
        length = mutator.mutate(frame, length);
        return feed(length);
    }

    /** A given valid frame, readdressed to a fuzz client, then broken. */
    RejectReason mutated(final byte[] valid)
    {
        int length = copy(valid);
        readdress(length);
        length = mutator.mutate(frame, length);
        return feed(length);
    }

    /** The next frames of the simulation, as a real client would send them. */
    void validFrames(final int count)
    {
        for (final byte[] valid : simulation.next(count))
        {
            feed(valid, valid.length);
        }
    }

    /** A frame whose correlation id was already used by its client, or lies below the client's last. */
    RejectReason replayedCorrelationId()
    {
        final int length = copy(pool.get(random.nextInt(pool.size())));
        final int clientId = frame.getInt(HEADER_LENGTH + InboundLayout.CLIENT_ID_OFFSET, LITTLE_ENDIAN);
        final long last = harness.state().clients().lastCorrelationId(clientId);
        if (Long.MIN_VALUE == last)
        {
            return RejectReason.NULL_VAL;
        }
        final long correlationId = random.nextBoolean() ? last : last - 1 - random.nextInt(1_000);
        frame.putLong(HEADER_LENGTH + CORRELATION_ID_OFFSET, correlationId, LITTLE_ENDIAN);
        return feed(length);
    }

    /** Feeds a frame cut at every length shorter than its own. */
    void truncations(final byte[] valid)
    {
        for (int length = 0; length < valid.length; length++)
        {
            copy(valid);
            readdress(length);
            feed(length);
        }
    }

    /** Feeds a frame as it is, but from a fuzz client with a fresh correlation id. */
    RejectReason readdressed(final byte[] valid)
    {
        final int length = copy(valid);
        readdress(length);
        return feed(length);
    }

    RejectReason feed(final byte[] bytes, final int length)
    {
        frame.putBytes(0, bytes, 0, length);
        return feed(length);
    }

    private RejectReason feed(final int length)
    {
        if (null != inputs)
        {
            final byte[] copy = new byte[length];
            frame.getBytes(0, copy);
            inputs.add(copy);
        }
        return harness.apply(frame, length);
    }

    private int copy(final byte[] valid)
    {
        frame.putBytes(0, valid);
        return valid.length;
    }

    // A fuzz client with room for a fresh correlation id; a mutation may have spent one on Long.MAX_VALUE.
    private void readdress(final int length)
    {
        final Clients clients = harness.state().clients();
        final int first = random.nextInt(FUZZ_CLIENTS);
        for (int i = 0; i < FUZZ_CLIENTS; i++)
        {
            final int clientId = FUZZ_CLIENT_BASE + (first + i) % FUZZ_CLIENTS;
            final long last = clients.lastCorrelationId(clientId);
            if (Long.MAX_VALUE != last)
            {
                FrameMutator.readdress(frame, length, clientId, Long.MIN_VALUE == last ? 1 : last + 1);
                return;
            }
        }
    }
}
