package io.pme.engine.logic;

import io.pme.codecs.RejectReason;
import io.pme.engine.liquidation.LiquidationParameters;
import io.pme.engine.state.Liquidations;
import org.junit.jupiter.api.Test;

import static io.pme.engine.logic.BoundsEngine.BIDDER;
import static io.pme.engine.logic.BoundsEngine.BTC;
import static io.pme.engine.logic.BoundsEngine.ISOLATED;
import static io.pme.engine.logic.BoundsEngine.NOW;
import static io.pme.engine.logic.BoundsEngine.PARENT;
import static io.pme.engine.logic.BoundsEngine.PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_SPOT;
import static io.pme.engine.logic.BoundsEngine.SPOT;
import static io.pme.engine.logic.BoundsEngine.TRADER;
import static io.pme.engine.logic.BoundsEngine.USD;
import static io.pme.engine.logic.BoundsEngine.bid;
import static io.pme.engine.logic.BoundsEngine.fill;
import static io.pme.engine.logic.BoundsEngine.input;
import static io.pme.engine.logic.BoundsEngine.liquidationFill;
import static io.pme.engine.logic.BoundsEngine.parameter;
import static io.pme.engine.logic.BoundsEngine.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rows of docs/bounds.md for the liquidation inputs written in words: which orders, auctions and accounts they
 * may name, the limit a fill must respect, and the liquidation rules' indices and unused fields. Each refusal leaves
 * the state digest as it was.
 */
class LiquidationInputBoundsTest
{
    private static final long SECOND = 1_000_000_000L;

    private final BoundsEngine engine = new BoundsEngine();
    private final Liquidations liquidations = engine.state.liquidations();

    @Test
    void aFillNamesALiveOrderOnItsSideWithinWhatIsLeft()
    {
        final long order = engine.liquidationOrder(SOL_PERPETUAL);
        final double left = liquidations.orderRemaining(liquidations.byOrderId(order));
        refused(RejectReason.UNKNOWN_LIQUIDATION, liquidationFill(order + 1_000, 0.1, SOL_SPOT));
        refused(RejectReason.UNKNOWN_LIQUIDATION, liquidationFill(0, 0.1, SOL_SPOT));
        refused(RejectReason.INVALID_QUANTITY, liquidationFill(order, -0.1, SOL_SPOT));
        refused(RejectReason.EXCEEDS_ORDER, liquidationFill(order, Math.nextUp(left), SOL_SPOT));
        applied(liquidationFill(order, 1e-6, SOL_SPOT));
        refused(RejectReason.EXCEEDS_ORDER, liquidationFill(order, left, SOL_SPOT));
        applied(liquidationFill(order, left - 1e-6, SOL_SPOT));
        // filled in full: no longer live
        refused(RejectReason.UNKNOWN_LIQUIDATION, liquidationFill(order, 1e-6, SOL_SPOT));
    }

    @Test
    void aFillRespectsTheOrdersLimit()
    {
        // a long bought at twice the index and a short sold at half of it, each with 5,000 USD of equity left:
        // below MM, above the auction's fraction, so each gets a partial step's order
        final int sell = record(engine.trading(PERPETUAL, 1, 2 * SPOT, 2 * SPOT - SPOT + 5_000));
        final int buy = record(engine.trading(PERPETUAL, -1, SPOT / 2, SPOT / 2 + 5_000));
        assertTrue(liquidations.orderRemaining(sell) < 0.0 && liquidations.orderRemaining(buy) > 0.0, "sides");
        final long sellOrder = liquidations.orderId(sell);
        final double sellLimit = liquidations.orderLimit(sell);
        refused(RejectReason.INVALID_PRICE, liquidationFill(sellOrder, 0.01, Math.nextDown(sellLimit)));
        applied(liquidationFill(sellOrder, 0.01, sellLimit));
        final long buyOrder = liquidations.orderId(buy);
        final double buyLimit = liquidations.orderLimit(buy);
        refused(RejectReason.INVALID_PRICE, liquidationFill(buyOrder, 0.01, Math.nextUp(buyLimit)));
        applied(liquidationFill(buyOrder, 0.01, buyLimit));
        applied(liquidationFill(buyOrder, 0.01, 1e-12));
    }

    @Test
    void aFillStampedAfterItsOrdersExpiryIsTakenUntilAnInputWithdrawsTheOrder()
    {
        final long order = engine.liquidationOrder(SOL_PERPETUAL);
        final long expiresNs = liquidations.orderExpiresNs(liquidations.byOrderId(order));
        final String late = input("LiquidationFill",
            "\"liquidationOrderId\":" + order + ",\"quantity\":1e-6,\"price\":" + SOL_SPOT, expiresNs + SECOND);
        applied(late);
        // that input moved the clock past the expiry: the rest was withdrawn at its end
        refused(RejectReason.UNKNOWN_LIQUIDATION, liquidationFill(order, 1e-6, SOL_SPOT));
    }

