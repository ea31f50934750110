package org.parley.pdfexport;

import org.pf4j.Plugin;

/** The PDF chart export plugin: no lifecycle of its own beyond what PF4J does. */
public class PdfExportPlugin extends Plugin {
}
