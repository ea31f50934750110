package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.testkit.FakeExporter;
import org.parley.plugin.testkit.fhir.FakeEhr;

/** Exports against an in-process FHIR server with a bearer token: finding the patient, writing once, failures. */
class FhirExportTest {

    private final FhirChartExporter exporter = new FhirChartExporter();
    private FakeEhr ehr;
    private FakeExporter settings;

    @BeforeEach
    void startEhr() throws Exception {
        ehr = FakeEhr.start();
        settings = FhirExporters.bearer(ehr.baseUrl());
    }

    @AfterEach
    void everyDocumentTheEhrReceivedIsValidFhirR4() throws Exception {
        try {
            for (String document : ehr.receivedDocuments()) {
                assertThat(R4Validation.errors(document)).as("validation errors").isEmpty();
            }
        } finally {
            ehr.close();
        }
    }

    @Test
    void thePatientIsFoundByMrnAndTheMessagesBecomeOneDocumentReferenceInHerChart() {
        String patientId = ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", "SOMEONE-ELSE");

        ExportResult result = exporter.export(settings, Exports.everything("exp-1", Exports.withMrn()));

        assertThat(ehr.storedDocuments()).singleElement().satisfies(document -> {
            assertThat(result).isEqualTo(ExportResult.exported("DocumentReference/" + document.getIdPart()));
            assertThat(document.getSubject().getReference()).isEqualTo("Patient/" + patientId);
            assertThat(document.getIdentifierFirstRep().getValue()).isEqualTo("exp-1");
            assertThat(document.getContent()).hasSize(3);
        });
    }

    @Test
    void withoutAnMrnThePatientIsFoundByNameAndBirthDateIgnoringLongerNamesAndOtherBirthDates() {
        ehr.addPatient("Marisolina", Exports.LAST, "1984-02-29", null);
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-03-01", null);
        String patientId = ehr.addPatient("MARISOL", "Quintanilla", "1984-02-29", "EHR-ONLY-MRN");

        ExportResult result = exporter.export(settings, Exports.simple("exp-2", Exports.withoutMrn()));

        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        assertThat(ehr.storedDocuments()).singleElement()
                .satisfies(d -> assertThat(d.getSubject().getReference()).isEqualTo("Patient/" + patientId));
    }

    @Test
    void aPatientTheEhrDoesNotKnowByHerMrnIsAPermanentFailureThatNamesNoPatientData() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", "ANOTHER-MRN");

        ExportResult result = exporter.export(settings, Exports.simple("exp-3", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure(
                "No patient with this MRN in the EHR: check the MRN in Parley."));
        assertThat(ehr.storedDocuments()).as("no fall back to the name when the MRN is unknown").isEmpty();
        assertNoPatientData(result);
    }

