package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.testkit.fhir.FakeEhr;

/** The admin's "Test connection": a token for SMART, then the server's CapabilityStatement. */
class ConnectionTest {

    @TempDir
    Path keys;

    private final FhirChartExporter exporter = new FhirChartExporter();
    private FakeEhr ehr;

    @BeforeEach
    void startEhr() throws Exception {
        ehr = FakeEhr.start();
    }

    @AfterEach
    void stopEhr() throws Exception {
        ehr.close();
    }

    @Test
    void withSmartItObtainsATokenAndReadsTheCapabilityStatement() throws Exception {
        TestKeys.KeyFile key = TestKeys.ecP384(keys, "ec-1");
        ehr.register(key.keyId(), key.pair().getPublic());

        ConnectionCheck check = exporter.testConnection(FhirExporters.smart(ehr, key));

        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.message()).startsWith("Connected to ").endsWith("(FHIR 4.0.1) with a SMART access token.");
        assertThat(ehr.tokensIssued()).isEqualTo(1);
        assertThat(ehr.requests()).containsExactly("GET /fhir/metadata");
    }

    @Test
    void withABearerTokenItReadsTheCapabilityStatement() {
        ConnectionCheck check = exporter.testConnection(FhirExporters.bearer(ehr.baseUrl()));

        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.message()).contains("(FHIR 4.0.1).");
    }

    @Test
    void aRefusedClientFailsAskingToCheckTheCredentials() throws Exception {
        TestKeys.KeyFile key = TestKeys.rsa(keys, "unregistered");

        ConnectionCheck check = exporter.testConnection(FhirExporters.smart(ehr, key));

        assertThat(check).isEqualTo(ConnectionCheck.failed("The EHR's token endpoint refused Parley's client "
                + "(HTTP 401, invalid_client): check the credentials: the client id, the key id, and that the EHR "
                + "holds the public key of the private key file."));
    }

    @Test
    void anUnreachableServerFails() throws Exception {
        ConnectionCheck check = exporter.testConnection(FhirExporters.bearer(FakeEhr.nowhere()));

        assertThat(check).isEqualTo(ConnectionCheck.failed(
                "The EHR cannot be reached (reading the CapabilityStatement): connection refused or no route."));
    }

    @Test
    void aServerThatDoesNotAnnounceConditionalCreateIsAcceptedWithAWarningAboutDoubleWrites() throws EhrFailure {
        ConnectionCheck check = FhirChartExporter.judge(bearerSettings(), capabilities("4.0.1", true, false));

        assertThat(check).isEqualTo(ConnectionCheck.ok("Connected to Acme EHR 2.1 (FHIR 4.0.1). Note: it does not "
                + "announce conditional create for DocumentReference, so a retried export might be written twice."));
    }

    @Test
    void aServerWithoutDocumentReferenceCreatesOrOfAnotherFhirVersionFails() throws EhrFailure {
        assertThat(FhirChartExporter.judge(bearerSettings(), capabilities("4.0.1", false, true)).message())
                .endsWith("But it does not take DocumentReference creates, which this exporter writes.");
        assertThat(FhirChartExporter.judge(bearerSettings(), capabilities("5.0.0", true, true)))
                .isEqualTo(ConnectionCheck.failed("The server at the base URL speaks FHIR 5.0.0, not R4 (4.0)."));
    }

    @Test
    void settingsThatAreNotCompleteAreNamed() {
        ConnectionCheck check = exporter.testConnection(FhirExporters.bearer(ehr.baseUrl())
                .with(ExporterSettings.AUTHENTICATION, "smart"));

        assertThat(check).isEqualTo(ConnectionCheck.failed(
                "The FHIR export is not set up correctly: setting 'tokenUrl' is missing (ask an admin)."));
    }

    private static ExporterSettings bearerSettings() throws EhrFailure {
        return ExporterSettings.of(FhirExporters.bearer("https://ehr.example.org/fhir").settings());
    }

    private static CapabilityStatement capabilities(String version, boolean creates, boolean conditional) {
        CapabilityStatement capabilities = new CapabilityStatement();
        capabilities.setFhirVersion(Enumerations.FHIRVersion.fromCode(version));
        capabilities.getSoftware().setName("Acme EHR").setVersion("2.1");
        CapabilityStatement.CapabilityStatementRestComponent rest = capabilities.addRest()
                .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.addResource().setType("Patient").addInteraction()
                .setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
        CapabilityStatement.CapabilityStatementRestResourceComponent documents = rest.addResource()
                .setType("DocumentReference").setConditionalCreate(conditional);
        documents.addInteraction().setCode(creates ? CapabilityStatement.TypeRestfulInteraction.CREATE
                : CapabilityStatement.TypeRestfulInteraction.READ);
        return capabilities;
    }
}
