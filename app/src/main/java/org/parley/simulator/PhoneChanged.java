package org.parley.simulator;

import org.parley.base.LiveUpdate;

/** A simulated phone received a message or a status changed. */
public record PhoneChanged(String phoneNumber) implements LiveUpdate {
}
