/**
 * What both sides of the wire share beyond the generated flyweights: the default channels and streams ({@code
 * ProtocolConfiguration}), the HMAC proof of a session logon and the client side of the logon handshake.
 */
package io.pme.protocol;
