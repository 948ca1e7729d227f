/**
 * {@code MarketMakerExample}: a market maker's first client (logon, margin query, checks, what-if, quoting with the
 * poller), run by {@code scripts/pme-example}.
 */
package io.pme.gateway.example;
