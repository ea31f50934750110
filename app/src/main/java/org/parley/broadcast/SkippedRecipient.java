package org.parley.broadcast;

/** A patient of a broadcast who is not texted, and why. */
public record SkippedRecipient(long contactId, String patientName, SkipKind kind, String reason) {
}
