package org.parley.hl7v2;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartMessage.Kind;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ChartStaff;

/** Chart exports with a recognisable patient, so that a test can look for her data where it must not be. */
final class Exports {

    static final String EXPORT_ID = "exp-20261124-0001";
    static final String MRN = "MRN-448812";
    static final LocalDate BIRTH_DATE = LocalDate.of(1984, 3, 7);
    static final ChartPatient MARIA = new ChartPatient("p-17", "María", "Lopez-Garcia", BIRTH_DATE, MRN);
    static final ChartStaff DANA = new ChartStaff("dana", "Dana Front");
    static final Instant REQUESTED = Instant.parse("2026-11-24T14:10:00Z");
    static final byte[] JPEG = "pretend-jpeg-bytes".getBytes(StandardCharsets.US_ASCII);

    private Exports() {
    }

    /** A question about results, the practice's answer and a voicemail with its recording. */
    static ChartExport conversation() {
        return export(EXPORT_ID, MARIA, ChartCategory.RESULTS, List.of(
                new ChartMessage("m1", Kind.FROM_PATIENT, "María Lopez-Garcia", Instant.parse("2026-11-24T13:58:00Z"),
                        "Are my MRI results in? 🙏", List.of()),
                new ChartMessage("m2", Kind.TO_PATIENT, "Dana Front", Instant.parse("2026-11-24T14:01:00Z"),
                        "Yes, Dr. Ng will call you today.\nPlease keep your phone on.", List.of()),
                new ChartMessage("m3", Kind.VOICEMAIL, "María Lopez-Garcia", Instant.parse("2026-11-24T14:05:00Z"),
                        "hi it's maria call me back", List.of(new ChartAttachment("voicemail-m3.mp3", "audio/mpeg",
                                new byte[2048])))));
    }

    /** One message from the patient with this text. */
    static ChartExport saying(String text) {
        return export(EXPORT_ID, MARIA, null, List.of(new ChartMessage("m1", Kind.FROM_PATIENT, "María Lopez-Garcia",
                Instant.parse("2026-11-24T13:58:00Z"), text, List.of())));
    }

    /** A picture the patient sent, with a line of text. */
    static ChartExport picture() {
        return export(EXPORT_ID, MARIA, ChartCategory.MEDICATION, List.of(new ChartMessage("m1", Kind.FROM_PATIENT,
                "María Lopez-Garcia", Instant.parse("2026-11-24T13:58:00Z"), "This is the rash",
                List.of(new ChartAttachment("photo-m1.jpg", "image/jpeg", JPEG)))));
    }

    static ChartExport export(String exportId, ChartPatient patient, ChartCategory category,
                              List<ChartMessage> messages) {
        return new ChartExport(exportId, patient, messages, DANA, category, "Patient asked twice", REQUESTED);
    }
}
