/**
 * Who writes to the practice: contacts, starting as an unknown number and later a patient or an
 * organisation. Public: {@link org.parley.patient.ContactService} and {@link org.parley.patient.ContactSummary}.
 * {@link org.parley.patient.PatientImport} adds patients from a CSV file and returns an
 * {@link org.parley.patient.ImportReport}.
 */
package org.parley.patient;