    @Test
    void aBidNamesALiquidationInItsAuctionUpToItsEnd()
    {
        final long auction = engine.auction();
        final int record = liquidations.byId(auction);
        final long endNs = liquidations.auctionEndNs(record);
        final long partial = liquidations.id(liquidations.byOrderId(engine.liquidationOrder(SOL_PERPETUAL)));
        refused(RejectReason.UNKNOWN_LIQUIDATION, bid(auction + partial + 1_000, BIDDER, 100));
        refused(RejectReason.AUCTION_CLOSED, bid(partial, BIDDER, 100));
        refused(RejectReason.AUCTION_CLOSED, bidAt(auction, BIDDER, 100, endNs + 1));
        applied(bidAt(auction, BIDDER, 100, endNs));
        // won: the liquidation is over
        refused(RejectReason.UNKNOWN_LIQUIDATION, bid(auction, BIDDER, 100));
    }

    @Test
    void aBidderIsAnotherAccountNotInLiquidationWithTheMarginToTakeThePortfolio()
    {
        final long auction = engine.auction();
        final long liquidated = engine.state.accounts().accountId(liquidations.slot(liquidations.byId(auction)));
        final long inLiquidation = engine.state.accounts().accountId(
            liquidations.slot(liquidations.byOrderId(engine.liquidationOrder(SOL_PERPETUAL))));
        refused(RejectReason.UNKNOWN_ACCOUNT, bid(auction, 424_242, 100));
        refused(RejectReason.INVALID_VALUE, bid(auction, liquidated, 100));
        refused(RejectReason.IN_LIQUIDATION, bid(auction, inLiquidation, 100));
        // the insurance fund is no account until it is first needed, then it may not bid
        refused(RejectReason.UNKNOWN_ACCOUNT, bid(auction, 0, 100));
        applied(input("Deposit", "\"accountId\":0,\"assetId\":" + USD + ",\"amount\":1000"));
        refused(RejectReason.INVALID_VALUE, bid(auction, 0, 100));
        refused(RejectReason.INVALID_PRICE, bid(auction, BIDDER, Double.NaN));
        // the auction opened at the account's equity, 10 USD, and at its start that is the price
        refused(RejectReason.BID_BELOW_PRICE, bid(auction, BIDDER, 9.99));
        final long poor = engine.trading(SOL_PERPETUAL, 0.001, SOL_SPOT, 1);
        refused(RejectReason.INSUFFICIENT_MARGIN, bid(auction, poor, 100));
        applied(bid(auction, BIDDER, 10));
    }

    @Test
    void aTransferIsBetweenAnIsolatedAccountAndItsParentUnderTheWithdrawalRule()
    {
        refused(RejectReason.UNKNOWN_ACCOUNT, transfer(424_242, ISOLATED, 1));
        refused(RejectReason.UNKNOWN_ASSET, input("AccountTransfer", "\"fromAccountId\":" + PARENT +
            ",\"toAccountId\":" + ISOLATED + ",\"assetId\":60,\"amount\":1"));
        refused(RejectReason.UNKNOWN_ACCOUNT, transfer(PARENT, 424_242, 1));
        refused(RejectReason.NOT_LINKED, transfer(PARENT, PARENT, 1));
        refused(RejectReason.NOT_LINKED, transfer(PARENT, TRADER, 1));
        refused(RejectReason.NOT_LINKED, transfer(TRADER, ISOLATED, 1));
        refused(RejectReason.INSUFFICIENT_BALANCE, transfer(ISOLATED, PARENT, 2e6));
        applied(transfer(ISOLATED, PARENT, 1e5));
        applied(transfer(PARENT, ISOLATED, 1e5));

        // an isolated account with a position keeps its IM: 300 USD against 255 of IM for one SOL contract
        final long margined = 1_006;
        applied(input("IsolatedAccountOpen", "\"accountId\":" + margined + ",\"parentAccountId\":" + PARENT));
        applied(transfer(PARENT, margined, 300));
        applied(fill(margined, SOL_PERPETUAL, -1, SOL_SPOT, 0));
        refused(RejectReason.INSUFFICIENT_MARGIN, transfer(margined, PARENT, 100));
        applied(transfer(margined, PARENT, 10));
    }

