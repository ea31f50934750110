package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.testkit.FakeExporter;

/** The MDM^T02 a chart export becomes, read back the way an EHR reads it; no network. */
class ChartDocumentTest {

    private final Hl7v2Exporter exporter = new Hl7v2Exporter();
    private FakeExporter ehr = Hl7Exporters.configured("ehr.example.org", 2575);

    private Er7 preview(ChartExport export) throws Exception {
        ExportPreview preview = exporter.preview(ehr, export);
        assertThat(preview.mediaType()).isEqualTo("x-application/hl7-v2+er7");
        assertThat(preview.isText()).isTrue();
        return Er7.read(preview.asText());
    }

    @Test
    void theSameExportAlwaysGivesTheSameMessageWhateverTheClockSays() {
        String first = exporter.preview(ehr, Exports.conversation()).asText();
        String again = new Hl7v2Exporter().preview(ehr, Exports.conversation()).asText();

        assertThat(again).isEqualTo(first);
        assertThat(first).startsWith("MSH|^~\\&|").doesNotContain("\n");
    }

    @Test
    void theMessageIsAnMdmT02WithMshEvnPidPv1TxaAndOneObxPerMessageAfterASummary() throws Exception {
        Er7 message = preview(Exports.conversation());

        assertThat(message.segments()).extracting(s -> s.substring(0, 3))
                .containsExactly("MSH", "EVN", "PID", "PV1", "TXA", "OBX", "OBX", "OBX", "OBX");
        assertThat(EhrServer.structureProblem(message.mdm(), message.text()))
                .isNull();
    }

    @Test
    void theHeaderNamesBothSidesTheTypeTheVersionAndUtf8AndTheSendingFacilityIsThePracticeByDefault()
            throws Exception {
        Er7 message = preview(Exports.conversation());

        assertThat(message.get("/MSH-3")).isEqualTo("PARLEY");
        assertThat(message.get("/MSH-4")).isEqualTo(Hl7Exporters.PRACTICE);
        assertThat(message.get("/MSH-5")).isEqualTo("EHR");
        assertThat(message.get("/MSH-6")).isEqualTo("MAIN");
        assertThat(message.get("/MSH-7")).isEqualTo("20261124091000-0500");
        assertThat(message.segment("MSH")).contains("|MDM^T02^MDM_T02|exp-20261124-0001|P|2.5.1|");
        assertThat(message.get("/MSH-18")).isEqualTo("UNICODE UTF-8");
        assertThat(message.segment("EVN")).isEqualTo("EVN|T02|20261124091000-0500");
        assertThat(message.segment("PV1")).isEqualTo("PV1|1|O");

        ehr = ehr.with(InterfaceSettings.SENDING_FACILITY, "RFP-MAIN").with(InterfaceSettings.PROCESSING_ID, "t");
        Er7 configured = preview(Exports.conversation());
        assertThat(configured.get("/MSH-4")).isEqualTo("RFP-MAIN");
        assertThat(configured.get("/MSH-11")).isEqualTo("T");
    }

    @Test
    void thePatientIsIdentifiedByMrnWithItsAssigningAuthorityThenNameAndDateOfBirth() throws Exception {
        Er7 message = preview(Exports.conversation());

        assertThat(message.segment("PID")).isEqualTo("PID|1||MRN-448812^^^RFP^MR||Lopez-Garcia^María||19840307");

        ehr = ehr.with(InterfaceSettings.ASSIGNING_AUTHORITY, null);
        assertThat(preview(Exports.conversation()).segment("PID")).startsWith("PID|1||MRN-448812^^^^MR||");
    }

    @Test
    void theDocumentCarriesItsTypeActivityTimeOriginatorExportIdAsDocumentNumberAndAuthenticatedStatus()
            throws Exception {
        Er7 message = preview(Exports.conversation());

        assertThat(message.get("/TXA-2")).isEqualTo("PATMSG-RESULTS");
        assertThat(message.get("/TXA-3")).isEqualTo("FT");
        assertThat(message.get("/TXA-4")).as("the newest message's time").isEqualTo("20261124090500-0500");
        assertThat(message.get("/TXA-6")).as("when it was copied").isEqualTo("20261124091000-0500");
        assertThat(message.get("/TXA-9-1")).isEqualTo("dana");
        assertThat(message.get("/TXA-9-2")).isEqualTo("Dana Front");
        assertThat(message.get("/TXA-12-1")).isEqualTo(Exports.EXPORT_ID);
        assertThat(message.get("/TXA-12-2")).isEqualTo("PARLEY");
        assertThat(message.get("/TXA-17")).isEqualTo("AU");
        assertThat(message.get("/TXA-19")).isEqualTo("AV");
    }

