package org.parley.fhirexport;

import org.pf4j.Plugin;

/** The FHIR R4 chart export plugin: no lifecycle of its own beyond what PF4J does. */
public class FhirExportPlugin extends Plugin {
}