    @Test
    void nothingLeavesAnAccountInLiquidationButMoneyMayComeIn()
    {
        final long parent = engine.state.accounts().accountId(
            liquidations.slot(liquidations.byOrderId(engine.liquidationOrder(SOL_PERPETUAL))));
        final long isolated = 1_007;
        // a parent in liquidation is still a cross account with no parent
        applied(input("IsolatedAccountOpen", "\"accountId\":" + isolated + ",\"parentAccountId\":" + parent));
        applied(input("Deposit", "\"accountId\":" + isolated + ",\"assetId\":" + USD + ",\"amount\":100"));
        refused(RejectReason.IN_LIQUIDATION, transfer(parent, isolated, 1));
        applied(transfer(isolated, parent, 50));
    }

    @Test
    void anIsolatedAccountOpensUnderACrossAccount()
    {
        refused(RejectReason.INVALID_VALUE, isolatedOpen(0, PARENT));
        refused(RejectReason.INVALID_VALUE, isolatedOpen(-1, PARENT));
        refused(RejectReason.UNKNOWN_ACCOUNT, isolatedOpen(1_010, 424_242));
        refused(RejectReason.NOT_LINKED, isolatedOpen(1_010, ISOLATED));
        applied(input("AccountOpen", "\"accountId\":1011,\"marginMode\":\"ISOLATED\""));
        refused(RejectReason.NOT_LINKED, isolatedOpen(1_010, 1_011));
        // the parent's reasons come first
        refused(RejectReason.UNKNOWN_ACCOUNT, isolatedOpen(TRADER, 424_242));
        refused(RejectReason.ALREADY_DEFINED, isolatedOpen(TRADER, PARENT));
        refused(RejectReason.ALREADY_DEFINED, isolatedOpen(ISOLATED, PARENT));
        applied(isolatedOpen(1_010, PARENT));
        // a parent may hold several isolated accounts
        applied(isolatedOpen(1_012, PARENT));

        // the insurance fund is no account until it is first needed, then it is no parent
        refused(RejectReason.UNKNOWN_ACCOUNT, isolatedOpen(1_013, 0));
        applied(input("Deposit", "\"accountId\":0,\"assetId\":" + USD + ",\"amount\":1000"));
        refused(RejectReason.NOT_LINKED, isolatedOpen(1_013, 0));
    }

    @Test
    void aLiquidationRuleIsNamedByItsIndexAndTakesNoAssetNorValue2()
    {
        for (final int index : new int[]{ -1, LiquidationParameters.COUNT, 99, Integer.MAX_VALUE, Integer.MIN_VALUE })
        {
            refused(RejectReason.UNKNOWN_PARAMETER, parameter("LIQUIDATION", -1, index, 0.5, 0));
        }
        refused(RejectReason.INVALID_VALUE, parameter("LIQUIDATION", 0, 1, 0.5, 0));
        refused(RejectReason.INVALID_VALUE, parameter("LIQUIDATION", BTC, 1, 0.5, 0));
        refused(RejectReason.INVALID_VALUE, parameter("LIQUIDATION", -1, 1, 0.5, 0.5));
        refused(RejectReason.INVALID_VALUE, parameter("LIQUIDATION", -1, 1, 0.5, Double.NaN));
        applied(parameter("LIQUIDATION", -1, 1, 0.5, 0));
        // no reset reaches it: it goes back by being set to its default
        refused(RejectReason.UNKNOWN_PARAMETER, parameter("RESET_TO_DEFAULT", -1, 16, 0, 0));
        applied(parameter("LIQUIDATION", -1, 1, 0.25, 0));
    }

    private int record(final long account)
    {
        final int record = engine.state.accounts().liquidation(engine.state.accounts().slot(account));
        assertTrue(record >= 0 && 0 != liquidations.orderId(record), "account " + account + " has no order");
        return record;
    }

    private static String bidAt(final long liquidationId, final long bidder, final double maxPrice, final long atNs)
    {
        return input("AuctionBid", "\"liquidationId\":" + liquidationId + ",\"bidderAccountId\":" + bidder +
            ",\"maxPrice\":" + BoundsEngine.json(maxPrice), atNs);
    }

    private static String isolatedOpen(final long accountId, final long parentAccountId)
    {
        return input("IsolatedAccountOpen", "\"accountId\":" + accountId + ",\"parentAccountId\":" + parentAccountId,
            NOW);
    }

    private void refused(final RejectReason expected, final String json)
    {
        final long digest = engine.processor.digest();
        assertEquals(expected, engine.send(json), json);
        assertEquals(digest, engine.processor.digest(), json);
    }

    private void applied(final String json)
    {
        assertEquals(RejectReason.NONE, engine.send(json), json);
    }
}
