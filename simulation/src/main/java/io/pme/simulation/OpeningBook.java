package io.pme.simulation;

import static io.pme.simulation.MarketCatalogue.BTC;
import static io.pme.simulation.MarketCatalogue.ETH;
import static io.pme.simulation.MarketCatalogue.EXPIRY_DAYS;
import static io.pme.simulation.MarketCatalogue.FUTURE_DAYS;
import static io.pme.simulation.MarketCatalogue.LOT_SIZES;
import static io.pme.simulation.MarketCatalogue.SOL;
import static io.pme.simulation.MarketCatalogue.STRIKES;
import static io.pme.simulation.MarketCatalogue.UNDERLYING_ASSETS;
import static io.pme.simulation.MarketCatalogue.USDC;
import static io.pme.simulation.MarketCatalogue.USDT;
import static io.pme.simulation.MarketCatalogue.WBTC;

/**
 * Plans the opening deposits and positions of every account, by kind, before any frame is sent. Built once at
 * start-up, so it may allocate.
 */
final class OpeningBook
{
    private static final int MAX_DEPOSITS_PER_ACCOUNT = 4;
    private static final int MAX_FILLS_PER_ACCOUNT = 12;
    private static final double WHALE_PROBABILITY = 0.01;
    private static final double WHALE_FACTOR = 50.0;
    private static final double NEAR_MARGIN_PROBABILITY = 0.15;
    private static final int[] COLLATERAL_ASSETS = { USDC, USDT, BTC, ETH, SOL };
    private static final int[] VALUED_ASSETS = { USDC, USDT, BTC, ETH, SOL, WBTC };

    private final AccountBook accounts;
    private final Quotes quotes;
    private final SimRandom random;
    private final long nowNs;

    private final int[] depositAccount;
    private final int[] depositAsset;
    private final double[] depositAmount;
    private int depositCount;

    private final int[] fillAccount;
    private final int[] fillInstrument;
    private final double[] fillQuantity;
    private final double[] fillPrice;
    private int fillCount;

    OpeningBook(final AccountBook accounts, final Quotes quotes, final SimRandom random, final long nowNs)
    {
        this.accounts = accounts;
        this.quotes = quotes;
        this.random = random;
        this.nowNs = nowNs;

        final int n = accounts.count();
        depositAccount = new int[n * MAX_DEPOSITS_PER_ACCOUNT];
        depositAsset = new int[n * MAX_DEPOSITS_PER_ACCOUNT];
        depositAmount = new double[n * MAX_DEPOSITS_PER_ACCOUNT];
        fillAccount = new int[n * MAX_FILLS_PER_ACCOUNT];
        fillInstrument = new int[n * MAX_FILLS_PER_ACCOUNT];
        fillQuantity = new double[n * MAX_FILLS_PER_ACCOUNT];
        fillPrice = new double[n * MAX_FILLS_PER_ACCOUNT];

        for (int i = 0; i < n; i++)
        {
            planDeposits(i);
        }
        for (int i = 0; i < n; i++)
        {
            planPositions(i);
        }
    }

    static double roundAmount(final int assetId, final double amount)
    {
        return Quotes.round(amount, assetId == USDC || assetId == USDT ? 0.01 : 1.0e-6);
    }

    AccountBook accounts()
    {
        return accounts;
    }

    int depositCount()
    {
        return depositCount;
    }

    int depositAccount(final int index)
    {
        return depositAccount[index];
    }

    int depositAsset(final int index)
    {
        return depositAsset[index];
    }

    double depositAmount(final int index)
    {
        return depositAmount[index];
    }

    int fillCount()
    {
        return fillCount;
    }

    int fillAccount(final int index)
    {
        return fillAccount[index];
    }

    int fillInstrument(final int index)
    {
        return fillInstrument[index];
    }

    double fillQuantity(final int index)
    {
        return fillQuantity[index];
    }

    double fillPrice(final int index)
    {
        return fillPrice[index];
    }

    private void planDeposits(final int account)
    {
        final double whale = random.chance(WHALE_PROBABILITY) ? WHALE_FACTOR : 1.0;
        final int homeAsset = UNDERLYING_ASSETS[accounts.homeUnderlying(account)];
        switch (accounts.kind(account))
        {
            case MARKET_MAKER:
                depositUsd(account, USDC, whale * random.pareto(2.0e6, 1.5, 2.0e8));
                depositUsd(account, USDT, whale * random.pareto(5.0e5, 1.5, 5.0e7));
                depositUsd(account, homeAsset, whale * random.pareto(5.0e5, 1.5, 5.0e7));
                break;

            case DIRECTIONAL:
                depositUsd(account, random.chance(0.6) ? USDC : USDT, whale * random.pareto(2_000.0, 1.2, 2.0e7));
                break;

            case COVERED_CALL:
                depositCover(account, homeAsset, whale * random.pareto(5.0e4, 1.3, 5.0e7));
                if (random.chance(0.5))
                {
                    depositUsd(account, USDC, random.pareto(1_000.0, 1.5, 1.0e6));
                }
                break;

            default:
                final int assets = 1 + random.nextInt(3);
                final int first = random.nextInt(COLLATERAL_ASSETS.length);
                for (int a = 0; a < assets; a++)
                {
                    final int asset = COLLATERAL_ASSETS[(first + a) % COLLATERAL_ASSETS.length];
                    depositUsd(account, asset, whale * random.pareto(1.0e4, 1.1, 1.0e8));
                }
                if (accounts.wrappedShare(account) > 0.0)
                {
                    depositUsd(account, WBTC, whale * random.pareto(1.0e4, 1.1, 1.0e8));
                }
                break;
        }
    }

