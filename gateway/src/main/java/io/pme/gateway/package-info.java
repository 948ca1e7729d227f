/**
 * The client library of a market maker's gateway, split as AeronArchive's client is: {@code PmeClient} (the facade:
 * connection, logon, requests in flight, blocking check and what-if for tools), {@code PmeClientProxy} (encodes and
 * offers, allocation-free), {@code PmeClientPoller} (decodes and calls {@code PmeClientListener});
 * {@code PmeClientConfiguration} and {@code PmeClient.Context} hold its settings.
 */
package io.pme.gateway;
