/**
 * Where a tick is handled: {@code MarketData} validates an oracle price or an option volatility, stores it with its
 * message time and hands it to the margin model.
 */
package io.pme.engine.market;
