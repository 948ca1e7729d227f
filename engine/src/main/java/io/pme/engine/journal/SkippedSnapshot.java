package io.pme.engine.journal;

/**
 * A snapshot file recovery passed over, and why.
 *
 * @param fileName of the snapshot file in its directory.
 * @param reason   what made it unusable: truncated, a checksum mismatch, a format it does not read, ...
 */
public record SkippedSnapshot(String fileName, String reason)
{
}
