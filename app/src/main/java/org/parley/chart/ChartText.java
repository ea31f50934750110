package org.parley.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartPatient;

/**
 * Chart-ready text for "Copy for chart": who the patient is (name, date of birth, MRN), then each message with its
 * date and time, author and text, the way a nurse would paste it into a chart note by hand.
 */
public final class ChartText {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm", Locale.US);

    private ChartText() {
    }

    /** A date and time the way charts write them: 11/25/2026 14:05, in the practice's (the server's) time zone. */
    public static String time(Instant at) {
        return time(at, ZoneId.systemDefault());
    }

    static String time(Instant at, ZoneId zone) {
        return at == null ? "" : DATE_TIME.format(at.atZone(zone));
    }

    static String date(LocalDate date) {
        return date == null ? "unknown" : DATE.format(date);
    }

    /** The export as chart-ready text. */
    static String of(ChartExport export, ZoneId zone) {
        ChartPatient patient = export.patient();
        StringBuilder text = new StringBuilder();
        text.append("Patient: ").append(patient.displayName().isEmpty() ? "(no name)" : patient.displayName())
                .append(" · DOB ").append(date(patient.birthDate()))
                .append(" · MRN ").append(patient.mrn() == null ? "none" : patient.mrn()).append('\n');
        text.append("Messages from Parley, copied by ").append(export.staff().displayName()).append(" on ")
                .append(time(export.requestedAt(), zone)).append('\n');
        if (export.category() != null) {
            text.append("Category: ").append(export.category().label()).append('\n');
        }
        if (export.comment() != null) {
            text.append("Comment: ").append(export.comment()).append('\n');
        }
        for (ChartMessage message : export.messages()) {
            text.append('\n').append(time(message.sentAt(), zone)).append(" · ").append(heading(message)).append('\n');
            if (message.text() != null) {
                text.append(message.text().strip()).append('\n');
            } else if (message.kind() == ChartMessage.Kind.VOICEMAIL) {
                text.append("(no transcription)\n");
            }
            if (!message.attachments().isEmpty()) {
                text.append("Attachments: ").append(message.attachments().stream()
                        .map(ChartText::attachment).collect(Collectors.joining(", "))).append('\n');
            }
        }
        return text.toString();
    }

    private static String heading(ChartMessage message) {
        return switch (message.kind()) {
            case FROM_PATIENT -> "Text from " + message.author() + " (patient):";
            case TO_PATIENT -> "Text to the patient from " + message.author() + ":";
            case INTERNAL_NOTE -> "Internal note by " + message.author() + " (not sent to the patient):";
            case VOICEMAIL -> "Voicemail from " + message.author()
                    + " (automatic transcription, may contain errors):";
        };
    }

    private static String attachment(ChartAttachment attachment) {
        return attachment.fileName() + " (" + attachment.contentType() + ")";
    }
}
