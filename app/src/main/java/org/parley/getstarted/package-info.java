/**
 * Get started (issue 18): a new practice's checklist (name and time zone, colleagues, lists, a line with its webhook
 * URLs, templates, patients, a first text sent). Each step is done when the data says so, read from the owning features'
 * services; an admin may dismiss the list for the whole practice (table {@code get_started_dismissal}, V76, audited).
 * Until it is done or dismissed, an admin who opens Parley's start page lands on it. Public:
 * {@link org.parley.getstarted.GetStarted} and its records.
 */
package org.parley.getstarted;
