package io.pme.simulation;

import io.pme.codecs.ParameterId;

import java.util.Arrays;

import static io.pme.simulation.MarketCatalogue.ASSET_COUNT;
import static io.pme.simulation.MarketCatalogue.USD;
import static io.pme.simulation.MarketCatalogue.USDC;
import static io.pme.simulation.MarketCatalogue.USDT;

/**
 * The oracle as the venue's feed gives it: every asset but USD quoted by {@link #SOURCE_COUNT} sources, so that the
 * engine's guarded index (median, drop and clamp bands, quorum) has something to guard against. A tick of an asset's
 * path is printed by one source, the next one in turn, so the feed's message rate is that of the path's ticks; each
 * source quotes the path a fixed few basis points off it (well inside the engine's clamp band), and now and then one
 * source glitches: for that one print it is 30% to 60% off the path, beyond the drop band around the median of
 * three, and the engine must drop it. A crash moves the path, so every source follows it and two of them confirm it.
 * <p>
 * The opening tells the engine which sources each asset has and the rules its index is made by
 * ({@link #ruleCount()} frames), then prices each asset once from every source, so the quorum is there before any
 * deposit is valued. The glitches draw from a stream of their own: the rest of the market is the same with them or
 * without. Allocation free after construction.
 */
final class OracleFeed
{
    /** Sources per asset; their ids are 1 to this. */
    static final int SOURCE_COUNT = 3;
    /** A print glitches with this probability (while no other print of the asset is still glitched). */
    static final double GLITCH_PROBABILITY = 1.0 / 2_000.0;
    static final double MIN_GLITCH = 0.30;
    static final double MAX_GLITCH = 0.60;
    /** The engine's oracle rule numbers (docs/bounds.md, ORACLE). */
    static final int MAX_AGE_RULE = 0;
    static final int MIN_SOURCES_RULE = 1;
    static final int JUMP_THRESHOLD_RULE = 4;
    static final int PEG_RULE = 7;
    /** A source silent for longer than this no longer counts: three minutes of message time. */
    static final double MAX_AGE_NS = 180.0e9;
    /** Two sources must agree: one alone is no index. */
    static final double MIN_SOURCES = 2;
    /** An index move beyond a quarter waits for a second source's confirmation. */
    static final double JUMP_THRESHOLD = 0.25;
    static final double PEG = 1.0;

    // Source 1 quotes the path itself, the others a little off it, as venues' mid prices differ: a few basis points,
    // a tenth of the clamp band, so a healthy source is averaged in as it is
    private static final double[] OFFSETS = { 0.0, 2.0e-4, -3.0e-4 };
    private static final int NONE = -1;

    private final FrameWriter writer;
    private final PricePaths paths;
    private final SimRandom random;
    private final ParameterId[] ruleParameter;
    private final int[] ruleAsset;
    private final int[] ruleIndex;
    private final double[] ruleValue;
    private final int[] nextSource = new int[ASSET_COUNT];
    private final int[] glitchedSource = new int[ASSET_COUNT];
    private long prints;
    private long glitches;

    /**
     * @param random for the glitches alone.
     */
    OracleFeed(final FrameWriter writer, final PricePaths paths, final SimRandom random)
    {
        this.writer = writer;
        this.paths = paths;
        this.random = random;
        Arrays.fill(glitchedSource, NONE);

        final int count = (ASSET_COUNT - 1) * (SOURCE_COUNT + 3) + 2;
        ruleParameter = new ParameterId[count];
        ruleAsset = new int[count];
        ruleIndex = new int[count];
        ruleValue = new double[count];
        int i = 0;
        for (int asset = 0; asset < ASSET_COUNT; asset++)
        {
            if (USD == asset)
            {
                continue;
            }
            for (int s = 0; s < SOURCE_COUNT; s++)
            {
                i = rule(i, ParameterId.ORACLE_SOURCE, asset, sourceId(s), 1.0);
            }
            i = rule(i, ParameterId.ORACLE, asset, MAX_AGE_RULE, MAX_AGE_NS);
            i = rule(i, ParameterId.ORACLE, asset, MIN_SOURCES_RULE, MIN_SOURCES);
            i = rule(i, ParameterId.ORACLE, asset, JUMP_THRESHOLD_RULE, JUMP_THRESHOLD);
            if (USDC == asset || USDT == asset)
            {
                i = rule(i, ParameterId.ORACLE, asset, PEG_RULE, PEG);
            }
        }
    }

    private int rule(final int i, final ParameterId parameter, final int asset, final int index, final double value)
    {
        ruleParameter[i] = parameter;
        ruleAsset[i] = asset;
        ruleIndex[i] = index;
        ruleValue[i] = value;
        return i + 1;
    }

    static int sourceId(final int source)
    {
        return 1 + source;
    }

    /**
     * @return the opening's oracle set-up frames: each asset's sources, then its rules.
     */
    int ruleCount()
    {
        return ruleParameter.length;
    }

    /**
     * @return length of the {@code i}-th set-up frame, an admin's {@code ParameterUpdate}.
     */
    int rule(final int i)
    {
        return writer.parameterUpdate(ruleParameter[i], ruleAsset[i], ruleIndex[i], ruleValue[i], 0.0);
    }

    /**
     * @return the opening's prices: USD once, every other asset once from each source.
     */
    int openingPriceCount()
    {
        return 1 + (ASSET_COUNT - 1) * SOURCE_COUNT;
    }

    /**
     * @return length of the {@code i}-th opening price, never a glitch.
     */
    int openingPrice(final int i)
    {
        if (0 == i)
        {
            // the engine takes USD as 1 from anyone: it is the unit, no index is made of it
            return writer.oraclePrice(FrameWriter.ORACLE_SOURCE_ID, USD, paths.price(USD));
        }
        final int asset = 1 + (i - 1) / SOURCE_COUNT;
        final int source = (i - 1) % SOURCE_COUNT;
        return writer.oraclePrice(sourceId(source), asset, quote(source, paths.price(asset)));
    }

    /**
     * One tick of the asset's path, printed by its next source in turn.
     *
     * @param assetId any asset but USD.
     * @return length of the frame.
     */
    int tick(final int assetId)
    {
        final int source = nextSource[assetId];
        nextSource[assetId] = (source + 1) % SOURCE_COUNT;
        if (glitchedSource[assetId] == source)
        {
            glitchedSource[assetId] = NONE;
        }
        double price = quote(source, paths.price(assetId));
        // one draw a print whatever happens, so the stream does not depend on which prints may glitch; never two
        // glitched prints of an asset standing at once: two alike would outvote the healthy third
        if (random.chance(GLITCH_PROBABILITY) && NONE == glitchedSource[assetId])
        {
            final double off = random.uniform(MIN_GLITCH, MAX_GLITCH);
            price *= random.chance(0.5) ? 1.0 + off : 1.0 - off;
            glitchedSource[assetId] = source;
            glitches++;
        }
        prints++;
        return writer.oraclePrice(sourceId(source), assetId, price);
    }

    private static double quote(final int source, final double pathPrice)
    {
        return pathPrice * (1.0 + OFFSETS[source]);
    }

    /**
     * @return prints of the steady market so far.
     */
    long prints()
    {
        return prints;
    }

    /**
     * @return of those, the glitches.
     */
    long glitches()
    {
        return glitches;
    }
}
