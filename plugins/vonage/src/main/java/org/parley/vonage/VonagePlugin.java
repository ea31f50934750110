package org.parley.vonage;

import org.pf4j.Plugin;

/** The Vonage provider plugin: no lifecycle of its own beyond what PF4J does. */
public class VonagePlugin extends Plugin {
}
