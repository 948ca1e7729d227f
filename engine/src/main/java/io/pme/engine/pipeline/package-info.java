/**
 * How an input travels: {@code Receiver} (Aeron to the ring), {@code InputEvent} (a preallocated slot),
 * {@code JournalHandler} (journaled first, and synced to the device first under the every-input policy),
 * {@code JournalSyncer} (the periodic policy's background sync), {@code BusinessLogicHandler} (then applied),
 * {@code OutputQueue} and {@code Publisher} (answers back to Aeron); {@code RingStages} (the ring's two stages as
 * Disruptor pollers, for the shared threading mode's one agent).
 */
package io.pme.engine.pipeline;
