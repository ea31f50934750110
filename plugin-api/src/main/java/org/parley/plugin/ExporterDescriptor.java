package org.parley.plugin;

import java.util.List;
import java.util.Objects;

/**
 * Describes a {@link ChartExporter}, separately from any configured instance, so that the admin UI can offer it
 * and draw its settings form without exporter-specific code.
 *
 * @param id         kebab-case and stable, e.g. {@code fhir-export}; stored with each configured exporter
 * @param name       what admins and staff see, e.g. "FHIR R4 (EHR)"
 * @param helpText   a sentence or two for the admin: what the exporter writes where
 * @param properties the settings a configured exporter needs, in form order
 * @since 1.2.0
 */
public record ExporterDescriptor(String id, String name, String helpText, List<ConfigProperty> properties) {

    /** Checks the id is kebab-case and copies the list. */
    public ExporterDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("exporter id must be kebab-case: " + id);
        }
        Objects.requireNonNull(name, "name");
        helpText = helpText == null ? "" : helpText;
        properties = List.copyOf(properties);
    }
}
