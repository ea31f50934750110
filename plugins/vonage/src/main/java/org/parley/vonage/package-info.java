/**
 * Vonage as a Parley messaging provider: texts (and US MMS pictures) through the Messages API, voicemail
 * through the Voice API, line types through Number Insight.
 *
 * <p>{@link org.parley.vonage.VonageProvider} is the extension; everything else is package-private. Vonage
 * signs every webhook with a JWT keyed by the account's signature secret ({@link org.parley.vonage.SignedWebhook});
 * the SDK is used for outbound calls only, through one client per set of credentials
 * ({@link org.parley.vonage.VonageClients}). Nothing here logs or throws message text or phone numbers:
 * what Vonage says about a failure passes through {@link org.parley.vonage.Redaction} first.
 */
package org.parley.vonage;
