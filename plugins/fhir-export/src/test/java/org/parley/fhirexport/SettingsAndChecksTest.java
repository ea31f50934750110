package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ExporterDescriptor;
import org.parley.plugin.testkit.FakeExporter;

/** The descriptor the admin form is drawn from, settings checks, and what is refused before anything is sent. */
class SettingsAndChecksTest {

    private final FhirChartExporter exporter = new FhirChartExporter();
    private final FakeExporter settings = FhirExporters.bearer("https://ehr.example.org/fhir");

    @Test
    void theDescriptorOffersEverySettingWithTheBearerTokenMasked() {
        ExporterDescriptor descriptor = exporter.descriptor();

        assertThat(descriptor.id()).isEqualTo("fhir-export");
        assertThat(descriptor.properties()).extracting(ConfigProperty::name).containsExactly("baseUrl",
                "mrnSystem", "authentication", "tokenUrl", "clientId", "privateKeyFile", "keyId", "scope",
                "bearerToken", "timeoutSeconds", "timeZone", "documentType", "exportIdentifierSystem",
                "includeAttachments");
        assertThat(descriptor.properties()).filteredOn(p -> p.type() == ConfigProperty.Type.SECRET)
                .extracting(ConfigProperty::name).containsExactly("bearerToken");
        assertThat(descriptor.properties()).filteredOn(ConfigProperty::required)
                .extracting(ConfigProperty::name).containsExactly("baseUrl", "mrnSystem", "authentication");
    }

    @Test
    void aPatientWithNeitherMrnNorNameAndBirthDateIsRefusedBeforeSending() {
        ChartPatient noLastName = new ChartPatient("p-1", "Marisol", null, Exports.BIRTH_DATE, null);
        ChartPatient noBirthDate = new ChartPatient("p-1", "Marisol", "Quintanilla", null, null);

        assertThat(exporter.checkBeforeSending(settings, Exports.simple("c-1", noLastName)))
                .hasValue(PatientSearch.CANNOT_MATCH);
        assertThat(exporter.checkBeforeSending(settings, Exports.simple("c-2", noBirthDate)))
                .hasValue("The EHR can only find the patient by MRN, or by first name, last name and date of birth: "
                        + "add them to the patient's record in Parley.");
    }

    @Test
    void anMrnAloneOrNameAndBirthDateAreEnough() {
        ChartPatient mrnOnly = new ChartPatient("p-1", null, null, null, Exports.MRN);

        assertThat(exporter.checkBeforeSending(settings, Exports.simple("c-3", mrnOnly))).isEmpty();
        assertThat(exporter.checkBeforeSending(settings, Exports.simple("c-4", Exports.withoutMrn()))).isEmpty();
    }

    @Test
    void settingsProblemsAreNamedBySettingNeverByValue() {
        assertThat(exporter.checkBeforeSending(settings.with(ExporterSettings.BASE_URL, "ftp://ehr.example.org/x"),
                Exports.simple("c-5", Exports.withMrn())))
                .hasValue("The FHIR export is not set up correctly: setting 'baseUrl' is not an https URL without "
                        + "query (ask an admin).");
        assertThat(exporter.checkBeforeSending(settings.with(ExporterSettings.BASE_URL, "http://ehr.example.org/fhir"),
                Exports.simple("c-5", Exports.withMrn())))
                .as("patient data never goes over plain http to another machine")
                .hasValue("The FHIR export is not set up correctly: setting 'baseUrl' must be an https URL (plain "
                        + "http only to this machine) (ask an admin).");
        assertThat(exporter.checkBeforeSending(FhirExporters.bearer("https://ehr.example.org/fhir")
                        .with(ExporterSettings.BEARER_TOKEN, null), Exports.simple("c-6", Exports.withMrn())))
                .hasValue("The FHIR export is not set up correctly: setting 'bearerToken' is missing (ask an admin).");
        assertThat(exporter.checkBeforeSending(FhirExporters.bearer("https://ehr.example.org/fhir")
                        .with(ExporterSettings.BEARER_TOKEN, "abc\r\nX-Injected: 1"),
                Exports.simple("c-6", Exports.withMrn())))
                .hasValue("The FHIR export is not set up correctly: setting 'bearerToken' has characters an access "
                        + "token cannot have (ask an admin).");
        assertThat(exporter.checkBeforeSending(FhirExporters.bearer("https://ehr.example.org/fhir")
                        .with(ExporterSettings.TIME_ZONE, "Mars/Olympus"), Exports.simple("c-7", Exports.withMrn())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'timeZone'").doesNotContain("Mars"));
        assertThat(exporter.checkBeforeSending(FhirExporters.bearer("https://ehr.example.org/fhir")
                        .with(ExporterSettings.AUTHENTICATION, "basic"), Exports.simple("c-8", Exports.withMrn())))
                .hasValue("The FHIR export is not set up correctly: setting 'authentication' must be smart or "
                        + "bearer (ask an admin).");
    }

    @Test
    void anMrnWithFhirSearchCharactersIsEscapedAndEncoded() throws EhrFailure {
        ExporterSettings read = ExporterSettings.of(settings.settings());
        ChartPatient patient = new ChartPatient("p-1", null, null, null, "A|1,2$3\\4");

        assertThat(PatientSearch.of(patient, read)).hasValueSatisfying(search -> assertThat(search.query())
                .isEqualTo("identifier=urn%3Aoid%3A1.2.36.146.595.217.0.1%7CA%5C%7C1%5C%2C2%5C%243%5C%5C4"));
    }
}
