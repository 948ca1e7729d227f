/**
 * The liquidation waterfall: an account below maintenance margin is reduced by partial steps, then auctioned whole,
 * then taken by the insurance fund, and a fund that cannot cover the loss deleverages profitable accounts by exactly
 * the deficit. All of it runs on message time inside the business logic. The rules: docs/liquidation.md.
 */
package io.pme.engine.liquidation;
