/**
 * Who writes to the practice: contacts, starting as an unknown number and later a patient or an organisation, with
 * families (dependents), DO NOT TEXT marks, search, import and merge. Public: {@link
 * org.parley.patient.ContactService} and {@link org.parley.patient.ContactSummary}, {@link
 * org.parley.patient.Families}, {@link org.parley.patient.Organisations}, {@link org.parley.patient.PatientAudiences}
 * (broadcast audiences by page), {@link org.parley.patient.PatientMerge} (with {@link
 * org.parley.patient.MergePreview} and the event {@link org.parley.patient.PatientsMerged}) and {@link
 * org.parley.patient.PatientImport}, which adds patients from a CSV file and returns an {@link
 * org.parley.patient.ImportReport}. The contact entity and its repository are package-private: merge, import and
 * DO NOT TEXT change contacts and so stay here. Phone numbers, read and shown, are {@code patient.phone}.
 */
package org.parley.patient;
