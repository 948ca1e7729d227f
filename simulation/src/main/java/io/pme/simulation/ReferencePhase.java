package io.pme.simulation;

import io.pme.codecs.MarginMode;
import io.pme.codecs.ParameterId;

import static io.pme.simulation.MarketCatalogue.ASSET_COUNT;
import static io.pme.simulation.MarketCatalogue.ASSET_SYMBOLS;
import static io.pme.simulation.MarketCatalogue.INSTRUMENT_COUNT;
import static io.pme.simulation.MarketCatalogue.USD;

/**
 * Start-up frames in order: assets, instruments, the oracle's sources and rules, initial prices (from every source),
 * initial option volatilities, the venue's liquidation rules, account opens (the traders', then the liquidators'),
 * deposits (the traders', then the liquidators' and the insurance fund's seed), opening fills. All are stamped with
 * the start time.
 */
final class ReferencePhase
{
    private static final int ASSETS = 0;
    private static final int INSTRUMENTS = 1;
    private static final int ORACLE_RULES = 2;
    private static final int PRICES = 3;
    private static final int VOLATILITIES = 4;
    private static final int RULES = 5;
    private static final int ACCOUNTS = 6;
    private static final int LIQUIDATOR_ACCOUNTS = 7;
    private static final int DEPOSITS = 8;
    private static final int VENUE_DEPOSITS = 9;
    private static final int FILLS = 10;
    private static final int DONE = 11;
    /** The engine's rule index of AUCTION_DURATION_NS (docs/liquidation.md). */
    private static final int AUCTION_DURATION_RULE = 11;

    private final FrameWriter writer;
    private final OracleFeed oracle;
    private final MarketCatalogue catalogue;
    private final Quotes quotes;
    private final AccountBook accounts;
    private final OpeningBook opening;
    private final int liquidators;
    private final double liquidatorDepositUsd;
    private final double insuranceFundUsd;
    private final long auctionDurationNs;
    private final int frameCount;
    private int stage = ASSETS;
    private int index;

    ReferencePhase(
        final FrameWriter writer,
        final OracleFeed oracle,
        final MarketCatalogue catalogue,
        final Quotes quotes,
        final AccountBook accounts,
        final OpeningBook opening,
        final SimulationConfig config)
    {
        this.writer = writer;
        this.oracle = oracle;
        this.catalogue = catalogue;
        this.quotes = quotes;
        this.accounts = accounts;
        this.opening = opening;
        liquidators = config.liquidators();
        liquidatorDepositUsd = config.liquidatorDepositUsd();
        insuranceFundUsd = config.insuranceFundUsd();
        auctionDurationNs = config.auctionDurationNs();
        frameCount = ASSET_COUNT + INSTRUMENT_COUNT + oracle.ruleCount() + oracle.openingPriceCount() + optionCount() +
            ruleCount() + accounts.count() + liquidators + opening.depositCount() + venueDepositCount() +
            opening.fillCount();
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
                return ASSET_COUNT;
            case ORACLE_RULES:
                return oracle.ruleCount();
            case PRICES:
                return oracle.openingPriceCount();
            case INSTRUMENTS:
            case VOLATILITIES:
                return INSTRUMENT_COUNT;
            case RULES:
                return ruleCount();
            case ACCOUNTS:
                return accounts.count();
            case LIQUIDATOR_ACCOUNTS:
                return liquidators;
            case DEPOSITS:
                return opening.depositCount();
            case VENUE_DEPOSITS:
                return venueDepositCount();
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
            case ORACLE_RULES:
                return oracle.rule(i);
            case PRICES:
                return oracle.openingPrice(i);
            case VOLATILITIES:
                return catalogue.isOption(i) ? writer.optionVolatility(i, quotes.volatility(i)) : skip();
            case RULES:
                return writer.parameterUpdate(
                    ParameterId.LIQUIDATION, -1, AUCTION_DURATION_RULE, auctionDurationNs, 0.0);
            case ACCOUNTS:
                return writer.accountOpen(accounts.accountId(i), accounts.marginMode(i));
            case LIQUIDATOR_ACCOUNTS:
                return writer.accountOpen(MarketSimulation.FIRST_LIQUIDATOR_ACCOUNT_ID + i, MarginMode.CROSS);
            case DEPOSITS:
                return writer.deposit(
                    accounts.accountId(opening.depositAccount(i)), opening.depositAsset(i), opening.depositAmount(i));
            case VENUE_DEPOSITS:
                return venueDeposit(i);
            default:
                return writer.fill(
                    accounts.accountId(opening.fillAccount(i)), opening.fillInstrument(i), opening.fillQuantity(i),
                    opening.fillPrice(i), 0.0, 0L);
        }
    }

    // USD, the asset auction prices and the fund's payments are booked in: each liquidator half the one before, so
    // their appetites differ, then the fund's seed, small enough that a deep crash exhausts it
    private int venueDeposit(final int i)
    {
        if (i < liquidators)
        {
            return writer.deposit(
                MarketSimulation.FIRST_LIQUIDATOR_ACCOUNT_ID + i, USD, liquidatorDepositUsd / (1L << i));
        }

        return writer.deposit(MarketSimulation.INSURANCE_FUND_ACCOUNT_ID, USD, insuranceFundUsd);
    }

    private int ruleCount()
    {
        return auctionDurationNs > 0 ? 1 : 0;
    }

    private int venueDepositCount()
    {
        return liquidators + (insuranceFundUsd > 0.0 ? 1 : 0);
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
