/**
 * Sending: the durable outbound queue ({@code OutboundSender}: retries with back-off, the pace per line), the rules
 * on who may be texted ({@link org.parley.outbound.SendingRules}), what staff may attach to a reply ({@link
 * org.parley.outbound.ReplyAttachments}, the type read from the content) and the public, signed, short-lived links
 * providers fetch a reply's pictures from ({@code /media/{token}}).
 */
package org.parley.outbound;
