package org.parley.chart;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.Settings;
import org.parley.practice.PracticeProfiles;
import org.parley.provider.PluginSettings;
import org.parley.provider.ProviderRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The only caller of chart exporter plugins: finds the configured exporter and its plugin, builds the
 * {@link ExporterContext}, and turns whatever a plugin throws into an answer that names no patient. Logs ids and
 * exception classes only: an export is full of PHI, and so may be an exception's message.
 */
@Component
class ExporterGateway {

    private static final Logger log = LoggerFactory.getLogger(ExporterGateway.class);

    private final ExporterRepository exporters;
    private final ProviderRegistry plugins;
    private final PracticeProfiles practice;

    ExporterGateway(ExporterRepository exporters, ProviderRegistry plugins,
                    PracticeProfiles practice) {
        this.exporters = exporters;
        this.plugins = plugins;
        this.practice = practice;
    }

    /** The practice's time zone, for times written into chart text. */
    ZoneId practiceTimeZone() {
        return practice.timeZone();
    }

    /** A configured exporter with its plugin, ready to call. */
    private record Ready(ChartExporter plugin, ExporterContext context) {
    }

    /** The plugin and context of an enabled configured exporter, or why there is none. */
    private Ready ready(String exporterId) {
        return ready(exporterId, true);
    }

    private Ready ready(String exporterId, boolean mustBeEnabled) {
        Exporter exporter = exporters.findById(exporterId).orElseThrow(() ->
                new IllegalStateException("The chart exporter '" + exporterId + "' no longer exists."));
        if (mustBeEnabled && !exporter.isEnabled()) {
            throw new IllegalStateException("The chart exporter '" + exporter.getDisplayName() + "' is disabled.");
        }
        ChartExporter plugin = plugins.exporter(exporter.getPluginId()).orElseThrow(() ->
                new IllegalStateException("The chart exporter plugin '" + exporter.getPluginId() + "' is not loaded."));
        List<ConfigProperty> properties = plugin.descriptor().properties();
        Map<String, String> stored = exporter.getSettings();
        Settings settings = new Settings() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(PluginSettings.valueOrDefault(properties, stored, name));
            }

            @Override
            public Set<String> names() {
                return stored.keySet();
            }
        };
        String id = exporter.getId();
        ExporterContext context = new ExporterContext() {
            @Override
            public String exporterId() {
                return id;
            }

            @Override
            public String practiceName() {
                return practice.name();
            }

            @Override
            public ZoneId practiceTimeZone() {
                return practice.timeZone();
            }

            @Override
            public Settings settings() {
                return settings;
            }
        };
        return new Ready(plugin, context);
    }

    /**
     * The exporter's objection to this export, if it has one.
     *
     * @throws IllegalStateException when the exporter cannot be called (disabled, plugin not loaded, plugin failed)
     */
    Optional<String> check(String exporterId, ChartExport export) {
        Ready ready = ready(exporterId);
        try {
            return ready.plugin().checkBeforeSending(ready.context(), export);
        } catch (RuntimeException | LinkageError e) {
            throw failed("checking an export", exporterId, e);
        }
    }

    /**
     * What the exporter would send.
     *
     * @throws IllegalStateException when the exporter cannot be called or fails
     */
    ExportPreview preview(String exporterId, ChartExport export) {
        Ready ready = ready(exporterId);
        try {
            ExportPreview preview = ready.plugin().preview(ready.context(), export);
            if (preview == null) {
                throw new IllegalStateException("no preview");
            }
            return preview;
        } catch (RuntimeException | LinkageError e) {
            throw failed("making a preview", exporterId, e);
        }
    }

    /**
     * Sends an export. Never throws: an exporter that cannot be called (disabled, plugin not loaded) is a retryable
     * failure, so enabling or installing it lets the export go out; an unexpected exception is retryable with a
     * generic reason.
     */
    ExportResult export(String exporterId, ChartExport export) {
        Ready ready;
        try {
            ready = ready(exporterId);
        } catch (IllegalStateException e) {
            return ExportResult.retryableFailure(e.getMessage());
        }
        try {
            ExportResult result = ready.plugin().export(ready.context(), export);
            return result == null ? ExportResult.retryableFailure("The exporter plugin gave no answer.") : result;
        } catch (RuntimeException | LinkageError e) {
            log.warn("Chart exporter '{}' failed exporting {}: {}", exporterId, export.exportId(),
                    e.getClass().getName());
            return ExportResult.retryableFailure("The exporter plugin failed unexpectedly ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    /** Asks the exporter whether its settings work; also a disabled one, so admins can test before enabling it. */
    ConnectionCheck testConnection(String exporterId) {
        Ready ready;
        try {
            ready = ready(exporterId, false);
        } catch (IllegalStateException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
        try {
            return ready.plugin().testConnection(ready.context());
        } catch (RuntimeException | LinkageError e) {
            log.warn("Chart exporter '{}' failed testing its connection: {}", exporterId, e.getClass().getName());
            return ConnectionCheck.failed("The exporter plugin failed: " + e.getClass().getSimpleName());
        }
    }

    private static IllegalStateException failed(String doing, String exporterId, Throwable e) {
        log.warn("Chart exporter '{}' failed {}: {}", exporterId, doing, e.getClass().getName());
        return new IllegalStateException("The exporter plugin failed " + doing + " (" + e.getClass().getSimpleName()
                + "): try again, or ask an admin to check it.");
    }
}
