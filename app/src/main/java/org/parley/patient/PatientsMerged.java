package org.parley.patient;

/**
 * Two records of the same patient became one: everything that belonged to {@code mergedId} now belongs to
 * {@code survivorId}. Published inside the merge's transaction, so a listener that moves records along commits or
 * rolls back with the merge; the inbox moves conversations (and with them messages, notes and files).
 *
 * <p>Chart-export records do not exist yet: when they come, their feature listens for this event too.
 *
 * @param survivorId the patient who stays
 * @param mergedId   the duplicate, kept only for history; its id leads to the survivor
 */
public record PatientsMerged(long survivorId, long mergedId) {
}
