package org.parley.simulator;

import org.parley.base.LiveUpdate;

/**
 * A simulated phone received a message or a status changed. Names no phone: a phone number is PHI and must not travel
 * between nodes in a notification; an open phone page reloads what it shows.
 */
public record PhoneChanged() implements LiveUpdate {
}
