/**
 * Where an input is journaled and state recovered: {@code Journal} (Chronicle Queue appender, one checksummed entry
 * per input, synced to the device as its {@code JournalSyncPolicy} says), {@code JournalReader} (stops at an entry
 * that fails its checksum), {@code SnapshotStore} (atomic, checksummed snapshot files), {@code Retention} (keeps the
 * newest intact snapshots and the journal cycles they need, deletes the rest), {@code Recovery} (the newest
 * snapshot, then the journal tail through the same business logic, telling its {@code RecoveryProgress}) and its
 * {@code RecoveryReport}.
 */
package io.pme.engine.journal;
