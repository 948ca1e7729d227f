package io.pme.simulation;

import org.agrona.DirectBuffer;

/**
 * Sink folding every byte of every frame into a 64-bit FNV-1a hash, allocation free.
 */
final class FrameHasher implements FrameSink
{
    private long hash = 0xcbf29ce484222325L;
    private long frames;

    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = hash ^ length;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * 0x100000001b3L;
        }
        hash = h;
        frames++;

        return true;
    }

    long hash()
    {
        return hash;
    }

    long frames()
    {
        return frames;
    }

    static long hashOf(final SimulationConfig config, final int frames)
    {
        final MarketSimulation simulation = new MarketSimulation(config);
        final FrameHasher hasher = new FrameHasher();
        while (hasher.frames() < frames)
        {
            simulation.generate(hasher, (int)Math.min(4096, frames - hasher.frames()));
        }

        return hasher.hash();
    }
}
