/**
 * How an input travels: {@code Receiver} (Aeron to the ring), {@code InputEvent} (a preallocated slot),
 * {@code JournalHandler} (journaled first), {@code BusinessLogicHandler} (then applied), {@code OutputQueue} and
 * {@code Publisher} (answers back to Aeron).
 */
package io.pme.engine.pipeline;
