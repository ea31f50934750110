package org.parley.plugin;

/**
 * What a {@link ChartExporter} gets to know about the configured exporter it serves.
 *
 * @since 1.2.0
 */
public interface ExporterContext {

    /** The configured exporter's id (chosen by the admin, e.g. {@code ehr}), not the plugin's id. */
    String exporterId();

    /** The practice's name, e.g. for a document's title or an HL7 sending facility. */
    String practiceName();

    /** The settings the admin entered for the properties of the {@link ExporterDescriptor}. */
    Settings settings();
}
