package org.parley.chart;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.parley.encryption.EncryptedText;

/**
 * A chart exporter an admin configured: a {@link org.parley.plugin.ChartExporter} plugin with the settings for one
 * EHR. Its id (chosen by the admin) is what exports name.
 */
@Entity
@Table(name = "chart_exporter")
class Exporter {

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "plugin_id", nullable = false)
    private String pluginId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    /** In a table of their own, like a line's, so that encryption at rest can convert the value column alone. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "chart_exporter_setting", joinColumns = @JoinColumn(name = "exporter_id"))
    @MapKeyColumn(name = "name")
    @Convert(converter = Exporter.EncryptedSettingValue.class, attributeName = "value")
    @Column(name = "setting_value", nullable = false)
    private Map<String, String> settings = new HashMap<>();

    @Column(name = "is_default", nullable = false)
    private boolean isDefault;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version")
    private long version;

    protected Exporter() {
    }

    Exporter(String id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    String getId() {
        return id;
    }

    String getPluginId() {
        return pluginId;
    }

    String getDisplayName() {
        return displayName;
    }

    boolean isDefault() {
        return isDefault;
    }

    boolean isEnabled() {
        return enabled;
    }

    Map<String, String> getSettings() {
        return Map.copyOf(settings);
    }

    void update(ConfiguredExporter exporter) {
        this.pluginId = exporter.pluginId();
        this.displayName = exporter.name();
        this.settings.clear();
        this.settings.putAll(exporter.settings());
        this.isDefault = exporter.isDefault();
        this.enabled = exporter.enabled();
    }

    void notDefault() {
        this.isDefault = false;
    }

    ConfiguredExporter snapshot() {
        return new ConfiguredExporter(id, pluginId, displayName, Map.copyOf(settings), isDefault, enabled);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exporter other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    /** chart_exporter_setting.setting_value, encrypted bound to its table and column. */
    @Converter
    static class EncryptedSettingValue extends EncryptedText {
        EncryptedSettingValue() {
            super("chart_exporter_setting", "setting_value");
        }
    }
}
