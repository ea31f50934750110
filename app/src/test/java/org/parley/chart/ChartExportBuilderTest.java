package org.parley.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.content.MessageContent;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactSummary;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartStaff;

/** What goes into a chart, and what Parley refuses before any exporter sees it. */
class ChartExportBuilderTest {

    private static final Instant MORNING = Instant.parse("2026-11-24T14:12:00Z");
    private static final ChartStaff DANA = new ChartStaff("dana", "Dana Front");
    private static final Map<Long, String> STAFF = Map.of(7L, "Nina Nurse");

    private static ContactSummary patient(String mrn, LocalDate dob) {
        return new ContactSummary(42, ContactKind.PATIENT, "+19292038684", "Maria", "Lopez", null, dob, mrn, null,
                null);
    }

    private static final ContactSummary MARIA = patient("MRN-1001", LocalDate.of(1980, 3, 14));

    private static MessageContent message(long id, Direction direction, MessageStatus status, String body,
                                          Long author, int minutes, MessageContent.Attachment... attachments) {
        return new MessageContent(id, direction, status, body, author, false, MORNING.plusSeconds(60L * minutes),
                List.of(attachments));
    }

    private static ChartExport build(ContactSummary patient, List<MessageContent> messages) {
        return ChartExportBuilder.build("export-1", patient, messages, STAFF, DANA, ChartCategory.MEDICATION,
                "  Refill sent  ", MORNING.plusSeconds(3600));
    }

    @Test
    void eachDirectionBecomesItsKindWithTheRightAuthorOldestFirst() {
        ChartExport export = build(MARIA, List.of(
                message(1, Direction.INBOUND, MessageStatus.RECEIVED, "My prescription ran out", null, 0),
                message(2, Direction.OUTBOUND, MessageStatus.DELIVERED, "We sent it to your pharmacy.", 7L, 5),
                message(3, Direction.NOTE, null, "Called the pharmacy to confirm", 7L, 6),
                new MessageContent(4, Direction.OUTBOUND, MessageStatus.SENT, "You are opted in again.", null, true,
                        MORNING.plusSeconds(420), List.of())));

        assertThat(export.exportId()).isEqualTo("export-1");
        assertThat(export.messages()).extracting(ChartMessage::kind).containsExactly(ChartMessage.Kind.FROM_PATIENT,
                ChartMessage.Kind.TO_PATIENT, ChartMessage.Kind.INTERNAL_NOTE, ChartMessage.Kind.TO_PATIENT);
        assertThat(export.messages()).extracting(ChartMessage::author)
                .containsExactly("Maria Lopez", "Nina Nurse", "Nina Nurse", "Parley (automatic reply)");
        assertThat(export.messages()).extracting(ChartMessage::parleyId).containsExactly("1", "2", "3", "4");
        assertThat(export.messages().get(0).text()).isEqualTo("My prescription ran out");
        assertThat(export.messages().get(0).sentAt()).isEqualTo(MORNING);
        assertThat(export.staff()).isEqualTo(DANA);
        assertThat(export.category()).isEqualTo(ChartCategory.MEDICATION);
        assertThat(export.comment()).isEqualTo("Refill sent");
        assertThat(export.patient().parleyId()).isEqualTo("42");
        assertThat(export.patient().mrn()).isEqualTo("MRN-1001");
        assertThat(export.patient().birthDate()).isEqualTo(LocalDate.of(1980, 3, 14));
        assertThat(export.patient().displayName()).isEqualTo("Maria Lopez");
    }

    @Test
    void aVoicemailGoesWithItsTranscriptAsTextAndItsRecordingAsAttachment() {
        byte[] recording = "RIFF....WAVEfmt".getBytes(StandardCharsets.US_ASCII);
        ChartExport export = build(MARIA, List.of(message(9, Direction.VOICEMAIL, MessageStatus.RECEIVED,
                "Hi it's Maria, about my MRI results", null, 0,
                new MessageContent.Attachment("RE123.wav", "audio/wav", recording))));

        ChartMessage voicemail = export.messages().getFirst();
        assertThat(voicemail.kind()).isEqualTo(ChartMessage.Kind.VOICEMAIL);
        assertThat(voicemail.author()).isEqualTo("Maria Lopez");
        assertThat(voicemail.text()).isEqualTo("Hi it's Maria, about my MRI results");
        assertThat(voicemail.attachments()).singleElement().satisfies(a -> {
            // Named for the chart's reader, not by the carrier's call id (RE123.wav).
            assertThat(a.fileName()).isEqualTo("Voicemail recording.wav");
            assertThat(a.contentType()).isEqualTo("audio/wav");
            assertThat(a.data()).isEqualTo(recording);
        });
    }

    @Test
    void aVoicemailWithoutTranscriptYetHasNoText() {
        ChartExport export = build(MARIA, List.of(message(9, Direction.VOICEMAIL, MessageStatus.RECEIVED, "", null,
                0)));

        assertThat(export.messages().getFirst().text()).isNull();
    }

    @Test
    void picturesKeepAPlainFileNameAndGetOneMadeOfTheMessageIdOtherwise() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
        ChartExport export = build(MARIA, List.of(message(5, Direction.INBOUND, MessageStatus.RECEIVED, "", null, 0,
                new MessageContent.Attachment("ME12ab.jpg", "image/jpeg", jpeg),
                new MessageContent.Attachment("Maria Lopez rash photo.png", "image/png", jpeg),
                new MessageContent.Attachment(null, "application/pdf", jpeg))));

