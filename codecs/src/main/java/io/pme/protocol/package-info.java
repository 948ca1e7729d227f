/**
 * What both sides of the wire share beyond the generated flyweights: the default channels and streams ({@code
 * ProtocolConfiguration}), the logon proof ({@code SessionProof}, HMAC-SHA256 of the challenge, checked by the engine,
 * made by every client) and the client side of the logon handshake ({@code LogonHandshake}).
 */
package io.pme.protocol;
