package io.pme.engine.liquidation;

import io.pme.codecs.LiquidationEventType;

/**
 * One reusable liquidation event, filled field by field before it is announced: which fields each stage sets is in
 * docs/liquidation.md; the others keep their "none" values.
 */
public final class LiquidationNotice
{
    public long liquidationId;
    public long accountId;
    public LiquidationEventType stage;
    public int step;
    public double equity;
    public double initialMargin;
    public double maintenanceMargin;
    public int instrumentId;
    public double quantity;
    public double price;
    public double amount;
    public long counterpartyAccountId;
    public long liquidationOrderId;
    public long untilNs;
    public int worstUnderlying;
    public int worstScenario;
    public double worstScenarioLoss;
    public double contribution;

    LiquidationNotice reset(
        final LiquidationEventType stage, final long liquidationId, final long accountId, final int step)
    {
        this.stage = stage;
        this.liquidationId = liquidationId;
        this.accountId = accountId;
        this.step = step;
        equity = Double.NaN;
        initialMargin = Double.NaN;
        maintenanceMargin = Double.NaN;
        instrumentId = -1;
        quantity = 0.0;
        price = 0.0;
        amount = 0.0;
        counterpartyAccountId = 0;
        liquidationOrderId = 0;
        untilNs = 0;
        worstUnderlying = -1;
        worstScenario = -1;
        worstScenarioLoss = 0.0;
        contribution = 0.0;
        return this;
    }
}
