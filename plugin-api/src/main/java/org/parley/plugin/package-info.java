/**
 * Parley's plugin API, version 1.
 *
 * <p>Plugins are PF4J plugins that implement the extension points in this package, today
 * {@link org.parley.plugin.MessagingProvider} (SMS and voice lines) and {@link org.parley.plugin.ChartExporter}
 * (copy to chart). Everything here is plain Java: no Spring, JPA or Vaadin
 * type may appear in this package, so that a plugin compiled against one 1.x version keeps loading in
 * every later 1.x app. Types are immutable records, sealed result types and small interfaces; a plugin
 * reaches the app only through the {@link org.parley.plugin.LineContext} or
 * {@link org.parley.plugin.ExporterContext} it is handed.
 *
 * <p>Protected health information: a plugin handles message text and phone numbers, so it must never
 * write them to a log or into an exception message. Exceptions thrown across this API carry reasons a
 * staff member can act on ("signature header missing"), never message content.
 */
package org.parley.plugin;
