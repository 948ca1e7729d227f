package io.pme.simulation;

import io.pme.codecs.Side;

import static io.pme.simulation.MarketCatalogue.BTC;
import static io.pme.simulation.MarketCatalogue.ETH;
import static io.pme.simulation.MarketCatalogue.EXPIRY_DAYS;
import static io.pme.simulation.MarketCatalogue.FUTURE_DAYS;
import static io.pme.simulation.MarketCatalogue.INSTRUMENT_COUNT;
import static io.pme.simulation.MarketCatalogue.LOT_SIZES;
import static io.pme.simulation.MarketCatalogue.SOL;
import static io.pme.simulation.MarketCatalogue.STRIKES;
import static io.pme.simulation.MarketCatalogue.UNDERLYING_ASSETS;
import static io.pme.simulation.MarketCatalogue.UNDERLYING_COUNT;
import static io.pme.simulation.MarketCatalogue.USDC;
import static io.pme.simulation.MarketCatalogue.USDT;
import static io.pme.simulation.MarketCatalogue.WBTC;

/**
 * The endless stream after start-up. Each step advances the simulated clock and the price paths, then writes
 * the scheduled frames (heartbeat, funding, due order follow-ups, the liquidation desk's due answers) and a fixed
 * number of weighted random events. With a desk, the clock steps only once the desk knows every answer due by the
 * next step ({@link LiquidationDesk#mayAdvanceTo(long)}); until then there is no next frame. Allocation free.
 * <p>
 * Borrowers ({@link AccountBook#isBorrower(int)}) make some of their withdrawals USDC they do not hold: a debt of a
 * fraction of their other collateral's USD value, most often well inside their margin, sometimes near or past what
 * it allows, never past {@link #MAX_BORROW_USD}; some of their deposits are USDC repaying part of the debt. The engine
 * decides: a borrowing it refuses (too close to the margin, the pool too full) leaves the simulation's belief of the
 * balance wrong by that much, which only makes its later borrowings of that account smaller.
 */
final class SteadyPhase
{
    private static final int PRICE_TICK = 0;
    private static final int VOLATILITY = 1;
    private static final int ORDER_CHECK = 2;
    private static final int DEPOSIT = 3;
    private static final int WITHDRAWAL = 4;

    // Ticks weighted towards the busy crypto markets.
    private static final int[] TICK_ASSETS = { BTC, BTC, BTC, WBTC, ETH, ETH, ETH, SOL, SOL, USDC, USDT };
    private static final int[] COLLATERAL_ASSETS = { USDC, USDT, BTC, ETH, SOL, WBTC };
    /** Against USDC debt: every collateral asset but USDC itself. */
    private static final int[] BORROWING_COLLATERAL = { USDT, BTC, ETH, SOL, WBTC };
    private static final int UNKNOWN_ACCOUNT_SPREAD = 1_000_000;
    private static final double ORDER_SIZE_USD = 10_000.0;
    private static final double OVERSIZE_FACTOR = 10_000.0;
    private static final double LINEAR_FEE_RATE = 0.0002;
    private static final double OPTION_FEE_RATE = 0.0003;
    private static final double OPTION_FEE_CAP = 0.125;
    private static final double MAX_FUNDING_RATE = 0.00375;
    private static final double MIN_WITHDRAWABLE = 1.0e-6;
    /** Of a borrower's withdrawals, those that borrow; of its deposits while it owes, those that repay. */
    private static final double BORROW_PROBABILITY = 0.5;
    private static final double REPAY_PROBABILITY = 0.5;
    /** Of borrowings, those that take the debt close to the initial margin. */
    private static final double CLOSE_TO_MARGIN_PROBABILITY = 0.1;
    /** Debts the borrowers aim at, inside the engine's default USDC limit of 10,000,000 USD an account. */
    private static final double MAX_BORROW_USD = 8_000_000.0;
    /**
     * An edge-case withdrawal of a borrowable asset takes this much USDC beyond what it holds: past the engine's
     * limit of 10,000,000 USD of debt an account by far, however wrong the simulation's belief of the balance (a
     * refused borrowing leaves it low by at most the account's USDC then and {@link #MAX_BORROW_USD}).
     */
    private static final double BEYOND_BORROW_LIMIT_USDC = 50_000_000.0;

