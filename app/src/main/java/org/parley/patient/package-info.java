/**
 * Who writes to the practice: contacts, starting as an unknown number and later a patient or an
 * organisation. Public: {@link org.parley.patient.ContactService} and {@link org.parley.patient.ContactSummary}.
 */
package org.parley.patient;
