package io.pme.simulation;

import static io.pme.simulation.MarketCatalogue.ASSET_COUNT;
import static io.pme.simulation.MarketCatalogue.ASSET_SYMBOLS;
import static io.pme.simulation.MarketCatalogue.INSTRUMENT_COUNT;

/**
 * Start-up frames in order: assets, instruments, initial prices, initial option volatilities, account opens,
 * deposits, opening fills. All are stamped with the start time.
 */
final class ReferencePhase
{
    private static final int ASSETS = 0;
    private static final int INSTRUMENTS = 1;
    private static final int PRICES = 2;
    private static final int VOLATILITIES = 3;
    private static final int ACCOUNTS = 4;
    private static final int DEPOSITS = 5;
    private static final int FILLS = 6;
    private static final int DONE = 7;

    private final FrameWriter writer;
    private final MarketCatalogue catalogue;
    private final Quotes quotes;
    private final AccountBook accounts;
    private final OpeningBook opening;
    private final int frameCount;
    private int stage = ASSETS;
    private int index;

    ReferencePhase(
        final FrameWriter writer,
        final MarketCatalogue catalogue,
        final Quotes quotes,
        final AccountBook accounts,
        final OpeningBook opening)
    {
        this.writer = writer;
        this.catalogue = catalogue;
        this.quotes = quotes;
        this.accounts = accounts;
        this.opening = opening;
        frameCount = ASSET_COUNT + INSTRUMENT_COUNT + ASSET_COUNT + optionCount() + accounts.count() +
            opening.depositCount() + opening.fillCount();
    }

    int frameCount()
    {
        return frameCount;
    }

    boolean isDone()
    {
        return DONE == stage;
    }

    /**
     * @return length of the next reference frame, or 0 once all have been written.
     */
    int next()
    {
        while (DONE != stage)
        {
            if (index < stageSize(stage))
            {
                return write(stage, index++);
            }

            stage++;
            index = 0;
        }

        return 0;
    }

    private int stageSize(final int stage)
    {
        switch (stage)
        {
            case ASSETS:
            case PRICES:
                return ASSET_COUNT;
            case INSTRUMENTS:
            case VOLATILITIES:
                return INSTRUMENT_COUNT;
            case ACCOUNTS:
                return accounts.count();
            case DEPOSITS:
                return opening.depositCount();
            default:
                return opening.fillCount();
        }
    }

    private int write(final int stage, final int i)
    {
        switch (stage)
        {
            case ASSETS:
                return writer.assetDefinition(i, ASSET_SYMBOLS[i]);
            case INSTRUMENTS:
                return writer.instrumentDefinition(
                    i, catalogue.underlyingAssetId(i), catalogue.kind(i), catalogue.right(i), catalogue.strike(i),
                    catalogue.expiryNs(i), catalogue.symbol(i));
            case PRICES:
                return writer.oraclePrice(i, quotes.paths().price(i));
            case VOLATILITIES:
                return catalogue.isOption(i) ? writer.optionVolatility(i, quotes.volatility(i)) : skip();
            case ACCOUNTS:
                return writer.accountOpen(accounts.accountId(i), accounts.marginMode(i));
            case DEPOSITS:
                return writer.deposit(
                    accounts.accountId(opening.depositAccount(i)), opening.depositAsset(i), opening.depositAmount(i));
            default:
                return writer.fill(
                    accounts.accountId(opening.fillAccount(i)), opening.fillInstrument(i), opening.fillQuantity(i),
                    opening.fillPrice(i), 0.0, 0L);
        }
    }

    // Futures and perpetuals have no volatility: move on to the next instrument.
    private int skip()
    {
        return next();
    }

    private int optionCount()
    {
        int count = 0;
        for (int i = 0; i < INSTRUMENT_COUNT; i++)
        {
            count += catalogue.isOption(i) ? 1 : 0;
        }

        return count;
    }
}
