/**
 * Where an input is received: the session layer, in the receiver thread before the ring. HMAC challenge–response logon,
 * roles, entitled accounts and allow-listed price sources from a sessions file; refused frames are answered and
 * counted, never journaled.
 */
package io.pme.engine.session;
