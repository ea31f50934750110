package org.parley.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.ED;
import ca.uhn.hl7v2.model.v251.datatype.FT;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.message.MDM_T02;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.TXA;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartPatient;

/**
 * The MDM^T02 ("original document notification and content") for one chart export, in ER7.
 *
 * <p>Everything in it comes from the export and the settings, nothing from the clock or a counter: the same
 * export gives the same message, so the preview is what is sent, and a retry sends the same control ID (MSH-10)
 * and document number (TXA-12) for the EHR to recognise. The README lists which field carries what.
 *
 * @param controlId      MSH-10, derived from the export id
 * @param documentNumber TXA-12.1, the export id itself
 * @param er7            the message, segments ended by carriage returns
 */
record ChartDocument(String controlId, String documentNumber, String er7) {

    static final String CODING_SYSTEM = "L";
    static final String SUMMARY = "PARLEY-EXPORT";
    static final String PICTURE = "PICTURE";
    static final int MAX_CONTROL_ID = 20;

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ", Locale.ROOT);
    private static final DateTimeFormatter HL7_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.US);

    /** How each kind of message is coded in OBX-3 and headed in the text. */
    enum Kind {
        FROM_PATIENT("PATIENT-TEXT", "Text from patient", "Text from patient"),
        TO_PATIENT("PRACTICE-TEXT", "Text to patient", "Text to patient"),
        INTERNAL_NOTE("INTERNAL-NOTE", "Internal note", "Internal note (not sent to the patient)"),
        VOICEMAIL("VOICEMAIL-TRANSCRIPT", "Voicemail, automatic transcript",
                "Voicemail, automatic transcript (may be wrong: listen to the recording in Parley before acting)");

        final String code;
        final String codeText;
        final String heading;

        Kind(String code, String codeText, String heading) {
            this.code = code;
            this.codeText = codeText;
            this.heading = heading;
        }

        static Kind of(ChartMessage.Kind kind) {
            return valueOf(kind.name());
        }
    }

    /**
     * Writes the export as an MDM^T02.
     *
     * @throws HL7Exception if HAPI refuses a value (its message may quote the value: never show or log it)
     */
    static ChartDocument compose(InterfaceSettings settings, ChartExport export, Er7Codec codec)
            throws HL7Exception {
        MDM_T02 mdm = new MDM_T02(codec.models());
        ZoneId zone = settings.zone();
        String controlId = controlId(export.exportId());

        MSH msh = mdm.getMSH();
        msh.getFieldSeparator().setValue("|");
        msh.getEncodingCharacters().setValue("^~\\&");
        msh.getSendingApplication().getNamespaceID().setValue(settings.sendingApplication());
        msh.getSendingFacility().getNamespaceID().setValue(settings.sendingFacility());
        msh.getReceivingApplication().getNamespaceID().setValue(settings.receivingApplication());
        msh.getReceivingFacility().getNamespaceID().setValue(settings.receivingFacility());
        msh.getDateTimeOfMessage().getTime().setValue(hl7Time(export.requestedAt(), zone));
        msh.getMessageType().getMessageCode().setValue("MDM");
        msh.getMessageType().getTriggerEvent().setValue("T02");
        msh.getMessageType().getMessageStructure().setValue("MDM_T02");
        msh.getMessageControlID().setValue(controlId);
        msh.getProcessingID().getProcessingID().setValue(settings.processingId());
        msh.getVersionID().getVersionID().setValue(Er7Codec.VERSION);
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");

        mdm.getEVN().getEventTypeCode().setValue("T02");
        mdm.getEVN().getRecordedDateTime().getTime().setValue(hl7Time(export.requestedAt(), zone));

        patient(mdm.getPID(), export.patient(), settings);

        mdm.getPV1().getSetIDPV1().setValue("1");
        mdm.getPV1().getPatientClass().setValue("O");

        TXA txa = mdm.getTXA();
        txa.getSetIDTXA().setValue("1");
        txa.getDocumentType().setValue(settings.documentType(export.category()));
        txa.getDocumentContentPresentation().setValue("FT");
        Instant lastMessage = export.messages().getLast().sentAt();
        txa.getActivityDateTime().getTime().setValue(hl7Time(lastMessage, zone));
        txa.getOriginationDateTime().getTime().setValue(hl7Time(export.requestedAt(), zone));
        XCN originator = txa.getOriginatorCodeName(0);
        originator.getIDNumber().setValue(export.staff().userName());
        originator.getFamilyName().getSurname().setValue(export.staff().displayName());
        originator.getAssigningAuthority().getNamespaceID().setValue(settings.sendingApplication());
        txa.getUniqueDocumentNumber().getEntityIdentifier().setValue(export.exportId());
        txa.getUniqueDocumentNumber().getNamespaceID().setValue(settings.sendingApplication());
        txa.getDocumentCompletionStatus().setValue("AU");
        txa.getDocumentAvailabilityStatus().setValue("AV");

        new Observations(mdm, settings).write(export);
        return new ChartDocument(controlId, export.exportId(), codec.encode(mdm));
    }

    /**
     * MSH-10 for an export: the export id itself when it fits (at most 20 letters, digits, dots, dashes or
     * underscores), else the first 20 hex digits of its SHA-256. The same export always has the same control ID.
     */
    static String controlId(String exportId) {
        if (exportId.matches("[A-Za-z0-9._-]{1," + MAX_CONTROL_ID + "}")) {
            return exportId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(exportId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(hash).substring(0, MAX_CONTROL_ID);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void patient(PID pid, ChartPatient patient, InterfaceSettings settings) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        CX mrn = pid.getPatientIdentifierList(0);
        mrn.getIDNumber().setValue(patient.mrn());
        mrn.getAssigningAuthority().getNamespaceID().setValue(settings.assigningAuthority());
        mrn.getIdentifierTypeCode().setValue("MR");
        XPN name = pid.getPatientName(0);
        name.getFamilyName().getSurname().setValue(patient.lastName());
        name.getGivenName().setValue(patient.firstName());
        if (patient.birthDate() != null) {
            pid.getDateTimeOfBirth().getTime().setValue(patient.birthDate().format(HL7_DATE));
        }
    }

    static String hl7Time(Instant instant, ZoneId zone) {
        return HL7_TIME.format(instant.atZone(zone));
    }

    static String textTime(Instant instant, ZoneId zone) {
        return TEXT_TIME.format(instant.atZone(zone));
    }

    /** The OBX segments: a summary, then one per message (and one per embedded picture after it). */
    private static final class Observations {

        private final MDM_T02 mdm;
        private final InterfaceSettings settings;
        private int setId;

        Observations(MDM_T02 mdm, InterfaceSettings settings) {
            this.mdm = mdm;
            this.settings = settings;
        }

        void write(ChartExport export) throws HL7Exception {
            String about = export.category() == null ? "" : " (" + export.category().label() + ")";
            StringBuilder summary = new StringBuilder()
                    .append("Patient messages").append(about).append(" copied from Parley by ")
                    .append(export.staff().displayName()).append(" on ")
                    .append(textTime(export.requestedAt(), settings.zone())).append(". ")
                    .append(export.messages().size() == 1 ? "1 message." : export.messages().size()
                            + " messages, oldest first.");
            if (export.comment() != null) {
                summary.append('\n').append("Comment: ").append(export.comment());
            }
            add("FT", SUMMARY, "Messages copied from Parley", null, export.requestedAt(), text(summary));

            int number = 0;
            for (ChartMessage message : export.messages()) {
                number++;
                Kind kind = Kind.of(message.kind());
                List<ChartAttachment> embedded = new ArrayList<>();
                StringBuilder text = new StringBuilder()
                        .append(textTime(message.sentAt(), settings.zone())).append(" - ").append(kind.heading)
                        .append(" - ").append(message.author()).append('\n')
                        .append(message.text() != null ? message.text()
                                : message.kind() == ChartMessage.Kind.VOICEMAIL ? "(no transcript)" : "(no text)");
                for (ChartAttachment attachment : message.attachments()) {
                    if (settings.embedPictures() && attachment.isImage()) {
                        embedded.add(attachment);
                        text.append('\n').append("[Picture below: ").append(attachment.fileName()).append(']');
                    } else {
                        text.append('\n').append('[').append(what(attachment)).append(" kept in Parley: ")
                                .append(attachment.fileName()).append(", ").append(attachment.contentType())
                                .append(", ").append(size(attachment.data().length)).append(']');
                    }
                }
                String subId = Integer.toString(number);
                add("FT", kind.code, kind.codeText, subId, message.sentAt(), text(text));
                for (ChartAttachment picture : embedded) {
                    add("ED", PICTURE, "Picture", subId, message.sentAt(), picture(picture));
                }
            }
        }

        private void add(String valueType, String code, String codeText, String subId, Instant time, Type value)
                throws HL7Exception {
            OBX obx = mdm.getOBSERVATION(setId).getOBX();
            setId++;
            obx.getSetIDOBX().setValue(Integer.toString(setId));
            obx.getValueType().setValue(valueType);
            obx.getObservationIdentifier().getIdentifier().setValue(code);
            obx.getObservationIdentifier().getText().setValue(codeText);
            obx.getObservationIdentifier().getNameOfCodingSystem().setValue(CODING_SYSTEM);
            obx.getObservationSubID().setValue(subId);
            obx.getObservationValue(0).setData(value);
            obx.getObservationResultStatus().setValue("F");
            obx.getDateTimeOfTheObservation().getTime().setValue(hl7Time(time, settings.zone()));
        }

        private FT text(CharSequence text) throws HL7Exception {
            FT ft = new FT(mdm);
            ft.setValue(text.toString());
            return ft;
        }

        private ED picture(ChartAttachment picture) throws HL7Exception {
            ED ed = new ED(mdm);
            ed.getTypeOfData().setValue("IM");
            ed.getDataSubtype().setValue(subtype(picture.contentType()));
            ed.getEncoding().setValue("Base64");
            ed.getData().setValue(Base64.getEncoder().encodeToString(picture.data()));
            return ed;
        }
    }

    /** ED-3 from a MIME type: HL7 table 0291 spells JPEG, GIF and TIFF; others go as their MIME subtype. */
    static String subtype(String contentType) {
        String subtype = contentType.replaceFirst(";.*", "").replaceFirst("^[^/]*/", "").strip()
                .toUpperCase(Locale.ROOT);
        return switch (subtype) {
            case "JPG", "PJPEG" -> "JPEG";
            case "TIF" -> "TIFF";
            default -> subtype;
        };
    }

    private static String what(ChartAttachment attachment) {
        if (attachment.isImage()) {
            return "Picture";
        }
        return attachment.contentType().startsWith("audio/") ? "Recording" : "File";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
