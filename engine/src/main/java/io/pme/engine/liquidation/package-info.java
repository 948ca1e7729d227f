/**
 * Where an account below maintenance margin is liquidated, on message time inside the business logic:
 * {@code Liquidator} (the waterfall: partial steps, the descending auction, the insurance fund's takeover and
 * unwinding), {@code Deleveraging} (profitable accounts pay a fund deficit, exactly), {@code LiquidationParameters}
 * (its rules), {@code DueQueue} (liquidations by when they are next due); the rules are docs/liquidation.md.
 */
package io.pme.engine.liquidation;