    private final FrameWriter writer;
    private final OracleFeed oracle;
    private final Quotes quotes;
    private final MarketCatalogue catalogue;
    private final AccountBook accounts;
    private final PendingOrders pending;
    private final LiquidationDesk desk;
    private final SimRandom random;
    private final double[] cumulativeWeight = new double[WITHDRAWAL + 1];
    private final double[] fundingPremium = new double[UNDERLYING_COUNT];
    private final long startTimeNs;
    private final long stepNs;
    private final long heartbeatIntervalNs;
    private final long fundingIntervalNs;
    private final int eventsPerStep;
    private final int maxOrderLifetimeSteps;
    private final double orderDoneProbability;
    private final double fillProbability;
    private final double edgeCaseProbability;

    private long nowNs;
    private boolean heartbeatDue;
    private int fundingCursor = UNDERLYING_COUNT;
    private int eventsLeft;
    private int volatilityCursor;
    private long unknownAccountOrderId;

    SteadyPhase(
        final SimulationConfig config,
        final FrameWriter writer,
        final OracleFeed oracle,
        final Quotes quotes,
        final AccountBook accounts,
        final LiquidationDesk desk,
        final SimRandom random)
    {
        this.writer = writer;
        this.oracle = oracle;
        this.desk = desk;
        this.quotes = quotes;
        this.catalogue = quotes.catalogue();
        this.accounts = accounts;
        this.random = random;
        pending = new PendingOrders(config.pendingOrderCapacity());
        startTimeNs = config.startTimeNs();
        nowNs = startTimeNs;
        stepNs = config.stepNs();
        heartbeatIntervalNs = config.heartbeatIntervalNs();
        fundingIntervalNs = config.fundingIntervalNs();
        eventsPerStep = config.eventsPerStep();
        maxOrderLifetimeSteps = config.maxOrderLifetimeSteps();
        orderDoneProbability = config.orderDoneProbability();
        fillProbability = config.fillProbability();
        edgeCaseProbability = config.edgeCaseProbability();

        cumulativeWeight[PRICE_TICK] = config.priceTickWeight();
        cumulativeWeight[VOLATILITY] = cumulativeWeight[PRICE_TICK] + config.volatilityWeight();
        cumulativeWeight[ORDER_CHECK] = cumulativeWeight[VOLATILITY] + config.orderCheckWeight();
        cumulativeWeight[DEPOSIT] = cumulativeWeight[ORDER_CHECK] + config.depositWeight();
        cumulativeWeight[WITHDRAWAL] = cumulativeWeight[DEPOSIT] + config.withdrawalWeight();
    }

    long nowNs()
    {
        return nowNs;
    }

    /**
     * @return length of the next frame written at offset 0 of the writer's buffer, or 0 when the clock must wait
     * for the engine's outputs before it steps.
     */
    int next()
    {
        while (true)
        {
            if (heartbeatDue)
            {
                heartbeatDue = false;
                return writer.heartbeat(FrameWriter.PRICE_FEED);
            }

            if (fundingCursor < UNDERLYING_COUNT)
            {
                return funding(fundingCursor++);
            }

            if (pending.isHeadDue(nowNs))
            {
                return orderFollowUp();
            }

            if (null != desk && desk.isHeadDue(nowNs))
            {
                final int length = desk.next(nowNs);
                if (length > 0)
                {
                    return length;
                }
                continue;
            }

            if (eventsLeft > 0)
            {
                eventsLeft--;
                return randomEvent();
            }

            if (null != desk && !desk.mayAdvanceTo(nowNs + stepNs))
            {
                return 0;
            }

            beginStep();
        }
    }

    private void beginStep()
    {
        final long previousNs = nowNs;
        nowNs += stepNs;
        writer.timestampNs(nowNs);
        quotes.paths().step();
        heartbeatDue = crossed(previousNs, heartbeatIntervalNs);
        if (crossed(previousNs, fundingIntervalNs))
        {
            fundingCursor = 0;
        }
        eventsLeft = eventsPerStep;
    }

