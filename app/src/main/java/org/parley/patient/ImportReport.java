package org.parley.patient;

import java.time.Duration;
import java.util.List;

/**
 * What a patient import did. Names no patient: a refused row is given by its number and the reason.
 *
 * @param imported how many rows became patients
 * @param refused  the rows that were not imported, in file order
 * @param took     how long the import took
 */
public record ImportReport(int imported, List<RefusedRow> refused, Duration took) {

    public ImportReport {
        refused = List.copyOf(refused);
    }

    /**
     * A row that was not imported; nothing of it was stored.
     *
     * @param row    the row number as a spreadsheet shows it (the header is row 1)
     * @param reason why, without the row's data
     */
    public record RefusedRow(int row, String reason) {
    }
}
