package org.parley.fhirexport;

import org.parley.plugin.testkit.FakeExporter;
import org.parley.plugin.testkit.fhir.FakeEhr;

/** A configured FHIR exporter as the app hands it over: settings with the descriptor's defaults, like the app's. */
final class FhirExporters {

    private FhirExporters() {
    }

    private static FakeExporter ehr() {
        return FakeExporter.of("ehr", "Riverside Family Practice").withDefaultsOf(ExporterSettings.PROPERTIES);
    }

    /** Bearer-token settings for this EHR. */
    static FakeExporter bearer(String baseUrl) {
        return ehr()
                .with(ExporterSettings.BASE_URL, baseUrl)
                .with(ExporterSettings.MRN_SYSTEM, FakeEhr.MRN_SYSTEM)
                .with(ExporterSettings.AUTHENTICATION, "bearer")
                .with(ExporterSettings.BEARER_TOKEN, FakeEhr.STATIC_TOKEN)
                .with(ExporterSettings.TIME_ZONE, "America/New_York");
    }

    /** SMART Backend Services settings for this EHR and key. */
    static FakeExporter smart(FakeEhr ehr, TestKeys.KeyFile key) {
        return ehr()
                .with(ExporterSettings.BASE_URL, ehr.baseUrl())
                .with(ExporterSettings.MRN_SYSTEM, FakeEhr.MRN_SYSTEM)
                .with(ExporterSettings.AUTHENTICATION, "smart")
                .with(ExporterSettings.TOKEN_URL, ehr.tokenUrl())
                .with(ExporterSettings.CLIENT_ID, FakeEhr.CLIENT_ID)
                .with(ExporterSettings.PRIVATE_KEY_FILE, key.path().toString())
                .with(ExporterSettings.KEY_ID, key.keyId());
    }
}