    private boolean crossed(final long previousNs, final long intervalNs)
    {
        return (nowNs - startTimeNs) / intervalNs != (previousNs - startTimeNs) / intervalNs;
    }

    private int randomEvent()
    {
        final double draw = random.nextDouble() * cumulativeWeight[WITHDRAWAL];
        if (draw < cumulativeWeight[PRICE_TICK])
        {
            return priceTick();
        }
        if (draw < cumulativeWeight[VOLATILITY])
        {
            return volatilityUpdate();
        }
        if (draw < cumulativeWeight[ORDER_CHECK])
        {
            return orderCheck();
        }

        return draw < cumulativeWeight[DEPOSIT] ? deposit() : withdrawal();
    }

    private int priceTick()
    {
        final int assetId = TICK_ASSETS[random.nextInt(TICK_ASSETS.length)];

        return oracle.tick(assetId);
    }

    // Walks the chains in turn so every option is refreshed regularly; expired ones are passed over.
    private int volatilityUpdate()
    {
        for (int i = 0; i < INSTRUMENT_COUNT; i++)
        {
            final int id = volatilityCursor;
            volatilityCursor = (volatilityCursor + 1) % INSTRUMENT_COUNT;
            if (catalogue.isOption(id) && !quotes.isExpired(id, nowNs))
            {
                return writer.optionVolatility(id, quotes.updateVolatility(id, 0.01 * random.nextGaussian()));
            }
        }

        return priceTick();
    }

    private int funding(final int underlying)
    {
        final double premium = 0.7 * fundingPremium[underlying] + 0.3 * (1.0e-4 + 2.0e-4 * random.nextGaussian());
        fundingPremium[underlying] = Math.max(-MAX_FUNDING_RATE, Math.min(MAX_FUNDING_RATE, premium));
        final double amount = Quotes.round(fundingPremium[underlying] * quotes.paths().spot(underlying), 1.0e-6);

        return writer.fundingPayment(MarketCatalogue.perpetualId(underlying), amount);
    }

    private int orderCheck()
    {
        final boolean edgeCase = random.chance(edgeCaseProbability);
        if (edgeCase && random.chance(0.5))
        {
            return unknownAccountCheck();
        }

        final int account = accounts.randomTrader(random);
        final int instrument = chooseInstrument(account);
        final int u = catalogue.underlying(instrument);
        final Side side = chooseSide(account, instrument);
        final double quantity = Quotes.round(orderQuantity(u) * (edgeCase ? OVERSIZE_FACTOR : 1.0), LOT_SIZES[u]);
        final double limit = limitPrice(instrument, side);
        final long clientOrderId = accounts.nextClientOrderId(account);
        if (!edgeCase && random.chance(orderDoneProbability) && !pending.isFull())
        {
            final long dueNs = nowNs + (1 + random.nextInt(maxOrderLifetimeSteps)) * stepNs;
            final double signed = Side.BUY == side ? quantity : -quantity;
            pending.add(account, instrument, clientOrderId, signed, limit, dueNs, random.chance(fillProbability));
        }

        return writer.orderCheck(accounts.accountId(account), instrument, side, quantity, limit, clientOrderId);
    }

    private int unknownAccountCheck()
    {
        final long accountId = AccountBook.FIRST_UNKNOWN_ACCOUNT_ID + random.nextInt(UNKNOWN_ACCOUNT_SPREAD);
        final int u = random.nextInt(UNDERLYING_COUNT);
        final int instrument = MarketCatalogue.perpetualId(u);
        final Side side = random.chance(0.5) ? Side.BUY : Side.SELL;

        return writer.orderCheck(
            accountId, instrument, side, orderQuantity(u), limitPrice(instrument, side), ++unknownAccountOrderId);
    }

