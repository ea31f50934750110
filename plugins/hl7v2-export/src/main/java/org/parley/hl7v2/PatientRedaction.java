package org.parley.hl7v2;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.parley.plugin.ChartPatient;

/**
 * Keeps the patient out of what the EHR wrote: its error texts often quote the MRN or the name they could not
 * match ("Patient MRN 12345 not found"), and a failure reason must never carry patient data.
 */
final class PatientRedaction {

    static final String PLACEHOLDER = "[patient]";

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(DateTimeFormatter.BASIC_ISO_DATE,
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT));

    private PatientRedaction() {
    }

    /**
     * The text with the patient's MRN, names and date of birth replaced by {@value #PLACEHOLDER}, control
     * characters and runs of white space as single spaces.
     */
    static String scrub(String text, ChartPatient patient) {
        String scrubbed = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        for (String value : identifying(patient)) {
            Pattern whole = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            scrubbed = whole.matcher(scrubbed).replaceAll(PLACEHOLDER);
        }
        return scrubbed;
    }

    private static List<String> identifying(ChartPatient patient) {
        List<String> values = new ArrayList<>();
        if (patient.mrn() != null) {
            values.add(patient.mrn());
        }
        for (String name : new String[] {patient.firstName(), patient.lastName()}) {
            if (name != null && name.length() > 1) {
                values.add(name);
            }
        }
        LocalDate birthDate = patient.birthDate();
        if (birthDate != null) {
            DATE_FORMATS.forEach(format -> values.add(birthDate.format(format)));
        }
        // longest first, so that a value containing another one is replaced whole
        values.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return values;
    }
}
