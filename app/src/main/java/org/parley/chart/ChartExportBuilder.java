package org.parley.chart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.content.MessageContent;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactSummary;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ChartStaff;

/**
 * Parley's own rules for what may go into a chart, and the {@link ChartExport} an exporter gets: plain functions of
 * the patient and the messages, so the rules are tested without a database.
 */
final class ChartExportBuilder {

    static final String NO_MESSAGES = "Select at least one message to copy to the chart.";
    static final String NOT_A_PATIENT = "This number is not a patient yet: make this number a patient first "
            + "(Patient details), then copy to the chart.";
    static final String ORGANISATION = "Only a patient's messages go into a chart; this conversation is with an "
            + "organisation.";
    static final String NOT_IDENTIFIABLE = "The patient has neither an MRN nor a date of birth, so the chart cannot "
            + "be found: add one in Patient details first.";
    static final String SYSTEM_NOTICE = "Parley's own notices in the thread are not copied to the chart.";
    static final String NOT_DELIVERED = "A reply that has not reached the patient (queued, failed or not delivered) "
            + "is not copied to the chart.";

    /** Replies that reached the patient's phone, as far as the provider told. */
    private static final Set<MessageStatus> REACHED = Set.of(MessageStatus.SENT, MessageStatus.DELIVERED,
            MessageStatus.READ);

    private ChartExportBuilder() {
    }

    /** Whether a message can be chosen for the chart at all. */
    static boolean selectable(Direction direction, MessageStatus status) {
        return direction != Direction.SYSTEM && (direction != Direction.OUTBOUND || REACHED.contains(status));
    }

    /**
     * Why these messages of this contact cannot go into a chart, or empty when they can.
     *
     * @param contact the conversation's contact, or {@code null} when unknown
     */
    static Optional<String> refusal(ContactSummary contact, List<MessageContent> messages) {
        if (messages.isEmpty()) {
            return Optional.of(NO_MESSAGES);
        }
        if (contact == null || contact.kind() == ContactKind.UNKNOWN) {
            return Optional.of(NOT_A_PATIENT);
        }
        if (contact.kind() != ContactKind.PATIENT) {
            return Optional.of(ORGANISATION);
        }
        if ((contact.mrn() == null || contact.mrn().isBlank()) && contact.dateOfBirth() == null) {
            return Optional.of(NOT_IDENTIFIABLE);
        }
        for (MessageContent message : messages) {
            if (message.direction() == Direction.SYSTEM) {
                return Optional.of(SYSTEM_NOTICE);
            }
            if (!selectable(message.direction(), message.status())) {
                return Optional.of(NOT_DELIVERED);
            }
        }
        return Optional.empty();
    }

    /**
     * The export an exporter gets. Call only when {@link #refusal} has none.
     *
     * @param messages   oldest first
     * @param staffNames the names of the staff who wrote them, by staff id
     */
    static ChartExport build(String exportId, ContactSummary patient, List<MessageContent> messages,
                             Map<Long, String> staffNames, ChartStaff staff, ChartCategory category, String comment,
                             Instant requestedAt) {
        String patientName = patient.displayName();
        String patientAuthor = patient.firstName() == null && patient.lastName() == null ? "Patient" : patientName;
        List<ChartMessage> chartMessages = new ArrayList<>();
        for (MessageContent message : messages) {
            ChartMessage.Kind kind = switch (message.direction()) {
                case INBOUND -> ChartMessage.Kind.FROM_PATIENT;
                case OUTBOUND -> ChartMessage.Kind.TO_PATIENT;
                case NOTE -> ChartMessage.Kind.INTERNAL_NOTE;
                case VOICEMAIL -> ChartMessage.Kind.VOICEMAIL;
                case SYSTEM -> throw new IllegalArgumentException("system notices are not exported");
            };
            String author = switch (kind) {
                case FROM_PATIENT, VOICEMAIL -> patientAuthor;
                case TO_PATIENT -> message.authorId() == null || message.systemReply()
                        ? "Parley (automatic reply)" : staffNames.getOrDefault(message.authorId(), "Former staff");
                case INTERNAL_NOTE -> message.authorId() == null ? "Parley"
                        : staffNames.getOrDefault(message.authorId(), "Former staff");
            };
            List<ChartAttachment> attachments = new ArrayList<>();
            int n = 0;
            for (MessageContent.Attachment attachment : message.attachments()) {
                n++;
                attachments.add(new ChartAttachment(fileName(message, attachment, n), attachment.contentType(),
                        attachment.data()));
            }
            chartMessages.add(new ChartMessage(String.valueOf(message.id()), kind, author, message.createdAt(),
                    message.body(), attachments));
        }
        ChartPatient chartPatient = new ChartPatient(String.valueOf(patient.id()), patient.firstName(),
                patient.lastName(), patient.dateOfBirth(), patient.mrn());
        return new ChartExport(exportId, chartPatient, chartMessages, staff, category, comment, requestedAt);
    }

    /**
     * The provider's file name when it gave a plain one, else one made of the message id: never anything that
     * could carry the patient's name from elsewhere.
     */
    private static String fileName(MessageContent message, MessageContent.Attachment attachment, int n) {
        if (message.direction() == Direction.VOICEMAIL) {
            // The carrier names a recording by its call id, which tells a reader of the chart nothing.
            return "Voicemail recording" + (n > 1 ? " " + n : "") + extension(attachment.contentType());
        }
        String given = attachment.fileName();
        if (given != null && given.matches("[A-Za-z0-9._-]{1,100}")) {
            return given;
        }
        return "message-" + message.id() + "-" + n + extension(attachment.contentType());
    }

    private static String extension(String contentType) {
        return switch (contentType.toLowerCase(Locale.ROOT).split(";")[0].strip()) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/gif" -> ".gif";
            case "application/pdf" -> ".pdf";
            case "audio/mpeg" -> ".mp3";
            case "audio/wav", "audio/x-wav" -> ".wav";
            case "text/plain" -> ".txt";
            default -> "";
        };
    }
}
