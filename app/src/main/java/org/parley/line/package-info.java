/**
 * Lines: the practice's phone numbers, each served by a provider plugin with its settings. Lines come
 * from configuration ({@code parley.lines[n]}) or the admin page. {@link org.parley.line.LineGateway} is how
 * other features send through a line and read its webhooks.
 */
package org.parley.line;
