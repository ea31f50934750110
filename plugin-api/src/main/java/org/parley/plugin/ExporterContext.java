package org.parley.plugin;

import java.time.ZoneId;

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

    /**
     * The practice's time zone, for times written into a document. A host older than this method answers the
     * server's zone.
     *
     * @since 1.3.0
     */
    default ZoneId practiceTimeZone() {
        return ZoneId.systemDefault();
    }

    /** The settings the admin entered for the properties of the {@link ExporterDescriptor}. */
    Settings settings();
}
