/**
 * What every feature shares: the entity base class, the clock, the public base URL and live updates to
 * open browsers.
 */
package org.parley.base;
