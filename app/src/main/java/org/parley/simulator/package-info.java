/**
 * The sandbox carrier and the "Patient phone" simulator: a stand-in for a real SMS network, so Parley can be
 * tried and tested without one. It speaks to the sandbox provider plugin over HTTP with signed requests,
 * exactly as a real provider would. On by default in the embedded setup; {@code parley.simulator.enabled=false}
 * turns it off in production.
 */
package org.parley.simulator;
