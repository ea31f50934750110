package org.parley.chart;

import org.parley.plugin.ExportPreview;

/**
 * An export as it will be sent: the request to send, and what the exporter makes of it.
 *
 * @param request the request, with its export id and time fixed; send exactly this
 * @param preview exactly what the exporter would send
 */
public record PreviewedExport(ExportRequest request, ExportPreview preview) {
}
