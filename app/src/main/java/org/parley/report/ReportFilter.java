package org.parley.report;

import java.time.LocalDate;

/**
 * What a report covers: days {@code from} to {@code to}, both included, in the practice's time zone; optionally one
 * line, one list or one staff member ({@code null} for all).
 */
public record ReportFilter(LocalDate from, LocalDate to, String lineId, Long listId, Long staffId) {

    /** The longest range a report covers. */
    public static final int MAX_DAYS = 366;

    /** All lines, lists and staff over the given days. */
    public static ReportFilter days(LocalDate from, LocalDate to) {
        return new ReportFilter(from, to, null, null, null);
    }
}
