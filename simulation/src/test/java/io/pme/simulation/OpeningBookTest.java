package io.pme.simulation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpeningBookTest
{
    private static final int ACCOUNTS = 2000;

    private static MarketCatalogue catalogue;
    private static Quotes quotes;
    private static AccountBook accounts;
    private static OpeningBook book;

    @BeforeAll
    static void plan()
    {
        final SimulationConfig config = new SimulationConfig().conclude();
        catalogue = new MarketCatalogue(config.startTimeNs());
        quotes = new Quotes(catalogue, new PricePaths(config, new SimRandom(1)));
        for (int i = 0; i < MarketCatalogue.INSTRUMENT_COUNT; i++)
        {
            if (catalogue.isOption(i))
            {
                quotes.updateVolatility(i, 0.0);
            }
        }
        final SimRandom random = new SimRandom(2);
        accounts = new AccountBook(ACCOUNTS, random, new SimRandom(3), SimulationConfig.BORROWER_SHARE_DEFAULT);
        book = new OpeningBook(accounts, quotes, random, config.startTimeNs());
    }

    @Test
    void everyKindIsPresent()
    {
        final int[] kinds = new int[AccountKind.values().length];
        for (int i = 0; i < ACCOUNTS; i++)
        {
            kinds[accounts.kind(i).ordinal()]++;
        }

        for (final int count : kinds)
        {
            assertTrue(count > 50, "kind count " + count);
        }
    }

    @Test
    void marketMakerBooksAreDeltaHedged()
    {
        final double[] delta = new double[ACCOUNTS];
        for (int i = 0; i < book.fillCount(); i++)
        {
            final int account = book.fillAccount(i);
            if (AccountKind.MARKET_MAKER == accounts.kind(account))
            {
                delta[account] += book.fillQuantity(i) *
                    quotes.delta(book.fillInstrument(i), SimulationConfig.DEFAULT_START_TIME_NS);
            }
        }

        for (int account = 0; account < ACCOUNTS; account++)
        {
            final double lot = MarketCatalogue.LOT_SIZES[accounts.homeUnderlying(account)];
            assertEquals(0.0, delta[account], lot, "account " + account);
        }
    }

    @Test
    void coveredCallsNeverExceedTheCoinHeldAndCollateralOnlyHoldsNoPositions()
    {
        final double[] shortCalls = new double[ACCOUNTS];
        for (int i = 0; i < book.fillCount(); i++)
        {
            final int account = book.fillAccount(i);
            final AccountKind kind = accounts.kind(account);
            assertTrue(AccountKind.COLLATERAL_ONLY != kind);
            if (AccountKind.COVERED_CALL == kind)
            {
                assertTrue(catalogue.isCall(book.fillInstrument(i)) && book.fillQuantity(i) < 0.0);
                shortCalls[account] -= book.fillQuantity(i);
            }
        }

        for (int account = 0; account < ACCOUNTS; account++)
        {
            final int coin = MarketCatalogue.UNDERLYING_ASSETS[accounts.homeUnderlying(account)];
            final double wrapped = accounts.balance(account, MarketCatalogue.WBTC);
            assertTrue(shortCalls[account] <= accounts.balance(account, coin) + wrapped + 1.0e-9);
        }
    }

    @Test
    void wrappedBitcoinIsHeldByBitcoinCoveredCallWritersAndCollateralOnlyAccounts()
    {
        int coveredByWrapped = 0;
        int coveredByBoth = 0;
        int collateralOnly = 0;
        for (int account = 0; account < ACCOUNTS; account++)
        {
            final double wrapped = accounts.balance(account, MarketCatalogue.WBTC);
            final AccountKind kind = accounts.kind(account);
            if (wrapped <= 0.0)
            {
                continue;
            }
            assertTrue(AccountKind.COLLATERAL_ONLY == kind ||
                AccountKind.COVERED_CALL == kind && 0 == accounts.homeUnderlying(account), "account " + account);
            if (AccountKind.COVERED_CALL == kind)
            {
                final boolean alsoBitcoin = accounts.balance(account, MarketCatalogue.BTC) > 0.0;
                coveredByBoth += alsoBitcoin ? 1 : 0;
                coveredByWrapped += alsoBitcoin ? 0 : 1;
            }
            else
            {
                collateralOnly++;
            }
        }

        assertTrue(coveredByWrapped > 10 && coveredByBoth > 10 && collateralOnly > 50,
            coveredByWrapped + " " + coveredByBoth + " " + collateralOnly);
    }

    @Test
    void borrowersAreCollateralOnlyOrCoveredCallAccountsInTheirShare()
    {
        int borrowers = 0;
        int eligible = 0;
        for (int account = 0; account < ACCOUNTS; account++)
        {
            final AccountKind kind = accounts.kind(account);
            final boolean mayBorrow = AccountKind.COLLATERAL_ONLY == kind || AccountKind.COVERED_CALL == kind;
            eligible += mayBorrow ? 1 : 0;
            if (accounts.isBorrower(account))
            {
                assertTrue(mayBorrow, "account " + account);
                borrowers++;
            }
        }

        assertEquals(SimulationConfig.BORROWER_SHARE_DEFAULT, borrowers / (double)eligible, 0.05);
    }

    @Test
    void depositsAreHeavyTailed()
    {
        double max = 0.0;
        int small = 0;
        for (int i = 0; i < book.depositCount(); i++)
        {
            final double usd = book.depositAmount(i) * quotes.paths().price(book.depositAsset(i));
            assertTrue(usd > 0.0);
            max = Math.max(max, usd);
            small += usd < 50_000.0 ? 1 : 0;
        }

        assertTrue(max > 1.0e7, "largest deposit " + max);
        assertTrue(small > book.depositCount() / 3, "small deposits " + small);
    }
}
