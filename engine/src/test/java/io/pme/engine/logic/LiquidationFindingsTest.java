package io.pme.engine.logic;

import io.pme.codecs.RejectReason;
import io.pme.engine.state.Accounts;
import org.junit.jupiter.api.Test;

import static io.pme.engine.logic.BoundsEngine.SOL_PERPETUAL;
import static io.pme.engine.logic.BoundsEngine.SOL_SPOT;
import static io.pme.engine.logic.BoundsEngine.liquidationFill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fuzz oracle and the bounds probes found in the liquidation inputs, each reduced to a few inputs.
 */
class LiquidationFindingsTest
{
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
}
