package org.parley.fhirexport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ChartStaff;

/**
 * Chart exports as the app makes them, of a recognisable patient, so that a test can look for her data where it
 * must not be.
 */
final class Exports {

    static final String FIRST = "Marisol";
    static final String LAST = "Quintanilla";
    static final LocalDate BIRTH_DATE = LocalDate.of(1984, 2, 29);
    static final String MRN = "MRN-884211";
    /** Not a valid image: the EHR stores bytes, and a test only compares them. */
    static final byte[] PICTURE = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5};
    static final byte[] RECORDING = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 42};

    private Exports() {
    }

    static ChartPatient withMrn() {
        return new ChartPatient("p-1", FIRST, LAST, BIRTH_DATE, MRN);
    }

    static ChartPatient withoutMrn() {
        return new ChartPatient("p-1", FIRST, LAST, BIRTH_DATE, null);
    }

    /** One text from the patient. */
    static ChartExport simple(String exportId, ChartPatient patient) {
        return new ChartExport(exportId, patient,
                List.of(new ChartMessage("m-1", ChartMessage.Kind.FROM_PATIENT, FIRST + " " + LAST,
                        Instant.parse("2026-03-02T14:00:00Z"), "Is my refill ready?", List.of())),
                new ChartStaff("dana", "Dana Front"), null, null, Instant.parse("2026-03-02T15:30:00Z"));
    }

    /** Every kind of message, a picture, a voicemail with its recording, a category and a comment. */
    static ChartExport everything(String exportId, ChartPatient patient) {
        String name = FIRST + " " + LAST;
        return new ChartExport(exportId, patient, List.of(
                new ChartMessage("m-1", ChartMessage.Kind.FROM_PATIENT, name, Instant.parse("2026-03-02T14:00:00Z"),
                        "Did my MRI results come in? Photo of the letter attached.",
                        List.of(new ChartAttachment("picture-1.jpg", "image/jpeg", PICTURE))),
                new ChartMessage("m-2", ChartMessage.Kind.INTERNAL_NOTE, "Dana Front",
                        Instant.parse("2026-03-02T14:05:00Z"), "Asked Dr. Reyes to review.", List.of()),
                new ChartMessage("m-3", ChartMessage.Kind.TO_PATIENT, "Dana Front",
                        Instant.parse("2026-03-02T14:20:00Z"), "Dr. Reyes will call you tomorrow.", List.of()),
                new ChartMessage("m-4", ChartMessage.Kind.VOICEMAIL, name, Instant.parse("2026-03-02T18:45:00Z"),
                        "Hi it's about the MRI, please call me back.",
                        List.of(new ChartAttachment("voicemail-1.mp3", "audio/mpeg", RECORDING)))),
                new ChartStaff("dana", "Dana Front"), ChartCategory.RESULTS, "Patient asks about her MRI results.",
                Instant.parse("2026-03-02T19:00:00Z"));
    }
}
