/**
 * Where an input is journaled and state recovered: {@code Journal} (Chronicle Queue appender, one checksummed entry
 * per input, synced to the device as its {@code JournalSyncPolicy} says), {@code JournalReader} (stops at an entry
 * that fails its checksum), {@code SnapshotStore} (atomic, checksummed snapshot files), {@code Recovery} (the newest
 * snapshot, then the journal tail through the same business logic) and its {@code RecoveryReport}.
 */
package io.pme.engine.journal;
