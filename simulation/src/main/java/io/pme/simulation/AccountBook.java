package io.pme.simulation;

import io.pme.codecs.MarginMode;

import static io.pme.simulation.MarketCatalogue.ASSET_COUNT;

/**
 * The simulated accounts: id, kind, home underlying, margin mode, whether it borrows and how much of its BTC it holds
 * as WBTC, the collateral the simulation believes each holds (deposits less withdrawals, negative for what it
 * borrowed; the engine may have refused a borrowing, and interest is not counted, so it is a belief the engine
 * decides on) and the next client order id.
 */
final class AccountBook
{
    static final long FIRST_ACCOUNT_ID = 1_000_001L;
    /** Ids from here on are never opened, used for checks the engine must refuse. */
    static final long FIRST_UNKNOWN_ACCOUNT_ID = 9_000_001L;

    private static final AccountKind[] KINDS = AccountKind.values();
    private static final double ISOLATED_SHARE_OF_DIRECTIONAL = 0.05;
    /** Of the covered-call writers on BTC, those who hold WBTC: half of them all of it, half beside BTC. */
    private static final double WRAPPED_SHARE_OF_BTC_COVERED_CALLS = 0.4;
    /** Of the collateral-only accounts, those who hold WBTC beside their other collateral. */
    private static final double WRAPPED_SHARE_OF_COLLATERAL_ONLY = 0.3;

    private final int count;
    private final byte[] kind;
    private final byte[] home;
    private final boolean[] isolated;
    private final boolean[] borrower;
    private final double[] wrappedShare;
    private final double[] balance;
    private final long[] lastClientOrderId;
    private final int[] traders;

    /**
     * @param random       for the kinds, homes and margin modes.
     * @param traits       for who borrows and who holds WBTC, a stream of its own so the kinds stay the seed's.
     * @param borrowerShare of the collateral-only and covered-call accounts, those who borrow.
     */
    AccountBook(final int count, final SimRandom random, final SimRandom traits, final double borrowerShare)
    {
        this.count = count;
        kind = new byte[count];
        home = new byte[count];
        isolated = new boolean[count];
        borrower = new boolean[count];
        wrappedShare = new double[count];
        balance = new double[count * ASSET_COUNT];
        lastClientOrderId = new long[count];

        int traderCount = 0;
        for (int i = 0; i < count; i++)
        {
            final AccountKind k = drawKind(random);
            kind[i] = (byte)k.ordinal();
            home[i] = (byte)drawHome(k, random);
            isolated[i] = AccountKind.DIRECTIONAL == k && random.chance(ISOLATED_SHARE_OF_DIRECTIONAL);
            traderCount += AccountKind.COLLATERAL_ONLY == k ? 0 : 1;
            drawTraits(i, k, traits, borrowerShare);
        }

        traders = new int[traderCount];
        for (int i = 0, t = 0; i < count; i++)
        {
            if (AccountKind.COLLATERAL_ONLY != kind(i))
            {
                traders[t++] = i;
            }
        }
    }

    int count()
    {
        return count;
    }

    long accountId(final int index)
    {
        return FIRST_ACCOUNT_ID + index;
    }

    AccountKind kind(final int index)
    {
        return KINDS[kind[index]];
    }

    int homeUnderlying(final int index)
    {
        return home[index];
    }

    MarginMode marginMode(final int index)
    {
        return isolated[index] ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    /**
     * @return whether the account borrows USDC against its collateral.
     */
    boolean isBorrower(final int index)
    {
        return borrower[index];
    }

    /**
     * @return the share of its BTC a covered-call writer holds as WBTC (0, 0.5 or 1); for a collateral-only account,
     * 1 when it holds WBTC beside its other collateral; else 0.
     */
    double wrappedShare(final int index)
    {
        return wrappedShare[index];
    }

    double balance(final int index, final int assetId)
    {
        return balance[index * ASSET_COUNT + assetId];
    }

    void addBalance(final int index, final int assetId, final double amount)
    {
        balance[index * ASSET_COUNT + assetId] += amount;
    }

    long nextClientOrderId(final int index)
    {
        return ++lastClientOrderId[index];
    }

    /**
     * @return index of a random account that trades, or of any account if none does.
     */
    int randomTrader(final SimRandom random)
    {
        return 0 == traders.length ? random.nextInt(count) : traders[random.nextInt(traders.length)];
    }

    private void drawTraits(final int i, final AccountKind k, final SimRandom traits, final double borrowerShare)
    {
        final boolean mayBorrow = AccountKind.COLLATERAL_ONLY == k || AccountKind.COVERED_CALL == k;
        // a draw each whatever the kind, so one account's traits do not depend on the kinds before it
        final boolean borrows = traits.chance(borrowerShare);
        final double wrappedDraw = traits.nextDouble();
        final boolean allWrapped = traits.chance(0.5);
        borrower[i] = mayBorrow && borrows;
        if (AccountKind.COVERED_CALL == k && 0 == home[i] && wrappedDraw < WRAPPED_SHARE_OF_BTC_COVERED_CALLS)
        {
            wrappedShare[i] = allWrapped ? 1.0 : 0.5;
        }
        else if (AccountKind.COLLATERAL_ONLY == k && wrappedDraw < WRAPPED_SHARE_OF_COLLATERAL_ONLY)
        {
            wrappedShare[i] = 1.0;
        }
    }

    private static AccountKind drawKind(final SimRandom random)
    {
        final double u = random.nextDouble();
        if (u < 0.05)
        {
            return AccountKind.MARKET_MAKER;
        }
        if (u < 0.50)
        {
            return AccountKind.DIRECTIONAL;
        }

        return u < 0.68 ? AccountKind.COVERED_CALL : AccountKind.COLLATERAL_ONLY;
    }

    // BTC-heavy like real venues; covered calls are written on BTC or ETH only.
    private static int drawHome(final AccountKind kind, final SimRandom random)
    {
        final double u = random.nextDouble();
        if (AccountKind.COVERED_CALL == kind)
        {
            return u < 0.55 ? 0 : 1;
        }

        return u < 0.5 ? 0 : (u < 0.8 ? 1 : 2);
    }
}