    private int chooseInstrument(final int account)
    {
        final int u = accounts.homeUnderlying(account);
        final double draw = random.nextDouble();
        final int instrument;
        switch (accounts.kind(account))
        {
            case MARKET_MAKER:
                instrument = draw < 0.7 ? randomOption(u, random.nextInt(STRIKES), random.chance(0.5)) :
                    MarketCatalogue.perpetualId(u);
                break;

            case DIRECTIONAL:
                instrument = draw < 0.75 ? MarketCatalogue.perpetualId(u) :
                    MarketCatalogue.futureId(u, random.nextInt(FUTURE_DAYS.length));
                break;

            case COVERED_CALL:
                instrument = draw < 0.8 ? randomOption(u, STRIKES / 2 + 1 + random.nextInt(STRIKES / 2), true) :
                    MarketCatalogue.perpetualId(u);
                break;

            default:
                instrument = MarketCatalogue.perpetualId(u);
                break;
        }

        return quotes.isExpired(instrument, nowNs) ? MarketCatalogue.perpetualId(u) : instrument;
    }

    private int randomOption(final int u, final int strikeIndex, final boolean call)
    {
        return MarketCatalogue.optionId(u, random.nextInt(EXPIRY_DAYS.length), strikeIndex, call);
    }

    private Side chooseSide(final int account, final int instrument)
    {
        final boolean writesCalls =
            AccountKind.COVERED_CALL == accounts.kind(account) && catalogue.isOption(instrument);
        final double sellProbability = writesCalls ? 0.8 : 0.5;

        return random.chance(sellProbability) ? Side.SELL : Side.BUY;
    }

    private double orderQuantity(final int u)
    {
        final double lot = LOT_SIZES[u];
        final double size = ORDER_SIZE_USD * StrictMath.exp(0.8 * random.nextGaussian()) / quotes.paths().spot(u);

        return Math.max(lot, Quotes.round(size, lot));
    }

    // Mostly passive, sometimes crossing: within a few tens of basis points of the mark.
    private double limitPrice(final int instrument, final Side side)
    {
        final double offset = 0.002 * random.uniform(-1.0, 0.5);
        final double signedOffset = Side.BUY == side ? offset : -offset;

        return Quotes.roundPrice(quotes.mark(instrument, nowNs) * (1.0 + signedOffset));
    }

    private int orderFollowUp()
    {
        final int account = pending.headAccount();
        final long accountId = accounts.accountId(account);
        final long clientOrderId = pending.headClientOrderId();
        if (pending.headNeedsFill())
        {
            pending.headFilled();
            return fill(accountId, clientOrderId);
        }

        pending.removeHead();

        return writer.orderDone(accountId, clientOrderId);
    }

    private int fill(final long accountId, final long clientOrderId)
    {
        final int instrument = pending.headInstrument();
        final double lot = LOT_SIZES[catalogue.underlying(instrument)];
        final double ordered = pending.headSignedQuantity();
        final double size = Math.min(
            Math.abs(ordered), Math.max(lot, Quotes.round(Math.abs(ordered) * random.uniform(0.2, 1.0), lot)));
        final double quantity = ordered > 0.0 ? size : -size;
        final double price = pending.headPrice();

        return writer.fill(accountId, instrument, quantity, price, fee(instrument, size, price), clientOrderId);
    }

    private double fee(final int instrument, final double size, final double price)
    {
        final double fee;
        if (catalogue.isOption(instrument))
        {
            final double spot = quotes.paths().spot(catalogue.underlying(instrument));
            fee = Math.min(OPTION_FEE_RATE * spot, OPTION_FEE_CAP * price) * size;
        }
        else
        {
            fee = LINEAR_FEE_RATE * price * size;
        }

        return Quotes.round(fee, 1.0e-6);
    }

    private int deposit()
    {
        final int account = random.nextInt(accounts.count());
        final double usdc = accounts.balance(account, USDC);
        if (usdc <= -0.01 && random.chance(REPAY_PROBABILITY))
        {
            return repay(account, -usdc);
        }
        final int assetId = collateralAssetFor(account);
        final double usd = random.pareto(1_000.0, 1.5, 1.0e7);
        final double amount = Math.max(0.01, OpeningBook.roundAmount(assetId, usd / quotes.paths().price(assetId)));
        accounts.addBalance(account, assetId, amount);

        return writer.deposit(accounts.accountId(account), assetId, amount);
    }

