package io.pme.simulation;

import io.pme.codecs.MessageHeaderDecoder;
import io.pme.codecs.OraclePriceDecoder;
import io.pme.codecs.ParameterId;
import io.pme.codecs.ParameterUpdateDecoder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pme.simulation.MarketCatalogue.ASSET_COUNT;
import static io.pme.simulation.MarketCatalogue.USD;
import static io.pme.simulation.MarketCatalogue.USDC;
import static io.pme.simulation.MarketCatalogue.USDT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed's three sources from the frames alone: the opening lists them and sets the rules before any price, then
 * prices every asset from each, a few basis points apart; after it the sources take turns on an asset's ticks, each
 * near the others' latest (as near as the path's moves between them allow), and now and then one print is 30% to
 * 60% off, never two of an asset at once.
 */
class OracleFeedTest
{
    private static final int FRAMES = 300_000;
    /** Far inside the engine's drop band of 10%, far outside the glitches' 30%. */
    private static final double HEALTHY = 0.01;

    @Test
    void theOpeningListsTheSourcesAndSetsTheRulesBeforeAnyPrice()
    {
        final MarketSimulation simulation = new MarketSimulation(new SimulationConfig().accounts(20));
        final Prints prints = new Prints();
        run(simulation, prints, simulation.referenceFrameCount());

        final List<String> expected = new ArrayList<>();
        for (int asset = USDC; asset < ASSET_COUNT; asset++)
        {
            for (int source = 1; source <= 3; source++)
            {
                expected.add("ORACLE_SOURCE " + asset + " " + source + " 1.0");
            }
            expected.add("ORACLE " + asset + " 0 1.8E11");
            expected.add("ORACLE " + asset + " 1 2.0");
            expected.add("ORACLE " + asset + " 4 0.25");
            if (USDC == asset || USDT == asset)
            {
                expected.add("ORACLE " + asset + " 7 1.0");
            }
        }
        assertEquals(expected, prints.oracleRules);
        assertTrue(prints.oracleRulesBeforeFirstPrice, "every rule before the first price");

        assertEquals(1 + (ASSET_COUNT - 1) * 3, prints.count);
        assertEquals(1, prints.bySource[USD][1]);
        for (int asset = USDC; asset < ASSET_COUNT; asset++)
        {
            assertEquals("[0, 1, 1, 1]", Arrays.toString(prints.bySource[asset]), "once from each, asset " + asset);
        }
        assertEquals(0, prints.glitches, "the opening prices are clean");
        // one path price, so only the sources' own offsets tell them apart: a few basis points
        for (int asset = USDC; asset < ASSET_COUNT; asset++)
        {
            final double[] quotes = prints.latest[asset];
            assertTrue(Math.abs(quotes[2] / quotes[1] - 1.0) <= 5.0e-4, Arrays.toString(quotes));
            assertTrue(Math.abs(quotes[3] / quotes[1] - 1.0) <= 5.0e-4, Arrays.toString(quotes));
            assertTrue(quotes[1] != quotes[2] && quotes[2] != quotes[3] && quotes[1] != quotes[3]);
        }
    }

    @Test
    void sourcesTakeTurnsAgreeWithinBasisPointsAndGlitchNowAndThen()
    {
        final Prints prints = new Prints();
        run(new MarketSimulation(new SimulationConfig().seed(5).accounts(200)), prints, FRAMES);

        assertTrue(prints.count > 80_000, "prints " + prints.count);
        assertEquals(0, prints.outOfTurn, "sources in turn");
        assertEquals(0, prints.unclassified, "neither a few basis points off nor a glitch");
        assertEquals(0, prints.overlapping, "two glitched prints of an asset at once");
        // one in 2,000: the count is a Poisson draw, this range is about four standard deviations either side
        final double expected = prints.count * OracleFeed.GLITCH_PROBABILITY;
        assertTrue(Math.abs(prints.glitches - expected) < 4.0 * Math.sqrt(expected) + 1,
            prints.glitches + " glitches in " + prints.count + " prints");
        assertTrue(prints.glitchesUp > 0 && prints.glitches > prints.glitchesUp, "glitches either way");
        assertTrue(prints.maxHealthySpread > 0.0 && prints.maxHealthySpread < HEALTHY);
    }

    private static void run(final MarketSimulation simulation, final FrameSink sink, final int frames)
    {
        long taken = 0;
        while (taken < frames)
        {
            taken += simulation.generate(sink, (int)Math.min(1000, frames - taken));
        }
    }

    // Each print against the other two sources' latest: never more than one of the three is glitched, so their
    // median is a healthy one.
    private static final class Prints implements FrameSink
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OraclePriceDecoder price = new OraclePriceDecoder();
        private final ParameterUpdateDecoder update = new ParameterUpdateDecoder();
        private final int[][] bySource = new int[ASSET_COUNT][4];
        private final double[][] latest = new double[ASSET_COUNT][4];
        private final boolean[][] glitched = new boolean[ASSET_COUNT][4];
        private final int[] lastSource = new int[ASSET_COUNT];
        private final List<String> oracleRules = new ArrayList<>();
        private boolean oracleRulesBeforeFirstPrice = true;
        private int count;
        private int outOfTurn;
        private int unclassified;
        private int overlapping;
        private int glitches;
        private int glitchesUp;
        private double maxHealthySpread;

        public boolean offer(final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (ParameterUpdateDecoder.TEMPLATE_ID == header.templateId())
            {
                update.wrap(buffer, body, header.blockLength(), header.version());
                if (ParameterId.LIQUIDATION != update.parameterId())
                {
                    oracleRules.add(update.parameterId() + " " + update.assetId() + " " + update.index() + " " +
                        update.value());
                    oracleRulesBeforeFirstPrice &= 0 == count;
                }
            }
            else if (OraclePriceDecoder.TEMPLATE_ID == header.templateId())
            {
                price.wrap(buffer, body, header.blockLength(), header.version());
                onPrint(price.assetId(), price.sourceId(), price.price());
            }
            return true;
        }

        private void onPrint(final int asset, final int source, final double value)
        {
            count++;
            bySource[asset][source]++;
            if (USD == asset)
            {
                return;
            }
            if (0 != lastSource[asset] && source != 1 + lastSource[asset] % 3)
            {
                outOfTurn++;
            }
            lastSource[asset] = source;
            latest[asset][source] = value;
            glitched[asset][source] = false;
            if (0.0 == latest[asset][1] || 0.0 == latest[asset][2] || 0.0 == latest[asset][3])
            {
                return;
            }
            final double off = Math.abs(value / median(latest[asset]) - 1.0);
            // the path moves between prints too: up to a few tenths of a percent in a crash's fall
            if (off < HEALTHY)
            {
                maxHealthySpread = Math.max(maxHealthySpread, off);
            }
            else if (off > OracleFeed.MIN_GLITCH - 1.0e-3 && off < OracleFeed.MAX_GLITCH + 1.0e-3)
            {
                glitches++;
                glitchesUp += value > median(latest[asset]) ? 1 : 0;
                for (int other = 1; other <= 3; other++)
                {
                    overlapping += glitched[asset][other] ? 1 : 0;
                }
                glitched[asset][source] = true;
            }
            else
            {
                unclassified++;
            }
        }

        private static double median(final double[] bySource)
        {
            final double a = bySource[1];
            final double b = bySource[2];
            final double c = bySource[3];
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
    }
}
