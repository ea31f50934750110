package org.parley.patient;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.patient.phone.PhoneNumbers;

/**
 * What a search box entry means: a phone number (any format), a date of birth, a medical record number, or
 * a name ("maria", "lopez maria", "Lopez, Maria", "mar lo").
 */
sealed interface PatientSearch {

    record All() implements PatientSearch {
    }

    record ByPhone(String e164) implements PatientSearch {
    }

    record ByBirthDate(LocalDate date) implements PatientSearch {
    }

    record ByMrn(String mrn) implements PatientSearch {
    }

    /** Name prefixes, lower case, each ending in {@code %}; {@code second} is empty for one word. */
    record ByName(String first, String second) implements PatientSearch {
    }

    List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ofPattern("M/d/uuuu"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd"), DateTimeFormatter.ofPattern("M-d-uuuu"),
            DateTimeFormatter.ofPattern("M.d.uuuu"));

    static PatientSearch of(String typed, PhoneNumbers phones) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return new All();
        }
        Optional<LocalDate> date = date(text);
        if (date.isPresent()) {
            return new ByBirthDate(date.get());
        }
        if (text.matches("[0-9+().\\s-]{7,}")) {
            return phones.parse(text).<PatientSearch>map(ByPhone::new).orElse(new ByMrn(text));
        }
        if (text.matches(".*[0-9].*")) {
            return new ByMrn(text);
        }
        String[] words = text.toLowerCase(Locale.ROOT).replace(",", " ").replaceAll("[%_\\\\]", "").strip()
                .split("\\s+");
        return new ByName(words[0] + "%", words.length > 1 ? words[1] + "%" : "");
    }

    private static Optional<LocalDate> date(String text) {
        for (DateTimeFormatter format : DATES) {
            try {
                return Optional.of(LocalDate.parse(text, format));
            } catch (DateTimeParseException notThisFormat) {
                // try the next
            }
        }
        return Optional.empty();
    }
}
