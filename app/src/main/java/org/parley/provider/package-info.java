/**
 * The plugin host: PF4J loads plugins from {@code parley.plugins.dir}; {@link
 * org.parley.provider.ProviderRegistry} tells which messaging providers are there and which plugins failed.
 * A broken plugin is reported, never fatal.
 */
package org.parley.provider;
