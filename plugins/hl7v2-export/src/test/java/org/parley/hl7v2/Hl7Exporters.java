package org.parley.hl7v2;

import org.parley.plugin.testkit.FakeExporter;

/** A configured HL7 exporter as the app hands it to the plugin: settings fall back to the descriptor's defaults. */
final class Hl7Exporters {

    static final String PRACTICE = "Riverside Family Practice";

    private Hl7Exporters() {
    }

    /** The "ehr" exporter sending to {@code host:port}, waiting a second for acknowledgements. */
    static FakeExporter configured(String host, int port) {
        return FakeExporter.of("ehr", PRACTICE).withDefaultsOf(InterfaceSettings.properties())
                .with(InterfaceSettings.HOST, host)
                .with(InterfaceSettings.PORT, Integer.toString(port))
                .with(InterfaceSettings.RECEIVING_APPLICATION, "EHR")
                .with(InterfaceSettings.RECEIVING_FACILITY, "MAIN")
                .with(InterfaceSettings.ASSIGNING_AUTHORITY, "RFP")
                .with(InterfaceSettings.TIME_ZONE, "America/New_York")
                .with(InterfaceSettings.ACK_TIMEOUT_SECONDS, "1");
    }
}
