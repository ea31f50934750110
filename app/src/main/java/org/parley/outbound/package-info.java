/**
 * Sending: the durable outbound queue ({@code OutboundSender}: {@code outbound_task} rows claimed under leases, so
 * several nodes send each message once; retries with back-off; a message whose last attempt has an unknown outcome is
 * looked up at the provider, never resent blindly), the pace per line for the whole cluster ({@code LinePace},
 * {@code line_pace}), and the public, signed, short-lived links providers fetch a reply's pictures from
 * ({@code /media/{token}}, {@code MediaLinks}). Listens to {@code OutboundQueued}; nothing here is called by other
 * features.
 */
package org.parley.outbound;
