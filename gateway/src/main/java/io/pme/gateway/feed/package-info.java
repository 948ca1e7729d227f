/**
 * The venue feed adapter: {@code FeedAdapter} reads a venue's binary price stream (its own SBE schema), maps venue
 * symbols to engine ids and forwards oracle prices and volatilities; {@code FeedReplayer} plays recorded CSV or
 * JSON-lines data onto a venue stream.
 */
package io.pme.gateway.feed;
