package org.parley.chart;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExporterDescriptor;
import org.parley.provider.PluginSettings;
import org.parley.provider.ProviderRegistry;
import org.parley.security.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The chart exporters admins configure (several, one of them the default), and the choice staff get. */
@Service
public class ExporterService {

    private static final Logger log = LoggerFactory.getLogger(ExporterService.class);

    private final ExporterRepository exporters;
    private final ProviderRegistry plugins;
    private final ExporterGateway gateway;
    private final AuditLog audit;
    private final Clock clock;

    ExporterService(ExporterRepository exporters, ProviderRegistry plugins, ExporterGateway gateway, AuditLog audit,
                    Clock clock) {
        this.exporters = exporters;
        this.plugins = plugins;
        this.gateway = gateway;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every configured exporter, by id, settings included (admins only). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ConfiguredExporter> all() {
        return exporters.findAllByOrderByIdAsc().stream().map(Exporter::snapshot).toList();
    }

    /** The chart exporters the loaded plugins offer, to configure one (admins only). */
    @PreAuthorize("hasRole('ADMIN')")
    public List<ExporterDescriptor> descriptors() {
        return plugins.exporters().stream().map(ChartExporter::descriptor).toList();
    }

    /** The descriptor of a chart exporter plugin, when it is loaded. */
    public Optional<ExporterDescriptor> descriptor(String pluginId) {
        return plugins.exporter(pluginId).map(ChartExporter::descriptor);
    }

    /** Where staff can send: the enabled exporters, the default first, then by name. */
    @Transactional(readOnly = true)
    public List<ExporterChoice> choices() {
        return exporters.findAllByOrderByIdAsc().stream().filter(Exporter::isEnabled)
                .map(e -> new ExporterChoice(e.getId(), e.getDisplayName(), e.isDefault()))
                .sorted(Comparator.comparing((ExporterChoice c) -> !c.isDefault()).thenComparing(ExporterChoice::name))
                .toList();
    }

    /** The names staff see, by configured exporter id (disabled ones too: old exports name them). */
    @Transactional(readOnly = true)
    public Map<String, String> names() {
        return exporters.findAll().stream().collect(Collectors.toMap(Exporter::getId,
                Exporter::getDisplayName));
    }

    /**
     * Creates or changes a configured exporter (admins only). Blank secrets keep their stored value; marking one the
     * default makes it the only default.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ConfiguredExporter save(StaffMember actor, ConfiguredExporter changed) {
        if (changed.id() == null || !changed.id().matches("[a-z0-9]+(-[a-z0-9]+)*") || changed.id().length() > 40) {
            throw new IllegalArgumentException(
                    "An exporter id has up to 40 lower-case letters and digits in words joined by dashes, e.g. ehr "
                            + "or main-ehr.");
        }
        if (changed.pluginId() == null || changed.pluginId().isBlank()) {
            throw new IllegalArgumentException("Choose the chart exporter plugin that serves it.");
        }
        if (changed.isDefault() && !changed.enabled()) {
            throw new IllegalArgumentException("A disabled exporter cannot be the default.");
        }
        Exporter exporter = exporters.findById(changed.id()).orElse(null);
        Map<String, String> stored = exporter == null || !exporter.getPluginId().equals(changed.pluginId())
                ? Map.of() : exporter.getSettings();
        Optional<ExporterDescriptor> descriptor = descriptor(changed.pluginId());
        if (descriptor.isEmpty()) {
            log.warn("Chart exporter '{}' names plugin '{}', which no loaded plugin offers", changed.id(),
                    changed.pluginId());
        }
        Map<String, String> settings = PluginSettings.completed(
                descriptor.map(ExporterDescriptor::properties).orElse(null), changed.settings(), stored);
        String name = changed.name() == null || changed.name().isBlank() ? changed.id() : changed.name().strip();
        if (name.length() > 200) {
            throw new IllegalArgumentException("A name has at most 200 characters.");
        }
        TypedText.requireLine(name, "exporter's name");
        if (exporter == null) {
            exporter = new Exporter(changed.id(), clock.instant());
        }
        boolean becomesDefault = changed.isDefault() && !exporter.isDefault();
        if (changed.isDefault()) {
            exporters.findByIsDefaultTrue().stream().filter(other -> !other.getId().equals(changed.id()))
                    .forEach(Exporter::notDefault);
        }
        exporter.update(new ConfiguredExporter(changed.id(), changed.pluginId(), name, settings,
                changed.isDefault(), changed.enabled()));
        exporters.save(exporter);
        audit.record(actor.username(), AuditAction.CHART_EXPORTER_SAVED, "chart_exporter", changed.id(),
                "plugin " + changed.pluginId() + (changed.enabled() ? "" : ", disabled"));
        if (becomesDefault) {
            audit.record(actor.username(), AuditAction.CHART_EXPORTER_DEFAULT, "chart_exporter", changed.id(), null);
        }
        return exporter.snapshot();
    }

    /** Asks the exporter's plugin whether the saved settings work, for the admin's "Test connection" (admins only). */
    @PreAuthorize("hasRole('ADMIN')")
    public ConnectionCheck testConnection(String exporterId) {
        return gateway.testConnection(exporterId);
    }
}
