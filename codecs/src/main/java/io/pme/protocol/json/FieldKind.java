package io.pme.protocol.json;

/**
 * JSON representation of a field, which tells how it is read and printed.
 */
enum FieldKind
{
    INT64,
    INT32,
    UINT16,
    DOUBLE,
    ENUM,
    CHARS,
    /** int64 nanoseconds since the epoch, also accepted as an ISO-8601 string under the name without "Ns". */
    NANOS,
    /** int64 also printed, and accepted, as 16 hex digits under the name with "Hex" appended. */
    DIGEST
}