        assertThat(export.messages().getFirst().text()).as("a picture alone has no text").isNull();
        assertThat(export.messages().getFirst().attachments()).extracting(a -> a.fileName())
                .containsExactly("ME12ab.jpg", "message-5-2.png", "message-5-3.pdf");
        assertThat(export.messages().getFirst().attachments().getFirst().isImage()).isTrue();
    }

    @Test
    void aStaffMemberNoLongerKnownAndAPatientWithoutNameAreStillNamed() {
        ContactSummary nameless = new ContactSummary(43, ContactKind.PATIENT, null, null, null, null,
                LocalDate.of(1990, 1, 1), null, null, null);
        ChartExport export = build(nameless, List.of(
                message(1, Direction.INBOUND, MessageStatus.RECEIVED, "Hello", null, 0),
                message(2, Direction.OUTBOUND, MessageStatus.READ, "Hi", 99L, 1)));

        assertThat(export.messages()).extracting(ChartMessage::author).containsExactly("Patient", "Former staff");
    }

    @Test
    void anExportOfZeroMessagesIsRefused() {
        assertThat(ChartExportBuilder.refusal(MARIA, List.of())).contains(ChartExportBuilder.NO_MESSAGES);
    }

    @Test
    void anUnknownNumberIsRefusedUntilItIsMadeAPatient() {
        ContactSummary unknown = new ContactSummary(44, ContactKind.UNKNOWN, "+19292030001", null, null, null, null,
                null, null, null);
        List<MessageContent> text = List.of(message(1, Direction.INBOUND, MessageStatus.RECEIVED, "Hi", null, 0));

        assertThat(ChartExportBuilder.refusal(unknown, text)).get().asString()
                .contains("make this number a patient first");
        assertThat(ChartExportBuilder.refusal(null, text)).get().asString()
                .contains("make this number a patient first");
    }

    @Test
    void anOrganisationsConversationIsRefused() {
        ContactSummary pharmacy = new ContactSummary(45, ContactKind.ORGANISATION, "+19292030002", null, null,
                "Main St Pharmacy", null, null, null, "pharmacy");

        assertThat(ChartExportBuilder.refusal(pharmacy,
                List.of(message(1, Direction.INBOUND, MessageStatus.RECEIVED, "Refill ready", null, 0))))
                .contains(ChartExportBuilder.ORGANISATION);
    }

    @Test
    void aPatientWithoutMrnAndWithoutDateOfBirthIsRefusedWithTheReason() {
        List<MessageContent> text = List.of(message(1, Direction.INBOUND, MessageStatus.RECEIVED, "Hi", null, 0));

        assertThat(ChartExportBuilder.refusal(patient(null, null), text)).contains(ChartExportBuilder.NOT_IDENTIFIABLE);
        assertThat(ChartExportBuilder.refusal(patient(" ", null), text)).contains(ChartExportBuilder.NOT_IDENTIFIABLE);
        assertThat(ChartExportBuilder.refusal(patient("MRN-1", null), text)).as("an MRN is enough").isEmpty();
        assertThat(ChartExportBuilder.refusal(patient(null, LocalDate.of(1980, 3, 14)), text))
                .as("a date of birth is enough").isEmpty();
    }

    @Test
    void repliesThatDidNotReachThePatientAndParleysNoticesAreRefused() {
        for (MessageStatus notReached : List.of(MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.FAILED,
                MessageStatus.UNDELIVERED)) {
            assertThat(ChartExportBuilder.refusal(MARIA, List.of(message(1, Direction.OUTBOUND, notReached, "Hi", 7L,
                    0)))).as(notReached.name()).contains(ChartExportBuilder.NOT_DELIVERED);
            assertThat(ChartExportBuilder.selectable(Direction.OUTBOUND, notReached)).isFalse();
        }
        assertThat(ChartExportBuilder.refusal(MARIA, List.of(message(1, Direction.SYSTEM, null,
                "Opted out by replying STOP", null, 0)))).contains(ChartExportBuilder.SYSTEM_NOTICE);
        assertThat(ChartExportBuilder.selectable(Direction.SYSTEM, null)).isFalse();
        assertThat(ChartExportBuilder.selectable(Direction.OUTBOUND, MessageStatus.DELIVERED)).isTrue();
        assertThat(ChartExportBuilder.selectable(Direction.NOTE, null)).isTrue();
        assertThat(ChartExportBuilder.selectable(Direction.VOICEMAIL, MessageStatus.RECEIVED)).isTrue();
    }

    @Test
    void chartReadyTextNamesThePatientDateOfBirthAndEachMessagesTimeAuthorAndText() {
        ChartExport export = build(MARIA, List.of(
                message(1, Direction.INBOUND, MessageStatus.RECEIVED, "My prescription ran out", null, 0),
                message(2, Direction.OUTBOUND, MessageStatus.DELIVERED, "We sent it to your pharmacy.", 7L, 5),
                message(3, Direction.VOICEMAIL, MessageStatus.RECEIVED, "Calling about the refill", null, 20,
                        new MessageContent.Attachment("RE1.mp3", "audio/mpeg", new byte[] {1}))));

        String text = ChartText.of(export, ZoneOffset.UTC);

        assertThat(text).startsWith("Patient: Maria Lopez · DOB 03/14/1980 · MRN MRN-1001\n"
                + "Messages from Parley, copied by Dana Front on 11/24/2026 15:12\n"
                + "Category: Medication\n"
                + "Comment: Refill sent\n");
        assertThat(text).contains("\n11/24/2026 14:12 · Text from Maria Lopez (patient):\nMy prescription ran out\n");
        assertThat(text).contains("\n11/24/2026 14:17 · Text to the patient from Nina Nurse:\n"
                + "We sent it to your pharmacy.\n");
        assertThat(text).contains("\n11/24/2026 14:32 · Voicemail from Maria Lopez (automatic transcription, may "
                + "contain errors):\nCalling about the refill\nAttachments: Voicemail recording.mp3 (audio/mpeg)\n");
    }
}
