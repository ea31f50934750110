package org.parley.pdfexport;

import org.parley.plugin.testkit.FakeExporter;

/** A configured PDF exporter as the app hands it to the plugin; the zone is fixed so times are predictable. */
final class PdfExporters {

    static final String PRACTICE = "Riverside Family Medicine";

    private PdfExporters() {
    }

    /** The "scanned-documents" exporter in New York's time, with no output folder (download only). */
    static FakeExporter configured() {
        return FakeExporter.of("scanned-documents", PRACTICE).with(PdfSettings.TIME_ZONE, "America/New_York");
    }
}
