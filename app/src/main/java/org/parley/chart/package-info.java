/**
 * Copy to chart: staff put selected messages of a patient's conversation into the patient's medical record (the
 * EHR) through a {@link org.parley.plugin.ChartExporter} plugin, or onto the clipboard as chart-ready text.
 *
 * <p>Public: {@link org.parley.chart.ExporterService} (the exporters an admin configured, each a plugin with its
 * settings), {@link org.parley.chart.ChartExportService} (preview, queue, retry, what each message's exports are,
 * copy for chart), the records they take and answer, and the events {@link org.parley.chart.ChartExportQueued},
 * {@link org.parley.chart.ChartExported} and {@link org.parley.chart.ChartExportFailed} (all
 * {@link org.parley.chart.ChartExportChanged}, pushed to open conversations). An export is stored before any
 * exporter sees it and sent by one background worker that retries a retryable failure with back-off, so an EHR
 * that is down never loses one. Every export is in the audit log (ids and counts, never PHI).
 */
package org.parley.chart;
