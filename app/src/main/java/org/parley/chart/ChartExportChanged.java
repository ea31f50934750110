package org.parley.chart;

import org.parley.base.LiveUpdate;

/** Something happened to a chart export; open conversations show it. Ids and counts only, never PHI. */
public sealed interface ChartExportChanged extends LiveUpdate permits ChartExportQueued, ChartExported,
        ChartExportFailed {

    /** The export's id. */
    String exportId();

    /** The conversation its messages are in. */
    long conversationId();
}
