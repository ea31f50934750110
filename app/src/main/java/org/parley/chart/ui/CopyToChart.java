package org.parley.chart.ui;

import org.parley.base.ui.LiveUpdates;
import org.parley.chart.ChartExportService;
import org.parley.chart.ExporterService;
import org.parley.security.StaffMember;
import org.springframework.stereotype.Component;

/**
 * Where an opened conversation gets its copy-to-chart actions from: the services they need, wired once by Spring,
 * so the conversation view hands over one object rather than three.
 */
@Component
public class CopyToChart {

    private final ChartExportService exports;
    private final ExporterService exporters;
    private final LiveUpdates liveUpdates;

    CopyToChart(ChartExportService exports, ExporterService exporters, LiveUpdates liveUpdates) {
        this.exports = exports;
        this.exporters = exporters;
        this.liveUpdates = liveUpdates;
    }

    /** The selection, toolbar and "In chart" lines for one opened conversation. */
    public ChartActions actionsFor(StaffMember me, long conversationId) {
        return new ChartActions(exports, exporters, liveUpdates, me, conversationId);
    }
}
