/**
 * What a Parley plugin's tests need of the app, without the app.
 *
 * <ul>
 *   <li>{@link org.parley.plugin.testkit.FakeLine} and {@link org.parley.plugin.testkit.FakeExporter}: the context
 *       objects the app hands a {@code MessagingProvider} or {@code ChartExporter}, with
 *       {@link org.parley.plugin.testkit.FakeSettings} that fall back to the descriptor's defaults as the app's do;</li>
 *   <li>{@link org.parley.plugin.testkit.HttpMedia}: a media fetcher that really fetches (e.g. from a WireMock
 *       stand-in), with a size limit like the app's;</li>
 *   <li>{@link org.parley.plugin.testkit.MutableClock}: a clock a test sets and moves forward;</li>
 *   <li>{@link org.parley.plugin.testkit.PluginArchive}: checks of the zip the build packaged: it ships no pf4j,
 *       slf4j or plugin API, and PF4J, set up as Parley's plugin host sets it up, starts it and finds its
 *       extension.</li>
 * </ul>
 *
 * <p>Failures are {@link java.lang.AssertionError}s, so any test framework reports them; {@code PluginArchive} is
 * also a JUnit 5 extension that unloads the plugin after each test.
 */
package org.parley.plugin.testkit;
