package org.parley.fhirexport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;

/**
 * An export as the one {@link DocumentReference} that goes into the patient's chart: the messages as a plain-text
 * attachment (each with its time, its author and what kind of message it was), then each picture or recording as an
 * attachment of its own. Deterministic: the same export, patient and settings give the same JSON, byte for byte.
 */
final class ChartDocument {

    static final String LOINC = "http://loinc.org";
    /** US Core's document categories: EHRs file a "clinical-note" DocumentReference into the chart as a note. */
    static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";
    /** Parley's own categories, for an EHR interface that routes by them. */
    static final String PARLEY_CATEGORY = "urn:parley:chart-category";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";
    static final String TRANSCRIPT_WARNING =
            "AUTOMATIC TRANSCRIPT, may contain errors: listen to the recording before acting.";

    private final FhirContext fhir;

    ChartDocument(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** The resource for this export, about the EHR's patient {@code patientReference} (e.g. {@code Patient/123}). */
    DocumentReference build(ChartExport export, String patientReference, ExporterSettings settings,
                            String practiceName) {
        DocumentReference document = new DocumentReference();
        document.addIdentifier().setSystem(settings.exportIdentifierSystem()).setValue(export.exportId());
        document.setStatus(DocumentReferenceStatus.CURRENT);
        document.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
        CodeableConcept type = document.getType();
        type.addCoding().setSystem(LOINC).setCode(settings.documentType())
                .setDisplay(ExporterSettings.DEFAULT_DOCUMENT_TYPE.equals(settings.documentType()) ? "Note" : null);
        type.setText("Patient messages");
        document.addCategory().addCoding().setSystem(US_CORE_CATEGORY).setCode("clinical-note")
                .setDisplay("Clinical Note");
        ChartCategory category = export.category();
        if (category != null) {
            document.addCategory().setText(category.label()).addCoding().setSystem(PARLEY_CATEGORY)
                    .setCode(category.name().toLowerCase(Locale.ROOT)).setDisplay(category.label());
        }
        document.setSubject(new Reference(patientReference));
        document.setDateElement(instant(export.requestedAt()));
        document.addAuthor().setDisplay(export.staff().displayName());
        document.setDescription(export.comment() != null ? export.comment() : title(export));

        String plain = text(export, settings, practiceName);
        // The same text as the resource's narrative: what a person reading the resource (or Parley's preview) sees
        // without decoding the attachment, and what FHIR asks every resource to carry (dom-6).
        document.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><pre>" + xhtml(plain) + "</pre></div>");
        byte[] text = plain.getBytes(StandardCharsets.UTF_8);
        document.addContent().setAttachment(attachment(TEXT_CONTENT_TYPE, text, title(export),
                export.requestedAt()));
        if (settings.includeAttachments()) {
            for (ChartMessage message : export.messages()) {
                for (ChartAttachment file : message.attachments()) {
                    document.addContent().setAttachment(attachment(file.contentType(), file.data(), file.fileName(),
                            message.sentAt()));
                }
            }
        }
        List<ChartMessage> messages = export.messages();
        document.getContext().setPeriod(new Period()
                .setStartElement(dateTime(messages.getFirst().sentAt()))
                .setEndElement(dateTime(messages.getLast().sentAt())));
        return document;
    }

    /** The resource as the pretty JSON that is sent (and shown in the preview). */
    String json(DocumentReference document) {
        return fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(document);
    }

    /** The document's text: a header, then each message with its time, kind and author. */
    static String text(ChartExport export, ExporterSettings settings, String practiceName) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.US)
                .withZone(settings.timeZone());
        StringBuilder text = new StringBuilder();
        text.append(title(export)).append('\n');
        text.append("Copied to the chart from Parley");
        if (practiceName != null && !practiceName.isBlank()) {
            text.append(" (").append(practiceName.strip()).append(')');
        }
        text.append(" by ").append(export.staff().displayName()).append(", ")
                .append(time.format(export.requestedAt())).append(".\n");
        if (export.comment() != null) {
            text.append("Comment: ").append(export.comment()).append('\n');
        }
        for (ChartMessage message : export.messages()) {
            text.append('\n').append(time.format(message.sentAt())).append(" - ").append(heading(message))
                    .append('\n');
            if (message.kind() == ChartMessage.Kind.VOICEMAIL && message.text() != null) {
                text.append(TRANSCRIPT_WARNING).append('\n');
            }
            if (message.text() != null) {
                text.append(message.text().strip()).append('\n');
            } else if (message.attachments().isEmpty() || message.kind() == ChartMessage.Kind.VOICEMAIL) {
                text.append(message.kind() == ChartMessage.Kind.VOICEMAIL ? "(no transcript)" : "(no text)")
                        .append('\n');
            }
            for (ChartAttachment file : message.attachments()) {
                text.append(settings.includeAttachments() ? "Attached: " : "Kept in Parley, not sent: ")
                        .append(file.fileName()).append(" (").append(file.contentType()).append(")\n");
            }
        }
        return text.toString();
    }

    private static String xhtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                default -> {
                    // XML 1.0 allows no control characters but tab and line breaks.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        escaped.appendCodePoint(c);
                    } else {
                        escaped.append(' ');
                    }
                }
            }
        });
        return escaped.toString();
    }

    private static String title(ChartExport export) {
        return export.category() == null ? "Patient messages" : "Patient messages (" + export.category().label() + ")";
    }

    private static String heading(ChartMessage message) {
        return switch (message.kind()) {
            case FROM_PATIENT -> "Text from " + message.author() + ":";
            case TO_PATIENT -> "Text to the patient from " + message.author() + ":";
            case INTERNAL_NOTE -> "Internal note by " + message.author() + " (not sent to the patient):";
            case VOICEMAIL -> "Voicemail from " + message.author() + ":";
        };
    }

    private static Attachment attachment(String contentType, byte[] data, String title, Instant created) {
        return new Attachment().setContentType(contentType).setData(data).setSize(data.length)
                .setHash(sha1(data)).setTitle(title).setCreationElement(dateTime(created));
    }

    private static InstantType instant(Instant at) {
        InstantType value = new InstantType(Date.from(at), TemporalPrecisionEnum.MILLI);
        // UTC, not the JVM's zone: the same export gives the same JSON on any server
        value.setTimeZoneZulu(true);
        return value;
    }

    private static DateTimeType dateTime(Instant at) {
        DateTimeType value = new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND);
        value.setTimeZoneZulu(true);
        return value;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
