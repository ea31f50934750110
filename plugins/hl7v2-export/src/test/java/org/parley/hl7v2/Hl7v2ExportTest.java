package org.parley.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportResult;
import org.parley.plugin.ExportResult.Exported;
import org.parley.plugin.ExportResult.Failed;
import org.parley.plugin.testkit.FakeExporter;

/** Exports sent to an EHR's HL7 listener (HAPI's, in process) that checks each MDM^T02 and answers as told. */
class Hl7v2ExportTest {

    // one listener for the class: HAPI's takes half a second to stop
    private static EhrServer ehr;

    private final FakeExporter settings = Hl7Exporters.configured("127.0.0.1", ehr.port());
    private final Hl7v2Exporter exporter = new Hl7v2Exporter();

    @BeforeAll
    static void start() {
        ehr = EhrServer.start();
    }

    @BeforeEach
    void acceptEverythingAgain() {
        ehr.reset();
    }

    @AfterAll
    static void stop() {
        ehr.close();
    }

    @Test
    void aDocumentTheEhrAcceptsIsExportedWithItsControlIdAndTheEhrGetsExactlyThePreview() throws Exception {
        ExportResult result = exporter.export(settings, Exports.conversation());

        assertThat(result).isEqualTo(new Exported(Exports.EXPORT_ID, null));
        assertThat(ehr.structureProblems()).isEmpty();
        assertThat(ehr.received()).singleElement()
                .isEqualTo(exporter.preview(settings, Exports.conversation()).asText());
    }

    @Test
    void accentsEmojiAndEveryHl7DelimiterArriveAsTheyWereTyped() throws Exception {
        String typed = "Ça va? 😀 |50| ^ ~ \\ & C:\\Xrays\\";

        assertThat(exporter.export(settings, Exports.saying(typed))).isInstanceOf(Exported.class);

        Er7 received = Er7.read(ehr.received().getFirst());
        assertThat(received.observation(2, 5)).endsWith("\\.br\\" + typed);
        assertThat(received.get("/PID-5-2")).isEqualTo("María");
    }

    @Test
    void anErrorTheEhrReportsIsAPermanentFailureInTheEhrsOwnWords() {
        ehr.answers(AcknowledgmentCode.AE, ErrorCode.TABLE_VALUE_NOT_FOUND, "Unknown document type PATMSG-RESULTS");

        ExportResult result = exporter.export(settings, Exports.conversation());

        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).startsWith("The EHR refused the document (AE, error 103): ")
                    .contains("Unknown document type PATMSG-RESULTS");
        });
    }

    @Test
    void theEhrsErrorTextNeverBringsThePatientsDataIntoTheReason() {
        ehr.answers(AcknowledgmentCode.AE, ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                "No patient LOPEZ-GARCIA, María (DOB 19840307) with MRN MRN-448812");

        ExportResult result = exporter.export(settings, Exports.conversation());

        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> assertThat(failed.reason())
                .contains("No patient [patient], [patient] (DOB [patient]) with MRN [patient]")
                .doesNotContain("María", "LOPEZ", "19840307", "448812"));
    }

    @Test
    void aRejectedMessageIsAFailureThatWaitsForAPerson() {
        ehr.answers(AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_PROCESSING_ID, "Processing ID P not accepted here");

        ExportResult result = exporter.export(settings, Exports.conversation());

        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).startsWith("The EHR rejected the message (AR, error 202): ")
                    .contains("Processing ID P not accepted here");
        });
    }

    @Test
    void aLockedChartOrAnInternalErrorInTheEhrIsTriedAgainLater() {
        ehr.answers(AcknowledgmentCode.AE, ErrorCode.APPLICATION_RECORD_LOCKED, "Chart in use by another user");
        assertThat(exporter.export(settings, Exports.conversation())).isInstanceOfSatisfying(Failed.class,
                failed -> assertThat(failed.retryable()).isTrue());

        ehr.answers(AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR, "Database unavailable");
        assertThat(exporter.export(settings, Exports.conversation())).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).contains("(AR, error 207)", "Database unavailable");
        });
    }

    @Test
    void aDocumentNumberTheEhrAlreadyHasCountsAsExportedBecauseAnEarlierTryGotThrough() {
        ehr.answers(AcknowledgmentCode.AE, ErrorCode.DUPLICATE_KEY_IDENTIFIER, "Document already on file");

        assertThat(exporter.export(settings, Exports.conversation()))
                .isEqualTo(new Exported(Exports.EXPORT_ID, null));
    }

    @Test
    void anEhrThatIsDownIsTriedAgainLater() {
        FakeExporter down = Hl7Exporters.configured("127.0.0.1", EhrServer.freePort());

        ExportResult result = exporter.export(down, Exports.conversation());

        assertThat(result).isInstanceOfSatisfying(Failed.class, failed -> {
            assertThat(failed.retryable()).isTrue();
            assertThat(failed.reason()).endsWith("refused the connection.");
        });
    }

    @Test
    void noAcknowledgementWithinTheTimeoutIsTriedAgainLater() {
        ehr.neverAnswers();

        ExportResult result = exporter.export(settings, Exports.conversation());

        assertThat(result).isEqualTo(new Failed(true, "No acknowledgement from the EHR within 1 second."));
        assertThat(ehr.received()).hasSize(1);
    }

    @Test
    void aRetrySendsTheSameControlIdAndDocumentNumberSoTheEhrCanRecogniseIt() throws Exception {
        ehr.neverAnswers();
        assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Failed.class);
        ehr.answers(AcknowledgmentCode.AA, null, null);

        assertThat(exporter.export(settings, Exports.conversation())).isInstanceOf(Exported.class);

        assertThat(ehr.received()).hasSize(2);
        assertThat(ehr.received().get(1)).isEqualTo(ehr.received().get(0));
        Er7 retry = Er7.read(ehr.received().get(1));
        assertThat(retry.get("/MSH-10")).isEqualTo(Exports.EXPORT_ID);
        assertThat(retry.get("/TXA-12-1")).isEqualTo(Exports.EXPORT_ID);
    }

    @Test
    void aPatientWithoutMrnIsNeverSent() {
        ChartExport noMrn = Exports.export("exp-2", new ChartPatient("p-9", "Ann", "Bell", Exports.BIRTH_DATE, null),
                null, Exports.saying("hi").messages());

        assertThat(exporter.export(settings, noMrn)).isEqualTo(new Failed(false, Hl7v2Exporter.NO_MRN));
        assertThat(ehr.received()).isEmpty();
    }

    @Test
    void settingsThatCannotWorkFailTheExportWithoutRetrying() {
        ExportResult result = exporter.export(settings.with(InterfaceSettings.PORT, "twenty"), Exports.conversation());

        assertThat(result).isEqualTo(new Failed(false,
                "The HL7 export is not set up right: setting 'port' must be a whole number from 1 to 65535."));
    }

    @Test
    void testConnectionReachesTheListenerWithoutSendingAnything() {
        ConnectionCheck check = exporter.testConnection(settings);

        assertThat(check).isEqualTo(ConnectionCheck.ok("Connected to the HL7 interface at 127.0.0.1:" + ehr.port()
                + " (without TLS)."));
        assertThat(ehr.received()).isEmpty();
    }

    @Test
    void testConnectionSaysWhenTheEhrCannotBeReached() {
        int port = EhrServer.freePort();

        ConnectionCheck check = exporter.testConnection(Hl7Exporters.configured("127.0.0.1", port));

        assertThat(check).isEqualTo(ConnectionCheck.failed("The EHR's HL7 interface at 127.0.0.1:" + port
                + " refused the connection."));
    }
}
