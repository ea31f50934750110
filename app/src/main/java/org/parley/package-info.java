/**
 * Parley's app. Each top-level package is a feature with a small public face (services, records, events);
 * views live in the feature's {@code ui} package. See docs/architecture.md.
 */
package org.parley;