    @Test
    void eachMessageIsATextObservationWithItsTimeDirectionAndAuthorAndTheSummaryNamesWhoCopiedIt()
            throws Exception {
        Er7 message = preview(Exports.conversation());

        assertThat(message.observation(1, 3)).isEqualTo("PARLEY-EXPORT");
        assertThat(message.observation(1, 5)).isEqualTo("Patient messages (Results) copied from Parley by Dana "
                + "Front on 2026-11-24 09:10 EST. 3 messages, oldest first.\\.br\\Comment: Patient asked twice");
        assertThat(message.observation(2, 2)).isEqualTo("FT");
        assertThat(message.observation(2, 3)).isEqualTo("PATIENT-TEXT");
        assertThat(message.observation(2, 4)).isEqualTo("1");
        assertThat(message.observation(2, 5)).isEqualTo("2026-11-24 08:58 EST - Text from patient - "
                + "María Lopez-Garcia\\.br\\Are my MRI results in? 🙏");
        assertThat(message.observation(2, 11)).isEqualTo("F");
        assertThat(message.observation(2, 14)).isEqualTo("20261124085800-0500");
        assertThat(message.observation(3, 3)).isEqualTo("PRACTICE-TEXT");
        assertThat(message.observation(3, 5)).isEqualTo("2026-11-24 09:01 EST - Text to patient - Dana Front"
                + "\\.br\\Yes, Dr. Ng will call you today.\\.br\\Please keep your phone on.");
    }

    @Test
    void aVoicemailIsMarkedAsAnAutomaticTranscriptAndItsRecordingAsKeptInParley() throws Exception {
        Er7 message = preview(Exports.conversation());

        assertThat(message.observation(4, 3)).isEqualTo("VOICEMAIL-TRANSCRIPT");
        assertThat(message.get("/OBSERVATION(3)/OBX-3-2")).isEqualTo("Voicemail, automatic transcript");
        assertThat(message.observation(4, 5))
                .startsWith("2026-11-24 09:05 EST - Voicemail, automatic transcript (may be wrong: listen to the "
                        + "recording in Parley before acting) - María Lopez-Garcia\\.br\\hi it's maria call me back")
                .endsWith("\\.br\\[Recording kept in Parley: voicemail-m3.mp3, audio/mpeg, 2 KB]");
    }

    @Test
    void everyHl7DelimiterATextHoldsIsEscapedAndComesBackAsTyped() throws Exception {
        String typed = "Pay |50| ^ ~ \\ & now";

        Er7 message = preview(Exports.saying(typed));

        assertThat(message.segments().get(6)).contains("Pay \\F\\50\\F\\ \\S\\ \\R\\ \\E\\ \\T\\ now|");
        assertThat(message.observation(2, 5)).endsWith("\\.br\\" + typed);
    }

    @Test
    void aTypedBackslashSequenceStaysTextAndLineBreaksAndFrameBytesCannotBreakTheMessage() throws Exception {
        Er7 message = preview(Exports.saying("C:\\Xrays\\ and \\.br\\ typed\r\nline two\nthree\u000b\u001c"));

        assertThat(message.segments()).hasSize(7);
        assertThat(message.segments().get(6))
                .contains("C:\\E\\Xrays\\E\\ and \\E\\.br\\E\\ typed\\.br\\line two\\.br\\three  |");
        assertThat(message.observation(2, 5)).endsWith("C:\\Xrays\\ and \\.br\\ typed\\.br\\line two\\.br\\three  ");
    }

    @Test
    void picturesAreNotedByDefaultAndTravelAsBase64EdObservationsWhenEmbeddingIsOn() throws Exception {
        Er7 noted = preview(Exports.picture());
        assertThat(noted.segments()).hasSize(7);
        assertThat(noted.observation(2, 5))
                .endsWith("This is the rash\\.br\\[Picture kept in Parley: photo-m1.jpg, image/jpeg, 18 bytes]");

        ehr = ehr.with(InterfaceSettings.EMBED_PICTURES, "true");
        Er7 embedded = preview(Exports.picture());

        assertThat(embedded.segments()).hasSize(8);
        assertThat(embedded.observation(2, 5)).endsWith("This is the rash\\.br\\[Picture below: photo-m1.jpg]");
        assertThat(embedded.segments().get(7)).startsWith("OBX|3|ED|PICTURE^Picture^L|1|^IM^JPEG^Base64^"
                + Base64.getEncoder().encodeToString(Exports.JPEG) + "|");
    }

    @Test
    void timesAreWrittenInThePracticesTimeZone() throws Exception {
        ehr = ehr.with(InterfaceSettings.TIME_ZONE, "Europe/Berlin");

        Er7 message = preview(Exports.conversation());

        assertThat(message.get("/MSH-7")).isEqualTo("20261124151000+0100");
        assertThat(message.observation(2, 5)).startsWith("2026-11-24 14:58 CET - ");
    }

