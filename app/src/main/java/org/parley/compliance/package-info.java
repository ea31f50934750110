/**
 * Consent to be texted: the STOP/START/HELP keywords every SMS line must honour, opt-outs reported by
 * providers, the "possible opt-out request" heuristic for texts that ask to stop in other words, and whether a
 * number may be texted at all ({@link org.parley.compliance.SendingRules}: opted out, DO NOT TEXT, a landline).
 * Public: {@link org.parley.compliance.ConsentService}, {@link org.parley.compliance.SendingRules}, {@link org.parley.compliance.Keywords},
 * {@link org.parley.compliance.Keyword}, {@link org.parley.compliance.OptOutStatus} and the events
 * {@link org.parley.compliance.PatientOptedOut} and {@link org.parley.compliance.PatientOptedIn}.
 */
package org.parley.compliance;
