package org.parley.broadcast;

import java.time.LocalDate;

/** Who a broadcast goes to. */
public sealed interface AudienceChoice {

    /** Patients (dependents included) born within the range; an open end is unbounded. */
    record BornBetween(LocalDate from, LocalDate to) implements AudienceChoice {
    }

    /** The patients with a conversation (open or closed) in the list (issue 17's "by list"). */
    record InList(long listId) implements AudienceChoice {
    }

    /**
     * The patients whose last visit, as the patient import named it, is within the range; an open end is unbounded
     * (only {@code to}: visited before; only {@code from}: visited since). Patients without a last visit on file are
     * never in it.
     */
    record LastVisitBetween(LocalDate from, LocalDate to) implements AudienceChoice {
    }

    /** The patients named in an uploaded CSV: one MRN or cell number per row (the first column; a header is ignored). */
    record Uploaded(String fileName, byte[] csv) implements AudienceChoice {
    }

    /** The patients one of whose conversations carries the tag (issue 17's "a tag"). */
    record Tagged(long tagId) implements AudienceChoice {
    }

    /** A search saved earlier. */
    record Saved(long audienceId) implements AudienceChoice {
    }
}
