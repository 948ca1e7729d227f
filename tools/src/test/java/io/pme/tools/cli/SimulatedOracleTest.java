package io.pme.tools.cli;

import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.engine.EngineCounters;
import io.pme.simulation.SimulationConfig;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulation's three-source feed against the engine's guarded oracle ({@link ClosedLoop}, the default market
 * through its first crash): every glitched print, told apart in the frames by its distance from the other sources,
 * is an outlier the engine rejects, and nothing else is; no asset is ever short of its quorum; and the crash, which
 * every source follows, moves the index all the same.
 */
class SimulatedOracleTest
{
    private static final int FRAMES = 150_000;
    private static final int SAMPLE_EVERY = 1_000;
    private static final int ASSETS = 7;
    private static final int USD = 0;
    private static final int BTC = 3;
    private static final int SOURCES = 3;
    /** The engine's drop band around the median of three. */
    private static final double DROP_BAND = 0.1;
    /** The simulation's glitches are at least 30% off. */
    private static final double GLITCH = 0.25;

    @Test
    void everyGlitchIsRejectedNoAssetDegradesAndTheCrashMovesTheIndex()
    {
        final ClosedLoop loop = new ClosedLoop(new SimulationConfig());
        final Feed feed = new Feed();
        double opening = Double.NaN;
        double lowest = Double.MAX_VALUE;
        for (int n = SAMPLE_EVERY; n <= FRAMES; n += SAMPLE_EVERY)
        {
            final List<byte[]> frames = loop.run(n);
            feed.read(frames);
            final double btc = loop.state().assets().price(BTC);
            opening = Double.isNaN(opening) ? btc : opening;
            lowest = Math.min(lowest, btc);
            assertTrue(Math.abs(btc / feed.median(BTC) - 1.0) < 0.01, "BTC index " + btc + " at frame " + n);
        }

        final EngineCounters counters = loop.counters();
        assertEquals(0, feed.between, "prints neither within the drop band nor glitches");
        assertTrue(feed.glitches > 10, "glitches " + feed.glitches + " in " + feed.prints + " prints");
        assertEquals(feed.glitches, counters.oracleOutliersRejected().get());
        assertEquals(0, counters.degradedEpisodes().get());
        // the first crash takes BTC at least 12% down
        assertTrue(lowest < 0.9 * opening, "BTC from " + opening + " to " + lowest + " at the lowest");
    }

    // Each print against the latest of the asset's three sources: at most one of them is glitched at a time, so
    // their median is healthy.
    private static final class Feed
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OraclePriceDecoder price = new OraclePriceDecoder();
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        private final double[][] latest = new double[ASSETS][SOURCES + 1];
        private int read;
        private long prints;
        private long glitches;
        private long between;

        void read(final List<byte[]> frames)
        {
            for (; read < frames.size(); read++)
            {
                buffer.wrap(frames.get(read));
                header.wrap(buffer, 0);
                if (OraclePriceDecoder.TEMPLATE_ID != header.templateId())
                {
                    continue;
                }
                price.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
                // USD is the unit: one source, no index
                if (USD != price.assetId())
                {
                    onPrint(price.assetId(), price.sourceId(), price.price());
                }
            }
        }

        private void onPrint(final int asset, final int source, final double value)
        {
            latest[asset][source] = value;
            if (0.0 == latest[asset][1] || 0.0 == latest[asset][2] || 0.0 == latest[asset][3])
            {
                return;
            }
            prints++;
            final double off = Math.abs(value / median(asset) - 1.0);
            glitches += off > GLITCH ? 1 : 0;
            between += off > DROP_BAND && off <= GLITCH ? 1 : 0;
        }

        double median(final int asset)
        {
            final double a = latest[asset][1];
            final double b = latest[asset][2];
            final double c = latest[asset][3];
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
    }
}