    // the coin the calls are written against: some BTC writers hold it as WBTC, all of it or half
    private void depositCover(final int account, final int homeAsset, final double usdValue)
    {
        final double wrapped = accounts.wrappedShare(account);
        if (wrapped < 1.0)
        {
            depositUsd(account, homeAsset, usdValue * (1.0 - wrapped));
        }
        if (wrapped > 0.0)
        {
            depositUsd(account, WBTC, usdValue * wrapped);
        }
    }

    private void depositUsd(final int account, final int assetId, final double usdValue)
    {
        final double amount = roundAmount(assetId, usdValue / quotes.paths().price(assetId));
        depositAccount[depositCount] = account;
        depositAsset[depositCount] = assetId;
        depositAmount[depositCount] = amount;
        depositCount++;
        accounts.addBalance(account, assetId, amount);
    }

    private void planPositions(final int account)
    {
        switch (accounts.kind(account))
        {
            case MARKET_MAKER:
                planHedgedOptionBook(account);
                break;

            case DIRECTIONAL:
                planDirectionalBet(account);
                break;

            case COVERED_CALL:
                planCoveredCalls(account);
                break;

            default:
                break;
        }
    }

    private void planHedgedOptionBook(final int account)
    {
        final int u = accounts.homeUnderlying(account);
        final double spot = quotes.paths().spot(u);
        final double equity = equityUsd(account);
        final int legs = 4 + random.nextInt(MAX_FILLS_PER_ACCOUNT - 5);
        double bookDelta = 0.0;
        for (int leg = 0; leg < legs; leg++)
        {
            final int option = MarketCatalogue.optionId(
                u, random.nextInt(EXPIRY_DAYS.length), random.nextInt(STRIKES), random.chance(0.5));
            final double size = equity * random.uniform(0.05, 0.25) / spot;
            final double quantity = (random.chance(0.5) ? 1.0 : -1.0) * lots(u, size);
            if (0.0 != quantity)
            {
                addFill(account, option, quantity);
                bookDelta += quantity * quotes.delta(option, nowNs);
            }
        }

        final double hedge = -Quotes.round(bookDelta, LOT_SIZES[u]);
        if (0.0 != hedge)
        {
            addFill(account, MarketCatalogue.perpetualId(u), hedge);
        }
    }

    private static final double[] DEFAULT_PRICE_RANGES = {0.16, 0.18, 0.25};

    private void planDirectionalBet(final int account)
    {
        final int u = accounts.homeUnderlying(account);
        final boolean nearMargin = random.chance(NEAR_MARGIN_PROBABILITY);
        // the rulebook's default ranges allow 1 / (range + contingency) times leverage: ~6x BTC, ~5.4x ETH, ~3.9x SOL
        final double maxLeverage = 1.0 / (DEFAULT_PRICE_RANGES[u] + 0.005);
        final double leverage = maxLeverage * (nearMargin ? random.uniform(0.9, 1.1) : random.uniform(0.1, 0.8));
        final double size = equityUsd(account) * leverage / quotes.paths().spot(u);
        final double quantity = (random.chance(0.55) ? 1.0 : -1.0) * lots(u, size);
        final int instrument = random.chance(0.7) ?
            MarketCatalogue.perpetualId(u) : MarketCatalogue.futureId(u, random.nextInt(FUTURE_DAYS.length));
        if (0.0 != quantity)
        {
            addFill(account, instrument, quantity);
        }
    }

    private void planCoveredCalls(final int account)
    {
        final int u = accounts.homeUnderlying(account);
        final double held = accounts.balance(account, UNDERLYING_ASSETS[u]) + accounts.balance(account, WBTC);
        final int legs = 1 + random.nextInt(2);
        final double perLeg = held * random.uniform(0.3, 1.0) / legs;
        for (int leg = 0; leg < legs; leg++)
        {
            final int outOfTheMoney = STRIKES / 2 + 1 + random.nextInt(STRIKES / 2);
            final int call = MarketCatalogue.optionId(u, random.nextInt(EXPIRY_DAYS.length), outOfTheMoney, true);
            final double quantity = -lots(u, perLeg);
            if (0.0 != quantity)
            {
                addFill(account, call, quantity);
            }
        }
    }

    private void addFill(final int account, final int instrument, final double quantity)
    {
        fillAccount[fillCount] = account;
        fillInstrument[fillCount] = instrument;
        fillQuantity[fillCount] = quantity;
        fillPrice[fillCount] = Quotes.roundPrice(quotes.mark(instrument, nowNs));
        fillCount++;
    }

    private double equityUsd(final int account)
    {
        double equity = 0.0;
        for (final int asset : VALUED_ASSETS)
        {
            equity += accounts.balance(account, asset) * quotes.paths().price(asset);
        }

        return equity;
    }

    // Whole lots, rounded down so a covered call never exceeds the coin held.
    private static double lots(final int underlying, final double size)
    {
        return Quotes.roundDown(size, LOT_SIZES[underlying]);
    }
}
