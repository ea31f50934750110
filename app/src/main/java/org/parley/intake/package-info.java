/**
 * Webhook intake: a provider's request at {@code /webhooks/{line}/{event}} is checked for authenticity, handed to the
 * line's plugin and what it reports is stored: patient texts and pictures, voicemails, delivery reports, keywords.
 */
package org.parley.intake;
