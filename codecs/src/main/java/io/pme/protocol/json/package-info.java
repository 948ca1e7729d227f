/**
 * The human-readable form of the messages: JSON lines to SBE frames and back ({@code JsonFrameEncoder},
 * {@code JsonFramePrinter}), for {@code pme script} and scenario tests; the format is {@code docs/script-format.md}.
 */
package io.pme.protocol.json;
