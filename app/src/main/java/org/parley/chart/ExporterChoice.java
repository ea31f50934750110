package org.parley.chart;

/**
 * A configured exporter as staff choose it in the copy-to-chart dialog: no settings.
 *
 * @param id        the configured exporter's id
 * @param name      its name
 * @param isDefault whether it is preselected
 */
public record ExporterChoice(String id, String name, boolean isDefault) {
}
