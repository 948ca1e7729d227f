package io.pme.simulation;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.pme.simulation.MarketCatalogue.INSTRUMENT_COUNT;

/**
 * Deterministic, seeded market that drives the engine exactly as an external price feed, gateway, exchange, admin
 * and liquidators would: a reference phase (assets, instruments, the oracle's sources and rules, prices,
 * volatilities, accounts, the liquidators' accounts, deposits, the insurance fund's seed, opening fills) followed by
 * an endless steady stream of ticks (three sources an asset, one of them glitching now and then: see
 * {@code OracleFeed}), volatility updates, order checks, fills, funding and heartbeats, with a market-wide crash
 * every so often.
 * <p>
 * With {@link SimulationConfig#liquidationDesk()} the simulation also plays the venue's side of the liquidation
 * waterfall (see {@code LiquidationDesk}): it answers the engine's liquidation orders with fills and its auctions with
 * the liquidators' bids, from the engine's output frames given to {@link #onOutput}. Without it, nobody answers.
 * <p>
 * The same configuration always yields the same bytes; with the desk, the same configuration and the same outputs
 * do, however late the outputs come (the clock waits for them), so a deterministic engine gets the same frames
 * whatever the pacing. Not thread safe: generate and give it outputs on one thread; steady-state generation
 * allocates nothing.
 */
public final class MarketSimulation
{
    /** The liquidators' accounts have ids from this one on, one per {@link SimulationConfig#liquidators()}. */
    public static final long FIRST_LIQUIDATOR_ACCOUNT_ID = 8_000_001L;
    /** Liquidator accounts a configuration may ask for at most. */
    public static final int MAX_LIQUIDATORS = 8;
    /** The insurance fund's account id at the engine: the opening book seeds it with a deposit. */
    public static final long INSURANCE_FUND_ACCOUNT_ID = 0L;
    /** Message time an answer of the liquidation desk comes after the output it answers, at the least. */
    public static final long RESPONSE_DELAY_NS = 50_000_000L;

    private static final int FRAME_CAPACITY = 256;
    private static final long PATH_STREAM = 0x5EED_0001L;
    private static final long ACCOUNT_STREAM = 0x5EED_0002L;
    private static final long EVENT_STREAM = 0x5EED_0003L;
    private static final long CRASH_STREAM = 0x5EED_0004L;
    private static final long DESK_STREAM = 0x5EED_0005L;
    private static final long ORACLE_STREAM = 0x5EED_0006L;
    private static final long TRAIT_STREAM = 0x5EED_0007L;

    /** The client the simulation's price feed publishes as. */
    public static final int FEED_CLIENT_ID = FrameWriter.PRICE_FEED;
    /** Oracle sources per asset, ids 1 to this: the feed's client must be allowed every one. */
    public static final int SOURCES_PER_ASSET = OracleFeed.SOURCE_COUNT;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(FRAME_CAPACITY, 64));
    private final FrameWriter writer;
    private final ReferencePhase reference;
    private final SteadyPhase steady;
    private final LiquidationDesk desk;
    private int pendingLength;
    private long framesGenerated;

    /**
     * Build the market and plan the reference phase.
     *
     * @param config of the simulation, concluded here if it was not already.
     */
    public MarketSimulation(final SimulationConfig config)
    {
        config.conclude();
        final long startTimeNs = config.startTimeNs();
        final MarketCatalogue catalogue = new MarketCatalogue(startTimeNs);
        final Quotes quotes = new Quotes(catalogue, new PricePaths(
            config, stream(config.seed(), PATH_STREAM), stream(config.seed(), CRASH_STREAM)));
        for (int i = 0; i < INSTRUMENT_COUNT; i++)
        {
            if (catalogue.isOption(i))
            {
                quotes.updateVolatility(i, 0.0);
            }
        }

        final SimRandom accountRandom = stream(config.seed(), ACCOUNT_STREAM);
        final AccountBook accounts = new AccountBook(
            config.accounts(), accountRandom, stream(config.seed(), TRAIT_STREAM), config.borrowerShare());
        final OpeningBook opening = new OpeningBook(accounts, quotes, accountRandom, startTimeNs);

        writer = new FrameWriter(buffer, startTimeNs);
        final OracleFeed oracle = new OracleFeed(writer, quotes.paths(), stream(config.seed(), ORACLE_STREAM));
        reference = new ReferencePhase(writer, oracle, catalogue, quotes, accounts, opening, config);
        desk = config.liquidationDesk() ?
            new LiquidationDesk(config, writer, quotes, stream(config.seed(), DESK_STREAM)) : null;
        steady = new SteadyPhase(
            config, writer, oracle, quotes, accounts, desk, stream(config.seed(), EVENT_STREAM));
    }

    /**
     * @param assetId an asset id of the simulated market.
     * @return its symbol, or null for an id the simulation does not define.
     */
    public static String assetSymbol(final int assetId)
    {
        return assetId >= 0 && assetId < MarketCatalogue.ASSET_COUNT ? MarketCatalogue.ASSET_SYMBOLS[assetId] : null;
    }

    /**
     * Gives the liquidation desk one output frame of the engine, in the order the engine published them; every
     * output must come here, whether the desk answers it or not, since the clock waits for them. Without the desk
     * it is ignored.
     *
     * @param buffer holding the frame.
     * @param offset of the frame in the buffer.
     * @param length of the frame in bytes.
     */
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != desk)
        {
            desk.onOutput(buffer, offset, length);
        }
    }

    /**
     * @return whether this simulation answers the engine's liquidations, and so must be given its outputs.
     */
    public boolean hasLiquidationDesk()
    {
        return null != desk;
    }

    /**
     * Offer up to {@code maxFrames} next frames to the sink, in order. A frame the sink refuses is kept and offered
     * again, unchanged, on the next call. With the liquidation desk, fewer come while the clock waits for the
     * engine's outputs.
     *
     * @param sink      to receive the frames.
     * @param maxFrames to offer at most.
     * @return number of frames the sink took.
     */
    public int generate(final FrameSink sink, final int maxFrames)
    {
        int emitted = 0;
        while (emitted < maxFrames)
        {
            if (0 == pendingLength)
            {
                pendingLength = nextFrame();
                if (0 == pendingLength)
                {
                    break;
                }
            }

            if (!sink.offer(buffer, 0, pendingLength))
            {
                break;
            }

            pendingLength = 0;
            emitted++;
        }

        framesGenerated += emitted;

        return emitted;
    }

    /**
     * @return frames taken by sinks so far.
     */
    public long framesGenerated()
    {
        return framesGenerated;
    }

    /**
     * @return simulated time of the latest generated frame in nanoseconds since the epoch.
     */
    public long simulatedTimeNs()
    {
        return writer.timestampNs();
    }

    /**
     * @return true once every reference frame has been taken by a sink.
     */
    public boolean referencePhaseDone()
    {
        return framesGenerated >= reference.frameCount();
    }

    /**
     * @return number of frames in the reference phase.
     */
    public int referenceFrameCount()
    {
        return reference.frameCount();
    }

    private int nextFrame()
    {
        final int length = reference.isDone() ? 0 : reference.next();

        return 0 != length ? length : steady.next();
    }

    // Independent streams: changing the number of accounts leaves the price paths untouched.
    private static SimRandom stream(final long seed, final long stream)
    {
        return new SimRandom(new SimRandom(seed ^ (stream * 0x9E3779B97F4A7C15L)).nextLong());
    }
}