    @Test
    void eachCategoryBecomesItsConfiguredDocumentTypeAndNoCategoryCountsAsOther() throws Exception {
        assertThat(preview(Exports.picture()).get("/TXA-2")).isEqualTo("PATMSG-MEDICATION");
        assertThat(preview(Exports.saying("hi")).get("/TXA-2")).isEqualTo("PATMSG-OTHER");

        ehr = ehr.with("documentTypeResults", "LABMSG").with("documentTypeOther", "PATCOMM");
        assertThat(preview(Exports.conversation()).get("/TXA-2")).isEqualTo("LABMSG");
        assertThat(preview(Exports.saying("hi")).get("/TXA-2")).isEqualTo("PATCOMM");
    }

    @Test
    void anExportIdTooLongForMsh10GivesA20CharacterControlIdThatIsAlwaysTheSame() throws Exception {
        String exportId = UUID.nameUUIDFromBytes("export 42".getBytes()).toString();
        ChartExport export = Exports.export(exportId, Exports.MARIA, ChartCategory.BILLING,
                Exports.saying("hi").messages());

        Er7 message = preview(export);

        assertThat(message.get("/MSH-10")).hasSize(20).matches("[0-9A-F]{20}")
                .isEqualTo(ChartDocument.controlId(exportId));
        assertThat(preview(export).get("/MSH-10")).isEqualTo(message.get("/MSH-10"));
        assertThat(message.get("/TXA-12-1")).isEqualTo(exportId);
    }

    @Test
    void aPatientWithoutMrnIsRefusedBeforeSendingWithAReasonStaffCanActOn() {
        ChartExport noMrn = Exports.export(Exports.EXPORT_ID,
                new ChartPatient("p-17", "María", "Lopez-Garcia", Exports.BIRTH_DATE, " "), null,
                Exports.saying("hi").messages());

        assertThat(exporter.checkBeforeSending(ehr, noMrn)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("no MRN", "PID-3").doesNotContain("María", "Lopez"));
        assertThat(exporter.checkBeforeSending(ehr, Exports.conversation())).isEmpty();
    }

    @Test
    void settingsThatCannotWorkAreNamedBeforeSendingAndInThePreview() {
        assertThat(exporter.checkBeforeSending(ehr.with(InterfaceSettings.HOST, " "), Exports.conversation()))
                .hasValue("The HL7 export is not set up right: setting 'host' is not configured.");
        assertThat(exporter.checkBeforeSending(Hl7Exporters.configured("ehr", 1).with(InterfaceSettings.PORT, "70000"),
                Exports.conversation())).hasValueSatisfying(reason -> assertThat(reason).contains("'port'"));
        assertThat(exporter.checkBeforeSending(Hl7Exporters.configured("ehr", 1).with(InterfaceSettings.TIME_ZONE,
                "Mars/Olympus"), Exports.conversation())).hasValueSatisfying(r -> assertThat(r).contains("'timeZone'"));
        assertThat(exporter.checkBeforeSending(Hl7Exporters.configured("ehr", 1).with(InterfaceSettings.PROCESSING_ID,
                "X"), Exports.conversation())).hasValueSatisfying(r -> assertThat(r).contains("'processingId'"));
        FakeExporter missingTrustStore = Hl7Exporters.configured("ehr", 1)
                .with(InterfaceSettings.TRUST_STORE_PATH, "/nonexistent/ehr-ca.p12");
        assertThat(exporter.checkBeforeSending(missingTrustStore, Exports.conversation()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'trustStorePath'")
                        .doesNotContain("/nonexistent"));
        assertThatThrownBy(() -> exporter.preview(missingTrustStore, Exports.conversation()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'trustStorePath'");
    }

    @Test
    void aPictureAloneAndAVoicemailWithoutTranscriptSaySo() throws Exception {
        ChartExport export = Exports.export(Exports.EXPORT_ID, Exports.MARIA, null, List.of(
                new ChartMessage("m1", ChartMessage.Kind.FROM_PATIENT, "María Lopez-Garcia",
                        Instant.parse("2026-11-24T13:58:00Z"), null, Exports.picture().messages().get(0).attachments()),
                new ChartMessage("m2", ChartMessage.Kind.VOICEMAIL, "Patient", Instant.parse("2026-11-24T13:59:00Z"),
                        " ", List.of()),
                new ChartMessage("m3", ChartMessage.Kind.INTERNAL_NOTE, "Dana Front",
                        Instant.parse("2026-11-24T14:00:00Z"), "Called back, no answer", List.of())));

        Er7 message = preview(export);

        assertThat(message.observation(2, 5)).contains("\\.br\\(no text)\\.br\\[Picture kept in Parley: ");
        assertThat(message.observation(3, 5)).endsWith(" - Patient\\.br\\(no transcript)");
        assertThat(message.observation(4, 3)).isEqualTo("INTERNAL-NOTE");
        assertThat(message.observation(4, 5)).contains("Internal note (not sent to the patient) - Dana Front");
    }
}
