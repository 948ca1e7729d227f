/**
 * The client library of a market maker's gateway: {@code PmeClient} (connection, logon, allocation-free check offers
 * and polling, blocking check and what-if for tools) and {@code PmeClientListener}.
 */
package io.pme.gateway;
