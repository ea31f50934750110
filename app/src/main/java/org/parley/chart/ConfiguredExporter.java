package org.parley.chart;

import java.util.Map;

/**
 * A chart exporter as admins configure it.
 *
 * @param id        chosen by the admin, kebab-case, e.g. {@code ehr}; exports name it
 * @param pluginId  the {@link org.parley.plugin.ExporterDescriptor#id() id} of the chart exporter plugin serving it,
 *                  e.g. {@code fhir-export}
 * @param name      what staff see when they choose where to send, e.g. "EHR (FHIR)"
 * @param settings  the plugin's settings, secrets included: never show or log them
 * @param isDefault whether the copy-to-chart dialog preselects it (one exporter at most)
 * @param enabled   whether staff can send to it
 */
public record ConfiguredExporter(String id, String pluginId, String name, Map<String, String> settings,
                                 boolean isDefault, boolean enabled) {

    /** Copies the settings. */
    public ConfiguredExporter {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "ConfiguredExporter[" + id + ", plugin " + pluginId + "]";
    }
}
