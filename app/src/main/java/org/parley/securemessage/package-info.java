/**
 * Secure messages patients read in the browser (issue 18). Staff send a reply securely ({@code SecureMessages.send}):
 * it is stored as any reply, and the patient's phone gets only the practice's name and a link. The link opens
 * {@code /s/{token}} ({@code SecurePageController}, plain HTML, no login), which asks for the date of birth (for a
 * dependent, the dependent's), then shows the message and its files and takes an answer, stored in the same
 * conversation as a text from the patient. Rules: wrong dates lock the link, a verified browser is remembered (a
 * cookie kept only as its hash, revocable), links expire, unopened messages are reminded twice
 * ({@code SecureReminders}, a cluster-wide {@code RecurringJob}), requests are limited per link and address in the
 * database. Settings: {@code SecureMessageSettings} ({@code parley.secure.*}).
 */
package org.parley.securemessage;