    private int collateralAssetFor(final int account)
    {
        final int homeAsset = UNDERLYING_ASSETS[accounts.homeUnderlying(account)];
        switch (accounts.kind(account))
        {
            case MARKET_MAKER:
                return random.chance(0.7) ? (random.chance(0.5) ? USDC : USDT) : homeAsset;
            case DIRECTIONAL:
                return random.chance(0.6) ? USDC : USDT;
            case COVERED_CALL:
                return random.nextDouble() < accounts.wrappedShare(account) ? WBTC : homeAsset;
            default:
                return COLLATERAL_ASSETS[random.nextInt(COLLATERAL_ASSETS.length)];
        }
    }

    private int repay(final int account, final double debt)
    {
        final double amount = Math.max(0.01, OpeningBook.roundAmount(USDC, debt * random.uniform(0.1, 0.8)));
        accounts.addBalance(account, USDC, amount);

        return writer.deposit(accounts.accountId(account), USDC, amount);
    }

    private int withdrawal()
    {
        final int account = random.nextInt(accounts.count());
        if (accounts.isBorrower(account) && random.chance(BORROW_PROBABILITY))
        {
            final int length = borrow(account);
            if (length > 0)
            {
                return length;
            }
        }
        final int first = random.nextInt(COLLATERAL_ASSETS.length);
        for (int a = 0; a < COLLATERAL_ASSETS.length; a++)
        {
            final int assetId = COLLATERAL_ASSETS[(first + a) % COLLATERAL_ASSETS.length];
            final double held = accounts.balance(account, assetId);
            if (held >= MIN_WITHDRAWABLE)
            {
                return withdraw(account, assetId, held);
            }
        }

        return deposit();
    }

    // USDC up to a debt of a fraction of the other collateral: 0 when the account already owes that much
    private int borrow(final int account)
    {
        double collateralUsd = 0.0;
        for (final int assetId : BORROWING_COLLATERAL)
        {
            collateralUsd += Math.max(0.0, accounts.balance(account, assetId)) * quotes.paths().price(assetId);
        }
        final double fraction = random.chance(CLOSE_TO_MARGIN_PROBABILITY) ?
            random.uniform(0.55, 0.75) : random.uniform(0.05, 0.3);
        final double price = quotes.paths().price(USDC);
        final double targetDebt = Math.min(collateralUsd * fraction, MAX_BORROW_USD) / price;
        final double held = accounts.balance(account, USDC);
        final double amount = OpeningBook.roundAmount(USDC, targetDebt + held);
        if (amount < 0.01 || targetDebt <= Math.max(0.0, -held))
        {
            return 0;
        }
        accounts.addBalance(account, USDC, -amount);

        return writer.withdrawal(accounts.accountId(account), USDC, amount);
    }

    // An over-withdrawal the engine must refuse leaves the simulation's idea of the balance untouched: more than held
    // of an asset nobody may borrow (SOL, WBTC), else USDC far past the borrowing limit.
    private int withdraw(final int account, final int assetId, final double held)
    {
        if (random.chance(edgeCaseProbability))
        {
            if (SOL == assetId || WBTC == assetId)
            {
                return writer.withdrawal(
                    accounts.accountId(account), assetId, OpeningBook.roundAmount(assetId, held * 2.0 + 1.0));
            }
            final double usdc = Math.max(0.0, accounts.balance(account, USDC));
            return writer.withdrawal(accounts.accountId(account), USDC,
                OpeningBook.roundAmount(USDC, usdc + BEYOND_BORROW_LIMIT_USDC));
        }

        final double amount =
            Math.min(held, Math.max(0.01, OpeningBook.roundAmount(assetId, held * random.uniform(0.01, 0.1))));
        accounts.addBalance(account, assetId, -amount);

        return writer.withdrawal(accounts.accountId(account), assetId, amount);
    }
}
