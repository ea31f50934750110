/**
 * Sending: the durable outbound queue ({@code OutboundSender}: retries with back-off, the pace per line
 * {@code LineRateLimit}) and the public, signed, short-lived links providers fetch a reply's pictures from
 * ({@code /media/{token}}, {@code MediaLinks}). Listens to {@code OutboundQueued}; nothing here is called by other
 * features.
 */
package org.parley.outbound;
