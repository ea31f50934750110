package org.parley.hl7v2;

import org.pf4j.Plugin;

/** The HL7 v2 chart exporter plugin: no lifecycle of its own beyond what PF4J does. */
public class Hl7v2ExportPlugin extends Plugin {
}
