package org.parley.fhirexport;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ChartExport;
import org.parley.plugin.testkit.FakeExporter;

/** What goes into the chart: the mapping of an export onto the DocumentReference, without an EHR. */
class ChartDocumentTest {

    private final ChartDocument documents = new ChartDocument(FhirContext.forR4Cached());

    @Test
    void theTextListsEachMessageWithItsTimeInThePracticesZoneItsKindAndItsAuthor() throws Exception {
        String text = text(documents.build(Exports.everything("d-1", Exports.withMrn()), "Patient/7",
                settings(FhirExporters.bearer("https://ehr.example.org/fhir")), "Riverside Family Practice"));

        assertThat(text).isEqualTo("""
                Patient messages (Results)
                Copied to the chart from Parley (Riverside Family Practice) by Dana Front, 2026-03-02 14:00 EST.
                Comment: Patient asks about her MRI results.

                2026-03-02 09:00 EST - Text from Marisol Quintanilla:
                Did my MRI results come in? Photo of the letter attached.
                Attached: picture-1.jpg (image/jpeg)

                2026-03-02 09:05 EST - Internal note by Dana Front (not sent to the patient):
                Asked Dr. Reyes to review.

                2026-03-02 09:20 EST - Text to the patient from Dana Front:
                Dr. Reyes will call you tomorrow.

                2026-03-02 13:45 EST - Voicemail from Marisol Quintanilla:
                AUTOMATIC TRANSCRIPT, may contain errors: listen to the recording before acting.
                Hi it's about the MRI, please call me back.
                Attached: voicemail-1.mp3 (audio/mpeg)
                """);
    }

    @Test
    void categoryCommentAuthorAndTimesMapOntoTheDocument() throws Exception {
        DocumentReference document = documents.build(Exports.everything("d-2", Exports.withMrn()), "Patient/7",
                settings(FhirExporters.bearer("https://ehr.example.org/fhir")), "Riverside");

        assertThat(document.getIdentifierFirstRep().getSystem()).isEqualTo("urn:parley:chart-export");
        assertThat(document.getIdentifierFirstRep().getValue()).isEqualTo("d-2");
        assertThat(document.getType().getCodingFirstRep().getCode()).isEqualTo("34109-9");
        assertThat(document.getCategory()).extracting(c -> c.getCodingFirstRep().getCode())
                .containsExactly("clinical-note", "results");
        assertThat(document.getCategory().get(1).getText()).isEqualTo("Results");
        assertThat(document.getDescription()).isEqualTo("Patient asks about her MRI results.");
        assertThat(document.getAuthorFirstRep().getDisplay()).isEqualTo("Dana Front");
        assertThat(document.getAuthorFirstRep().hasReference()).isFalse();
        assertThat(document.getDateElement().getValueAsString()).isEqualTo("2026-03-02T19:00:00.000Z");
        assertThat(document.getContext().getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2026-03-02T14:00:00Z");
        assertThat(document.getContext().getPeriod().getEndElement().getValueAsString())
                .isEqualTo("2026-03-02T18:45:00Z");
    }

    @Test
    void withoutCategoryOrCommentTheDocumentIsAClinicalNoteDescribedAsPatientMessages() throws Exception {
        DocumentReference document = documents.build(Exports.simple("d-3", Exports.withMrn()), "Patient/7",
                settings(FhirExporters.bearer("https://ehr.example.org/fhir")), "Riverside");

        assertThat(document.getCategory()).singleElement()
                .satisfies(c -> assertThat(c.getCodingFirstRep().getCode()).isEqualTo("clinical-note"));
        assertThat(document.getDescription()).isEqualTo("Patient messages");
    }

    @Test
    void picturesAndRecordingsAreAttachmentsWithTheirTypeSizeHashNameAndTime() throws Exception {
        DocumentReference document = documents.build(Exports.everything("d-4", Exports.withMrn()), "Patient/7",
                settings(FhirExporters.bearer("https://ehr.example.org/fhir")), "Riverside");

        Attachment picture = document.getContent().get(1).getAttachment();
        assertThat(picture.getContentType()).isEqualTo("image/jpeg");
        assertThat(picture.getData()).isEqualTo(Exports.PICTURE);
        assertThat(picture.getSize()).isEqualTo(Exports.PICTURE.length);
        assertThat(picture.getHash()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(Exports.PICTURE));
        assertThat(picture.getTitle()).isEqualTo("picture-1.jpg");
        assertThat(picture.getCreationElement().getValueAsString()).isEqualTo("2026-03-02T14:00:00Z");
        assertThat(document.getContent().get(2).getAttachment().getContentType()).isEqualTo("audio/mpeg");
    }

    @Test
    void withAttachmentsSwitchedOffOnlyTheTextGoesAndItSaysWhichFilesStayedInParley() throws Exception {
        DocumentReference document = documents.build(Exports.everything("d-5", Exports.withMrn()), "Patient/7",
                settings(FhirExporters.bearer("https://ehr.example.org/fhir")
                        .with(ExporterSettings.INCLUDE_ATTACHMENTS, "false")), "Riverside");

        assertThat(document.getContent()).hasSize(1);
        assertThat(text(document)).contains("Kept in Parley, not sent: picture-1.jpg (image/jpeg)")
                .doesNotContain("Attached:");
    }

    @Test
    void theSameExportGivesTheSameJsonWhateverTheServersTimeZone() throws Exception {
        ChartExport export = Exports.everything("d-6", Exports.withMrn());
        ExporterSettings settings = settings(FhirExporters.bearer("https://ehr.example.org/fhir"));
        TimeZone original = TimeZone.getDefault();
        String here;
        String elsewhere;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
            here = documents.json(documents.build(export, "Patient/7", settings, "Riverside"));
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            elsewhere = documents.json(documents.build(export, "Patient/7", settings, "Riverside"));
        } finally {
            TimeZone.setDefault(original);
        }

        assertThat(elsewhere).isEqualTo(here);
    }

    @Test
    void theValidatorTheseTestsRelyOnDoesFindErrorsInAnInvalidDocument() {
        assertThat(R4Validation.errors("""
                {"resourceType": "DocumentReference", "status": "draft",
                 "content": [{"attachment": {"contentType": "text/plain", "size": -1}}]}"""))
                .anySatisfy(error -> assertThat(error).contains("DocumentReference.status"))
                .anySatisfy(error -> assertThat(error).contains("size"));
    }

    @Test
    void theEhrsLocationHeaderGivesTheReferenceWithoutBaseOrVersion() {
        assertThat(FhirEndpoint.reference("DocumentReference",
                "https://ehr.example.org/R4/DocumentReference/eX1.a-9/_history/3"))
                .hasValue("DocumentReference/eX1.a-9");
        assertThat(FhirEndpoint.reference("DocumentReference", "DocumentReference/42"))
                .hasValue("DocumentReference/42");
        assertThat(FhirEndpoint.reference("DocumentReference", "https://ehr.example.org/R4/Patient/42")).isEmpty();
    }

    private static ExporterSettings settings(FakeExporter exporter) throws EhrFailure {
        return ExporterSettings.of(exporter.settings());
    }

    private static String text(DocumentReference document) {
        return new String(document.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
    }
}
