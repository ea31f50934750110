package org.parley.sandbox;

import org.pf4j.Plugin;

/** The sandbox provider plugin: no lifecycle of its own beyond what PF4J does. */
public class SandboxPlugin extends Plugin {
}
