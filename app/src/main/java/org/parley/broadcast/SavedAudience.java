package org.parley.broadcast;

import java.time.LocalDate;

/** A search saved under a name. */
public record SavedAudience(long id, String name, LocalDate bornFrom, LocalDate bornTo) {

    /** In words, e.g. "born 1950-01-01 to 1960-12-31". */
    public String describe() {
        return "born " + (bornFrom == null ? "any time" : bornFrom) + " to " + (bornTo == null ? "today" : bornTo);
    }
}
