/**
 * Where an input is journaled and state recovered: {@code Journal} (Chronicle Queue appender), {@code JournalReader},
 * {@code SnapshotStore} (atomic, checksummed snapshot files), {@code Recovery} (the newest snapshot, then the journal
 * tail through the same business logic).
 */
package io.pme.engine.journal;
