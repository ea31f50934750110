package org.parley.twilio;

import org.pf4j.Plugin;

/** The Twilio provider plugin: no lifecycle of its own beyond what PF4J does. */
public class TwilioPlugin extends Plugin {
}
