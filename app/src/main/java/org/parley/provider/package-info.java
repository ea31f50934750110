/**
 * The plugin host: PF4J loads plugins from {@code parley.plugins.dir}; {@link
 * org.parley.provider.ProviderRegistry} tells which messaging providers and chart exporters are there and which
 * plugins failed. A broken plugin is reported, never fatal. {@link org.parley.provider.PluginSettings} applies a
 * plugin's settings rules (secrets kept or generated, required values), the same for lines and chart exporters.
 */
package org.parley.provider;
