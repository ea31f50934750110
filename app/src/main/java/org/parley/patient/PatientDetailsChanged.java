package org.parley.patient;

/**
 * A contact's name or details changed (edited, an unknown number identified, a merge): every screen that shows the
 * contact's conversations shows the new name. Ids only.
 */
public record PatientDetailsChanged(long contactId) {
}
