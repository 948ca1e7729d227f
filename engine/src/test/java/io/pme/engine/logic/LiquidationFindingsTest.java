package io.pme.engine.logic;

import io.pme.codecs.RejectReason;
import io.pme.engine.liquidation.LiquidationParameters;
import io.pme.engine.state.Accounts;
import io.pme.engine.state.Liquidations;
import org.junit.jupiter.api.Test;

import static io.pme.engine.logic.BoundsEngine.NOW;
import static io.pme.engine.logic.BoundsEngine.OPTION;
import static io.pme.engine.logic.BoundsEngine.PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_SPOT;
import static io.pme.engine.logic.BoundsEngine.SPOT;
import static io.pme.engine.logic.BoundsEngine.TRADER;
import static io.pme.engine.logic.BoundsEngine.USD;
import static io.pme.engine.logic.BoundsEngine.fill;
import static io.pme.engine.logic.BoundsEngine.input;
import static io.pme.engine.logic.BoundsEngine.liquidationFill;
import static io.pme.engine.logic.BoundsEngine.parameter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fuzz oracle and the bounds probes found in the liquidation inputs, each reduced to a few inputs and kept
 * as a regression test now that the engine does what they state: a fee with no room for the fund, deadlines near
 * the end of time, a dust position the fund could not close, a refused check changing the digest, a subnormal rule.
 */
class LiquidationFindingsTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFeeIsWaivedWhenThereIsNoRoomToOpenTheInsuranceFund()
    {
        // the market's five accounts and the liquidated one fill every slot: the fund can never be opened
        final BoundsEngine engine = new BoundsEngine(6);
        final long order = engine.liquidationOrder(SOL_PERPETUAL);
        final Accounts accounts = engine.state.accounts();
        assertTrue(accounts.slot(0) < 0, "no fund yet");
        // it threw ArrayIndexOutOfBoundsException moving the fee to slot -1, after booking the fill
        assertEquals(RejectReason.NONE, engine.send(liquidationFill(order, 0.1, SOL_SPOT)));
        assertTrue(accounts.slot(0) < 0, "still no fund");
    }

    @Test
    void liquidationTimesDoNotOverflowNearTheEndOfTime()
    {
        final BoundsEngine engine = new BoundsEngine();
        // any timestamp above 0 is taken, and moves the clock
        engine.applied(BoundsEngine.heartbeat(Long.MAX_VALUE - 1));
        final long nowNs = engine.state.nowNs();
        final Liquidations liquidations = engine.state.liquidations();
        final Accounts accounts = engine.state.accounts();
        final long ordersBefore = liquidations.lastOrderId();
        // below MM, above the auction's fraction: a partial step, whose order lives ORDER_TTL_NS
        final long account = engine.trading(SOL_PERPETUAL, -1, SOL_SPOT / 2, 600);
        final int record = accounts.liquidation(accounts.slot(account));
        // nowNs + ORDER_TTL_NS and + STEP_INTERVAL_NS wrap to about Long.MIN_VALUE: each order is due to expire at
        // once and each next step is due at once, so the input that started the liquidation takes step after step,
        // MAX_PARTIAL_STEPS of them, opens the auction, whose end (+ AUCTION_DURATION_NS) has passed too, and hands
        // the account to the fund: a whole waterfall in one input
        assertEquals(1, liquidations.lastOrderId() - ordersBefore, "orders sent by the input that started it");
        assertTrue(record >= 0 && Liquidations.PARTIAL == liquidations.stage(record), "in partial steps");
        assertTrue(liquidations.orderExpiresNs(record) >= nowNs, "order expires at " +
            liquidations.orderExpiresNs(record));
    }

    @Test
    void theFundIsNeverLeftUnwindingADustPositionNoFillCanClose()
    {
        final BoundsEngine engine = new BoundsEngine();
        // 0.3 - 0.1 - 0.2 leaves -2.78e-17 BTC: a position (only 0.0 closes one) smaller than any fill
        final long account = engine.trading(PERPETUAL, 0.3, SPOT, 100_000);
        engine.applied(fill(account, PERPETUAL, -0.1, SPOT, 0));
        engine.applied(fill(account, PERPETUAL, -0.2, SPOT, 0));
        engine.applied(input("Withdrawal", "\"accountId\":" + account + ",\"assetId\":" + USD + ",\"amount\":99600"));
        // a SOL short that loses 500: equity -100, below what the fund (nothing) could pay, so the fund takes it
        engine.applied(fill(account, SOL_PERPETUAL, -1, SOL_SPOT / 2, 0));
        final Liquidations liquidations = engine.state.liquidations();
        final int fund = engine.state.accounts().slot(0);
        final int unwind = engine.state.accounts().liquidation(fund);
        assertTrue(unwind >= 0 && Liquidations.UNWIND == liquidations.stage(unwind), "the fund unwinds");
        engine.applied(liquidationFill(liquidations.orderId(unwind), 1, SOL_SPOT));
        engine.applied(BoundsEngine.heartbeat(NOW + 2 * SECOND));
        // the fund's next step is an order for the dust, which no LiquidationFill can fill (quantity ≥ 1e-12)
        assertTrue(0 == liquidations.orderId(unwind) || Math.abs(liquidations.orderRemaining(unwind)) >= 1e-12,
            "the fund's order is for " + liquidations.orderRemaining(unwind) + " BTC");
    }

    @Test
    void aRefusedCheckLeavesTheStateDigestAsItWas()
    {
        final BoundsEngine engine = new BoundsEngine();
        engine.applied(fill(TRADER, OPTION, 3, 5_000, 0));
        // far from every threshold: the holder takes the change lazily, on its next input
        engine.applied(BoundsEngine.volatility(OPTION, 0.51));
        final long digest = engine.processor.digest();
        // an account without open orders takes its pending changes on the check (settle(slot)), while the digest saw
        // them as an overlay: the risk vectors' bits differ, though every figure is the same
        assertEquals(RejectReason.INSUFFICIENT_MARGIN,
            engine.send(BoundsEngine.check(OPTION, "SELL", 1e9, 5_000, engine.freshOrderId())));
        assertEquals(digest, engine.processor.digest(), "a refused check changed the state digest");
    }

    @Test
    void noLiquidationRuleTakesASubnormalValue()
    {
        final BoundsEngine engine = new BoundsEngine();
        // every risk parameter refuses non-zero values below 1e-6; a liquidation rule that may be 0 takes a subnormal
        // as 0
        final RejectReason answer =
            engine.send(parameter("LIQUIDATION", -1, LiquidationParameters.FEE_RATE, Double.MIN_VALUE, 0));
        // taken, a fee of 4.9e-324 × 90,900 USD is the new fund's subnormal balance, which the fuzz oracle refuses
        // a short of 4 BTC sold at half the index, 20,000 USD of equity left: a partial step's BUY of one
        final Accounts accounts = engine.state.accounts();
        final long account = engine.trading(PERPETUAL, -4, SPOT / 2, 2 * SPOT + 20_000);
        final int record = accounts.liquidation(accounts.slot(account));
        final Liquidations liquidations = engine.state.liquidations();
        engine.applied(liquidationFill(liquidations.orderId(record), 1, liquidations.orderLimit(record)));
        final double fund = engine.state.accounts().balance(engine.state.accounts().slot(0), USD);
        assertTrue(0.0 == fund || Math.abs(fund) >= Double.MIN_NORMAL, "fund balance " + fund);
        assertEquals(RejectReason.NONE, answer);
    }
}