    @Test
    void noPatientWithThisNameAndBirthDateIsAPermanentFailureAskingForTheMrn() {
        ExportResult result = exporter.export(settings, Exports.simple("exp-4", Exports.withoutMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure(
                "No patient with this name and date of birth in the EHR: add the patient's MRN in Parley."));
    }

    @Test
    void twoPatientsWithTheSameMrnArePermanentFailureAndNothingIsWritten() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        ehr.addPatient("Other", "Person", "1990-01-01", Exports.MRN);

        ExportResult result = exporter.export(settings, Exports.simple("exp-5", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure(
                "Several patients in the EHR have this MRN: copy these messages by hand."));
        assertThat(ehr.storedDocuments()).isEmpty();
        assertNoPatientData(result);
    }

    @Test
    void twoPatientsWithTheSameNameAndBirthDateArePermanentFailure() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", "A-1");
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", "A-2");

        ExportResult result = exporter.export(settings, Exports.simple("exp-6", Exports.withoutMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure(
                "Several patients in the EHR have this name and date of birth: copy these messages by hand."));
    }

    @Test
    void aMergedAwayInactiveRecordWithTheSameMrnIsNotAMatch() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN, false);
        String survivor = ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);

        exporter.export(settings, Exports.simple("exp-7", Exports.withMrn()));

        assertThat(ehr.storedDocuments()).singleElement()
                .satisfies(d -> assertThat(d.getSubject().getReference()).isEqualTo("Patient/" + survivor));
    }

    @Test
    void aRetryWithTheSameExportIdWritesTheDocumentOnceAndAnswersTheSameReference() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        ChartExport export = Exports.everything("exp-8", Exports.withMrn());

        ExportResult first = exporter.export(settings, export);
        ExportResult retry = exporter.export(settings, export);

        assertThat(ehr.receivedDocuments()).as("sent twice, with If-None-Exist").hasSize(2);
        assertThat(ehr.storedDocuments()).as("written once").hasSize(1);
        assertThat(retry).isEqualTo(first);
        assertThat(exporter.export(settings, Exports.everything("exp-9", Exports.withMrn())))
                .as("another export is another document").isNotEqualTo(first);
        assertThat(ehr.storedDocuments()).hasSize(2);
    }

    @Test
    void thePreviewIsExactlyTheDocumentThatIsSentAndTheSameEveryTime() {
        String patientId = ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        ChartExport export = Exports.everything("exp-10", Exports.withMrn());

        ExportPreview preview = exporter.preview(settings, export);
        ExportPreview again = exporter.preview(settings, export);
        exporter.export(settings, export);

        assertThat(preview.mediaType()).isEqualTo("application/fhir+json");
        assertThat(again.content()).isEqualTo(preview.content());
        assertThat(ehr.receivedDocuments()).containsExactly(preview.asText());
        assertThat(preview.asText()).contains("\"reference\": \"Patient/" + patientId + "\"")
                .as("pretty JSON").contains("\n  \"status\": \"current\"");
    }

    @Test
    void thePreviewOfAPatientTheEhrDoesNotKnowSaysWhyNothingCanBeSent() {
        ExportPreview preview = exporter.preview(settings, Exports.simple("exp-11", Exports.withMrn()));

        assertThat(preview.mediaType()).isEqualTo("text/plain");
        assertThat(preview.asText()).isEqualTo("Nothing can be sent to the EHR yet. "
                + "No patient with this MRN in the EHR: check the MRN in Parley.");
    }

    @Test
    void anEhrThatCannotBeReachedIsARetryableFailure() throws Exception {
        FakeExporter unreachable = FhirExporters.bearer(FakeEhr.nowhere());

        ExportResult result = exporter.export(unreachable, Exports.simple("exp-12", Exports.withMrn()));

        assertThat(result).isInstanceOfSatisfying(ExportResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).startsWith("The EHR cannot be reached (the patient search)");
        });
    }

    @Test
    void aServerErrorOrBusyEhrIsARetryableFailure() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        for (int status : new int[] {500, 502, 503, 504, 429}) {
            ehr.outage(status);

            ExportResult result = exporter.export(settings, Exports.simple("exp-13", Exports.withMrn()));

            assertThat(result).as("HTTP " + status).isEqualTo(ExportResult.retryableFailure(
                    "The EHR is unavailable (HTTP " + status + ", the patient search)."));
        }
        ehr.outage(null);
        assertThat(exporter.export(settings, Exports.simple("exp-13", Exports.withMrn())))
                .as("once it is back").isInstanceOf(ExportResult.Exported.class);
    }

    @Test
    void anEhrThatDoesNotAnswerWithinTheTimeoutIsARetryableFailure() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        ehr.hang();

        ExportResult result = exporter.export(settings.with(ExporterSettings.TIMEOUT_SECONDS, "1"),
                Exports.simple("exp-14", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.retryableFailure(
                "The EHR did not answer within 1 s (the patient search)."));
    }

    @Test
    void aRefusedTokenIsAPermanentFailureAskingToCheckTheCredentials() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);

        ExportResult result = exporter.export(settings.with(ExporterSettings.BEARER_TOKEN, "not-the-token"),
                Exports.simple("exp-15", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure(
                "The EHR refused Parley's credentials (HTTP 401, the patient search): check the credentials."));
    }

    @Test
    void aForbiddenWriteIsAPermanentFailureAskingToCheckTheCredentials() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        ehr.outage(403);

        ExportResult result = exporter.export(settings, Exports.simple("exp-16", Exports.withMrn()));

        assertThat(result).isInstanceOfSatisfying(ExportResult.Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).contains("HTTP 403").contains("check the credentials");
        });
    }

    @Test
    void theDocumentIsValidFhirR4WithTheMessagesTextPicturesAndRecording() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);

        exporter.export(settings, Exports.everything("exp-17", Exports.withMrn()));

        List<String> received = ehr.receivedDocuments();
        assertThat(received).singleElement().satisfies(json -> {
            assertThat(R4Validation.errors(json)).isEmpty();
            DocumentReference document = FhirContext.forR4Cached().newJsonParser()
                    .parseResource(DocumentReference.class, json);
            assertThat(document.getContent()).extracting(c -> c.getAttachment().getContentType())
                    .containsExactly("text/plain; charset=utf-8", "image/jpeg", "audio/mpeg");
            assertThat(document.getContent().get(1).getAttachment().getData()).isEqualTo(Exports.PICTURE);
        });
    }

    @Test
    void anMrnWithACommaIsSearchedAsOneValueNotAsTwo() {
        ehr.addPatient("Other", "Person", "1990-01-01", "12");
        ehr.addPatient("Third", "Person", "1991-01-01", "34");
        String patientId = ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", "12,34");
        ChartPatient patient = new ChartPatient("p-1", Exports.FIRST, Exports.LAST, Exports.BIRTH_DATE, "12,34");

        ExportResult result = exporter.export(settings, Exports.simple("exp-18", patient));

        assertThat(result).isInstanceOf(ExportResult.Exported.class);
        assertThat(ehr.storedDocuments()).singleElement()
                .satisfies(d -> assertThat(d.getSubject().getReference()).isEqualTo("Patient/" + patientId));
    }

    @Test
    void aDocumentTheEhrRefusesIsAPermanentFailureNamingTheIssueButNotTheEhrsDiagnostics() {
        ehr.addPatient(Exports.FIRST, Exports.LAST, "1984-02-29", Exports.MRN);
        OperationOutcome refusal = new OperationOutcome();
        refusal.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.INVALID)
                .setDiagnostics("Marisol Quintanilla (MRN-884211) has no open encounter")
                .addExpression("DocumentReference.context");
        ehr.refuseDocuments(refusal);

        ExportResult result = exporter.export(settings, Exports.simple("exp-19", Exports.withMrn()));

        assertThat(result).isEqualTo(ExportResult.permanentFailure(
                "The EHR refused writing the document (HTTP 422: invalid at DocumentReference.context)."));
        assertNoPatientData(result);
    }

    private static void assertNoPatientData(ExportResult result) {
        assertThat(result.toString()).doesNotContain(Exports.FIRST, Exports.LAST, Exports.MRN, "1984");
    }
}
